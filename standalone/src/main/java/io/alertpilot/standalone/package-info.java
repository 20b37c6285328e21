/** The one-command local run: an embedded KRaft broker and every AlertPilot service in one JVM. */
package io.alertpilot.standalone;
