/** Topic names, header names and the JSON serde shared by every service. */
package io.alertpilot.model.kafka;
