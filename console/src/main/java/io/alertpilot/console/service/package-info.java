/** The services the console sends commands to and asks for what only they know, with the operator's own credential. */
package io.alertpilot.console.service;
