/** Opsgenie Alert API v2: create with the incident's key as alias, acknowledge and close by alias. */
package io.alertpilot.notifier.channel.opsgenie;
