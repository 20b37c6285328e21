/**
 * The Slack app's buttons: button presses arriving at {@code POST /api/v1/webhooks/slack/interactions}, verified with
 * the signing secret, mapped to an AlertPilot user and checked against its roles, applied (acknowledge and resolve
 * here, approve and reject through the remediation command topic), and the message updated in place.
 */
package io.alertpilot.notifier.slack;
