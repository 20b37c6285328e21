/** Binds {@code alertpilot.formats.*} once into the alert formats every reader of alert bodies in a service uses. */
package io.alertpilot.support.formats;
