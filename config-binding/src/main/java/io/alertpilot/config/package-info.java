/** Binding of configuration files (playbooks, policies) from YAML text into records, with durations and label matchers. Pure. */
package io.alertpilot.config;
