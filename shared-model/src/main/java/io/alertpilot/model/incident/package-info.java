/** Incidents and the audit of every notification, as carried on the incident and notification topics. */
package io.alertpilot.model.incident;
