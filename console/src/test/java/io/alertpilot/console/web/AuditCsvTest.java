package io.alertpilot.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.readmodel.AuditEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void writesAHeaderAndOneQuotedRowPerEntryEndedByCrlf() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("guard", "cooldown");
        facts.put("reason", "5m left");
        String csv = AuditCsv.of(List.of(new AuditEntry(Instant.parse("2026-11-30T10:00:00Z"), "decision", "r-1",
                "alertpilot", "restart SKIPPED", facts)));
        assertThat(csv).isEqualTo("\"at\",\"kind\",\"subject\",\"by\",\"summary\",\"facts\"\r\n"
                + "\"2026-11-30T10:00:00Z\",\"decision\",\"r-1\",\"alertpilot\",\"restart SKIPPED\","
                + "\"guard=cooldown; reason=5m left\"\r\n");
    }

    @Test
    void doublesQuotesAndKeepsCommasAndLineBreaksInsideTheCell() {
        assertThat(AuditCsv.cell("say \"hi\", then\r\nleave")).isEqualTo("\"say \"\"hi\"\", then\r\nleave\"");
    }

    @Test
    void neutralisesCellsASpreadsheetWouldRunAsFormulas() {
        assertThat(AuditCsv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(AuditCsv.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(AuditCsv.cell("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(AuditCsv.cell("\tcmd")).isEqualTo("\"'\tcmd\"");
        assertThat(AuditCsv.cell("alice")).isEqualTo("\"alice\"");
        assertThat(AuditCsv.cell(null)).isEqualTo("\"\"");
    }

    @Test
    void anExportHoldingFewerEntriesThanMatchedSaysSoInItsLastRow() {
        List<AuditEntry> entries = List.of(new AuditEntry(Instant.parse("2026-11-30T10:00:00Z"), "command", "r-1",
                "alice", "approve", Map.of()));
        assertThat(AuditCsv.of(entries, 3)).endsWith("\"truncated\",\"\",\"\",\"\",\"2 more of 3 matching entries "
                + "not exported (at most 1); narrow the search\",\"\"\r\n");
        assertThat(AuditCsv.of(entries, 1)).doesNotContain("truncated");
    }
}
