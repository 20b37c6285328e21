package io.alertpilot.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleRulesTest {

    @Test
    void readsNeedViewer() {
        assertThat(RoleRules.required("GET", "/api/v1/incidents")).isEqualTo(Role.VIEWER);
        assertThat(RoleRules.required("HEAD", "/api/v1/remediations/r1")).isEqualTo(Role.VIEWER);
        assertThat(RoleRules.required("get", "/api/v1/maintenance-windows")).isEqualTo(Role.VIEWER);
    }

    @Test
    void acknowledgeAndResolveNeedResponder() {
        assertThat(RoleRules.required("POST", "/api/v1/incidents/abc/acknowledge")).isEqualTo(Role.RESPONDER);
        assertThat(RoleRules.required("POST", "/api/v1/incidents/abc/resolve/")).isEqualTo(Role.RESPONDER);
    }

    @Test
    void approveAndRejectNeedApprover() {
        assertThat(RoleRules.required("POST", "/api/v1/remediations/r1/approve")).isEqualTo(Role.APPROVER);
        assertThat(RoleRules.required("POST", "/api/v1/remediations/r1/reject")).isEqualTo(Role.APPROVER);
    }

    @Test
    void evaluateAndPreviewChangeNothingAndNeedViewer() {
        assertThat(RoleRules.required("POST", "/api/v1/playbooks/evaluate")).isEqualTo(Role.VIEWER);
        assertThat(RoleRules.required("POST", "/api/v1/maintenance-windows/preview")).isEqualTo(Role.VIEWER);
    }

    @Test
    void windowsAndEveryOtherWriteNeedAdmin() {
        assertThat(RoleRules.required("POST", "/api/v1/maintenance-windows")).isEqualTo(Role.ADMIN);
        assertThat(RoleRules.required("DELETE", "/api/v1/maintenance-windows/w1")).isEqualTo(Role.ADMIN);
        assertThat(RoleRules.required("PUT", "/api/v1/incidents/abc/acknowledge")).isEqualTo(Role.ADMIN);
        assertThat(RoleRules.required("DELETE", "/api/v1/incidents/abc")).isEqualTo(Role.ADMIN);
        assertThat(RoleRules.required("POST", "/api/v1/incidents/a/b/acknowledge")).isEqualTo(Role.ADMIN);
        assertThat(RoleRules.required("POST", "/api/v1/remediations/r1/approve/now")).isEqualTo(Role.ADMIN);
        assertThat(RoleRules.required("POST", "/api/v1/something-new")).isEqualTo(Role.ADMIN);
    }
}
