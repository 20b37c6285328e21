package io.alertpilot.remediation.playbook;

import java.util.regex.Pattern;

/**
 * The grammar of an Azure Resource Manager resource id of a top-level resource in a resource group,
 * {@code /subscriptions/<s>/resourceGroups/<g>/providers/<namespace>/<type>/<name>}: one pattern, so that what the
 * loader accepts in a playbook is exactly what the run parses ({@code action.AzureResourceId}). Groups: 1
 * subscription, 2 resource group, 3 provider namespace, 4 type, 5 name.
 */
public final class AzureResourceIdSyntax {

    /** A whole resource id, case-insensitive as Azure reads it. */
    public static final Pattern ID = Pattern.compile(
            "/subscriptions/([0-9A-Za-z-]{1,64})/resourceGroups/([-\\w.()]{1,90})/providers/([A-Za-z][\\w.]{0,99})"
                    + "/([A-Za-z]\\w{0,99})/([-\\w.]{1,100})", Pattern.CASE_INSENSITIVE);

    private AzureResourceIdSyntax() {
    }
}
