/** Topic names, header names and the JSON mapping of the events, shared by every service; no Kafka client. */
package io.alertpilot.model.kafka;
