/** Concurrency primitives the services share: mutual exclusion per key without pinning virtual threads. */
package io.alertpilot.support.concurrent;
