/** Escalation policies, binding of policy text into them, routing, and the incident state machine; pure, takes a clock's instant. */
package io.alertpilot.notifier.escalation;
