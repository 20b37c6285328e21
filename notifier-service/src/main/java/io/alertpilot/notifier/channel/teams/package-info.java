/** Microsoft Teams (Workflows or legacy incoming webhooks): an Adaptive Card message. */
package io.alertpilot.notifier.channel.teams;
