package dev.sessiondeck.core.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.testing.CapturedLogs;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link StatementResources}' statement run on a real server. No MySQL 8 runs here, but MariaDB
 * (10.5+) has the same three {@code performance_schema} tables with the columns the statement reads
 * (all but {@code CPU_TIME}, which the MySQL 8.0.27 form leaves out), so the statement's SQL, its joins
 * and the mapping are tried against a running statement, an idle session, and a user who may not read
 * {@code performance_schema}. MariaDB instruments neither statements nor memory by default (MySQL 8
 * does both), so the server is started with them on.
 */
class StatementResourcesIT {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb("--performance-schema=ON",
            "--performance-schema-instrument=statement/%=ON", "--performance-schema-instrument=memory/%=ON",
            "--performance-schema-consumer-events-statements-current=ON");

    private static final String WITHOUT_CPU = StatementResources.TEMPLATE.formatted("NULL");

    @BeforeAll
    static void grants() throws Exception {
        try (Connection c = DB.connectRoot(); Statement st = c.createStatement()) {
            st.execute("GRANT SELECT ON performance_schema.* TO '" + EmbeddedMariaDb.ADMIN + "'@'%'");
        }
    }

    private static ConnectionPool pool(ConnectionSpec spec) throws Exception {
        return ConnectionPool.open(spec, MySqlProtocol.INSTANCE.jdbcUrl(spec), MySqlProtocol.INSTANCE.driverProperties(spec),
                MySqlProtocol.INSTANCE.errors());
    }

    private static List<Session> listing(long... ids) {
        return java.util.Arrays.stream(ids).mapToObj(id -> Session.builder(SessionKey.ofId("db", Long.toString(id))).build())
                .toList();
    }

    @Test
    void aRunningStatementHasItsLatencySoFarAndEverySessionItsMemory() throws Exception {
        try (ConnectionPool pool = pool(DB.adminSpec());
             Victim running = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(20)");
             Victim idle = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT 1")) {
            idle.awaitEnd(Duration.ofSeconds(10));
            StatementResources resources = new StatementResources(pool, WITHOUT_CPU);
            List<Session> out = await().atMost(Duration.ofSeconds(10)).until(
                    () -> pool.withConnection(Text.verbatim("test"), c -> resources.apply(c, listing(running.threadId(), idle.threadId()))),
                    l -> l.get(0).attribute(StatementResources.STATEMENT_LATENCY).orElse(Duration.ZERO)
                            .compareTo(Duration.ofMillis(200)) > 0);

            Session r = out.get(0);
            assertThat(r.attribute(StatementResources.STATEMENT_LATENCY).orElseThrow()).isLessThan(Duration.ofSeconds(30));
            assertThat(r.attribute(StatementResources.ROWS_SENT)).contains(0L);
            assertThat(r.attribute(StatementResources.CPU_TIME)).as("not in this form").isEmpty();
            assertThat(r.attribute(StandardAttributes.MEMORY).orElseThrow()).isPositive();
            Session i = out.get(1);
            assertThat(i.attribute(StatementResources.STATEMENT_LATENCY)).as("idle: no running statement").isEmpty();
            assertThat(i.attribute(StandardAttributes.MEMORY).orElseThrow()).isPositive();
        }
    }

    @Test
    void aUserWhoMayNotReadPerformanceSchemaKeepsTheListingAndIsNotAskedAgain() throws Exception {
        try (ConnectionPool pool = pool(DB.plainSpec()); CapturedLogs log = CapturedLogs.debug(StatementResources.class)) {
            StatementResources resources = new StatementResources(pool, WITHOUT_CPU);
            List<Session> listed = listing(1, 2);

            List<Session> first = pool.withConnection(Text.verbatim("test"), c -> resources.apply(c, listed));
            List<Session> second = pool.withConnection(Text.verbatim("test"), c -> resources.apply(c, listed));
            assertThat(first).isSameAs(listed);
            assertThat(second).isSameAs(listed);
            assertThat(log.messages()).singleElement().asString().contains("are not read").contains("denied");
        }
    }
}
