/**
 * Where escalation policies come from: a directory of policy files and the shipped defaults on the classpath, read
 * again while the service runs.
 */
package io.alertpilot.notifier.policy;
