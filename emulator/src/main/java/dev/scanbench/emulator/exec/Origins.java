package dev.scanbench.emulator.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The origins of a launch's undefined values, in words ("register %r2 was never written in this thread",
 * "never-written global memory at 0x..., loaded by PTX line 22"), numbered so that a shadow register carries one
 * int. Each origin is made once per key (an instruction and what it read), so a loop adds no more.
 */
final class Origins {
    /** A register or predicate that no instruction has written yet: its origin is made on first use. */
    static final int NEVER_WRITTEN = -1;
    /** Longest origin text kept: chains of stores and loads are cut here. */
    private static final int MAX_TEXT = 600;

    private final List<String> texts = new ArrayList<>();
    private final Map<Object, Integer> byKey = new HashMap<>();

    /** The origin for {@code key}, made by {@code text} the first time. */
    int of(Object key, Supplier<String> text) {
        Integer id = byKey.get(key);
        if (id == null) {
            String t = text.get();
            id = texts.size();
            texts.add(t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) + " ..." : t);
            byKey.put(key, id);
        }
        return id;
    }

    /** The text of an origin. */
    String text(int id) {
        return id >= 0 && id < texts.size() ? texts.get(id) : "an undefined value";
    }
}
