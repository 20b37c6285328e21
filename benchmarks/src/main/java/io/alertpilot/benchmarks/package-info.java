/** The benchmark harness: processes under test, load generators, references and the result table. */
package io.alertpilot.benchmarks;
