package io.alertpilot.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        String text = String.join("\n", entry.subject(), entry.by(), entry.summary(),
                String.join("\n", entry.facts().values())).toLowerCase(Locale.ROOT);
        entries.put(held, new Item(entry, text));
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
        List<AuditEntry> items = new ArrayList<>(Math.min(query.limit(), 128));
        if (blank(query.kind()) && blank(query.by()) && text == null && query.from() == null && query.to() == null) {
            // every entry matches: the newest limit, and the count of the map
            for (Item item : entries.descendingMap().values()) {
                if (items.size() == query.limit()) {
                    break;
                }
                items.add(item.entry());
            }
            return new ListAnswer<>(items, entries.size());
        }
        Map<Held, Item> range = entries.descendingMap();
        long total = 0;
        for (Item item : range.values()) {
            AuditEntry entry = item.entry();
            if (query.to() != null && !entry.at().isBefore(query.to())) {
                continue;
            }
            if (query.from() != null && entry.at().isBefore(query.from())) {
                break;
            }
            if (same(query.kind(), entry.kind()) && same(query.by(), entry.by())
                    && (text == null || item.text().contains(text))) {
                total++;
                if (items.size() < query.limit()) {
                    items.add(entry);
                }
            }
        }
        return new ListAnswer<>(items, total);
    }

    private static boolean same(String wanted, String value) {
        return blank(wanted) || wanted.equals(value);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
