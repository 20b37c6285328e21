/**
 * The alert formats: turns the body of each source (Alertmanager, Azure Monitor, generic) into {@code AlertEvent}s
 * with the settings it is given, tells a body's format by its shape, or says which field is wrong. Pure: no Spring,
 * no Kafka, no I/O.
 */
package io.alertpilot.formats;
