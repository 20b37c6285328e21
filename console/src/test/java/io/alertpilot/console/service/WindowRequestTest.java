package io.alertpilot.console.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowRequestTest {

    @Test
    void readsOneMatcherPerLineInAlertmanagersNotation() {
        WindowRequest request = WindowRequest.of("namespace=\"shop\"\r\n\n alertname =~ \"Pod.*\"\nteam!=\"db\"\n"
                + "pod!~\"canary-.*\"\nsummary=\"say \\\"hi\\\"\"", "", "2030-01-01T00:00:00Z", false, true, " ");
        assertThat(request.matchers()).containsExactly(
                Map.of("name", "namespace", "value", "shop", "isRegex", false, "isEqual", true),
                Map.of("name", "alertname", "value", "Pod.*", "isRegex", true, "isEqual", true),
                Map.of("name", "team", "value", "db", "isRegex", false, "isEqual", false),
                Map.of("name", "pod", "value", "canary-.*", "isRegex", true, "isEqual", false),
                Map.of("name", "summary", "value", "say \"hi\"", "isRegex", false, "isEqual", true));
        assertThat(request.startsAt()).isNull();
        assertThat(request.endsAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(request.reason()).isNull();
        assertThat(request.body()).containsOnlyKeys("matchers", "endsAt", "automation", "paging");
    }

    @Test
    void noMatchersIsEveryAlert() {
        assertThat(WindowRequest.of("", null, null, true, false, "freeze").body()).isEqualTo(Map.of(
                "matchers", List.of(), "automation", true, "paging", false, "reason", "freeze"));
    }

    @Test
    void namesTheFieldItCannotRead() {
        assertThatThrownBy(() -> WindowRequest.of("namespace=\"shop\"\nteam=db", null, null, false, true, null))
                .isInstanceOfSatisfying(InvalidWindowFormException.class, e -> {
                    assertThat(e.field()).isEqualTo("matchers");
                    assertThat(e.getMessage()).contains("line 2");
                });
        assertThatThrownBy(() -> WindowRequest.of("", "tomorrow", null, false, true, null))
                .isInstanceOfSatisfying(InvalidWindowFormException.class,
                        e -> assertThat(e.field()).isEqualTo("startsAt"));
    }
}
