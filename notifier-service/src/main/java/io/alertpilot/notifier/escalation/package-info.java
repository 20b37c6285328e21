/** Escalation policies, their YAML loading and routing, and the incident state machine; pure, takes a clock's instant. */
package io.alertpilot.notifier.escalation;
