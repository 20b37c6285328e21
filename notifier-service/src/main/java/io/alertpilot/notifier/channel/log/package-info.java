/** The log channel: a notification as a structured log line, for local runs and as the last fallback. */
package io.alertpilot.notifier.channel.log;
