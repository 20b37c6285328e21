/** Where playbook files come from: directories, single files and classpath resources, read and polled for reload. */
package io.alertpilot.remediation.playbook.source;
