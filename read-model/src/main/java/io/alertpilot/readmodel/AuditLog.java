package io.alertpilot.readmodel;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The audit entries in time order, each under a key that makes adding it again a no-op, and their search (newest
 * first). Not thread safe; guarded by the read model's lock.
 */
final class AuditLog {

    private record Item(AuditEntry entry, String text) {
    }

    private final TreeMap<Held, Item> entries = new TreeMap<>();
    private final Map<String, Held> byKey = new HashMap<>();
    private long seq;

    /** Adds {@code entry} unless an entry of {@code key} is held. */
    void add(String key, AuditEntry entry) {
        if (byKey.containsKey(key)) {
            return;
        }
        Held held = new Held(entry.at(), seq++, key, null);
        byKey.put(key, held);
        entries.put(held, new Item(entry, searchText(entry)));
    }

    /**
     * The lower-case text a search looks in: subject, by, summary and the facts, leaving out the facts the summary
     * holds already (what matches in one of those matches in the summary), so a search reads about half as much.
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
        Iterator<Held> oldest = entries.keySet().iterator();
        while (oldest.hasNext()) {
            Held held = oldest.next();
            if (!held.at().isBefore(cutoff) && entries.size() <= max) {
                return;
            }
            oldest.remove();
            byKey.remove(held.key());
        }
    }

    int size() {
        return entries.size();
    }

    ListAnswer<AuditEntry> search(AuditQuery query) {
        String text = query.text() == null || query.text().isBlank() ? null
                : query.text().strip().toLowerCase(Locale.ROOT);
        if (Paging.blank(query.kind()) && Paging.blank(query.by()) && text == null && query.from() == null
                && query.to() == null) {
            return Paging.first(entries.descendingMap().values(), entries.size(), query.limit(), Item::entry);
        }
        NavigableMap<Held, Item> range = entries.descendingMap();
        if (query.to() != null) {
            range = range.tailMap(new Held(query.to(), -1, "", null), false);
        }
        if (query.from() != null) {
            range = range.headMap(new Held(query.from(), -1, "", null), false);
        }
        return Paging.matching(range.values(), item -> Paging.same(query.kind(), item.entry().kind())
                && Paging.same(query.by(), item.entry().by()) && (text == null || item.text().contains(text)),
                query.limit(), Item::entry);
    }

}
