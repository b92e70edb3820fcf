package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.ExecutionPlan.Step;
import dev.sessiondeck.core.model.Text;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A plan in the tabular form of {@code EXPLAIN} (MySQL Reference Manual, "EXPLAIN Output Format":
 * id, select_type, table, partitions, type, possible_keys, key, key_len, ref, rows, filtered, Extra)
 * and of MariaDB's {@code SHOW EXPLAIN} and {@code SHOW ANALYZE} (MariaDB Knowledge Base, "EXPLAIN",
 * "ANALYZE Statement": the same columns without partitions, and r_rows, r_filtered with the counts
 * of the statement so far). One row per table read; rows of one {@code id} belong to one SELECT.
 *
 * @param columns the column names as the server gave them
 * @param rows    the rows in the server's order, one value per column, {@code null} for NULL
 */
public record PlanTable(List<String> columns, List<List<String>> rows) {

    public PlanTable {
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + r.size() + " values under " + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
        }
        rows = List.copyOf(copy);
    }

    /** Reads every row of an EXPLAIN result, as text. */
    public static PlanTable read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(md.getColumnLabel(i));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
                row.add(rs.getString(i));
            }
            rows.add(row);
        }
        return new PlanTable(columns, rows);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The value of {@code column} (any case) in {@code row}; empty for NULL, an empty text or no such column. */
    private Optional<String> value(List<String> row, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column)) {
                String v = row.get(i);
                return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
            }
        }
        return Optional.empty();
    }

    private boolean has(String column) {
        return columns.stream().anyMatch(c -> c.equalsIgnoreCase(column));
    }

    /**
     * The rows as steps. A plan of one SELECT lists its tables at depth 0, in join order; a plan of
     * several (subqueries, derived tables, unions) gets a step per SELECT id with its tables under it.
     * With {@code r_rows} (SHOW ANALYZE) a step's rows are those counted so far, and the estimate is
     * in its detail.
     */
    public List<Step> steps() {
        boolean analyze = has("r_rows");
        Map<String, List<List<String>>> bySelect = new LinkedHashMap<>();
        for (List<String> row : rows) {
            bySelect.computeIfAbsent(value(row, "id").orElse(""), k -> new ArrayList<>()).add(row);
        }
        boolean nested = bySelect.size() > 1;
        List<Step> out = new ArrayList<>();
        for (Map.Entry<String, List<List<String>>> select : bySelect.entrySet()) {
            int depth = 0;
            if (nested) {
                List<String> first = select.getValue().get(0);
                String type = value(first, "select_type").orElse("");
                String operation = select.getKey().isEmpty() ? type : "Select #" + select.getKey();
                out.add(new Step(0, operation, "", Optional.empty(), Optional.empty(),
                        select.getKey().isEmpty() ? "" : type));
                depth = 1;
            }
            for (List<String> row : select.getValue()) {
                out.add(step(row, depth, analyze, nested));
            }
        }
        return out;
    }

    private Step step(List<String> row, int depth, boolean analyze, boolean nested) {
        Optional<String> type = value(row, "type");
        Optional<String> extra = value(row, "Extra");
        Optional<String> selectType = value(row, "select_type");
        // a row without an access type says what happens instead ("No tables used", "Impossible WHERE")
        String operation = type.map(PlanTable::accessType).or(() -> extra).or(() -> selectType).orElse("?");
        Optional<Double> estimate = number(value(row, "rows"));
        Optional<Double> counted = number(value(row, "r_rows"));
        // EXPLAIN's own names (key, ref, partitions, select_type, Extra) stay as the server says them
        List<Text> detail = new ArrayList<>();
        if (!nested) {
            selectType.filter(t -> !t.equals("SIMPLE")).map(Text::verbatim).ifPresent(detail::add);
        }
        value(row, "key").ifPresent(k -> detail.add(Text.verbatim("key " + k)));
        value(row, "ref").ifPresent(r -> detail.add(Text.verbatim("ref " + r)));
        if (analyze) {
            estimate.ifPresent(e -> detail.add(Text.of(MySqlPlans.MESSAGES, "plan.estimated").with(format(e))));
            value(row, "r_filtered").ifPresent(f -> detail.add(Text.of(MySqlPlans.MESSAGES, "plan.filteredSoFar").with(f)));
        } else {
            value(row, "filtered").filter(f -> !f.equals("100.00"))
                    .ifPresent(f -> detail.add(Text.of(MySqlPlans.MESSAGES, "plan.filtered").with(f)));
        }
        value(row, "partitions").ifPresent(p -> detail.add(Text.verbatim("partitions " + p)));
        if (type.isPresent()) {
            extra.map(Text::verbatim).ifPresent(detail::add);
        }
        return new Step(depth, operation, value(row, "table").orElse(""), analyze ? counted.or(() -> estimate) : estimate,
                Optional.empty(), Text.join(detail));
    }

    /**
     * The access type in words, the server's own term kept in brackets: "Table scan (ALL)", "Index
     * lookup (ref)" (MySQL Reference Manual, "EXPLAIN Output Format", EXPLAIN Join Types).
     */
    public static String accessType(String type) {
        String words = switch (type) {
            case "ALL" -> "Table scan";
            case "index" -> "Index scan";
            case "range" -> "Index range scan";
            case "ref" -> "Index lookup";
            case "eq_ref" -> "Unique index lookup";
            case "ref_or_null" -> "Index lookup or NULL";
            case "const", "system" -> "Single row";
            case "fulltext" -> "Full-text search";
            case "index_merge" -> "Index merge";
            case "unique_subquery" -> "Unique subquery lookup";
            case "index_subquery" -> "Subquery index lookup";
            default -> null;
        };
        return words == null ? type : words + " (" + type + ")";
    }

    private static Optional<Double> number(Optional<String> text) {
        try {
            return text.map(Double::parseDouble);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The table as the mysql client prints it, NULL as {@code NULL}: the text a user copies. */
    public String render() {
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = columns.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], shown(r.get(i)).length());
            }
        }
        StringBuilder line = new StringBuilder("+");
        for (int w : width) {
            line.append("-".repeat(w + 2)).append('+');
        }
        StringBuilder out = new StringBuilder(line).append('\n');
        out.append(row(columns, width, true)).append('\n').append(line).append('\n');
        for (List<String> r : rows) {
            out.append(row(r, width, false)).append('\n');
        }
        return out.append(line).append('\n').toString();
    }

    private static String row(List<String> values, int[] width, boolean header) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < width.length; i++) {
            String v = header ? values.get(i) : shown(values.get(i));
            boolean numeric = !header && isNumber(values.get(i));
            String pad = " ".repeat(width[i] - v.length());
            b.append(' ').append(numeric ? pad + v : v + pad).append(" |");
        }
        return b.toString();
    }

    private static String shown(String v) {
        return v == null ? "NULL" : v;
    }

    private static boolean isNumber(String v) {
        return v != null && !v.isEmpty() && v.toLowerCase(Locale.ROOT).matches("-?[0-9]+(\\.[0-9]+)?");
    }
}
