package dev.sessiondeck.core.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.Capability;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.SqlDialect;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbSessionSourceIT {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    private SessionSource admin;

    @BeforeEach
    void open() throws SourceException {
        admin = SessionSources.loaded().open(DB.adminSpec());
    }

    @AfterEach
    void close() {
        admin.close();
    }

    private Session awaitListed(SessionSource source, long id) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> source.snapshot().find(Long.toString(id)).filter(s -> s.sql().isPresent()), Optional::isPresent)
                .orElseThrow();
    }

    private MariaDbSessionSource mariaDb() {
        return (MariaDbSessionSource) admin;
    }

    @Test
    void detectsMariaDbWithItsCapabilities() {
        assertThat(admin).isInstanceOf(MariaDbSessionSource.class);
        assertThat(mariaDb().serverInfo().product()).isEqualTo(Product.MARIADB);
        assertThat(mariaDb().serverInfo().version().major()).isEqualTo(11);
        assertThat(mariaDb().serverInfo().capabilities())
                .contains(Capability.KILL_QUERY, Capability.KILL_SESSION, Capability.KILL_QUERY_BY_ID, Capability.MILLISECOND_TIME);
        assertThat(admin.describe()).startsWith("MariaDB 11.");
        assertThat(admin.sqlDialect()).contains(SqlDialect.MARIADB);
        assertThat(admin.actions()).containsExactly(SessionAction.CLOSE_SESSION, SessionAction.CLOSE_QUERY,
                SessionAction.SESSION_VARIABLES);
        assertThat(admin.attributes()).contains(StandardAttributes.STAGE, StandardAttributes.QUERY_ID,
                StandardAttributes.MEMORY, StandardAttributes.ROWS_EXAMINED, StandardAttributes.PROGRESS,
                MariaDbSessionSource.STAGE_NUMBER, MariaDbSessionSource.MAX_STAGE);
    }

    @Test
    void victimIsListedActiveWithFullSqlAndItsTimeGrows() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            Session first = awaitListed(admin, victim.threadId());
            assertThat(first.state()).isEqualTo(SessionState.ACTIVE);
            assertThat(first.sql()).contains("SELECT SLEEP(60)");
            assertThat(first.user()).contains(EmbeddedMariaDb.ADMIN);
            assertThat(first.database()).contains(EmbeddedMariaDb.DATABASE);
            assertThat(first.command()).contains("Query");
            assertThat(first.attribute(StandardAttributes.QUERY_ID)).isPresent();
            assertThat(first.key().queryId()).hasValue(first.attribute(StandardAttributes.QUERY_ID).orElseThrow());
            assertThat(first.attribute(StandardAttributes.MEMORY)).hasValueSatisfying(m -> assertThat(m).isPositive());
            assertThat(first.attribute(StandardAttributes.ROWS_EXAMINED)).isPresent();
            assertThat(first.attribute(StandardAttributes.STAGE)).isPresent();
            // SLEEP() reports no progress: no stage count, no progress
            assertThat(first.attribute(StandardAttributes.PROGRESS)).isEmpty();
            assertThat(first.attribute(MariaDbSessionSource.MAX_STAGE)).isEmpty();
            assertThat(admin.attributes()).containsAll(first.attributes().attributes());
            assertThat(first.own()).isFalse();
            Duration t1 = first.executionTime().orElseThrow();
            Session later = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> admin.snapshot().find(Long.toString(victim.threadId())).orElseThrow(),
                            s -> s.executionTime().orElseThrow().compareTo(t1) > 0);
            // TIME_MS gives milliseconds: the growth shows well below a whole second
            assertThat(later.executionTime().orElseThrow().toMillis() % 1000 != 0
                    || t1.toMillis() % 1000 != 0).isTrue();
        }
    }

    @Test
    void killQueryCancelsRunningStatementAndKeepsConnection() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            Session target = awaitListed(admin, victim.threadId());

            KillResult result = admin.kill(target.key(), KillMode.QUERY);

            assertThat(result.verified()).isTrue();
            SQLException failure = victim.awaitFailure();
            assertThat(failure.getSQLState()).isEqualTo("70100");
            assertThat(victim.selectOne()).isEqualTo(1);
        }
    }

    @Test
    void killSessionClosesTheVictimsConnection() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            Session target = awaitListed(admin, victim.threadId());

            KillResult result = admin.kill(target.key(), KillMode.SESSION);

            assertThat(result.verified()).isTrue();
            assertThat(victim.awaitFailure().getSQLState()).isEqualTo("08S01");
            assertThat(admin.snapshot().find(Long.toString(victim.threadId()))).isEmpty();
        }
    }

    @Test
    void killOfAnIdThatDoesNotExistIsSessionGone() {
        assertThatThrownBy(() -> admin.kill(SessionKey.ofId(admin.name(), "987654321"), KillMode.SESSION))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SourceException.Kind.SESSION_GONE);
                    assertThat(e.vendorCode()).isEqualTo(1094);
                    assertThat(e.getMessage()).contains("987654321");
                });
    }

    @Test
    void killOfAnIdThatIsNoThreadIdIsRefusedAndNeverSent() {
        for (String id : new String[] {"-1", "abc", "1; KILL 2"}) {
            for (KillMode mode : KillMode.values()) {
                assertThatThrownBy(() -> admin.kill(SessionKey.ofId(admin.name(), id), mode)).as(id)
                        .isInstanceOfSatisfying(SourceException.class,
                                e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REFUSED));
            }
        }
    }

    @Test
    void killWithAStaleIdentityIsRefusedAsSessionGone() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            Session target = awaitListed(admin, victim.threadId());
            SessionKey stale = new SessionKey(target.key().dataSource(), "", target.id(), "someone@elsewhere:1", OptionalLong.empty());

            assertThatThrownBy(() -> admin.kill(stale, KillMode.SESSION))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.SESSION_GONE));
            assertThat(victim.isRunning()).isTrue();
        }
    }

    @Test
    void killQueryOfAStatementThatAlreadyFinishedSparesItsSuccessor() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            Session target = awaitListed(admin, victim.threadId());
            long seenQuery = target.attribute(StandardAttributes.QUERY_ID).orElseThrow();
            SessionKey finished = new SessionKey(target.key().dataSource(), "", target.id(), target.key().identity(),
                    OptionalLong.of(seenQuery - 1));

            assertThatThrownBy(() -> admin.kill(finished, KillMode.QUERY))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.SESSION_GONE));
            assertThat(victim.isRunning()).isTrue();
        }
    }

    @Test
    void plainUserSeesOnlyItsOwnSessionsAndCannotKillTheAdmins() throws Exception {
        try (SessionSource plain = SessionSources.loaded().open(DB.plainSpec());
             Victim adminVictim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            awaitListed(admin, adminVictim.threadId());

            Snapshot seen = plain.snapshot();
            assertThat(seen.sessions()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.user()).contains(EmbeddedMariaDb.PLAIN));

            assertThatThrownBy(() -> plain.kill(SessionKey.ofId(plain.name(), Long.toString(adminVictim.threadId())),
                    KillMode.SESSION))
                    .isInstanceOfSatisfying(SourceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SourceException.Kind.PRIVILEGE);
                        assertThat(e.vendorCode()).isEqualTo(1095);
                    });
            assertThat(adminVictim.isRunning()).isTrue();
        }
    }

    @Test
    void monitoringConnectionIsFlaggedAndCannotBeKilled() throws Exception {
        Snapshot snapshot = admin.snapshot();
        Session own = snapshot.sessions().stream().filter(Session::own).findFirst().orElseThrow();
        try (Connection c = DB.connectRoot(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT USER FROM information_schema.PROCESSLIST WHERE ID = " + own.id())) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(EmbeddedMariaDb.ADMIN);
        }

        assertThatThrownBy(() -> admin.kill(own.key(), KillMode.SESSION))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REFUSED));
        assertThatThrownBy(() -> admin.kill(SessionKey.ofId(admin.name(), own.id()), KillMode.QUERY))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REFUSED));
        assertThat(admin.snapshot().find(own.id())).isPresent();
    }

    @Test
    void wrongPasswordIsAuthentication() {
        ConnectionSpec wrong = DB.spec("wrong", EmbeddedMariaDb.ADMIN, "not-the-password");
        assertThatThrownBy(() -> SessionSources.loaded().open(wrong))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SourceException.Kind.AUTHENTICATION);
                    assertThat(e.vendorCode()).isEqualTo(1045);
                    assertThat(e.getMessage()).doesNotContain("not-the-password");
                });
    }

    @Test
    void closedPortIsUnreachableWithinTheConnectTimeout() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ConnectionSpec spec = DB.adminSpec().toBuilder().port(closedPort).connectTimeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> SessionSources.loaded().open(spec))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.UNREACHABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2).plusMillis(500));
    }

    @Test
    void longSqlWithNewlinesAndChineseComesBackByteForByte() throws Exception {
        StringBuilder sql = new StringBuilder("SELECT '会话' AS label,\n  SLEEP(60) AS waited\n  /* ");
        while (sql.length() < 9_990) {
            sql.append("padding 会话 line\n");
        }
        sql.append(" */ FROM DUAL");
        String text = sql.toString();
        assertThat(text.length()).isGreaterThanOrEqualTo(10_000);
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, text)) {
            Session listed = awaitListed(admin, victim.threadId());
            assertThat(listed.sql()).contains(text);
        }
    }
}
