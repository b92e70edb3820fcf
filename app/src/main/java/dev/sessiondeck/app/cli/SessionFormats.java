package dev.sessiondeck.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sessiondeck.app.support.SessionExport;
import dev.sessiondeck.app.support.ValueText;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.StandardAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Renders sessions for the command line: an aligned table for people, JSON and CSV for programs. */
final class SessionFormats {

    /** The output formats of {@code list --format}. */
    enum Format { TABLE, JSON, CSV }

    private static final int SQL_PREVIEW = 60;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SessionFormats() {
    }

    /**
     * @param common   the common values the data source fills ({@code SessionSource#commonAttributes()}): the table's first columns
     * @param declared the attributes the data source declares ({@code SessionSource#attributes()}),
     *                 which JSON and CSV carry beside the common values
     */
    static String render(Format format, Snapshot snapshot, List<Session> sessions, List<Attribute<?>> common,
                         List<Attribute<?>> declared) {
        return switch (format) {
            case TABLE -> table(snapshot, sessions, common, declared);
            case JSON -> json(sessions, declared);
            case CSV -> csv(sessions, declared);
        };
    }

    /** One object per session ({@link SessionExport#fields}): exact values, the unit in the key. */
    static String json(List<Session> sessions, List<Attribute<?>> declared) {
        try {
            return JSON.writeValueAsString(sessions.stream().map(s -> SessionExport.fields(s, declared)).toList())
                    + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** RFC 4180 CSV with a header: the keys of JSON, blocking ids space-separated. */
    static String csv(List<Session> sessions, List<Attribute<?>> declared) {
        List<Attribute<?>> columns = new ArrayList<>(List.of(StandardAttributes.DATA_SOURCE, StandardAttributes.ID,
                StandardAttributes.SQL, StandardAttributes.USER, StandardAttributes.SOURCE, StandardAttributes.DATABASE,
                StandardAttributes.COMMAND, StandardAttributes.EXECUTION_TIME, StandardAttributes.STATUS));
        for (Attribute<?> a : declared) {
            if (!columns.contains(a)) {
                columns.add(a);
            }
        }
        if (!columns.contains(StandardAttributes.BLOCKED_BY)) {
            columns.add(StandardAttributes.BLOCKED_BY);
        }
        return SessionExport.csv(columns, sessions);
    }

    /**
     * The OCP columns that every session has, then the declared columns shown by default that some
     * listed session fills (SQL ID, OBServer, OBProxy on OceanBase), in their declared order.
     */
    static String table(Snapshot snapshot, List<Session> sessions, List<Attribute<?>> common, List<Attribute<?>> declared) {
        List<Attribute<?>> shown = new ArrayList<>(common);
        shown.remove(StandardAttributes.DATA_SOURCE);
        for (Attribute<?> a : declared) {
            if (a.shownByDefault() && sessions.stream().anyMatch(s -> a.valueOf(s) != null)) {
                shown.add(a);
            }
        }
        shown.sort(Comparator.comparingInt(Attribute::order));
        List<Column> columns = shown.stream().map(SessionFormats::column).toList();

        List<List<String>> cells = new ArrayList<>();
        for (Session s : sessions) {
            cells.add(columns.stream().map(c -> c.value().apply(s)).toList());
        }
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = width(columns.get(i).title());
            for (List<String> row : cells) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, columns.stream().map(Column::title).toList(), widths, columns);
        for (List<String> row : cells) {
            line(out, row, widths, columns);
        }
        long active = sessions.stream().filter(Session::isActive).count();
        out.append(sessions.size()).append(sessions.size() == 1 ? " session" : " sessions").append(", ")
                .append(active).append(" active");
        if (sessions.size() != snapshot.sessions().size() || snapshot.idleLeftOut() > 0) {
            out.append(" (of ").append(snapshot.sessions().size()).append(" listed");
            if (snapshot.idleLeftOut() > 0) {
                out.append(", ").append(snapshot.idleLeftOut()).append(" idle left out by the server");
            }
            out.append(")");
        }
        out.append("; fetched from ").append(snapshot.dataSource()).append(" in ")
                .append(snapshot.latency().toMillis()).append(" ms");
        if (sessions.stream().anyMatch(Session::own)) {
            out.append("; * = SessionDeck's own connection");
        }
        return out.append(System.lineSeparator()).toString();
    }

    /** A table column for an attribute: its English title, its value as a person reads it. */
    private static Column column(Attribute<?> a) {
        if (a == StandardAttributes.ID) {
            return new Column(a.title().english(), s -> s.id() + (s.own() ? "*" : ""), true);
        }
        if (a == StandardAttributes.SQL) {
            return new Column(a.title().english(), s -> preview(s.sql().orElse("")), false);
        }
        return new Column(a.title().english(), s -> text(a, s), a.numeric());
    }

    /** A value for the table, as a person reads it (the window's words, in English). */
    private static String text(Attribute<?> a, Session s) {
        Object v = a.valueOf(s);
        return v instanceof List<?> ids ? String.join(", ", ids.stream().map(String::valueOf).toList()) : ValueText.of(a, v);
    }

    private static void line(StringBuilder out, List<String> values, int[] widths, List<Column> columns) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            int pad = widths[i] - width(v);
            if (columns.get(i).rightAligned()) {
                l.append(" ".repeat(pad)).append(v);
            } else {
                l.append(v).append(" ".repeat(i == values.size() - 1 ? 0 : pad));
            }
            if (i < values.size() - 1) {
                l.append("  ");
            }
        }
        out.append(l.toString().stripTrailing()).append(System.lineSeparator());
    }

    /** The SQL on one line: white space folded, cut at {@value #SQL_PREVIEW} characters with an ellipsis. */
    static String preview(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() <= SQL_PREVIEW ? one : one.substring(0, SQL_PREVIEW - 1) + "…";
    }

    /** Terminal columns: East Asian wide characters take two. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    private record Column(String title, Function<Session, String> value, boolean rightAligned) {
    }
}
