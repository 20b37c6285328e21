/**
 * Incidents: the owned store, the persist-then-send protocol, deliveries, operator commands, the escalation ticker,
 * the incident API and the PagerDuty webhook.
 */
package io.alertpilot.notifier.incident;
