/** PagerDuty Events API v2: trigger, acknowledge and resolve with one dedup_key per incident. */
package io.alertpilot.notifier.channel.pagerduty;
