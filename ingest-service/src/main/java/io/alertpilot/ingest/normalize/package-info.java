/**
 * Turns the body of each source (Alertmanager, Azure Monitor, generic) into {@code AlertEvent}s, or says which field
 * is wrong. Pure: no Spring, no Kafka, no I/O.
 */
package io.alertpilot.ingest.normalize;
