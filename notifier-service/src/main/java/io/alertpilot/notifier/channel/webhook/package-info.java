/** A generic JSON webhook: the incident and the notification as one document. */
package io.alertpilot.notifier.channel.webhook;
