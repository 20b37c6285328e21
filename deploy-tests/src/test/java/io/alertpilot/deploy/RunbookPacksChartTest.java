package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runbooks.enabled} installs runbook packs: the chart reads them through its symbolic link
 * {@code helm/alertpilot/runbooks -> ../../runbooks} (one copy of each pack), puts each enabled pack's playbooks into
 * the playbooks ConfigMap, its policies into the notifier's policies ConfigMap and its Prometheus rules into a
 * PrometheusRule.
 */
class RunbookPacksChartTest {

    static final List<String> PACKS = List.of("aion-ops", "azora-os", "enterprise-eks", "legal-aks", "omega-azure");

    @TempDir
    Path dir;

    private Path values(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "values", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static Path pack(String pack, String kind) {
        String suffix = switch (kind) {
            case "rules" -> ".rules.yml";
            case "playbooks" -> ".playbooks.yml";
            default -> ".policies.yml";
        };
        return Repository.root().resolve("runbooks").resolve(pack).resolve(kind).resolve(pack + suffix);
    }

    @Test
    void everyPackEnabledRendersItsRulesPlaybooksAndPolicies() throws IOException {
        Manifests manifests = Chart.render(values("""
                runbooks:
                  enabled: [aion-ops, azora-os, enterprise-eks, legal-aks, omega-azure]
                  prometheusRule: true
                  prometheusRuleLabels: {release: kube-prometheus-stack}
                """));

        List<GenericKubernetesResource> rules = manifests.all("PrometheusRule");
        assertThat(rules).extracting(r -> r.getMetadata().getName())
                .containsExactlyElementsOf(PACKS.stream().map(p -> "alertpilot-runbook-" + p).toList());
        Map<String, String> playbooks = manifests.configMap("playbooks").getData();
        Map<String, String> policies = manifests.configMap("policies").getData();
        for (String pack : PACKS) {
            GenericKubernetesResource rule = manifests.all("PrometheusRule").stream()
                    .filter(r -> r.getMetadata().getName().equals("alertpilot-runbook-" + pack)).findFirst().orElseThrow();
            assertThat(rule.getMetadata().getLabels()).containsEntry("alertpilot.io/runbook", pack)
                    .containsEntry("release", "kube-prometheus-stack");
            List<Object> groups = rule.get("spec", "groups");
            assertThat(groups).as(pack).isNotEmpty().isEqualTo(Chart.readYaml(pack(pack, "rules")).get("groups"));

            // the packs' playbooks and policies, where they exist already, word for word
            assertContent(playbooks, "00-runbook-" + pack + ".playbooks.yml", pack(pack, "playbooks"));
            assertContent(policies, "00-runbook-" + pack + ".policies.yml", pack(pack, "policies"));
        }
        // the values' own files stay, read after the packs' (the services read files by name, first match wins)
        assertThat(new java.util.TreeSet<>(playbooks.keySet()).last()).isEqualTo("playbooks.yaml");
        assertThat(new java.util.TreeSet<>(policies.keySet()).last()).isEqualTo("policies.yaml");
    }

    private static void assertContent(Map<String, String> data, String key, Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            assertThat(data).as(key).containsKey(key);
            assertThat(data.get(key).strip()).isEqualTo(Files.readString(file).strip());
        } else {
            assertThat(data).doesNotContainKey(key);
        }
    }

    @Test
    void aPacksPlaybooksAndPoliciesGoIntoTheirConfigMaps() throws IOException {
        Path chart = Chart.copyChart(dir);
        Path pack = chart.resolve("runbooks/azora-os");
        String playbooks = """
                playbooks:
                  - name: azora-os-service-down
                    match: { alertname: ServiceDown, labels: { namespace: azora-production } }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.job }}" }
                    actions:
                      - restart: {}
                """;
        String policies = """
                policies:
                  - name: azora-os-sev1
                    match: { labels: { namespace: azora-production } }
                    steps:
                      - after: 0s
                        notify: [{ pagerduty: azora-oncall }]
                """;
        Files.createDirectories(pack.resolve("playbooks"));
        Files.createDirectories(pack.resolve("policies"));
        Files.writeString(pack.resolve("playbooks/azora-os.playbooks.yml"), playbooks);
        Files.writeString(pack.resolve("policies/azora-os.policies.yml"), policies);

        Manifests manifests = Manifests.parse(Chart.template(chart, Map.of(), values("""
                runbooks: {enabled: [azora-os], prometheusRule: true}
                """)));

        assertThat(manifests.configMap("playbooks").getData())
                .containsEntry("00-runbook-azora-os.playbooks.yml", playbooks)
                .doesNotContainKeys("00-runbook-aion-ops.playbooks.yml", "00-runbook-legal-aks.playbooks.yml");
        assertThat(manifests.configMap("policies").getData())
                .containsEntry("00-runbook-azora-os.policies.yml", policies);
        assertThat(manifests.all("PrometheusRule")).extracting(r -> r.getMetadata().getName())
                .containsExactly("alertpilot-runbook-azora-os");
    }

