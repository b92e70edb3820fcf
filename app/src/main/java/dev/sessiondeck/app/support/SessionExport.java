package dev.sessiondeck.app.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Exports;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sessions as programs read them, built from the attribute declarations: the command line's JSON and
 * CSV and the window's CSV export. Values are exact, the unit in the key ({@code executionTimeMs},
 * {@code memoryBytes}); see {@link Exports}.
 */
public final class SessionExport {

    private static final CsvMapper CSV = new CsvMapper();

    private SessionExport() {
    }

    /**
     * One object per session: {@code dataSource}, {@code server}, {@code id} (a number where the id is
     * one), {@code identity}, the common values under their export keys, {@code state} (the
     * normalised state's name) and {@code status} (its OCP label), {@code background}, {@code own},
     * then each of {@code declared} under its export key ({@code null} when absent), and always
     * {@code blockingIds} (empty when none).
     */
    public static Map<String, Object> fields(Session s, List<Attribute<?>> declared) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataSource", s.key().dataSource());
        m.put("server", s.key().server().isEmpty() ? null : s.key().server());
        m.put("id", Exports.value(StandardAttributes.ID, s));
        m.put("identity", s.key().identity().isEmpty() ? null : s.key().identity());
        for (Attribute<?> a : List.of(StandardAttributes.SQL, StandardAttributes.USER, StandardAttributes.SOURCE,
                StandardAttributes.DATABASE, StandardAttributes.COMMAND, StandardAttributes.EXECUTION_TIME)) {
            m.put(a.exportKey(), Exports.value(a, s));
        }
        m.put("state", s.state().name());
        m.put("status", s.state().label());
        m.put("background", s.background());
        m.put("own", s.own());
        for (Attribute<?> a : declared) {
            m.put(a.exportKey(), Exports.value(a, s));
        }
        m.put(StandardAttributes.BLOCKED_BY.exportKey(), Exports.value(StandardAttributes.BLOCKED_BY,
                StandardAttributes.BLOCKED_BY.valueOf(s) == null ? List.of() : StandardAttributes.BLOCKED_BY.valueOf(s)));
        return m;
    }

    /** The declared attributes of several data sources, each once, in the order first met. */
    public static List<Attribute<?>> union(List<List<Attribute<?>>> declared) {
        Set<Attribute<?>> out = new LinkedHashSet<>();
        declared.forEach(out::addAll);
        out.remove(StandardAttributes.BLOCKED_BY);
        return List.copyOf(out);
    }

    /**
     * RFC 4180 CSV with a header of export keys, one line per session, the given attributes in that
     * order (the window's shown columns; every value exact, lists joined by spaces).
     */
    public static String csv(List<Attribute<?>> columns, List<Session> sessions) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        List<String> keys = new ArrayList<>();
        for (Attribute<?> a : columns) {
            // the data source's and the id's keys are the same in every export
            String key = a.exportKey();
            if (!keys.contains(key)) {
                keys.add(key);
                schema.addColumn(key);
            }
        }
        List<Map<String, String>> rows = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            Map<String, String> row = new LinkedHashMap<>();
            for (Attribute<?> a : columns) {
                row.put(a.exportKey(), Exports.text(a, s));
            }
            rows.add(row);
        }
        try {
            return CSV.writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CSV", e);
        }
    }
}
