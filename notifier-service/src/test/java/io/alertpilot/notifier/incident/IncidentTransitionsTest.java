package io.alertpilot.notifier.incident;

import static io.alertpilot.notifier.incident.IncidentServiceFixture.FP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.notifier.testing.Events;
import io.alertpilot.support.concurrent.KeyedLock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The persist-then-send protocol through the incident service: what a restart finds on the incident topic, that it
 * sends nothing twice, and that a slow write holds up its own incident only.
 */
class IncidentTransitionsTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String OTHER = "ffeeddccbbaa9988";

    private final IncidentServiceFixture fixture = new IncidentServiceFixture();

    @Test
    void aRestartedServiceFiresTheNextStepOnTimeAndRepeatsNone() {
        IncidentService before = fixture.service();
        before.onAlert(Events.firing(FP, Severity.CRITICAL, fixture.clock.instant()));
        fixture.clock.advance(Duration.ofSeconds(30));
        assertThat(before.tick()).isEqualTo(1);
        assertThat(fixture.sent).containsExactly("pagerduty:primary:trigger");

        IncidentService after = fixture.service();
        after.restore(fixture.compacted());
        assertThat(after.tick()).isZero();
        fixture.clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(after.tick()).isZero();
        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(after.tick()).isEqualTo(1);
        assertThat(after.tick()).isZero();
        assertThat(fixture.sent).containsExactly("pagerduty:primary:trigger", "pagerduty:secondary:trigger");
    }

    @Test
    void aStopBetweenDecidingAndConfirmingResendsOnlyToDeduplicatingProviders() {
        IncidentService service = fixture.escalated();
        fixture.clock.advance(Duration.ofMinutes(15));
        service.tick();
        fixture.sent.clear();
        // the versions up to the one that decided the third step, as if the process died before any send ended
        Incident decided = fixture.topic.stream().filter(i -> i.step() == 2).findFirst().orElseThrow();
        assertThat(decided.outbox()).extracting(p -> p.channel() + ":" + p.recipient())
                .containsExactly("pagerduty:secondary", "pagerduty:manager", "slack:incidents");

        IncidentService restarted = fixture.service();
        restarted.restore(List.of(decided));
        assertThat(fixture.sent).containsExactlyInAnyOrder("pagerduty:secondary:trigger", "pagerduty:manager:trigger");
        assertThat(fixture.audit).anySatisfy(event -> {
            assertThat(event.channel()).isEqualTo("slack");
            assertThat(event.outcome()).isEqualTo(NotificationOutcome.SKIPPED);
            assertThat(event.error()).contains("in doubt");
        });
        Incident now = restarted.get(FP).orElseThrow();
        assertThat(now.outbox()).isEmpty();
        assertThat(now.paged()).contains("pagerduty:manager");
    }

    @Test
    void anotherIncidentChangesWhileOneWaitsForItsWrite() {
        assertThat(Math.floorMod(OTHER.hashCode(), KeyedLock.DEFAULT_STRIPES))
                .as("the two incidents must not share a lock stripe for this test")
                .isNotEqualTo(Math.floorMod(FP.hashCode(), KeyedLock.DEFAULT_STRIPES));
        SlowWrites slow = new SlowWrites(FP);
        IncidentService service = fixture.service(slow);
        Instant now = fixture.clock.instant();

        ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(
                    () -> service.onAlert(Events.firing(FP, Severity.CRITICAL, now)), virtualThreads);
            slow.awaitWriting();
            CompletableFuture<Void> other = CompletableFuture.runAsync(
                    () -> service.onAlert(Events.firing(OTHER, Severity.CRITICAL, now)), virtualThreads);

            assertThat(other).succeedsWithin(BOUND);
            assertThat(service.get(OTHER)).isPresent();
            assertThat(waiting).isNotDone();
            assertThat(service.get(FP)).as("kept only once durable").isEmpty();

            slow.release();
            assertThat(waiting).succeedsWithin(BOUND);
            assertThat(service.get(FP)).isPresent();
        } finally {
            slow.release();
            virtualThreads.close();
        }
    }

    @Test
    void changesToOneIncidentWaitForItsSlowWriteAndBuildOnIt() throws InterruptedException {
        SlowWrites slow = new SlowWrites(FP);
        IncidentService service = fixture.service(slow);
        Instant first = fixture.clock.instant();

        Thread opening = Thread.ofPlatform().start(() -> service.onAlert(Events.firing(FP, Severity.CRITICAL, first)));
        slow.awaitWriting();
        Thread updating = Thread.ofPlatform().start(
                () -> service.onAlert(Events.firing(FP, Severity.CRITICAL, first.plusSeconds(1))));
        await().atMost(BOUND).until(() -> updating.getState() == Thread.State.WAITING
                || updating.getState() == Thread.State.TIMED_WAITING);

        slow.release();
        opening.join(BOUND);
        updating.join(BOUND);
        assertThat(fixture.topic).extracting(Incident::version).containsExactly(1L, 2L);
        assertThat(service.get(FP).orElseThrow().lastAlertAt()).isEqualTo(first.plusSeconds(1));
    }

    /** An incident log whose writes of one incident wait until released, then land on the fixture's topic. */
    private final class SlowWrites implements IncidentLog {
        private final String slowId;
        private final CountDownLatch writing = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        SlowWrites(String slowId) {
            this.slowId = slowId;
        }

        @Override
        public void write(Incident incident) {
            if (incident.id().equals(slowId)) {
                writing.countDown();
                try {
                    if (!released.await(30, TimeUnit.SECONDS)) {
                        throw new IncidentStoreException(incident.id(), null);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IncidentStoreException(incident.id(), e);
                }
            }
            fixture.topic.add(incident);
        }

        void awaitWriting() {
            await().atMost(BOUND).until(() -> writing.getCount() == 0);
        }

        void release() {
            released.countDown();
        }
    }
}
