package io.alertpilot.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleRulesTest {

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        // reads
        "GET, /api/v1/incidents, VIEWER",
        "HEAD, /api/v1/remediations/r1, VIEWER",
        "get, /api/v1/maintenance-windows, VIEWER",
        // acknowledge and resolve
        "POST, /api/v1/incidents/abc/acknowledge, RESPONDER",
        "POST, /api/v1/incidents/abc/resolve/, RESPONDER",
        // approve and reject
        "POST, /api/v1/remediations/r1/approve, APPROVER",
        "POST, /api/v1/remediations/r1/reject, APPROVER",
        // writes that change nothing
        "POST, /api/v1/playbooks/evaluate, VIEWER",
        "POST, /api/v1/maintenance-windows/preview, VIEWER",
        // windows, pause and every other write
        "POST, /api/v1/maintenance-windows, ADMIN",
        "DELETE, /api/v1/maintenance-windows/w1, ADMIN",
        "PUT, /api/v1/incidents/abc/acknowledge, ADMIN",
        "DELETE, /api/v1/incidents/abc, ADMIN",
        "POST, /api/v1/incidents/a/b/acknowledge, ADMIN",
        "POST, /api/v1/remediations/r1/approve/now, ADMIN",
        "POST, /api/v1/something-new, ADMIN",
    })
    void eachRequestNeedsTheRoleOfItsRule(String method, String path, Role role) {
        assertThat(RoleRules.required(method, path)).isEqualTo(role);
    }
}
