package dev.sessiondeck.app.session;

import java.util.List;

/** SQL text for people: a one-line preview for table cells, and a layout for reading. */
final class SqlText {

    /** Longest preview in characters; the cell cuts further with an ellipsis to its width. */
    static final int PREVIEW_LENGTH = 300;
    /**
     * Longest text the SQL dialog lays out, in characters (a few hundred lines). Laying text out
     * costs about 8 ms per 1,000 characters on 2 cores: 10 MB held the window for over a minute,
     * 64 KiB for half a second (HugeSqlIT). Copy gives the whole statement.
     */
    static final int SHOWN_LENGTH = 16 * 1024;

    /** Clause keywords that start a new line; longer ones first so that "GROUP BY" wins over "BY". */
    private static final List<String> CLAUSES = List.of("UNION ALL", "UNION", "LEFT OUTER JOIN", "RIGHT OUTER JOIN",
            "LEFT JOIN", "RIGHT JOIN", "INNER JOIN", "CROSS JOIN", "JOIN", "GROUP BY", "ORDER BY", "FROM", "WHERE",
            "HAVING", "LIMIT", "VALUES", "SET");
    /** Keywords that start an indented line. */
    private static final List<String> CONDITIONS = List.of("AND", "OR", "ON");

    private SqlText() {
    }

    /** The text on one line (white space runs as one space), cut to {@value #PREVIEW_LENGTH} characters. */
    static String preview(String sql) {
        StringBuilder b = new StringBuilder(Math.min(sql.length(), PREVIEW_LENGTH + 1));
        boolean space = false;
        for (int i = 0; i < sql.length() && b.length() < PREVIEW_LENGTH; i++) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        if (b.length() >= PREVIEW_LENGTH) {
            b.append('\u2026');
        }
        return b.toString();
    }

    /** The first {@code limit} characters of {@code text} (one fewer rather than half a surrogate pair); all of a shorter one. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit);
    }

    /**
     * Lays a one-line statement out for reading: each clause (FROM, WHERE, JOIN ...) on a new line,
     * AND / OR / ON indented. Only the white space before those keywords changes, and never inside
     * quotes or comments; text that already has line breaks is returned as it is.
     */
    static String format(String sql) {
        if (sql.indexOf('\n') >= 0 || sql.length() < 60) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 32);
        char quote = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && quote != '`' && i + 1 < sql.length()) {
                    out.append(sql.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                i++;
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                out.append(c);
                i++;
                continue;
            }
            if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                out.append(sql, i, end);
                i = end;
                continue;
            }
            if (Character.isWhitespace(c)) {
                int next = i;
                while (next < sql.length() && Character.isWhitespace(sql.charAt(next))) {
                    next++;
                }
                String breakBefore = lineBreakBefore(sql, next);
                out.append(breakBefore != null && out.length() > 0 ? breakBefore : sql.substring(i, next));
                i = next;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String lineBreakBefore(String sql, int at) {
        for (String k : CLAUSES) {
            if (keywordAt(sql, at, k)) {
                return "\n";
            }
        }
        for (String k : CONDITIONS) {
            if (keywordAt(sql, at, k)) {
                return "\n  ";
            }
        }
        return null;
    }

    private static boolean keywordAt(String sql, int at, String keyword) {
        int end = at + keyword.length();
        return end <= sql.length()
                && sql.regionMatches(true, at, keyword, 0, keyword.length())
                && (end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end)) && sql.charAt(end) != '_');
    }
}
