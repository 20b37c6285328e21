/** One of each Kafka mechanism the services share: client settings, JSON serdes, the acknowledged sender, dead letters, health. */
package io.alertpilot.support.kafka;
