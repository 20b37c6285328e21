/** The normalized alert and its parts, as carried on {@code alertpilot.alerts.v1}. */
package io.alertpilot.model.alert;
