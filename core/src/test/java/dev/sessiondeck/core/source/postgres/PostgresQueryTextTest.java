package dev.sessiondeck.core.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which statement texts SessionDeck explains again on PostgreSQL: one SELECT, read with the lexical
 * rules of the manual's "Lexical Structure" (strings, escape strings, dollar quotes, quoted names,
 * nested comments, {@code $n} parameters). {@code ~} in a case stands for a line break.
 */
class PostgresQueryTextTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // text                                                          | kind   | several | params | unreadable
            "SELECT 1                                                        | SELECT | false   | false  | false",
            "select * from t where a = 1;                                    | SELECT | false   | false  | false",
            "  -- why~ /* note /* nested */ */ (SELECT 1) UNION (SELECT 2)   | SELECT | false   | false  | false",
            "WITH x AS (SELECT 1) SELECT * FROM x                            | SELECT | false   | false  | false",
            "WITH x AS (SELECT * FROM t FOR UPDATE) SELECT * FROM x          | SELECT | false   | false  | false",
            "WITH x AS (SELECT * FROM t FOR NO KEY UPDATE) SELECT 1          | SELECT | false   | false  | false",
            "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d           | OTHER  | false   | false  | false",
            "WITH u AS (UPDATE t SET a = 1 RETURNING *) SELECT * FROM u      | OTHER  | false   | false  | false",
            "WITH i AS (INSERT INTO t VALUES (1) RETURNING *) SELECT 1       | OTHER  | false   | false  | false",
            "EXPLAIN ANALYZE SELECT 1                                        | OTHER  | false   | false  | false",
            "UPDATE t SET a = 1                                              | OTHER  | false   | false  | false",
            "DO $$BEGIN PERFORM pg_sleep(1); END$$                           | OTHER  | false   | false  | false",
            "VALUES (1)                                                      | OTHER  | false   | false  | false",
            "SELECT 1; DROP TABLE t                                          | SELECT | true    | false  | false",
            "SELECT 1; -- only a comment after~                              | SELECT | false   | false  | false",
            "SELECT ';' AS a, $x$ ; $1 $x$, \"se;mi\" FROM t                 | SELECT | false   | false  | false",
            "SELECT E'it\\'s; $1' FROM t                                     | SELECT | false   | false  | false",
            "SELECT 'it''s; $1' FROM t                                       | SELECT | false   | false  | false",
            "SELECT * FROM t WHERE id = $1 AND a > $12                       | SELECT | false   | true   | false",
            "SELECT a$1 FROM t                                               | SELECT | false   | false  | false",
            "SELECT * FROM t WHERE doc ? 'key'                               | SELECT | false   | false  | false",
            "SELECT 'never ends                                              | SELECT | false   | false  | true",
            "SELECT 1 /* never ends                                          | SELECT | false   | false  | true",
            "SELECT $q$ never ends                                           | SELECT | false   | false  | true",
    })
    void readsWhatTheTextIs(String text, PostgresQueryText.Kind kind, boolean several, boolean parameters, boolean unreadable) {
        PostgresQueryText q = PostgresQueryText.read(text.replace("~", "\n"));

        assertThat(q.kind()).isEqualTo(kind);
        assertThat(q.several()).isEqualTo(several);
        assertThat(q.parameters()).isEqualTo(parameters);
        assertThat(q.unreadable()).isEqualTo(unreadable);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT 1;   | SELECT 1",
            "SELECT 1 ;; | SELECT 1",
            "SELECT 1    | SELECT 1",
    })
    void theStatementLeavesTheSemicolonOut(String text, String statement) {
        assertThat(PostgresQueryText.read(text).statement()).isEqualTo(statement);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "select 1                    | SELECT",
            "  /* c */ -- d~((with x     | WITH",
            "/* never ends               | ''",
            "''                          | ''",
    })
    void theFirstWordIsReadWithoutReadingTheRest(String text, String word) {
        assertThat(PostgresQueryText.firstWord(text.replace("~", "\n"))).isEqualTo(word);
    }
}
