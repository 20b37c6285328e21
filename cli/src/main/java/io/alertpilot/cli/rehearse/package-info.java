/**
 * The rehearsal engine: runs alerts through the services' own remediation run and incident machine on a virtual
 * clock, against a simulated cluster, and records the decisions and pages they would make.
 */
package io.alertpilot.cli.rehearse;
