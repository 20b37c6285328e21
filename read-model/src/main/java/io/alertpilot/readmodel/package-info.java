/** What AlertPilot did, from every replica: the read model built from the topics, and its answers. */
package io.alertpilot.readmodel;
