/**
 * Concurrency primitives the services share: mutual exclusion per key without pinning virtual threads, periodic tasks.
 */
package io.alertpilot.support.concurrent;
