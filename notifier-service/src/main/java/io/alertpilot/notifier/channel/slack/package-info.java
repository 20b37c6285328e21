/** Slack: incoming webhooks, and the Slack app (Web API messages with buttons); a text fallback and Block Kit blocks. */
package io.alertpilot.notifier.channel.slack;
