package io.alertpilot.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The audit entries in time order (an array: a search reads it backwards, a time range is found by binary search),
 * each under a key that makes adding it again a no-op, and their search (newest first). Not thread safe; guarded by
 * the read model's lock.
 */
final class AuditLog {

    private record Item(Instant at, String key, AuditEntry entry, String text) {
    }

    private final List<Item> entries = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

    /** Adds {@code entry} unless an entry of {@code key} is held. */
    void add(String key, AuditEntry entry) {
        if (keys.add(key)) {
            Held.insert(entries, new Item(entry.at(), key, entry, searchText(entry)), Item::at);
        }
    }

    /**
     * The lower-case text a search looks in: subject, by, summary and the facts, leaving out the facts the summary
     * holds already (what matches in one of those matches in the summary).
     */
    private static String searchText(AuditEntry entry) {
        StringBuilder text = new StringBuilder(entry.subject()).append('\n').append(entry.by()).append('\n')
                .append(entry.summary());
        for (String value : entry.facts().values()) {
            if (!entry.summary().contains(value)) {
                text.append('\n').append(value);
            }
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    /** Drops the entries older than {@code cutoff}, then the oldest beyond {@code max}. */
    void trim(Instant cutoff, int max) {
        int drop = 0;
        while (drop < entries.size()
                && (entries.get(drop).at().isBefore(cutoff) || entries.size() - drop > max)) {
            keys.remove(entries.get(drop).key());
            drop++;
        }
        entries.subList(0, drop).clear();
    }

    int size() {
        return entries.size();
    }

    ListAnswer<AuditEntry> search(AuditQuery query) {
        String text = query.text() == null || query.text().isBlank() ? null
                : query.text().strip().toLowerCase(Locale.ROOT);
        int from = query.from() == null ? 0 : firstAtOrAfter(query.from());
        int to = query.to() == null ? entries.size() : firstAtOrAfter(query.to());
        List<Item> newestFirst = entries.subList(from, Math.max(from, to)).reversed();
        if (Paging.blank(query.kind()) && Paging.blank(query.by()) && text == null) {
            return Paging.first(newestFirst, newestFirst.size(), query.limit(), Item::entry);
        }
        return Paging.matching(newestFirst, item -> Paging.same(query.kind(), item.entry().kind())
                && Paging.same(query.by(), item.entry().by()) && (text == null || item.text().contains(text)),
                query.limit(), Item::entry);
    }

    /** The index of the first entry at or after {@code at} ({@link #size()} when none). */
    private int firstAtOrAfter(Instant at) {
        int low = 0;
        int high = entries.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (entries.get(middle).at().isBefore(at)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
