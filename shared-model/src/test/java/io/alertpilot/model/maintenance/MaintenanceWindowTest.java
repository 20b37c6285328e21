package io.alertpilot.model.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.Target;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.maintenance.Recurrence.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final Target SHOP = new Target("prod", "shop", "Deployment", "checkout", null, null, null, null, null);
    private static final Target PAY = new Target("prod", "payments", "Deployment", "api", null, null, null, null, null);

    private static MaintenanceWindow window(List<WindowMatcher> matchers, Instant endsAt, Recurrence recurrence) {
        return new MaintenanceWindow("w1", matchers, T0, endsAt, recurrence, false, true, "upgrade", "alice", T0,
                null, null);
    }

    @Test
    void coversByTargetFieldOrLabelWithAlertmanagerSemantics() {
        MaintenanceWindow shop = window(List.of(WindowMatcher.equal("namespace", "shop")), null, null);
        assertThat(shop.covers(Map.of(), SHOP)).isTrue();
        assertThat(shop.covers(Map.of(), PAY)).isFalse();
        assertThat(shop.covers(Map.of("namespace", "shop"), Target.NONE)).isTrue();

        MaintenanceWindow notCritical = window(List.of(new WindowMatcher("severity", "crit.*", true, false),
                new WindowMatcher("alertname", "KubePod.*", true, null)), null, null);
        assertThat(notCritical.covers(Map.of("alertname", "KubePodCrashLooping", "severity", "warning"), SHOP)).isTrue();
        assertThat(notCritical.covers(Map.of("alertname", "KubePodCrashLooping", "severity", "critical"), SHOP))
                .isFalse();
        // anchored: a partial match is no match
        assertThat(notCritical.covers(Map.of("alertname", "XKubePod", "severity", "warning"), SHOP)).isFalse();
    }

    @Test
    void aPauseHasNoMatchersAndNoEndAndCoversEverything() {
        MaintenanceWindow pause = window(List.of(), null, null);
        assertThat(pause.pause()).isTrue();
        assertThat(pause.covers(Map.of("anything", "x"), PAY)).isTrue();
        assertThat(pause.state(T0.plusSeconds(86_400 * 365))).isEqualTo(WindowState.ACTIVE);
    }

    @Test
    void isScheduledBeforeItsStartActiveUntilItsEndAndExpiredAfterOrOnceEnded() {
        MaintenanceWindow hour = window(List.of(), T0.plusSeconds(3600), null);
        assertThat(hour.state(T0.minusSeconds(1))).isEqualTo(WindowState.SCHEDULED);
        assertThat(hour.state(T0)).isEqualTo(WindowState.ACTIVE);
        assertThat(hour.state(T0.plusSeconds(3600))).isEqualTo(WindowState.EXPIRED);

        MaintenanceWindow ended = hour.end("bob", T0.plusSeconds(60));
        assertThat(ended.endedBy()).isEqualTo("bob");
        assertThat(ended.activeAt(T0.plusSeconds(59))).isTrue();
        assertThat(ended.state(T0.plusSeconds(60))).isEqualTo(WindowState.EXPIRED);
    }

    @Test
    void aRecurringWindowIsActiveOnlyAtItsTimesAndScheduledBetweenThem() {
        MaintenanceWindow nightly = window(List.of(), null,
                new Recurrence(List.of(), List.of(new TimeRange("22:00", "23:00")), "UTC"));
        assertThat(nightly.state(Instant.parse("2026-11-30T22:15:00Z"))).isEqualTo(WindowState.ACTIVE);
        assertThat(nightly.state(Instant.parse("2026-11-30T23:15:00Z"))).isEqualTo(WindowState.SCHEDULED);
    }

    @Test
    void refusesAnEndBeforeItsStartAndABadRegexNamingTheField() {
        assertThatThrownBy(() -> window(List.of(), T0.minusSeconds(1), null))
                .isInstanceOfSatisfying(InvalidWindowException.class, e -> assertThat(e.field()).isEqualTo("endsAt"));
        assertThatThrownBy(() -> new WindowMatcher("pod", "(", true, true))
                .isInstanceOfSatisfying(InvalidWindowException.class, e -> assertThat(e.field()).isEqualTo("value"));
    }

    @Test
    void readsTheAlertmanagerJsonShapeWithItsDefaults() {
        WindowDraft draft = WindowDraft.read("""
                {"matchers": [{"name": "namespace", "value": "shop", "isRegex": false}],
                 "endsAt": "2026-11-30T10:00:00Z",
                 "recurrence": {"weekdays": ["monday:friday"], "times": [{"start_time": "22:00", "end_time": "23:30"}],
                                "location": "Europe/Berlin"},
                 "reason": "upgrade"}""");
        MaintenanceWindow window = draft.toWindow("w2", "alice", T0);
        assertThat(window.automation()).isFalse();
        assertThat(window.paging()).isTrue();
        assertThat(window.startsAt()).isEqualTo(T0);
        assertThat(window.matchers().getFirst().isEqual()).isTrue();
        assertThat(window.recurrence().times().getFirst().endTime()).isEqualTo("23:30");

        MaintenanceWindow back = Json.read(Json.write(window), MaintenanceWindow.class);
        assertThat(back).isEqualTo(window);
        assertThat(Json.writeString(window)).contains("\"isRegex\":false", "\"start_time\":\"22:00\"");
    }
}
