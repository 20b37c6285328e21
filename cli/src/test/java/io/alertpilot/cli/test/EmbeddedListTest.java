package io.alertpilot.cli.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.remediation.playbook.PlaybookLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedListTest {

    private static final String VALUES = """
            remediation:
              dryRun: true
              playbooks:
                playbooks.yaml:
                  playbooks:
                    - name: restart-crashlooping-pods
                      match: { alertname: KubePodCrashLooping }
                      target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                      actions:
                        - restart: {}
                      guard: { cooldown: 15m }
                kept.yaml: |
                  playbooks:
                    - name: scale-out
                      match: { alertname: HighLatencyP95 }
                      target: { kind: Deployment, namespace: shop, name: frontend }
                      actions:
                        - scale: { by: 2, max: 10 }
            """;

    @TempDir
    Path dir;

    private EmbeddedList embedded(String entry) throws IOException {
        Files.createDirectories(dir.resolve("helm"));
        Files.writeString(dir.resolve("helm/values.yaml"), VALUES);
        return EmbeddedList.of(dir.resolve("tests"), entry).orElseThrow();
    }

    @Test
    void aPlainPathIsNoEmbeddedList() {
        assertThat(EmbeddedList.of(dir, "../playbooks/")).isEmpty();
    }

    @Test
    void readsTheListAtTheDotPathAsAFileTheLoaderTakesNamedFileHashPath() throws IOException {
        EmbeddedList list = embedded("../helm/values.yaml#remediation.playbooks.playbooks.yaml.playbooks");

        var set = new PlaybookLoader().load(List.of(new PlaybookLoader.Source(list.name(), list.text("playbooks"))),
                Instant.EPOCH);

        assertThat(list.name()).isEqualTo(dir.resolve("helm/values.yaml") + "#remediation.playbooks.playbooks.yaml.playbooks");
        assertThat(set.playbooks()).extracting(p -> p.name()).containsExactly("restart-crashlooping-pods");
        assertThat(set.playbooks().getFirst().guard().cooldown()).hasMinutes(15);
    }

    @Test
    void followsThePathIntoAFileTheValuesKeepAsText() throws IOException {
        EmbeddedList list = embedded("../helm/values.yaml#remediation.playbooks.kept.yaml.playbooks");

        var set = new PlaybookLoader().load(List.of(new PlaybookLoader.Source(list.name(), list.text("playbooks"))),
                Instant.EPOCH);

        assertThat(set.playbooks()).extracting(p -> p.name()).containsExactly("scale-out");
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        EmbeddedList list = embedded("../helm/other.yaml#remediation.playbooks");

        assertThatThrownBy(() -> list.text("playbooks")).isInstanceOf(InvalidTestFileException.class)
                .hasMessage(dir.resolve("helm/other.yaml") + "#remediation.playbooks: the file does not exist");
    }

    @Test
    void aMissingPathNamesTheKeyAndWhereItWasLookedFor() throws IOException {
        EmbeddedList list = embedded("../helm/values.yaml#remediation.playbooks.missing.yaml.playbooks");

        assertThatThrownBy(() -> list.text("playbooks")).isInstanceOf(InvalidTestFileException.class)
                .hasMessage(list.name() + ": there is no key missing under remediation.playbooks");
    }

    @Test
    void aPathToSomethingElseThanAListIsRefused() throws IOException {
        EmbeddedList list = embedded("../helm/values.yaml#remediation.dryRun");

        assertThatThrownBy(() -> list.text("playbooks")).isInstanceOf(InvalidTestFileException.class)
                .hasMessage(list.name() + ": is not a list of playbooks");
    }
}
