/** The console's pages: one controller per page area, rendering the read model and sending commands to the services. */
package io.alertpilot.console.web;
