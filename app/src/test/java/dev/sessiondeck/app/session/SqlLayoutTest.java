package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.vertical_blank.sqlformatter.languages.Dialect;
import dev.sessiondeck.app.session.SqlLayout.Unformatted;
import dev.sessiondeck.core.model.SqlDialect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyledDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlLayoutTest {

    private static final String MYSQL = "select o.id, 'it''s -- not a comment' as s from orders o /* the big one */ "
            + "join customers c on c.id=o.customer_id where o.amount > 10.5 # a MySQL comment\n and c.name like 'x%' limit 5";

    @ParameterizedTest
    @CsvSource({"MYSQL, MySql", "MARIADB, MariaDb", "POSTGRESQL, PostgreSql"})
    void eachSourceDialectHasTheFormattersOwn(SqlDialect ours, Dialect theirs) {
        assertThat(SqlLayout.dialect(ours)).isEqualTo(theirs);
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void aOneLineStatementIsLaidOutOnSeveralLinesChangingOnlyWhiteSpace(SqlDialect dialect) {
        SqlLayout.Formatted f = SqlLayout.format(MYSQL, Optional.of(dialect));

        assertThat(f.unformatted()).isEmpty();
        assertThat(f.text()).contains("\nfrom\n", "\nwhere\n", "'it''s -- not a comment'", "/* the big one */");
        assertThat(f.text().replaceAll("\\s+", "")).isEqualTo(MYSQL.replaceAll("\\s+", ""));
    }

    @Test
    void textOfASourceWithoutSqlIsLeftAsItIs() {
        String call = "Call: Form.Doc.ПоступлениеТоваров : Module.Записать";
        SqlLayout.Formatted f = SqlLayout.format(call, Optional.empty());
        assertThat(f.text()).isSameAs(call);
        assertThat(f.unformatted()).contains(Unformatted.NOT_SQL);
        assertThat(SqlLayout.highlight(call, Optional.empty())).singleElement()
                .satisfies(span -> assertThat(span.getStyle()).isEmpty());
    }

    @Test
    void aStatementOverTheLimitIsNotFormatted() {
        String sql = "SELECT " + "a, ".repeat(SqlLayout.FORMAT_LIMIT / 3) + "1 FROM t";
        SqlLayout.Formatted f = SqlLayout.format(sql, Optional.of(SqlDialect.MYSQL));
        assertThat(f.text()).isSameAs(sql);
        assertThat(f.unformatted()).contains(Unformatted.TOO_LONG);
    }

    @Test
    void aFormatterThatFailsOrChangesMoreThanWhiteSpaceLeavesTheStatementAsItIs() {
        assertThat(SqlLayout.format(MYSQL, Optional.of(SqlDialect.MYSQL), s -> {
            throw new IllegalStateException("unbalanced");
        })).isEqualTo(new SqlLayout.Formatted(MYSQL, Optional.of(Unformatted.FAILED)));
        assertThat(SqlLayout.format(MYSQL, Optional.of(SqlDialect.MYSQL), s -> {
            throw new StackOverflowError();
        }).unformatted()).contains(Unformatted.FAILED);
        assertThat(SqlLayout.format(MYSQL, Optional.of(SqlDialect.MYSQL), String::toUpperCase))
                .isEqualTo(new SqlLayout.Formatted(MYSQL, Optional.of(Unformatted.FAILED)));
    }

    @Test
    void keywordsStringsCommentsAndNumbersGetTheirStyleClasses() {
        StyleSpans<Collection<String>> spans = SqlLayout.highlight(MYSQL, Optional.of(SqlDialect.MYSQL));

        assertThat(spans.length()).isEqualTo(MYSQL.length());
        List<String> styled = styled(MYSQL, spans);
        assertThat(styled).contains("sql-keyword:select", "sql-keyword:from", "sql-keyword:join", "sql-keyword:where",
                "sql-keyword:like", "sql-string:'it''s -- not a comment'", "sql-string:'x%'",
                "sql-comment:/* the big one */", "sql-comment:# a MySQL comment", "sql-number:10.5", "sql-number:5");
        assertThat(styled).noneMatch(s -> s.endsWith(":orders") || s.endsWith(":amount"));
    }

    @Test
    void aLongLineHasAtMostSoManyHighlightedTokensAndTheNextLineStartsAgain() {
        String line = "SELECT " + "1, ".repeat(SqlLayout.STYLED_PER_LINE * 2) + "2";
        List<String> styled = styled(line + "\nFROM t", SqlLayout.highlight(line + "\nFROM t", Optional.of(SqlDialect.MYSQL)));
        assertThat(styled).hasSize(SqlLayout.STYLED_PER_LINE + 1).endsWith("sql-keyword:FROM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"select 1\nfrom t", "select 'a\r\nb' -- c\r\n\r\nfrom t\n", "\n\rselect\r"})
    void theDocumentHasRichTextFxsParagraphsAndTheStyles(String text) {
        StyleSpans<Collection<String>> styles = SqlLayout.highlight(text, Optional.of(SqlDialect.MYSQL));
        StyledDocument<Collection<String>, String, Collection<String>> doc = SqlLayout.document(text, styles);

        ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> theirs = ReadOnlyStyledDocument.fromString(
                text, List.of(), List.of(), SegmentOps.styledTextOps());
        assertThat(doc.getText()).isEqualTo(theirs.getText());
        assertThat(doc.getParagraphs()).hasSameSizeAs(theirs.getParagraphs());
        assertThat(doc.getStyleOfChar(doc.getText().indexOf("select") + 1)).containsExactly(SqlLayout.KEYWORD);
    }

    @Test
    void preparedViewsKeepTheOriginalExactlyAndCutItWhenHuge() {
        SqlLayout.Prepared p = SqlLayout.prepare(MYSQL, Optional.of(SqlDialect.MYSQL));
        assertThat(p.original().text()).isEqualTo(MYSQL);
        assertThat(p.formatted().text()).contains("\n").isNotEqualTo(MYSQL);
        assertThat(p.cut()).isFalse();

        String huge = HugeSqlIT.hugeSql();
        SqlLayout.Prepared h = SqlLayout.prepare(huge, Optional.of(SqlDialect.MYSQL));
        assertThat(h.unformatted()).contains(Unformatted.TOO_LONG);
        assertThat(h.cut()).isTrue();
        assertThat(h.formatted()).isSameAs(h.original());
        assertThat(h.original().text()).isEqualTo(SqlText.cut(huge, SqlText.SHOWN_LENGTH));
        assertThat(h.original().styles()).singleElement().satisfies(span -> {
            assertThat(span.getStyle()).isEmpty();
            assertThat(span.getLength()).isEqualTo(h.original().text().length());
        });
    }

    /** "class:text" for each styled span. */
    private static List<String> styled(String text, StyleSpans<Collection<String>> spans) {
        List<String> out = new ArrayList<>();
        int at = 0;
        for (StyleSpan<Collection<String>> span : spans) {
            if (!span.getStyle().isEmpty()) {
                out.add(String.join(" ", span.getStyle()) + ":" + text.substring(at, at + span.getLength()));
            }
            at += span.getLength();
        }
        return out;
    }
}
