/**
 * {@code alertpilot replay}: recorded alerts read back from Kafka in a time range, run through candidate playbooks and
 * policies on a virtual clock, and compared with the remediations that did happen; read-only.
 */
package io.alertpilot.cli.replay;
