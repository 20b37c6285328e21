/** Puts alerts and refused bodies on Kafka and waits for the acknowledgement; Kafka readiness. */
package io.alertpilot.ingest.publish;
