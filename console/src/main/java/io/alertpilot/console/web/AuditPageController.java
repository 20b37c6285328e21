package io.alertpilot.console.web;

import io.alertpilot.readmodel.AuditEntry;
import io.alertpilot.readmodel.AuditQuery;
import io.alertpilot.readmodel.ListAnswer;
import io.alertpilot.readmodel.ReadModel;
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

/** The audit: every command and decision, searchable (text, kind, who), and its export as CSV and JSON. */
@Controller
class AuditPageController {

    private static final int PAGE_LIMIT = 500;
    private static final int EXPORT_LIMIT = 10_000;
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
        return ResponseEntity.ok().contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION, attachment("audit.csv"))
                .body(AuditCsv.of(search(q, kind, by, EXPORT_LIMIT).items()));
    }

    @GetMapping(path = "/audit.json")
    ResponseEntity<ListAnswer<AuditEntry>> json(@RequestParam(required = false) String q,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String by) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("audit.json"))
                .body(search(q, kind, by, EXPORT_LIMIT));
    }

    private ListAnswer<AuditEntry> search(String q, String kind, String by, int limit) {
        return readModel.audit(new AuditQuery(RemediationPageController.blankToNull(kind),
                RemediationPageController.blankToNull(by), RemediationPageController.blankToNull(q), null, null,
                limit));
    }

    private static String attachment(String name) {
        return ContentDisposition.attachment().filename(name).build().toString();
    }
}
