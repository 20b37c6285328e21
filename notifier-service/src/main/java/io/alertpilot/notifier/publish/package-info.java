/** Writes to Kafka: incident versions (compacted), commands to the owning replica, the notification audit; the notifier's topics. */
package io.alertpilot.notifier.publish;
