package io.alertpilot.remediation.action;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.playbook.ActionSpec;
import io.alertpilot.remediation.playbook.WebhookParams;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Renders a webhook action from an alert: the body with every value JSON-escaped when the body is JSON (the default
 * Content-Type), each header value checked to be printable ASCII after substitution (a label cannot add a header
 * line), the URL and token file literal. Stateless and thread safe.
 */
final class WebhookRendering {

    /** The reason of a plan whose header value holds a line break or another character a header may not hold. */
    static final String INVALID_HEADER = "invalid-header";

    private static final UnaryOperator<String> JSON_STRING = WebhookRendering::jsonEscaped;

    private WebhookRendering() {
    }

    /**
     * The webhook of {@code spec} for {@code alert}.
     *
     * @param field the action's playbook field ({@code actions[0].webhook}), for messages
     * @throws TemplateException when a referenced value is missing, or a header value is not printable ASCII
     */
    static Action.Webhook render(ActionSpec spec, AlertEvent alert, Templates templates, String field) {
        Map<String, String> headers = new TreeMap<>();
        String contentType = null;
        for (Map.Entry<String, String> header : spec.headers().entrySet()) {
            String name = header.getKey();
            String value = templates.substitute(header.getValue(), alert, field + ".headers." + name);
            if (!WebhookParams.printable(value)) {
                throw new TemplateException(INVALID_HEADER, field + ".headers." + name, "header " + name + " is '"
                        + Templates.printable(value) + "' after substitution: a header value may hold printable "
                        + "ASCII only (no line breaks or control characters)");
            }
            headers.put(name, value);
            if (name.toLowerCase(Locale.ROOT).equals("content-type")) {
                contentType = value;
            }
        }
        String body = spec.param("body") == null ? null : templates.substitute(spec.param("body"), alert,
                field + ".body", WebhookParams.isJson(contentType) ? JSON_STRING : UnaryOperator.identity());
        return new Action.Webhook(URI.create(spec.param("url")), spec.param("method"), body, headers,
                spec.param("tokenFile"));
    }

    /** {@code value} as the inside of a JSON string: quotes, backslashes and control characters escaped. */
    static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        JsonStringEncoder.getInstance().quoteAsString(value, out);
        return out.toString();
    }
}
