package io.alertpilot.support.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    @Test
    void aFailedRunDoesNotStopTheNextOnesAndStopEndsThem() throws InterruptedException {
        CountDownLatch runs = new CountDownLatch(3);
        AtomicInteger calls = new AtomicInteger();
        PeriodicTask task = new PeriodicTask("test-task", Duration.ofMillis(5), () -> {
            runs.countDown();
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the first run fails");
            }
        });
        assertThat(task.isRunning()).isFalse();
        task.start();
        assertThat(task.isRunning()).isTrue();
        assertThat(runs.await(10, TimeUnit.SECONDS)).isTrue();
        task.stop();
        assertThat(task.isRunning()).isFalse();
    }

    @Test
    void aNonPositiveIntervalIsRefusedWithTheTasksName() {
        assertThatThrownBy(() -> new PeriodicTask("reload", Duration.ZERO, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reload");
    }
}
