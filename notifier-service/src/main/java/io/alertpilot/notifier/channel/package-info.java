/** Channels that carry notifications, each answering a {@link io.alertpilot.notifier.channel.ChannelResult}, behind its breaker and retry. */
package io.alertpilot.notifier.channel;
