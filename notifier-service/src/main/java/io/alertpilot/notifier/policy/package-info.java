/** Where escalation policies come from: a directory of policy files and the shipped defaults on the classpath. */
package io.alertpilot.notifier.policy;
