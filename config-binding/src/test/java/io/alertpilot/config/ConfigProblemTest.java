package io.alertpilot.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigProblemTest {

    @Test
    void locatedReadsFileLineItemFieldMessage() {
        ConfigProblem problem = new ConfigProblem("p.yaml", "restart", 0, "guard.cooldown", 7, "is not a duration");

        assertThat(problem.located()).isEqualTo("p.yaml:7: restart: guard.cooldown: is not a duration");
    }

    @Test
    void locatedLeavesOutThePartsThatAreNotKnown() {
        assertThat(new ConfigProblem("p.yaml", null, -1, null, 0, "is not YAML").located())
                .isEqualTo("p.yaml: is not YAML");
        assertThat(new ConfigProblem("p.yaml", null, -1, "-", 3, "cannot be read").located())
                .isEqualTo("p.yaml:3: cannot be read");
        assertThat(new ConfigProblem("p.yaml", "x", 1, "name", 0, "is used twice").located())
                .isEqualTo("p.yaml: x: name: is used twice");
    }
}
