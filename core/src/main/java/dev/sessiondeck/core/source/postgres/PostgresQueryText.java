package dev.sessiondeck.core.source.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a statement text from {@code pg_stat_activity.query} is, read with PostgreSQL's lexical rules
 * (PostgreSQL manual, "Lexical Structure": quoted identifiers, string constants with and without
 * C-style escapes, dollar-quoted strings, nested block comments, positional parameters {@code $n}),
 * so that SessionDeck explains it only when it is a single SELECT:
 * <ul>
 *   <li>{@link #kind()}: {@code SELECT} for a text whose first word (after comments and opening
 *       brackets) is SELECT, or WITH with no data-modifying statement in it (INSERT, DELETE, MERGE, or
 *       UPDATE other than {@code FOR [NO KEY] UPDATE}); everything else, EXPLAIN ANALYZE included, is
 *       {@code OTHER};</li>
 *   <li>{@link #several()}: more than one statement (text after a semicolon), which EXPLAIN cannot take
 *       and the driver would send as several;</li>
 *   <li>{@link #parameters()}: a {@code $n} outside strings and comments;</li>
 *   <li>{@link #unreadable()}: a string, quoted name or comment that does not end (a text cut at
 *       {@code track_activity_query_size}).</li>
 * </ul>
 *
 * @param statement the text without a trailing semicolon and what follows it
 */
record PostgresQueryText(Kind kind, boolean several, boolean parameters, boolean unreadable, String statement) {

    enum Kind { SELECT, OTHER }

    /** Reads {@code sql}. */
    static PostgresQueryText read(String sql) {
        Lexer lx = new Lexer(sql);
        lx.run();
        Kind kind = Kind.OTHER;
        if (!lx.words.isEmpty()) {
            String first = lx.words.get(0);
            if (first.equals("SELECT")) {
                kind = Kind.SELECT;
            } else if (first.equals("WITH") && !modifiesData(lx.words)) {
                kind = Kind.SELECT;
            }
        }
        String statement = lx.end >= 0 ? sql.substring(0, lx.end) : sql;
        return new PostgresQueryText(kind, lx.several, lx.parameters, lx.unreadable, statement.strip());
    }

    /**
     * The first word of {@code sql} in upper case, after white space, comments and opening brackets;
     * empty when there is none. Cheap enough for the UI thread: it reads no further.
     */
    static String firstWord(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = Lexer.skipBlockComment(sql, i);
                if (i < 0) {
                    return "";
                }
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Lexer.identifierPart(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }

    private static boolean modifiesData(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("INSERT") || w.equals("DELETE") || w.equals("MERGE")) {
                return true;
            }
            if (w.equals("UPDATE")) {
                String before = i == 0 ? "" : words.get(i - 1);
                if (!before.equals("FOR") && !before.equals("KEY")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One pass over the text. */
    private static final class Lexer {
        private final String s;
        final List<String> words = new ArrayList<>();
        boolean several;
        boolean parameters;
        boolean unreadable;
        /** Where the first top-level semicolon stands; -1 for none. */
        int end = -1;

        Lexer(String s) {
            this.s = s;
        }

        void run() {
            int n = s.length();
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                char next = i + 1 < n ? s.charAt(i + 1) : '\0';
                if (c == '-' && next == '-') {
                    int nl = s.indexOf('\n', i);
                    i = nl < 0 ? n : nl + 1;
                } else if (c == '/' && next == '*') {
                    i = skipBlockComment(s, i);
                    if (i < 0) {
                        unreadable = true;
                        return;
                    }
                } else if (c == '\'') {
                    i = skipString(i + 1, false);
                } else if ((c == 'E' || c == 'e') && next == '\'' && !precededByIdentifier(i)) {
                    i = skipString(i + 2, true);
                } else if (c == '"') {
                    i = skipQuoted(i + 1, '"');
                } else if (c == '$' && !precededByIdentifier(i)) {
                    i = dollar(i);
                } else if (c == ';') {
                    if (end < 0) {
                        end = i;
                    }
                    i++;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (identifierStart(c)) {
                    int start = i;
                    while (i < n && identifierPart(s.charAt(i))) {
                        i++;
                    }
                    word(s.substring(start, i));
                } else {
                    token();
                    i++;
                }
                if (i < 0) {
                    unreadable = true;
                    return;
                }
            }
        }

        private void word(String w) {
            token();
            words.add(w.toUpperCase(Locale.ROOT));
        }

        /** Something other than a comment or white space: after a semicolon, a second statement. */
        private void token() {
            if (end >= 0) {
                several = true;
            }
        }

        /** A positional parameter ({@code $1}), or a dollar-quoted string ({@code $$...$$}, {@code $tag$...$tag$}). */
        private int dollar(int i) {
            int n = s.length();
            int j = i + 1;
            if (j < n && Character.isDigit(s.charAt(j))) {
                while (j < n && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                token();
                parameters = true;
                return j;
            }
            while (j < n && identifierPart(s.charAt(j)) && s.charAt(j) != '$') {
                j++;
            }
            if (j < n && s.charAt(j) == '$') {
                String tag = s.substring(i, j + 1);
                token();
                int close = s.indexOf(tag, j + 1);
                return close < 0 ? -1 : close + tag.length();
            }
            token();
            return i + 1;
        }

        private int skipString(int from, boolean escapes) {
            token();
            int n = s.length();
            int i = from;
            while (i < n) {
                char c = s.charAt(i);
                if (escapes && c == '\\') {
                    i += 2;
                } else if (c == '\'') {
                    if (i + 1 < n && s.charAt(i + 1) == '\'') {
                        i += 2;
                    } else {
                        return i + 1;
                    }
                } else {
                    i++;
                }
            }
            return -1;
        }

        private int skipQuoted(int from, char quote) {
            token();
            int n = s.length();
            int i = from;
            while (i < n) {
                if (s.charAt(i) == quote) {
                    if (i + 1 < n && s.charAt(i + 1) == quote) {
                        i += 2;
                    } else {
                        return i + 1;
                    }
                } else {
                    i++;
                }
            }
            return -1;
        }

        private boolean precededByIdentifier(int i) {
            return i > 0 && identifierPart(s.charAt(i - 1));
        }

        /** Skips a block comment starting at {@code i}; PostgreSQL's nest. -1 when it does not end. */
        static int skipBlockComment(String s, int i) {
            int n = s.length();
            int depth = 0;
            while (i < n) {
                if (s.startsWith("/*", i)) {
                    depth++;
                    i += 2;
                } else if (s.startsWith("*/", i)) {
                    depth--;
                    i += 2;
                    if (depth == 0) {
                        return i;
                    }
                } else {
                    i++;
                }
            }
            return -1;
        }

        static boolean identifierStart(char c) {
            return Character.isLetter(c) || c == '_' || c > 127;
        }

        static boolean identifierPart(char c) {
            return identifierStart(c) || Character.isDigit(c) || c == '$';
        }
    }
}
