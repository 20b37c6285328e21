/** The ingest service: webhooks in, normalized alerts out on Kafka. */
package io.alertpilot.ingest;
