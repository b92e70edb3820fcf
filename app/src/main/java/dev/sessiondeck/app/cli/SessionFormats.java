package dev.sessiondeck.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.Snapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Renders sessions for the command line: an aligned table for people, JSON and CSV for programs. */
final class SessionFormats {

    /** The output formats of {@code list --format}. */
    enum Format { TABLE, JSON, CSV }

    private static final int SQL_PREVIEW = 60;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final CsvMapper CSV = new CsvMapper();

    private SessionFormats() {
    }

    static String render(Format format, Snapshot snapshot, List<Session> sessions) {
        return switch (format) {
            case TABLE -> table(snapshot, sessions);
            case JSON -> json(sessions);
            case CSV -> csv(sessions);
        };
    }

    /**
     * One object per session with the model's field names; absent values are {@code null};
     * {@code executionTime} is in seconds as a decimal with millisecond precision; instants are
     * ISO-8601 strings.
     */
    static Map<String, Object> fields(Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataSource", s.key().dataSource());
        m.put("server", s.key().server().isEmpty() ? null : s.key().server());
        m.put("id", s.id());
        m.put("identity", s.key().identity().isEmpty() ? null : s.key().identity());
        m.put("sql", s.sql().orElse(null));
        m.put("sqlId", s.sqlId().orElse(null));
        m.put("user", s.user().orElse(null));
        m.put("source", s.source().orElse(null));
        m.put("database", s.database().orElse(null));
        m.put("command", s.command().orElse(null));
        m.put("executionTime", s.executionTime()
                .map(d -> BigDecimal.valueOf(d.toMillis()).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY))
                .orElse(null));
        m.put("state", s.state().name());
        m.put("status", s.state().label());
        m.put("obServer", s.obServer().orElse(null));
        m.put("obProxy", s.obProxy().orElse(null));
        m.put("queryId", s.queryId().isPresent() ? s.queryId().getAsLong() : null);
        m.put("traceId", s.traceId().orElse(null));
        m.put("transactionState", s.transactionState().orElse(null));
        m.put("memoryBytes", s.memoryBytes().isPresent() ? s.memoryBytes().getAsLong() : null);
        m.put("rowsExamined", s.rowsExamined().isPresent() ? s.rowsExamined().getAsLong() : null);
        m.put("progressPercent", s.progressPercent().isPresent() ? s.progressPercent().getAsDouble() : null);
        m.put("programName", s.programName().orElse(null));
        m.put("waitEvent", s.waitEvent().orElse(null));
        m.put("stage", s.stage().orElse(null));
        m.put("blockingIds", s.blockingIds());
        m.put("sessionStart", s.sessionStart().map(Object::toString).orElse(null));
        m.put("transactionStart", s.transactionStart().map(Object::toString).orElse(null));
        m.put("leaderId", s.leaderId().isPresent() ? s.leaderId().getAsLong() : null);
        m.put("background", s.background());
        m.put("own", s.own());
        m.put("extras", s.extras());
        return m;
    }

    static String json(List<Session> sessions) {
        try {
            return JSON.writeValueAsString(sessions.stream().map(SessionFormats::fields).toList()) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** RFC 4180 CSV with a header; the same columns as JSON but {@code extras}, blocking ids space-separated. */
    static String csv(List<Session> sessions) {
        List<Map<String, Object>> rows = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            Map<String, Object> m = fields(s);
            m.remove("extras");
            m.put("blockingIds", s.blockingIds().stream().map(String::valueOf).collect(Collectors.joining(" ")));
            rows.add(m);
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        Map<String, Object> template = fields(Session.builder(dev.sessiondeck.core.model.SessionKey.ofId("", 0)).build());
        template.remove("extras");
        template.keySet().forEach(schema::addColumn);
        try {
            return CSV.writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CSV", e);
        }
    }

    /** The OCP columns; SQL ID, OBServer and OBProxy only when some session has them. */
    static String table(Snapshot snapshot, List<Session> sessions) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column("Session ID", s -> s.id() + (s.own() ? "*" : ""), true),
                new Column("SQL", s -> preview(s.sql().orElse("")), false),
                new Column("SQL ID", s -> s.sqlId().orElse(""), false),
                new Column("User", s -> s.user().orElse(""), false),
                new Column("Source", s -> s.source().orElse(""), false),
                new Column("Database Name", s -> s.database().orElse(""), false),
                new Column("Command", s -> s.command().orElse(""), false),
                new Column("Execution Time (s)", s -> s.executionTime()
                        .map(d -> BigDecimal.valueOf(d.toMillis()).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY).toPlainString())
                        .orElse(""), true),
                new Column("Status", s -> s.state().label(), false),
                new Column("OBServer", s -> s.obServer().orElse(""), false),
                new Column("OBProxy", s -> s.obProxy().orElse(""), false)));
        columns.removeIf(c -> c.optional() && sessions.stream().allMatch(s -> c.value().apply(s).isEmpty()));

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
        if (sessions.size() != snapshot.sessions().size()) {
            out.append(" (of ").append(snapshot.sessions().size()).append(" listed)");
        }
        out.append("; fetched from ").append(snapshot.dataSource()).append(" in ")
                .append(snapshot.latency().toMillis()).append(" ms");
        if (sessions.stream().anyMatch(Session::own)) {
            out.append("; * = SessionDeck's own connection");
        }
        return out.append(System.lineSeparator()).toString();
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
        boolean optional() {
            return title.equals("SQL ID") || title.equals("OBServer") || title.equals("OBProxy");
        }
    }
}
