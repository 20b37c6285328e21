package io.alertpilot.notifier.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.escalation.Contact;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the escalation policies again: a changed valid file is applied, an invalid one keeps the last good set. */
class PolicyReloaderTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static void write(Path dir, String contact) throws IOException {
        Files.writeString(dir.resolve("10-shop.yaml"), """
                policies:
                  - name: shop
                    steps: [ { notify: [ { log: %s } ] } ]
                """.formatted(contact));
    }

    private PolicyReloader reloader(PolicyLibrary library) {
        return new PolicyReloader(library, registry);
    }

    private double count(String outcome) {
        return registry.get("alertpilot.notifier.policy.reloads").tag("outcome", outcome).counter().count();
    }

    private static Contact firstContact(PolicyLibrary library) {
        return library.current().route("X", Severity.CRITICAL, Map.of()).steps().getFirst().contacts().getFirst();
    }

    @Test
    void theReloadCountersExistBeforeAnyReload(@TempDir Path dir) throws IOException {
        write(dir, "oncall");
        reloader(new PolicyLibrary(new PolicyLoader(new HashSet<>(ChannelNames.ALL)), dir, false));
        assertThat(count("loaded")).isZero();
        assertThat(count("refused")).isZero();
    }

    @Test
    void aChangedFileIsAppliedAndAnUnchangedOneIsNot(@TempDir Path dir) throws IOException {
        write(dir, "oncall");
        PolicyLibrary library = new PolicyLibrary(new PolicyLoader(new HashSet<>(ChannelNames.ALL)), dir, false);
        PolicyReloader reloader = reloader(library);
        assertThat(reloader.reload()).isInstanceOf(PolicyLibrary.Reload.Unchanged.class);

        write(dir, "night-shift");
        assertThat(reloader.reload()).isInstanceOf(PolicyLibrary.Reload.Loaded.class);
        assertThat(firstContact(library)).isEqualTo(new Contact("log", "night-shift"));
        assertThat(count("loaded")).isEqualTo(1);
        assertThat(reloader.reload()).isInstanceOf(PolicyLibrary.Reload.Unchanged.class);
        assertThat(count("loaded")).isEqualTo(1);
    }

    @Test
    void anInvalidFileKeepsTheLastGoodSetAndIsCountedOnceUntilItChanges(@TempDir Path dir) throws IOException {
        write(dir, "oncall");
        PolicyLibrary library = new PolicyLibrary(new PolicyLoader(new HashSet<>(ChannelNames.ALL)), dir, false);
        PolicyReloader reloader = reloader(library);

        Files.writeString(dir.resolve("20-broken.yaml"), """
                policies:
                  - name: broken
                    steps: [ { after: soon, notify: [ { log: x } ] } ]
                """);
        assertThat(reloader.reload()).isInstanceOfSatisfying(PolicyLibrary.Reload.Refused.class,
                refused -> assertThat(refused.message()).contains("20-broken.yaml"));
        assertThat(library.lastError()).contains("20-broken.yaml");
        assertThat(firstContact(library)).isEqualTo(new Contact("log", "oncall"));
        assertThat(library.current().policies()).extracting(policy -> policy.name()).containsExactly("shop");
        assertThat(count("refused")).isEqualTo(1);

        assertThat(reloader.reload()).isInstanceOf(PolicyLibrary.Reload.Unchanged.class);
        assertThat(count("refused")).isEqualTo(1);

        Files.delete(dir.resolve("20-broken.yaml"));
        write(dir, "night-shift");
        assertThat(reloader.reload()).isInstanceOf(PolicyLibrary.Reload.Loaded.class);
        assertThat(library.lastError()).isNull();
        assertThat(firstContact(library)).isEqualTo(new Contact("log", "night-shift"));
        assertThat(count("refused")).isEqualTo(1);
    }
}