    @Test
    void noPackEnabledRendersNone() {
        Manifests manifests = Chart.render(Map.of("runbooks.prometheusRule", true));

        assertThat(manifests.all("PrometheusRule")).isEmpty();
        assertThat(manifests.configMap("playbooks").getData().keySet()).noneMatch(k -> k.startsWith("00-runbook-"));
        assertThat(manifests.configMap("policies").getData().keySet()).noneMatch(k -> k.startsWith("00-runbook-"));
    }

    @Test
    void theRulesWaitForThePrometheusOperatorUnlessAskedFor() throws IOException {
        // auto (the default): helm template knows no cluster, so no monitoring.coreos.com/v1 API and no rule
        Manifests auto = Chart.render(values("runbooks: {enabled: [azora-os]}\n"));
        Manifests off = Chart.render(values("runbooks: {enabled: [azora-os], prometheusRule: false}\n"));

        assertThat(auto.all("PrometheusRule")).isEmpty();
        assertThat(off.all("PrometheusRule")).isEmpty();
    }

    @Test
    void anUnknownPackIsRefused() throws IOException {
        Path unknown = values("runbooks: {enabled: [azora-os, shop]}\n");

        assertThatThrownBy(() -> Chart.render(unknown)).hasMessageContaining("runbooks/enabled")
                .hasMessageContaining("azora-os");
    }

    @Test
    void lintsCleanWithEveryPackEnabled() throws IOException {
        LintResult lint = Chart.lintWith(values("""
                runbooks:
                  enabled: [aion-ops, azora-os, enterprise-eks, legal-aks, omega-azure]
                  prometheusRule: true
                """), dir);

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    /** helm package follows the link: the archive holds the packs' files the chart reads, not their tests or docs. */
    @Test
    void thePackagedChartCarriesThePacks() throws IOException {
        Path archive = packageChart(Repository.chart(), "out");
        List<String> entries = tarEntries(archive);

        assertThat(entries).contains("alertpilot/runbooks/azora-os/rules/azora-os.rules.yml",
                "alertpilot/runbooks/omega-azure/rules/omega-azure.rules.yml");
        assertThat(entries).filteredOn(e -> e.startsWith("alertpilot/runbooks/")).allSatisfy(e -> assertThat(e)
                .doesNotContain("/tests/").doesNotContain("/azure-monitor/").doesNotEndWith("README.md")
                .doesNotEndWith(".rules.test.yml"));
        Manifests manifests = Manifests.parse(Chart.template(archive, Map.of(), values("""
                runbooks: {enabled: [omega-azure], prometheusRule: true}
                """)));
        assertThat(manifests.all("PrometheusRule")).extracting(r -> r.getMetadata().getName())
                .containsExactly("alertpilot-runbook-omega-azure");
    }

    /** .helmignore leaves out what only the repository needs: a pack's README, its tests and its promtool tests. */
    @Test
    void thePackagedChartLeavesOutThePacksTestsAndDocs() throws IOException {
        Path chart = Chart.copyChart(dir);
        Path pack = chart.resolve("runbooks/azora-os");
        Files.writeString(pack.resolve("README.md"), "# azora-os\n");
        Files.createDirectories(pack.resolve("tests"));
        Files.writeString(pack.resolve("tests/service-down.test.yaml"), "tests: []\n");
        Files.createDirectories(pack.resolve("playbooks"));
        Files.writeString(pack.resolve("playbooks/azora-os.playbooks.yml"), "playbooks: []\n");
        Files.createDirectories(pack.resolve("policies"));
        Files.writeString(pack.resolve("policies/azora-os.policies.yml"), "policies: []\n");

        List<String> entries = tarEntries(packageChart(chart, "copy-out"));

        assertThat(entries).filteredOn(e -> e.startsWith("alertpilot/runbooks/azora-os/")).containsExactlyInAnyOrder(
                "alertpilot/runbooks/azora-os/rules/azora-os.rules.yml",
                "alertpilot/runbooks/azora-os/playbooks/azora-os.playbooks.yml",
                "alertpilot/runbooks/azora-os/policies/azora-os.policies.yml");
    }

    private Path packageChart(Path chart, String destination) throws IOException {
        Path out = Files.createDirectories(dir.resolve(destination));
        new Helm(chart).packageIt().withDestination(out).call();
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElseThrow();
        }
    }

    /** The names in a .tgz (ustar: 512-byte headers, name and prefix fields, octal size). */
    private static List<String> tarEntries(Path archive) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                byte type = header[156];
                byte[] body = in.readNBytes((int) ((size + 511) / 512 * 512));
                if (type == 'x' || type == 'g') {
                    continue;
                }
                if (type == 'L') {
                    // GNU long name: the next entry's name is this body
                    String longName = new String(body, 0, (int) size, StandardCharsets.UTF_8).replace("\0", "");
                    in.readNBytes(header, 0, 512);
                    long next = Long.parseLong(field(header, 124, 12).trim(), 8);
                    in.readNBytes((int) ((next + 511) / 512 * 512));
                    names.add(longName);
                    continue;
                }
                names.add(prefix.isEmpty() ? name : prefix + "/" + name);
            }
        }
        return names;
    }

    private static String field(byte[] header, int offset, int length) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = offset; i < offset + length && header[i] != 0; i++) {
            bytes.write(header[i]);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
