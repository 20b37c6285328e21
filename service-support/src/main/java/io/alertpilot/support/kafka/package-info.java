/** Kafka health for the readiness probe. */
package io.alertpilot.support.kafka;
