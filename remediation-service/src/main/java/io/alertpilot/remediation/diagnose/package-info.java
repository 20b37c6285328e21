/** Read-only diagnoses for the human who is paged: what to gather, how much, and the secrets redacted from logs. Pure. */
package io.alertpilot.remediation.diagnose;
