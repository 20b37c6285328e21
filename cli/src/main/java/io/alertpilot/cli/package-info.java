/** The {@code alertpilot} command line: its top-level command, exit codes and shared options. */
package io.alertpilot.cli;
