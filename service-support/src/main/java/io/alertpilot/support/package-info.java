/** What every AlertPilot service shares, wired by {@link io.alertpilot.support.SupportAutoConfiguration}. */
package io.alertpilot.support;
