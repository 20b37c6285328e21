package io.alertpilot.remediation.playbook;

import io.alertpilot.remediation.playbook.PlaybookYaml.ActionParams;
import java.util.Map;

/**
 * Checks the parameters of the actions with a way back that {@link ActionReader} hands over: {@code patch-hpa}
 * ({@code min}, {@code max}, {@code hpa}, {@code revertOnRecovery}) and {@code isolate} ({@code ingress},
 * {@code egress}, {@code removeOnRecovery}). Every problem is noted in the {@link ItemCheck}; stateless.
 */
final class ReversibleActionReader {

    private ReversibleActionReader() {
    }

    /** {@code patch-hpa}: at least one of min and max, each at least 1, min not above max; hpa a template. */
    static void patchHpa(ActionParams raw, ItemCheck check, String path, Map<String, String> params) {
        ActionReader.bounds(raw, check, path, params, 1,
                "needs 'min' or 'max' (or both): the HorizontalPodAutoscaler's bounds to set");
        ActionReader.putTemplate(params, "hpa", raw.hpa(), check, path);
        params.put("revertOnRecovery", Boolean.toString(Boolean.TRUE.equals(raw.revertOnRecovery())));
    }

    /** {@code isolate}: ingress and egress default to true, and at least one of them must stay. */
    static void isolate(ActionParams raw, ItemCheck check, String path, Map<String, String> params) {
        boolean ingress = !Boolean.FALSE.equals(raw.ingress());
        boolean egress = !Boolean.FALSE.equals(raw.egress());
        if (!ingress && !egress) {
            check.report(path, "denies nothing: 'ingress' and 'egress' are both false (leave one true, or both "
                    + "unset to deny both directions)");
        }
        params.put("ingress", Boolean.toString(ingress));
        params.put("egress", Boolean.toString(egress));
        params.put("removeOnRecovery", Boolean.toString(Boolean.TRUE.equals(raw.removeOnRecovery())));
    }
}
