package io.alertpilot.remediation.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowDraft;
import io.alertpilot.model.maintenance.WindowState;
import io.alertpilot.readmodel.ListAnswer;
import io.alertpilot.remediation.decide.LedgerKey;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.support.kafka.CompactedTopicReader;
import io.alertpilot.support.kafka.KafkaClientSettings;
import io.alertpilot.support.maintenance.KafkaMaintenanceWindows;
import io.alertpilot.support.maintenance.MaintenanceProperties;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Maintenance windows and pause: create, list, read, end, and preview a draft. The windows live on a compacted
 * topic, so every replica answers alike and applies a change within a second. Who created or ended a window is the
 * authenticated caller ({@code api} when authentication is off), never a field of the body: a body naming one
 * ({@code "by"}), or any other unknown field, is refused (see {@link WindowDraft#read}).
 */
@RestController
@RequestMapping("/api/v1/maintenance-windows")
class MaintenanceWindowController {

    /** Who acts when no one is authenticated (authentication off). */
    static final String ANONYMOUS = "api";
    private static final Duration INCIDENT_READ_TIMEOUT = Duration.ofSeconds(10);

    /** A window with where it stands now. */
    record WindowView(@JsonUnwrapped MaintenanceWindow window, WindowState state) {
    }


    /** An operation on a window that does not exist. */
    static final class UnknownWindowException extends RuntimeException {
        UnknownWindowException(String id) {
            super("there is no maintenance window " + id);
        }
    }

    private final KafkaMaintenanceWindows windows;
    private final PlaybookLibrary playbooks;
    private final Ledger ledger;
    private final KafkaClientSettings kafka;
    private final MaintenanceProperties properties;
    private final Clock clock;

    MaintenanceWindowController(KafkaMaintenanceWindows maintenanceWindows, PlaybookLibrary remediationPlaybookLibrary,
            Ledger remediationLedger, KafkaClientSettings kafkaClientSettings, MaintenanceProperties properties,
            Clock clock) {
        this.windows = maintenanceWindows;
        this.playbooks = remediationPlaybookLibrary;
        this.ledger = remediationLedger;
        this.kafka = kafkaClientSettings;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    WindowView create(@RequestBody(required = false) String body, Principal principal) {
        WindowDraft draft = WindowDraft.read(body);
        Instant now = clock.instant();
        return view(windows.create(draft.toWindow(UUID.randomUUID().toString(), caller(principal), now)), now);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ListAnswer<WindowView> list() {
        Instant now = clock.instant();
        List<WindowView> items = windows.all().stream()
                .sorted(Comparator.comparing(MaintenanceWindow::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .reversed())
                .map(w -> view(w, now)).toList();
        return new ListAnswer<>(items, items.size());
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    WindowView get(@PathVariable String id) {
        return view(windows.find(id).orElseThrow(() -> new UnknownWindowException(id)), clock.instant());
    }

    /**
     * Ends the window now, with the {@code reason} of the query or of the body ({@code {"reason": "..."}}), recorded
     * as {@code endedReason} and on the ENDED event; a window that was over already is answered as it is.
     */
    @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    WindowView end(@PathVariable String id, @RequestParam(required = false) String reason,
            @RequestBody(required = false) String body, Principal principal) {
        String why = EndReason.of(reason, body);
        Instant now = clock.instant();
        return view(windows.end(id, caller(principal), now, why).orElseThrow(() -> new UnknownWindowException(id)),
                now);
    }

    /** What a draft would affect: loaded playbooks, known targets, open incidents. Changes nothing. */
    @PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    WindowPreview preview(@RequestBody(required = false) String body, Principal principal) {
        WindowDraft draft = WindowDraft.read(body);
        Instant now = clock.instant();
        MaintenanceWindow window = draft.toWindow("preview", caller(principal), now);
        List<Incident> incidents = List.copyOf(CompactedTopicReader.readOnce(kafka, properties.incidentsTopic(),
                Incident.class, INCIDENT_READ_TIMEOUT));
        return WindowPreview.of(window, window.state(now), playbooks.current().playbooks(),
                ledger.all().stream().map(LedgerEntry::targetKey).filter(LedgerKey::namesTarget).toList(), incidents);
    }

    private static WindowView view(MaintenanceWindow window, Instant now) {
        return new WindowView(window, window.state(now));
    }

    private static String caller(Principal principal) {
        return principal == null || principal.getName() == null ? ANONYMOUS : principal.getName();
    }
}
