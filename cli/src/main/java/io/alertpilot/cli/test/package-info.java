/**
 * The {@code alertpilot test} command: playbook test files (their binding and JSON Schema), the expectations they
 * compare with a rehearsal, and the PASS/FAIL and JUnit XML reports.
 */
package io.alertpilot.cli.test;
