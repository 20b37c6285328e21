/** Playbooks: the records, binding of playbook text into them with precise validation, templates. Pure; reads no files. */
package io.alertpilot.remediation.playbook;
