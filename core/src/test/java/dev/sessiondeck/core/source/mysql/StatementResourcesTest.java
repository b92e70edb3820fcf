package dev.sessiondeck.core.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.testing.RecordedResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** MySQL 8's statement figures and memory mapped from recorded rows ({@code fixtures/mysql/8.0/statement_resources.csv}). */
class StatementResourcesTest {

    private static List<Session> listing(String... ids) {
        return Stream.of(ids).map(id -> Session.builder(SessionKey.ofId("db", id)).build()).toList();
    }

    @Test
    void picosecondsBecomeDurationsAndBytesAndRowsAreCounts() throws SQLException {
        Map<String, StatementResources.Figures> figures =
                StatementResources.read(RecordedResultSet.csv("/fixtures/mysql/8.0/statement_resources.csv"));

        assertThat(figures.get("8")).isEqualTo(new StatementResources.Figures(Duration.ofNanos(12_742_517_000L),
                Duration.ofNanos(1_000), 1_048_576L, 12L, Duration.ofMillis(3_250), 1_294_336L));
        assertThat(figures.get("11").latency()).isEqualTo(Duration.ofNanos(2_500));
        assertThat(figures.get("10")).isEqualTo(new StatementResources.Figures(null, null, null, null, null, 18_446_744L));
    }

    @Test
    void theFiguresGoOnTheirSessionsAndAnIdleSessionGetsOnlyItsMemory() throws SQLException {
        Map<String, StatementResources.Figures> figures =
                StatementResources.read(RecordedResultSet.csv("/fixtures/mysql/8.0/statement_resources.csv"));
        List<Session> out = StatementResources.apply(listing("8", "9", "10", "12"), figures);

        Session running = out.get(0);
        assertThat(running.attribute(StatementResources.STATEMENT_LATENCY)).contains(Duration.ofNanos(12_742_517_000L));
        assertThat(running.attribute(StatementResources.LOCK_TIME)).contains(Duration.ofNanos(1_000));
        assertThat(running.attribute(StatementResources.CPU_TIME)).contains(Duration.ofMillis(3_250));
        assertThat(running.attribute(StatementResources.ROWS_SENT)).contains(12L);
        assertThat(running.attribute(StandardAttributes.ROWS_EXAMINED)).contains(1_048_576L);
        assertThat(running.attribute(StandardAttributes.MEMORY)).contains(1_294_336L);
        assertThat(out.get(1).attribute(StatementResources.STATEMENT_LATENCY)).isEmpty();
        assertThat(out.get(1).attribute(StandardAttributes.MEMORY)).isEmpty();
        assertThat(out.get(2).attribute(StatementResources.STATEMENT_LATENCY)).as("idle").isEmpty();
        assertThat(out.get(2).attribute(StandardAttributes.MEMORY)).contains(18_446_744L);
        assertThat(out.get(3)).as("not in performance_schema: as listed").isEqualTo(listing("12").get(0));
    }

    @Test
    void onlyMySql8HasThemAndCpuTimeOnlyFrom8028() {
        assertThat(StatementResources.forServer(ServerInfo.detectMySqlFamily("5.7.44", "MySQL Community Server (GPL)", false),
                null)).isNull();
        assertThat(StatementResources.forServer(ServerInfo.detectMySqlFamily("11.4.5-MariaDB", "mariadb.org binary distribution",
                false), null)).isNull();
        assertThat(StatementResources.sqlFor(ServerInfo.detectMySqlFamily("8.0.27", "MySQL Community Server - GPL", false)))
                .contains("s.ROWS_SENT, NULL, m.BYTES");
        assertThat(StatementResources.sqlFor(ServerInfo.detectMySqlFamily("8.0.28", "MySQL Community Server - GPL", false)))
                .contains("s.CPU_TIME");
        assertThat(StatementResources.sqlFor(ServerInfo.detectMySqlFamily("9.1.0", "MySQL Community Server - GPL", false)))
                .contains("s.CPU_TIME");
    }
}
