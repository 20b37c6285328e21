package io.alertpilot.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcessFiguresTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisJvmsMemoryOpenFilesAndThreads() throws Exception {
        long pid = ProcessHandle.current().pid();
        int threads = Thread.getAllStackTraces().size();
        int fds;
        try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
            fds = (int) list.count();
        }

        ProcessFigures figures = ProcessFigures.of(pid).orElseThrow();

        assertThat(figures.pid()).isEqualTo(pid);
        // the heap in use alone is resident: more than this JVM's used heap, far less than a terabyte
        Runtime runtime = Runtime.getRuntime();
        assertThat(figures.rssKb() * 1024).isGreaterThan(runtime.totalMemory() - runtime.freeMemory())
                .isLessThan(1L << 40);
        // the JVM's own threads (compiler, GC) are not Java threads; a few files may open or close meanwhile
        assertThat(figures.threads()).isGreaterThanOrEqualTo(threads);
        assertThat(figures.openFiles()).isBetween(fds - 5, fds + 5);
    }

    @Test
    void aProcessThatIsNotRunningHasNoFigures() {
        assertThat(ProcessFigures.of(-1)).isEmpty();
        assertThat(ProcessFigures.of(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void readsTheNumberAfterAFieldName() {
        List<String> status = List.of("Name:\tjava", "VmRSS:\t  123456 kB", "Threads:\t42");

        assertThat(ProcessFigures.field(status, "VmRSS:")).isEqualTo(123456);
        assertThat(ProcessFigures.field(status, "Threads:")).isEqualTo(42);
        assertThatThrownBy(() -> ProcessFigures.field(status, "VmSwap:")).hasMessageContaining("VmSwap:");
    }
}
