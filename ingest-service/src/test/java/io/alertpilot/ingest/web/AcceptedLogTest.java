package io.alertpilot.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.fixtures.Alerts;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AcceptedLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(WebhookController.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AcceptedLog log = new AcceptedLog();

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void aRequestAfterAQuietSpellGetsItsOwnLineAndABurstIsSummedIntoOneLinePerSource() {
        List<AlertEvent> request = List.of(Alerts.firing("A").build(), Alerts.firing("B").build(),
                Alerts.resolved("C").build());

        log.accepted(AlertSource.ALERTMANAGER, request);
        assertThat(messages()).containsExactly("Accepted 3 alert(s) from alertmanager: 2 firing, 1 resolved");

        for (int i = 0; i < 100; i++) {
            log.accepted(AlertSource.ALERTMANAGER, request);
        }
        log.accepted(AlertSource.GENERIC, List.of(Alerts.firing("D").build()));
        assertThat(messages()).as("the burst waits for the summary; another source has its own first line")
                .containsExactly("Accepted 3 alert(s) from alertmanager: 2 firing, 1 resolved",
                        "Accepted 1 alert(s) from generic: 1 firing, 0 resolved");

        log.flush();
        assertThat(messages()).last().isEqualTo(
                "Accepted 300 alert(s) from alertmanager in 100 more request(s) since the last line: 200 firing, 100 resolved");
        log.flush();
        assertThat(messages()).as("nothing more to tell").hasSize(3);
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
