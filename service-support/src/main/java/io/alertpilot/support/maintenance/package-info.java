/** The maintenance windows every replica shares, on a compacted topic: read, create, end. */
package io.alertpilot.support.maintenance;
