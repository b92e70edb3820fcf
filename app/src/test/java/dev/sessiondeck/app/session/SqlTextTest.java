package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlTextTest {

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
