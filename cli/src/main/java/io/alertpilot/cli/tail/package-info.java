/** {@code alertpilot tail}: follows an AlertPilot topic read-only and prints each record as one line of JSON. */
package io.alertpilot.cli.tail;
