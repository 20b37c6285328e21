/** Kafka output: RemediationEvents on the remediations topic and the compacted guard ledger. */
package io.alertpilot.remediation.report;
