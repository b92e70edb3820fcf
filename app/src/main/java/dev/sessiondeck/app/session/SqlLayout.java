package dev.sessiondeck.app.session;

import com.github.vertical_blank.sqlformatter.SqlFormatter;
import com.github.vertical_blank.sqlformatter.core.AbstractFormatter;
import com.github.vertical_blank.sqlformatter.core.DialectConfig;
import com.github.vertical_blank.sqlformatter.core.FormatConfig;
import com.github.vertical_blank.sqlformatter.core.Token;
import com.github.vertical_blank.sqlformatter.core.Tokenizer;
import com.github.vertical_blank.sqlformatter.languages.Dialect;
import dev.sessiondeck.core.model.SqlDialect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.StyledDocument;
import org.fxmisc.richtext.model.StyledSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SQL dialog shows of a statement: laid out by sql-formatter for the data source's
 * dialect, and the original, each with the style classes of its keywords, strings, comments and
 * numbers (found by sql-formatter's own tokenizer). A statement too long to format is shown as
 * it is, cut and plain. Blocking and CPU-bound: run it off the JavaFX thread
 * ({@link SessionsViewModel#prepareSql}).
 */
final class SqlLayout {

    /**
     * Longest statement formatted, in characters. sql-formatter's time grows with the square of the
     * length: on 2 busy cores 16 KiB took 0.1 to 0.6 s, 64 KiB 1.5 to 7 s. Longer statements are
     * shown as they are, with a note.
     */
    static final int FORMAT_LIMIT = 16 * 1024;
    /** Longest text highlighted, in characters (the tokenizer grows like the formatter); the rest stays plain. */
    static final int HIGHLIGHT_LIMIT = 48 * 1024;
    /**
     * Most highlighted tokens on one line; the rest of a longer line stays plain. Each is a text node
     * of the line's {@code TextFlow}, whose layout grows with the square of their number: a 16 KiB
     * line of 3,000 held the JavaFX thread for 3 s (SqlDialogIT); 200 colour the whole line of an
     * ordinary one-line statement of a thousand characters or so.
     */
    static final int STYLED_PER_LINE = 200;

    static final String KEYWORD = "sql-keyword";
    static final String STRING = "sql-string";
    static final String COMMENT = "sql-comment";
    static final String NUMBER = "sql-number";

    private static final Logger LOG = LoggerFactory.getLogger(SqlLayout.class);

    /** Why a statement is shown as it is rather than formatted; each with its message key. */
    enum Unformatted {
        /** The data source's text is not SQL (1C), or its dialect is unknown. */
        NOT_SQL("sql.format.notSql"),
        /** Longer than {@link #FORMAT_LIMIT}. */
        TOO_LONG("sql.format.tooLong"),
        /** The formatter failed, or would have changed more than white space. */
        FAILED("sql.format.failed");

        final String messageKey;

        Unformatted(String messageKey) {
            this.messageKey = messageKey;
        }
    }

    /**
     * A text, its style classes span by span, and both as the document a {@code CodeArea} shows,
     * built here so that the JavaFX thread only swaps it in (building 16 KiB of styled paragraphs
     * there held it for half a second).
     */
    record View(String text, StyleSpans<Collection<String>> styles, StyledDocument<Collection<String>, String, Collection<String>> document) {

        View(String text, StyleSpans<Collection<String>> styles) {
            this(text, styles, SqlLayout.document(text, styles));
        }
    }

    /** The statement formatted, or as it is and why. */
    record Formatted(String text, Optional<Unformatted> unformatted) {
    }

    /**
     * Both views of a statement.
     *
     * @param formatted   the laid-out text; the original's view when it was not formatted
     * @param original    the exact text, cut to {@link SqlText#SHOWN_LENGTH} characters
     * @param unformatted why it was not formatted, if it was not
     * @param length      the whole statement's length in characters
     */
    record Prepared(View formatted, View original, Optional<Unformatted> unformatted, int length) {

        boolean cut() {
            return original.text().length() < length;
        }
    }

    private SqlLayout() {
    }

    /** Both views of {@code sql}, for the data source's {@code dialect} (empty: not SQL). */
    static Prepared prepare(String sql, Optional<SqlDialect> dialect) {
        Formatted f = format(sql, dialect);
        if (f.unformatted().equals(Optional.of(Unformatted.TOO_LONG))) {
            // its start is most likely one long line: plain, it is one text node to lay out, as a TextArea's
            return plain(sql, Unformatted.TOO_LONG);
        }
        String shown = SqlText.cut(sql, SqlText.SHOWN_LENGTH);
        View original = new View(shown, highlight(shown, dialect));
        View formatted = f.unformatted().isPresent() ? original : new View(f.text(), highlight(f.text(), dialect));
        return new Prepared(formatted, original, f.unformatted(), sql.length());
    }

    /** {@code sql} as it is, not highlighted, and why: cheap enough for the JavaFX thread. */
    static Prepared plain(String sql, Unformatted why) {
        String shown = SqlText.cut(sql, SqlText.SHOWN_LENGTH);
        View original = new View(shown, highlight(shown, Optional.empty()));
        return new Prepared(original, original, Optional.of(why), sql.length());
    }

    /** sql-formatter's dialect for a source's. */
    static Dialect dialect(SqlDialect dialect) {
        return switch (dialect) {
            case MYSQL -> Dialect.MySql;
            case MARIADB -> Dialect.MariaDb;
            case POSTGRESQL -> Dialect.PostgreSql;
        };
    }

    /** {@code sql} laid out by sql-formatter for {@code dialect} (two spaces a level, case kept), or as it is and why. */
    static Formatted format(String sql, Optional<SqlDialect> dialect) {
        return format(sql, dialect, text -> SqlFormatter.of(dialect(dialect.orElseThrow())).format(text));
    }

    /** As {@link #format(String, Optional)}, with the formatter given (tests give one that fails). */
    static Formatted format(String sql, Optional<SqlDialect> dialect, UnaryOperator<String> formatter) {
        if (dialect.isEmpty()) {
            return new Formatted(sql, Optional.of(Unformatted.NOT_SQL));
        }
        if (sql.length() > FORMAT_LIMIT) {
            return new Formatted(sql, Optional.of(Unformatted.TOO_LONG));
        }
        try {
            String out = formatter.apply(sql);
            // a layout changes white space only: anything else would show a statement the server did not run
            if (out == null || !withoutWhiteSpace(out).equals(withoutWhiteSpace(sql))) {
                LOG.debug("sql-formatter changed more than white space of a {} statement; shown as it is", dialect.get());
                return new Formatted(sql, Optional.of(Unformatted.FAILED));
            }
            return new Formatted(out, Optional.empty());
        } catch (RuntimeException | StackOverflowError e) {
            LOG.debug("sql-formatter failed on a {} statement of {} characters", dialect.get(), sql.length(), e);
            return new Formatted(sql, Optional.of(Unformatted.FAILED));
        }
    }

    private static String withoutWhiteSpace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> !Character.isWhitespace(c)).forEach(b::appendCodePoint);
        return b.toString();
    }

    /**
     * The style classes of {@code text}'s keywords, strings, comments and numbers as
     * sql-formatter's tokenizer for {@code dialect} reads them, over its first {@link #HIGHLIGHT_LIMIT}
     * characters; all plain when there is no dialect. The spans cover the whole text.
     */
    static StyleSpans<Collection<String>> highlight(String text, Optional<SqlDialect> dialect) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int styledTo = 0;
        if (dialect.isPresent()) {
            String read = SqlText.cut(text, HIGHLIGHT_LIMIT);
            try {
                int readTo = 0;
                int styledInLine = 0;
                for (Token token : new Tokenizer(config(dialect.get())).tokenize(read)) {
                    int start = read.indexOf(token.value, readTo);
                    if (start < 0) {
                        break;
                    }
                    if (read.substring(readTo, start).indexOf('\n') >= 0) {
                        styledInLine = 0;
                    }
                    readTo = start + token.value.length();
                    String style = styleOf(token);
                    if (style != null && !token.value.isEmpty() && styledInLine < STYLED_PER_LINE) {
                        if (start > styledTo) {
                            spans.add(List.of(), start - styledTo);
                        }
                        spans.add(List.of(style), token.value.length());
                        styledTo = readTo;
                        styledInLine++;
                    }
                    if (token.value.indexOf('\n') >= 0) {
                        styledInLine = 0;
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                LOG.debug("sql-formatter's tokenizer failed; the rest of the text stays plain", e);
            }
        }
        spans.add(List.of(), text.length() - styledTo);
        return spans.create();
    }

    /** {@code text} in paragraphs (split where RichTextFX splits: CR LF, CR, LF), styled by {@code styles}. */
    static StyledDocument<Collection<String>, String, Collection<String>> document(String text,
            StyleSpans<Collection<String>> styles) {
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> doc =
                new ReadOnlyStyledDocumentBuilder<>(SegmentOps.styledTextOps(), List.of());
        List<StyledSegment<String, Collection<String>>> line = new ArrayList<>();
        int spanStart = 0;
        int at = 0;
        for (StyleSpan<Collection<String>> span : styles) {
            int spanEnd = Math.min(text.length(), spanStart + span.getLength());
            while (at < spanEnd) {
                int stop = at;
                while (stop < spanEnd && text.charAt(stop) != '\n' && text.charAt(stop) != '\r') {
                    stop++;
                }
                if (stop > at) {
                    line.add(new StyledSegment<>(text.substring(at, stop), span.getStyle()));
                }
                at = stop;
                if (stop < spanEnd) {
                    doc.addParagraph(paragraph(line));
                    line = new ArrayList<>();
                    // CR LF ends one line, also where a span ends between the two
                    at += text.charAt(stop) == '\r' && stop + 1 < text.length() && text.charAt(stop + 1) == '\n' ? 2 : 1;
                }
            }
            spanStart = spanEnd;
        }
        doc.addParagraph(paragraph(line));
        return doc.build();
    }

    private static List<StyledSegment<String, Collection<String>>> paragraph(List<StyledSegment<String, Collection<String>>> line) {
        return line.isEmpty() ? List.of(new StyledSegment<>("", List.of())) : line;
    }

    private static DialectConfig config(SqlDialect dialect) {
        AbstractFormatter formatter = dialect(dialect).func.apply(FormatConfig.builder().build());
        return formatter.dialectConfig();
    }

    private static String styleOf(Token token) {
        return switch (token.type) {
            case RESERVED, RESERVED_TOP_LEVEL, RESERVED_TOP_LEVEL_NO_INDENT, RESERVED_NEWLINE -> KEYWORD;
            // MySQL's back-quoted names are read as strings by the tokenizer: they are names
            case STRING -> token.value.startsWith("`") ? null : STRING;
            case LINE_COMMENT, BLOCK_COMMENT -> COMMENT;
            case NUMBER -> NUMBER;
            default -> null;
        };
    }
}
