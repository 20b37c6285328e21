package io.alertpilot.cli.rehearse;

import io.alertpilot.notifier.NotifierProperties;
import io.alertpilot.remediation.RemediationProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The service settings a rehearsal runs with: the remediation service's {@link RemediationProperties} and the
 * notifier's {@link NotifierProperties}, bound exactly as the services bind them, so every default is the services'
 * own. One difference: dry run is off unless asked for, because a rehearsal predicts the live run (the simulated
 * cluster stands in for Kubernetes). Immutable.
 */
public record RehearsalSettings(RemediationProperties remediation, NotifierProperties notifier) {

    /** The services' defaults, dry run off. */
    public static RehearsalSettings defaults() {
        return of(Map.of());
    }

    /**
     * The defaults with {@code overrides}: keys are the services' property names without {@code
     * alertpilot.remediation.} ({@code dry-run}, {@code guard.cooldown}, {@code approval.timeout}) or, for the
     * notifier, with {@code notifier.} ({@code notifier.decision-window}); values as in application.yml.
     *
     * @throws InvalidSettingsException when a key is unknown or a value cannot be read
     */
    public static RehearsalSettings of(Map<String, String> overrides) {
        Map<String, Object> given = new LinkedHashMap<>();
        overrides.forEach((key, value) -> given.put(key.startsWith("notifier.") ? "alertpilot." + key
                : "alertpilot.remediation." + key, value));
        // the first source wins: what is given, whatever form its keys take (dryRun, dry-run), over the defaults
        Binder binder = new Binder(new MapConfigurationPropertySource(given), new MapConfigurationPropertySource(
                Map.of("alertpilot.remediation.dry-run", "false", "alertpilot.remediation.kubernetes.enabled", "true")));
        BindHandler strict = new NoUnboundElementsBindHandler(BindHandler.DEFAULT);
        try {
            return new RehearsalSettings(
                    binder.bindOrCreate("alertpilot.remediation", Bindable.of(RemediationProperties.class), strict),
                    binder.bindOrCreate("alertpilot.notifier", Bindable.of(NotifierProperties.class), strict));
        } catch (BindException e) {
            throw new InvalidSettingsException(describe(e), e);
        }
    }

    private static String describe(BindException e) {
        Throwable cause = e.getCause();
        String detail = cause == null ? e.getMessage() : cause.getMessage();
        String property = e.getName() == null ? "" : e.getName().toString();
        return "settings " + property.replaceFirst("^alertpilot\\.(remediation\\.)?", "") + ": " + detail;
    }
}
