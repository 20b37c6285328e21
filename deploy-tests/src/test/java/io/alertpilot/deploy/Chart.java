package io.alertpilot.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart in {@code helm/alertpilot}, linted and rendered with helm-java (Helm as a native library: no binary, no
 * cluster, no network). Release "alertpilot" in namespace "alertpilot", so objects are named alertpilot-&lt;component&gt;.
 */
final class Chart {

    static final String RELEASE = "alertpilot";
    static final String NAMESPACE = "alertpilot";

    private Chart() {
    }

    /** {@code helm template} with the chart's values plus {@code valuesFiles} (in order) and {@code sets}. */
    static String template(Map<String, Object> sets, Path... valuesFiles) {
        return template(Repository.chart(), sets, valuesFiles);
    }

    /** {@code helm template} of the chart in {@code chart} (a directory or a packaged .tgz). */
    static String template(Path chart, Map<String, Object> sets, Path... valuesFiles) {
        TemplateCommand command = new Helm(chart).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion("1.31.0");
        for (Path file : valuesFiles) {
            command = command.withValuesFile(file);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    static Manifests render(Path... valuesFiles) {
        return Manifests.parse(template(Map.of(), valuesFiles));
    }

    static Manifests render(Map<String, Object> sets, Path... valuesFiles) {
        return Manifests.parse(template(sets, valuesFiles));
    }

    /** {@code helm lint --strict} of the chart as it is. */
    static LintResult lint() {
        return new Helm(Repository.chart()).lint().strict().call();
    }

    /**
     * {@code helm lint --strict} of a copy of the chart whose values.yaml is the chart's merged with {@code overlay}
     * the way Helm merges values files (maps deep, null removes a key, everything else replaced): helm-java's lint reads only values.yaml.
     */
    static LintResult lintWith(Path overlay, Path workDirectory) {
        Path copy = copyChart(workDirectory);
        Map<String, Object> merged = merge(readYaml(Repository.chart().resolve("values.yaml")), readYaml(overlay));
        writeYaml(copy.resolve("values.yaml"), merged);
        return new Helm(copy).lint().strict().call();
    }

    /** {@code helm lint} of a copy of the chart whose values.yaml is {@code values} as given. */
    static LintResult lintWithValues(Map<String, Object> values, Path workDirectory) {
        Path copy = copyChart(workDirectory);
        writeYaml(copy.resolve("values.yaml"), values);
        return new Helm(copy).lint().strict().call();
    }

    static Map<String, Object> defaultValues() {
        return readYaml(Repository.chart().resolve("values.yaml"));
    }

    static Path copyChart(Path workDirectory) {
        Path source = Repository.chart();
        Path target = workDirectory.resolve("alertpilot");
        // the runbook packs are a symbolic link (runbooks -> ../../runbooks): copied as the files Helm reads
        try (Stream<Path> files = Files.walk(source, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            Object current = merged.get(key);
            if (value == null) {
                merged.remove(key);
            } else if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> valueMap) {
                merged.put(key, merge((Map<String, Object>) currentMap, (Map<String, Object>) valueMap));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    static Map<String, Object> readYaml(Path file) {
        try {
            Map<String, Object> values = new Yaml().load(Files.readString(file));
            return values == null ? Map.of() : values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeYaml(Path file, Map<String, Object> values) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        try {
            Files.writeString(file, new Yaml(options).dump(values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
