/** Incidents: the owned store and its transitions, the escalation ticker, the incident API and the PagerDuty webhook. */
package io.alertpilot.notifier.incident;
