/** Health components the services share: the states of their circuit breakers. */
package io.alertpilot.support.health;
