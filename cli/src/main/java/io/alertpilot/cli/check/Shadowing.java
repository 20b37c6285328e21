package io.alertpilot.cli.check;

import io.alertpilot.config.ConfigProblem;
import io.alertpilot.config.LabelMatcher;
import io.alertpilot.notifier.escalation.Policy;
import io.alertpilot.notifier.escalation.PolicyMatch;
import io.alertpilot.remediation.playbook.MatchRule;
import io.alertpilot.remediation.playbook.Playbook;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds items that can never be chosen because an earlier item, chosen first, takes every alert they would: the first
 * matching playbook runs (unless it has {@code continue: true}), the first matching policy routes. Errs on the side of
 * silence: it reports a shadow only when it is certain (every condition of the earlier item is also a condition of the
 * later one, or accepts every value the later one accepts; an Alertmanager matcher only when the later one has the
 * same), never a guess. Stateless.
 */
final class Shadowing {

    /** A label pattern that is a plain value, so whether another pattern accepts it can be tried. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_:/ -]*");

    private Shadowing() {
    }

    /**
     * A warning for every playbook that an earlier one of {@code playbooks} (in the order they are tried) always takes
     * first; an earlier playbook with {@code continue: true} shadows none, since the search goes on past it.
     */
    static List<ConfigProblem> ofPlaybooks(List<Playbook> playbooks) {
        return shadowed(playbooks, "playbook", Playbook::name, Playbook::file,
                (earlier, later) -> !earlier.continueMatching() && covers(earlier.match(), later.match()));
    }

    /** A warning for every policy that an earlier one of {@code policies} always routes first. */
    static List<ConfigProblem> ofPolicies(List<Policy> policies) {
        return shadowed(policies, "policy", Policy::name, Policy::source,
                (earlier, later) -> covers(earlier.match(), later.match()));
    }

    private static <T> List<ConfigProblem> shadowed(List<T> items, String kind, Function<T, String> name,
            Function<T, String> file, BiPredicate<T, T> covers) {
        List<ConfigProblem> warnings = new ArrayList<>();
        for (int later = 1; later < items.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                if (covers.test(items.get(earlier), items.get(later))) {
                    T first = items.get(earlier);
                    warnings.add(new ConfigProblem(file.apply(items.get(later)), name.apply(items.get(later)), later,
                            "match", 0, "never chosen: " + kind + " '" + name.apply(first) + "' ("
                                    + file.apply(first) + ") comes first and matches every alert this one does"));
                    break;
                }
            }
        }
        return warnings;
    }

    private static boolean covers(MatchRule earlier, MatchRule later) {
        return (earlier.status() == null || earlier.status() == later.status())
                && covers(earlier.alertNames(), later.alertNames())
                && covers(earlier.severities(), later.severities())
                && covers(earlier.sources(), later.sources())
                && covers(earlier.priorities(), later.priorities())
                && later.matchers().containsAll(earlier.matchers())
                && later.annotations().containsAll(earlier.annotations())
                && covers(earlier.labels(), later.labels());
    }

    private static boolean covers(PolicyMatch earlier, PolicyMatch later) {
        return covers(earlier.alertNames(), later.alertNames())
                && covers(earlier.severities(), later.severities())
                && covers(earlier.priorities(), later.priorities())
                && later.matchers().containsAll(earlier.matchers())
                && covers(earlier.labels(), later.labels());
    }

    /** An empty condition accepts anything; otherwise the later one must accept only values the earlier accepts. */
    private static boolean covers(Collection<?> earlier, Collection<?> later) {
        return earlier.isEmpty() || (!later.isEmpty() && earlier.containsAll(later));
    }

    private static boolean covers(LabelMatcher earlier, LabelMatcher later) {
        for (Map.Entry<String, Pattern> condition : earlier.patterns().entrySet()) {
            String pattern = condition.getValue().pattern();
            Pattern laterPattern = later.patterns().get(condition.getKey());
            boolean accepted = pattern.equals(".*")
                    || laterPattern != null && (laterPattern.pattern().equals(pattern)
                            || PLAIN_VALUE.matcher(laterPattern.pattern()).matches()
                                    && condition.getValue().matcher(laterPattern.pattern()).matches());
            if (!accepted) {
                return false;
            }
        }
        return true;
    }
}
