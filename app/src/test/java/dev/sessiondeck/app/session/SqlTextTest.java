package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT o.id, o.amount FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.amount > 10 AND c.name = 'x' ORDER BY o.id",
        "SELECT 'FROM here WHERE there' AS trap, `where` FROM t WHERE a = 'it''s' /* FROM comment */ AND b = 1 LIMIT 5",
        "SELECT '会话' AS label, SLEEP(60) FROM DUAL WHERE '会话' LIKE '会%' AND 1 = 1 OR 2 = 2"
    })
    void layoutChangesOnlyWhiteSpace(String sql) {
        String formatted = SqlText.format(sql);
        assertThat(formatted.replaceAll("\\s+", " ")).isEqualTo(sql);
        assertThat(formatted).contains("\nWHERE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 'a FROM b WHERE c' AS text_with_keywords_only_inside_quotes_xxxxxxxxxxxx"})
    void keywordsInsideQuotesStayPut(String sql) {
        assertThat(SqlText.format(sql)).isEqualTo(sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT 1|SELECT 1",
        "'SELECT\n  a,\n\tb\n FROM t'|SELECT a, b FROM t"
    })
    void previewIsOneLine(String sql, String preview) {
        assertThat(SqlText.preview(sql)).isEqualTo(preview);
    }

    @org.junit.jupiter.api.Test
    void previewOfAVeryLongStatementEndsWithAnEllipsis() {
        String preview = SqlText.preview("SELECT " + "x, ".repeat(5000) + "1");
        assertThat(preview).hasSize(SqlText.PREVIEW_LENGTH + 1).endsWith("\u2026");
    }
}
