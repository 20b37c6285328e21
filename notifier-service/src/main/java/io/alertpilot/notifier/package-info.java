/** The notifier service: incidents, escalation policies and paging channels; its settings, metrics and wiring. */
package io.alertpilot.notifier;
