/** Slack incoming webhooks: a text fallback and Block Kit blocks. */
package io.alertpilot.notifier.channel.slack;
