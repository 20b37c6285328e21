/** The Azure actions through the Azure SDK (credentials, a breaker per subscription), and the router of every action. */
package io.alertpilot.remediation.azure;
