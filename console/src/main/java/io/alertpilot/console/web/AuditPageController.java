package io.alertpilot.console.web;

import io.alertpilot.readmodel.AuditEntry;
import io.alertpilot.readmodel.AuditQuery;
import io.alertpilot.readmodel.ListAnswer;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.support.web.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit: every command and decision, searchable (text, kind, who), and its export as CSV and JSON. An export holds
 * at most the newest {@value #EXPORT_LIMIT} matching entries (the read model's bound on one answer); when more
 * matched, it says so: header {@value #TRUNCATED} with the number matched, the JSON's {@code total} above its items'
 * count, and a last CSV row.
 */
@Controller
class AuditPageController {

    private static final int PAGE_LIMIT = 500;
    static final int EXPORT_LIMIT = 10_000;
    /** The response header of an export that holds fewer entries than matched; its value is how many matched. */
    static final String TRUNCATED = "X-AlertPilot-Truncated";
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ReadModel readModel;

    AuditPageController(ReadModel readModel) {
        this.readModel = readModel;
    }

    @GetMapping("/audit")
    String audit(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String by, Model model) {
        model.addAttribute("entries", search(q, kind, by, PAGE_LIMIT));
        model.addAttribute("filter", Map.of("q", q == null ? "" : q, "kind", kind == null ? "" : kind,
                "by", by == null ? "" : by));
        return "audit";
    }

    @GetMapping("/audit.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String by) {
        ListAnswer<AuditEntry> entries = search(q, kind, by, EXPORT_LIMIT);
        return export(entries, CSV, "audit.csv").body(AuditCsv.of(entries.items(), entries.total()));
    }

    @GetMapping(path = "/audit.json")
    ResponseEntity<ListAnswer<AuditEntry>> json(@RequestParam(required = false) String q,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String by) {
        ListAnswer<AuditEntry> entries = search(q, kind, by, EXPORT_LIMIT);
        return export(entries, MediaType.APPLICATION_JSON, "audit.json").body(entries);
    }

    private static ResponseEntity.BodyBuilder export(ListAnswer<AuditEntry> entries, MediaType type, String name) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(name));
        if (entries.total() > entries.items().size()) {
            response.header(TRUNCATED, Long.toString(entries.total()));
        }
        return response;
    }

    private ListAnswer<AuditEntry> search(String q, String kind, String by, int limit) {
        return readModel.audit(new AuditQuery(QueryParameters.text(kind),
                QueryParameters.text(by), QueryParameters.text(q), null, null,
                limit));
    }

    private static String attachment(String name) {
        return ContentDisposition.attachment().filename(name).build().toString();
    }
}
