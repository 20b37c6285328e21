package io.alertpilot.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.escalation.InvalidPolicyException;
import io.alertpilot.notifier.escalation.Policy;
import io.alertpilot.notifier.policy.PolicyLoader;
import io.alertpilot.notifier.escalation.PolicySet;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Any escalation policy file either parses or is refused with {@link InvalidPolicyException}; parsed policies route
 * alerts without throwing. Seeds: the shipped default policies.
 */
class PolicyFuzzTest {

    private final PolicyLoader loader = new PolicyLoader(Set.copyOf(ChannelNames.ALL));

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] data) {
        List<Policy> policies;
        try {
            policies = loader.parse("fuzz.yaml", new ByteArrayInputStream(data));
        } catch (InvalidPolicyException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        if (policies.isEmpty()) {
            return;
        }
        PolicySet set = new PolicySet(policies);
        for (Severity severity : Severity.values()) {
            assertThat(set.route("KubePodCrashLooping", severity, Map.of("namespace", "shop", "team", "payments")))
                    .isNotNull();
        }
    }
}
