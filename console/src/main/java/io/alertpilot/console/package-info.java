/** The operator console: what AlertPilot did, from every replica, and the commands an operator needs, in a browser. */
package io.alertpilot.console;
