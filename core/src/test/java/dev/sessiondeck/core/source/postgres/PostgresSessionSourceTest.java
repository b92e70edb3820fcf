package dev.sessiondeck.core.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.model.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping pieces that need no server; the rest is proven by the {@code Postgres*SessionSourceIT}s. */
class PostgresSessionSourceTest {

    @ParameterizedTest(name = "PostgreSQL {0}: leader pid from {1}, query id from {2}")
    @CsvSource({
            "12, NULL::integer, NULL::bigint",
            "13, a.leader_pid, NULL::bigint",
            "14, a.leader_pid, a.query_id",
            "18, a.leader_pid, a.query_id",
    })
    void listingNamesOnlyTheColumnsTheVersionHas(int major, String leader, String queryId) {
        String sql = PostgresSessionSource.listSql(Version.of(major, 0, 0));

        assertThat(sql).contains(leader + ", " + queryId + ",\n").endsWith("\nFROM pg_stat_activity a");
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} reads ''{5}''")
    @CsvSource(delimiter = '|', textBlock = """
            relation      | AccessShareLock | public.orders |      |               | relation lock on public.orders, AccessShareLock
            transactionid | ShareLock       |               | 7321 | orders        | row lock on orders (waits for transaction 7321), ShareLock
            tuple         | ExclusiveLock   | orders        |      | orders        | row lock on orders, ExclusiveLock
            advisory      | ExclusiveLock   |               |      |               | advisory lock, ExclusiveLock
            """)
    void lockWaitsAreWorded(String locktype, String mode, String relation, String transaction, String tuple, String words) {
        assertThat(PostgresLockWaits.words(locktype, mode, relation, transaction, tuple)).isEqualTo(words);
    }

    @ParameterizedTest(name = "{0} port {1} is ''{2}''")
    @CsvSource({
            "10.0.0.7, 51234, 10.0.0.7:51234",
            "::1, 40000, [::1]:40000",
            ", -1, local socket",
            ", , ",
    })
    void sourceIsAddressAndPortOrLocalSocket(String address, Integer port, String expected) {
        assertThat(PostgresSessionSource.source(address, port)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} / {1} is ''{2}''")
    @CsvSource({
            "Lock, transactionid, Lock:transactionid",
            "Activity, , Activity",
            ", , ",
    })
    void waitEventJoinsTypeAndEvent(String type, String event, String expected) {
        assertThat(PostgresSessionSource.waitEvent(type, event)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "hidden, user {0}, database {1}: server process {2}")
    @CsvSource({
            "deck_plain, deckdb, false",
            ", deckdb, true",
            "postgres, , true",
            ", , true",
    })
    void aHiddenSessionWithoutRoleOrDatabaseIsAServerProcess(String user, String database, boolean server) {
        assertThat(PostgresSessionSource.isServerProcess(user, database)).isEqualTo(server);
    }

    @Test
    void identityKeepsEveryMicrosecondAndReadsBackToTheSameInstant() {
        OffsetDateTime backendStart = OffsetDateTime.of(2025, 11, 21, 17, 20, 1, 123_400_000, ZoneOffset.ofHours(2));

        long micros = backendStart.toEpochSecond() * 1_000_000 + backendStart.getNano() / 1_000;

        String identity = PostgresSessionSource.identity(PostgresSessionSource.instant(micros));

        assertThat(identity).isEqualTo("2025-11-21T15:20:01.123400Z");
        assertThat(Instant.parse(identity)).isEqualTo(backendStart.toInstant());
        assertThat(PostgresSessionSource.identity(null)).isEmpty();
    }

    @Test
    void microsecondsBeforeTheEpochReadBackToTheirInstant() {
        assertThat(PostgresSessionSource.instant(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(PostgresSessionSource.instant(1_500_000)).isEqualTo(Instant.parse("1970-01-01T00:00:01.500Z"));
    }
}
