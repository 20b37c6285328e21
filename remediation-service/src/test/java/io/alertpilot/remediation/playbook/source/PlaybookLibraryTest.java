package io.alertpilot.remediation.playbook.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.alertpilot.testing.TestClock;
import io.alertpilot.remediation.playbook.InvalidPlaybookException;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import io.alertpilot.remediation.playbook.PlaybookSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookLibraryTest {

    private static final String RESTART = """
            playbooks:
              - name: restart-crashlooping-pods
                match: { alertname: KubePodCrashLooping }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions: [ restart ]
            """;

    @Test
    void theShippedExamplesAreValid() {
        PlaybookSet set = new PlaybookLibrary(List.of("classpath:playbooks/examples.yml"), TestClock.at("2026-11-23T10:00:00Z"))
                .current();
        assertThat(set.playbooks()).extracting(Playbook::name).contains("restart-crashlooping-pods",
                "scale-out-on-latency", "scale-out-on-queue-depth", "rollback-bad-release", "failover-primary-db",
                "cordon-node-disk-pressure");
        assertThat(set.named("rollback-bad-release").orElseThrow().approvalRequired()).isTrue();
        assertThat(set.named("failover-primary-db").orElseThrow().approvalRequired()).isTrue();
    }

    @Test
    void playbooksAlreadyReadAreLoadedUnderTheirNamesAndStayUnchanged() {
        PlaybookLibrary library = PlaybookLibrary.of(List.of(new PlaybookLoader.Source("values.yaml#playbooks", RESTART)),
                TestClock.at("2026-11-23T10:00:00Z"));

        assertThat(library.current().playbooks()).extracting(Playbook::name).containsExactly("restart-crashlooping-pods");
        assertThat(library.current().files()).containsExactly("values.yaml#playbooks");
        assertThat(library.reload()).isInstanceOf(PlaybookLibrary.Reload.Unchanged.class);
        assertThatThrownBy(() -> PlaybookLibrary.of(List.of(new PlaybookLoader.Source("values.yaml#playbooks",
                RESTART.replace("actions", "action"))), TestClock.at("2026-11-23T10:00:00Z")))
                .isInstanceOf(InvalidPlaybookException.class).hasMessageContaining("values.yaml#playbooks");
    }

    @Test
    void reloadKeepsTheLastGoodSetWhenAFileBecomesInvalid(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yml"), RESTART);
        PlaybookLibrary library = new PlaybookLibrary(List.of(dir.toString()), TestClock.at("2026-11-23T10:00:00Z"));
        assertThat(library.current().playbooks()).hasSize(1);
        assertThat(library.reload()).isInstanceOf(PlaybookLibrary.Reload.Unchanged.class);

        Files.writeString(dir.resolve("b.yml"), RESTART.replace("restart-crashlooping-pods", "second")
                .replace("[ restart ]", "[ { scale: { by: 2 } } ]"));
        PlaybookLibrary.Reload refused = library.reload();
        assertThat(refused).isInstanceOf(PlaybookLibrary.Reload.Refused.class);
        assertThat(((PlaybookLibrary.Reload.Refused) refused).message())
                .contains("b.yml").contains("playbook 'second'").contains("field 'actions[0].scale.max'");
        assertThat(library.current().playbooks()).extracting(Playbook::name).containsExactly("restart-crashlooping-pods");
        assertThat(library.lastError()).contains("b.yml");

        Files.writeString(dir.resolve("b.yml"), RESTART.replace("restart-crashlooping-pods", "second"));
        assertThat(library.reload()).isInstanceOf(PlaybookLibrary.Reload.Loaded.class);
        assertThat(library.current().playbooks()).extracting(Playbook::name)
                .containsExactly("restart-crashlooping-pods", "second");
        assertThat(library.lastError()).isNull();
    }

    @Test
    void anInvalidFileRefusesStartUp(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), RESTART.replace("kind: Deployment", "kind: Job"));
        assertThatThrownBy(() -> new PlaybookLibrary(List.of(dir.toString()), TestClock.at("2026-11-23T10:00:00Z")))
                .isInstanceOf(InvalidPlaybookException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("restart-crashlooping-pods")
                .hasMessageContaining("field 'target.kind'");
    }

    @Test
    void theSourcesOfADirectoryAreItsYamlFilesByNameWithoutDotFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.yml"), RESTART);
        Files.writeString(dir.resolve("a.yaml"), "playbooks: []");
        Files.writeString(dir.resolve(".hidden.yaml"), "broken: [");
        Files.writeString(dir.resolve("notes.txt"), "not a playbook");

        assertThat(PlaybookLibrary.sources(List.of(dir.toString())))
                .extracting(source -> source.name(), source -> source.content())
                .containsExactly(tuple(dir.resolve("a.yaml").toString(), "playbooks: []"),
                        tuple(dir.resolve("b.yml").toString(), RESTART));
    }

    @Test
    void aMissingLocationHasNoSources(@TempDir Path dir) {
        assertThatThrownBy(() -> PlaybookLibrary.sources(List.of(dir.resolve("missing").toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    }
}
