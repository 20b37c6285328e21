/** {@code alertpilot check}: reads playbook and policy files with the services' own loaders and reports every problem. */
package io.alertpilot.cli.check;
