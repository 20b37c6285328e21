/** Playbooks: the records, YAML loading with precise validation, and the reloadable last-good set. Pure. */
package io.alertpilot.remediation.playbook;
