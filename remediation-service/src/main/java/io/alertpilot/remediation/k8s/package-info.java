/** The only package that talks to Kubernetes (fabric8): actions, inspection, leases, breakers and retries per cluster. */
package io.alertpilot.remediation.k8s;
