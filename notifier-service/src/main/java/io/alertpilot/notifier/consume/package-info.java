/** Kafka listeners for alerts, remediation events and commands; restoring owned incidents on assignment; error handling and dead letters. */
package io.alertpilot.notifier.consume;
