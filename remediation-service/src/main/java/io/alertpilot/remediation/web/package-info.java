/** HTTP API: evaluate a playbook without acting, list remediations, approve or reject pending ones. */
package io.alertpilot.remediation.web;
