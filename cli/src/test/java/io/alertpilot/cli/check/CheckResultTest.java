package io.alertpilot.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.config.ConfigProblem;
import org.junit.jupiter.api.Test;

class CheckResultTest {

    @Test
    void aProblemReadsFileLineItemFieldMessage() {
        ConfigProblem problem = new ConfigProblem("p.yaml", "restart", 0, "guard.cooldown", 7, "is not a duration");

        assertThat(CheckResult.line(problem, "")).isEqualTo("p.yaml:7: restart: guard.cooldown: is not a duration");
    }

    @Test
    void unknownPartsAreLeftOut() {
        assertThat(CheckResult.line(new ConfigProblem("p.yaml", null, -1, null, 0, "is not YAML"), ""))
                .isEqualTo("p.yaml: is not YAML");
        assertThat(CheckResult.line(new ConfigProblem("p.yaml", null, -1, "-", 3, "cannot be read"), ""))
                .isEqualTo("p.yaml:3: cannot be read");
        assertThat(CheckResult.line(new ConfigProblem("p.yaml", "x", 1, "name", 0, "is used twice"), "warning: "))
                .isEqualTo("p.yaml: x: name: warning: is used twice");
    }
}
