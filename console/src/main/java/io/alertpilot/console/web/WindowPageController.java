package io.alertpilot.console.web;

import io.alertpilot.console.security.ConsoleUser;
import io.alertpilot.console.service.InvalidWindowFormException;
import io.alertpilot.console.service.ServiceClient;
import io.alertpilot.console.service.ServiceRefusedException;
import io.alertpilot.console.service.ServiceUnavailableException;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.readmodel.WindowView;
import io.alertpilot.support.web.Role;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The maintenance windows page: every window the read model knows, the form that previews and creates one through
 * remediation's API (admin), and ending a window (admin).
 */
@Controller
class WindowPageController {

    private final ReadModel readModel;
    private final ServiceClient services;

    WindowPageController(ReadModel readModel, ServiceClient services) {
        this.readModel = readModel;
        this.services = services;
    }

    /** One window and its matchers in the form's notation. */
    record WindowRow(WindowView view, String matchers) {
    }

    @GetMapping("/windows")
    String windows(Model model) {
        model.addAttribute("windows", readModel.windows().stream()
                .map(w -> new WindowRow(w, matchers(w.window().matchers()))).toList());
        return "windows";
    }

    /** What the drafted window would affect: the {@code #preview} fragment, or the error that stops it. */
    @PostMapping("/windows/preview")
    String preview(WindowForm form, @AuthenticationPrincipal ConsoleUser user, Model model) {
        try {
            model.addAttribute("impact", services.previewWindow(user, form.request()));
        } catch (InvalidWindowFormException | ServiceRefusedException | ServiceUnavailableException e) {
            model.addAttribute("previewError", e.getMessage());
        }
        return "windows :: preview";
    }

    @PostMapping("/windows")
    String create(WindowForm form, @AuthenticationPrincipal ConsoleUser user, RedirectAttributes redirect) {
        IncidentPageController.requireRole(user, Role.ADMIN);
        return Commands.run(redirect, "/windows", "Window created by " + user.name(),
                () -> services.createWindow(user, form.request()));
    }

    @PostMapping("/windows/{id}/end")
    String end(@PathVariable String id, @AuthenticationPrincipal ConsoleUser user, RedirectAttributes redirect) {
        IncidentPageController.requireRole(user, Role.ADMIN);
        return Commands.run(redirect, "/windows", "Window ended by " + user.name(), () -> services.endWindow(user, id));
    }

    private static String operator(WindowMatcher m) {
        if (m.isRegex()) {
            return m.isEqual() ? "=~" : "!~";
        }
        return m.isEqual() ? "=" : "!=";
    }

    /** The matchers of a window as the form takes them: {@code name="value"}, one per line, joined by commas. */
    static String matchers(List<WindowMatcher> matchers) {
        if (matchers.isEmpty()) {
            return "every alert";
        }
        return matchers.stream().map(m -> m.name() + operator(m) + "\"" + m.value() + "\"")
                .collect(Collectors.joining(", "));
    }
}
