package io.alertpilot.remediation;

import io.alertpilot.remediation.run.FaultPoint;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code alertpilot.remediation.fault-point.*}: for the fault suite only. Where the service stops on purpose so the
 * suite can kill it there: {@code after-intent} (the intent written, the call not made) or {@code after-call} (the
 * call answered, the done not written); empty (the default) is off.
 *
 * @param at {@code after-intent}, {@code after-call}, or empty: off
 * @param action the Nth action of this process that reaches the point stops there (1: the first)
 */
@ConfigurationProperties("alertpilot.remediation.fault-point")
public record FaultPointProperties(@DefaultValue("") String at, @DefaultValue("1") int action) {

    /** The fault point these properties describe ({@link FaultPoint#OFF} when {@code at} is empty). */
    public FaultPoint faultPoint() {
        return FaultPoint.of(at, action, System.out);
    }
}
