/** Chooses the playbook for an alert: alert name, anchored label patterns, severity, source, status. Pure. */
package io.alertpilot.remediation.match;
