package io.alertpilot.remediation.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** How the previous log's lines are read: each bounded as it is read, however long the line in the log. */
class PreviousLogTest {

    @Test
    void aLongLineIsCutWhileItIsReadAndTheLinesAfterItAreRead() throws IOException {
        Reader log = new StringReader("x".repeat(PreviousLog.MAX_LINE * 5) + "\r\nnext\n\nlast");

        String first = PreviousLog.boundedLine(log);

        assertThat(first).hasSize(PreviousLog.MAX_LINE + " [cut]".length()).endsWith("x [cut]");
        assertThat(PreviousLog.boundedLine(log)).isEqualTo("next");
        assertThat(PreviousLog.boundedLine(log)).isEmpty();
        assertThat(PreviousLog.boundedLine(log)).isEqualTo("last");
        assertThat(PreviousLog.boundedLine(log)).isNull();
    }
}
