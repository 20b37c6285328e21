/** The alerts listener: its consumer factory, at-least-once commits, bounded retries and the dead-letter topic. */
package io.alertpilot.remediation.consume;
