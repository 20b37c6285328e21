/** What the health page asks Kafka itself: the lag of the services' consumer groups and the dead-letter topics. */
package io.alertpilot.console.kafka;
