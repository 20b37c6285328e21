/** Maintenance windows and pause: when automation and paging stand down, for which alerts, as carried on Kafka. */
package io.alertpilot.model.maintenance;
