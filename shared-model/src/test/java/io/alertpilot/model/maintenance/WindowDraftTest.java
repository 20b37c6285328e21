package io.alertpilot.model.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowDraftTest {

    @Test
    void readsAWholeDraft() {
        WindowDraft draft = WindowDraft.read("""
                {"matchers": [{"name": "namespace", "value": "shop", "isRegex": false, "isEqual": true}],
                 "startsAt": "2030-01-01T00:00:00Z", "endsAt": "2030-01-01T02:00:00Z",
                 "recurrence": {"weekdays": ["saturday"], "times": [{"start_time": "01:00", "end_time": "03:00"}],
                                "location": "Europe/Berlin"},
                 "automation": false, "paging": true, "reason": "upgrade"}""");
        assertThat(draft.matchers()).containsExactly(WindowMatcher.equal("namespace", "shop"));
        assertThat(draft.endsAt()).isEqualTo(Instant.parse("2030-01-01T02:00:00Z"));
        assertThat(draft.recurrence().location()).isEqualTo("Europe/Berlin");
        assertThat(WindowDraft.read("").matchers()).isNull();
    }

    @Test
    void refusesUnknownFieldsThatWouldWidenTheWindowNamingThem() {
        Map<String, String> refused = Map.of(
                "{\"matcher\": [{\"name\": \"namespace\", \"value\": \"shop\"}]}", "matcher",
                "{\"ends_at\": \"2030-01-01T00:00:00Z\"}", "ends_at",
                "{\"reason\": \"x\", \"by\": \"mallory\"}", "by",
                "{\"matchers\": [{\"name\": \"namespace\", \"vaule\": \"shop\"}]}", "matchers[0].vaule",
                "{\"recurrence\": {\"days_of_month\": [\"1:7\"]}}", "recurrence.days_of_month",
                "{\"recurrence\": {\"months\": [\"may\"]}}", "recurrence.months",
                "{\"recurrence\": {\"years\": [\"2030\"]}}", "recurrence.years",
                "{\"recurrence\": {\"times\": [{\"start_time\": \"01:00\", \"end_time\": \"02:00\", \"x\": 1}]}}",
                "recurrence.times[0].x");
        refused.forEach((body, field) -> assertThat(refusal(body).field()).as(body).isEqualTo(field));
        assertThat(refusal("{\"matcher\": []}").getMessage()).contains("unknown field");
    }

    @Test
    void refusesBlankStringsInsteadOfReadingThemAsLeftOut() {
        Map<String, String> refused = Map.of(
                "{\"endsAt\": \"\"}", "endsAt",
                "{\"startsAt\": \"  \"}", "startsAt",
                "{\"reason\": \" \"}", "reason",
                "{\"recurrence\": {\"location\": \"\"}}", "recurrence.location");
        refused.forEach((body, field) -> assertThat(refusal(body).field()).as(body).isEqualTo(field));
    }

    @Test
    void namesTheFieldAWindowPartRefusesAndTheTypeErrors() {
        assertThat(refusal("{\"recurrence\": {\"weekdays\": [\"funday\"]}}").field())
                .isEqualTo("recurrence.weekdays[0]");
        assertThat(refusal("{\"matchers\": [{\"name\": \"pod\", \"value\": \"(\", \"isRegex\": true}]}").field())
                .isEqualTo("matchers[0].value");
        assertThat(refusal("{\"startsAt\": \"tomorrow\"}").field()).isEqualTo("startsAt");
        assertThat(refusal("{not json").field()).isNull();
    }

    private static InvalidWindowException refusal(String body) {
        InvalidWindowException e = catchThrowableOfType(InvalidWindowException.class, () -> WindowDraft.read(body));
        assertThat(e).as(body).isNotNull();
        return e;
    }
}
