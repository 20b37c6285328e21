/** What every module's tests share: the test clock, Kafka read-back, the API client and the architecture rules. */
package io.alertpilot.testing;
