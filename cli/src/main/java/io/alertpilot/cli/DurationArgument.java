package io.alertpilot.cli;

import io.alertpilot.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * A {@code DURATION} option's converter, in the project's one duration grammar ({@code 500ms}, {@code 30s},
 * {@code 1h30m}, {@code PT5M}); anything else is bad usage with the grammar's message. Stateless.
 */
public final class DurationArgument implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        try {
            return Durations.parse(text);
        } catch (Durations.InvalidDurationException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
