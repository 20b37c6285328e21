/** The fault suite: real broker processes and service jars under load, faults injected, effects counted. */
package io.alertpilot.reliability.faults;
