package dev.sessiondeck.app.session;

/**
 * SQL text for people: a one-line preview for table cells, and cuts. The SQL dialog's layout and
 * highlighting are {@link SqlLayout}'s (sql-formatter and RichTextFX).
 */
final class SqlText {

    /** Longest preview in characters; the cell cuts further with an ellipsis to its width. */
    static final int PREVIEW_LENGTH = 300;
    /**
     * Longest original text the SQL dialog shows, in characters (a few hundred lines). Laying text
     * out costs about 8 ms per 1,000 characters on 2 cores: 10 MB held the window for over a minute,
     * 64 KiB for half a second (HugeSqlIT); a statement is often one line, which the dialog's
     * CodeArea lays out as a whole. Copy gives the whole statement.
     */
    static final int SHOWN_LENGTH = 16 * 1024;

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
}
