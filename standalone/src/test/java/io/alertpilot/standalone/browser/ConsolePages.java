package io.alertpilot.standalone.browser;

import io.alertpilot.standalone.browser.ConsoleFixtures.Operator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console as an operator uses it in a {@link Browser}: log in, wait for the live stream, open a page again until it shows
 * something (pages that are not live show a change on the next load), read table rows, and send requests from the
 * page's own session the way a script in the page could.
 */
final class ConsolePages {

    /** What a request sent from the page answered. */
    record Answer(int status, String body) {
    }

    private final Browser browser;

    ConsolePages(Browser browser) {
        this.browser = browser;
    }

    /** Logs in as {@code operator} with their token, in a fresh session, and waits for the first page. */
    void logIn(Operator operator) {
        browser.open("/login");
        browser.forgetCookies();
        browser.open("/login");
        browser.type("#token", operator.token());
        browser.click("#login-submit");
        Awaitility.await(operator.name() + " is logged in").atMost(Browser.WAIT).ignoreExceptions()
                .until(() -> operator.name().equals(browser.text("#current-user")));
    }

    /**
     * Waits until the page's live event stream (htmx's SSE extension on the element with {@code sse-connect}) is
     * open, so that a change from now on reaches the page.
     */
    void awaitLiveStream() {
        Awaitility.await("the page's event stream is open").atMost(Browser.WAIT).until(() -> Boolean.TRUE.equals(
                browser.script("""
                        const element = document.querySelector('[sse-connect]');
                        const data = element && element['htmx-internal-data'];
                        return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1);
                        """)));
    }

    /** Opens {@code path} again and again until {@code css} selects something; answers the first match. */
    WebElement awaitOnPage(String path, String css) {
        return awaitOnPage(path, css, element -> true);
    }

    /** Opens {@code path} again and again until an element {@code css} selects satisfies {@code condition}. */
    WebElement awaitOnPage(String path, String css, Predicate<WebElement> condition) {
        return Awaitility.await(path + " shows " + css).atMost(Browser.WAIT).ignoreExceptions()
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    browser.open(path);
                    return browser.all(css).stream().filter(condition).findFirst().orElse(null);
                }, element -> element != null);
    }

    /** The text of the cell {@code cellCss} in each element {@code rowCss} selects, row by row. */
    List<Map<String, String>> rows(String rowCss, String... cellCss) {
        return browser.all(rowCss).stream().map(row -> {
            Map<String, String> cells = new LinkedHashMap<>();
            cells.put("data-id", String.valueOf(row.getAttribute("data-id")));
            for (String css : cellCss) {
                List<WebElement> cell = row.findElements(By.cssSelector(css));
                cells.put(css, cell.isEmpty() ? null : cell.getFirst().getText().strip());
            }
            return cells;
        }).toList();
    }

    /** The text of {@code css} inside {@code element}, or null when there is none. */
    static String cell(WebElement element, String css) {
        List<WebElement> cells = element.findElements(By.cssSelector(css));
        return cells.isEmpty() ? null : cells.getFirst().getText().strip();
    }

    /**
     * Sends {@code method path} from the page shown, with the session cookie and, when {@code withCsrf}, the page's
     * CSRF token (from its {@code _csrf} and {@code _csrf_header} meta tags); a redirect is answered as 302, not
     * followed.
     */
    Answer send(String method, String path, boolean withCsrf) {
        Object answer = browser.asyncScript("""
                const [method, path, withCsrf] = arguments;
                const headers = {};
                if (withCsrf) {
                  headers[document.querySelector('meta[name="_csrf_header"]').content] =
                      document.querySelector('meta[name="_csrf"]').content;
                }
                return fetch(path, {method: method, headers: headers, credentials: 'same-origin', redirect: 'manual'})
                    .then(r => r.text().then(t => (r.type === 'opaqueredirect' ? 302 : r.status) + '\\n' + t));
                """, method, path, withCsrf);
        String text = String.valueOf(answer);
        int newline = text.indexOf('\n');
        if (newline < 0) {
            throw new IllegalStateException(method + " " + path + " from the page failed: " + text);
        }
        return new Answer(Integer.parseInt(text.substring(0, newline)), text.substring(newline + 1));
    }
}
