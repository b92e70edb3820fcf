package dev.sessiondeck.core.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.Capability;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import java.util.List;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.SnapshotScope;
import dev.sessiondeck.core.model.SqlDialect;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.testing.EmbeddedPostgres;
import dev.sessiondeck.core.testing.Victim;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL adapter against a real server; each subclass runs these scenarios on one major.
 * Sessions are listed and killed as {@link EmbeddedPostgres#ADMIN} (pg_read_all_stats,
 * pg_signal_backend) unless a test says otherwise; victims run as {@link EmbeddedPostgres#PLAIN}.
 */
abstract class PostgresSessionSourceIT {

    static final String SLEEP = "SELECT pg_sleep(60)";

    private SessionSource admin;

    /** The server of the subclass, registered there as an extension. */
    abstract EmbeddedPostgres pg();

    /** The major the subclass's server runs. */
    abstract int major();

    @BeforeEach
    void open() throws SourceException {
        admin = SessionSources.loaded().open(pg().adminSpec());
    }

    @AfterEach
    void close() {
        admin.close();
    }

    private Victim plainVictim(String sql) throws SQLException {
        return Victim.start(pg(), EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD, sql);
    }

    private static Session awaitListed(SessionSource source, long pid, Predicate<Session> condition) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> source.snapshot().find(Long.toString(pid)).filter(condition), Optional::isPresent)
                .orElseThrow();
    }

    private static Session awaitSleeping(SessionSource source, long pid) {
        return awaitListed(source, pid, s -> s.isActive() && s.sql().filter(q -> q.contains("pg_sleep")).isPresent());
    }

    private static Predicate<Throwable> kind(SourceException.Kind kind) {
        return e -> e instanceof SourceException s && s.kind() == kind;
    }

    @Test
    void aBackendsIdentityIsItsStartAndIsTakenFromTheLastSnapshotWhileTheStartIsTheSame() throws Exception {
        List<Session> first = admin.snapshot().sessions();
        List<Session> second = admin.snapshot().sessions();
        int compared = 0;
        for (Session s : second) {
            Optional<Instant> start = s.attribute(StandardAttributes.SESSION_START);
            if (start.isEmpty()) {
                assertThat(s.key().identity()).isEmpty();
                continue;
            }
            assertThat(s.key().identity()).isEqualTo(start.get().toString());
            Session before = first.stream().filter(f -> f.id().equals(s.id())).findFirst().orElse(null);
            if (before != null && before.attribute(StandardAttributes.SESSION_START).equals(start)) {
                assertThat(s.key().identity()).as("the same text, not formatted again").isSameAs(before.key().identity());
                compared++;
            }
        }
        assertThat(compared).as("backends listed twice").isGreaterThan(0);
    }

    @Test
    void detectsPostgresWithItsMajorAndCapabilities() {
        assertThat(admin).isInstanceOf(PostgresSessionSource.class);
        PostgresSessionSource pgSource = (PostgresSessionSource) admin;
        assertThat(pgSource.serverInfo().product()).isEqualTo(Product.POSTGRESQL);
        assertThat(pgSource.serverInfo().version().major()).isEqualTo(major());
        assertThat(pgSource.serverInfo().versionString()).startsWith("PostgreSQL " + major() + ".");
        assertThat(pgSource.serverInfo().capabilities())
                .containsExactlyInAnyOrder(Capability.KILL_QUERY, Capability.KILL_SESSION, Capability.BLOCKING);
        assertThat(admin.describe()).startsWith("PostgreSQL " + major() + ".");
        assertThat(admin.sqlDialect()).contains(SqlDialect.POSTGRESQL);
        assertThat(admin.actions()).containsExactly(SessionAction.CLOSE_SESSION, SessionAction.CLOSE_QUERY,
                SessionAction.SESSION_VARIABLES);
        assertThat(admin.attributes()).containsExactly(StandardAttributes.PROGRAM, StandardAttributes.WAIT_EVENT,
                StandardAttributes.BLOCKED_BY, StandardAttributes.LOCK_WAITED, StandardAttributes.LOCK_WAIT_TIME,
                StandardAttributes.SESSION_START, StandardAttributes.TRANSACTION_START,
                StandardAttributes.QUERY_ID, StandardAttributes.LEADER_ID, StandardAttributes.SQL_UNAVAILABLE,
                PostgresAttributes.TRANSACTION_AGE, PostgresAttributes.XMIN_AGE);
    }

    @Test
    void detectAutomaticallyReachesPostgresql() throws Exception {
        ConnectionSpec auto = pg().adminSpec().toBuilder().type("auto").build();

        try (SessionSource detected = SessionSources.loaded().open(auto)) {
            assertThat(detected).isInstanceOf(PostgresSessionSource.class);
            assertThat(detected.describe()).startsWith("PostgreSQL " + major() + ".");
            assertThat(detected.snapshot().sessions()).isNotEmpty();
        }
    }

    @Test
    void victimInPgSleepIsListedActiveWithFullSqlAndServerMeasuredTime() throws Exception {
        try (Victim victim = plainVictim(SLEEP)) {
            Session listed = awaitSleeping(admin, victim.threadId());

            assertThat(listed.state()).isEqualTo(SessionState.ACTIVE);
            assertThat(listed.sql()).contains(SLEEP);
            assertThat(listed.user()).contains(EmbeddedPostgres.PLAIN);
            assertThat(listed.database()).contains(EmbeddedPostgres.DATABASE);
            assertThat(listed.command()).contains("client backend");
            assertThat(listed.background()).isFalse();
            assertThat(listed.own()).isFalse();
            assertThat(listed.attribute(StandardAttributes.PROGRAM)).contains("sessiondeck-test");
            assertThat(listed.source()).hasValueSatisfying(s -> assertThat(s).matches("127\\.0\\.0\\.1:\\d+"));
            assertThat(listed.attribute(StandardAttributes.WAIT_EVENT)).contains("Timeout:PgSleep");
            assertThat(listed.attribute(StandardAttributes.TRANSACTION_START)).isPresent();
            assertThat(listed.attribute(StandardAttributes.LEADER_ID)).isEmpty();
            assertThat(listed.attribute(StandardAttributes.SQL_UNAVAILABLE)).isEmpty();
            assertThat(PostgresSessionSource.isHidden(listed)).isFalse();
            assertThat(listed.blockingIds()).isEmpty();
            assertThat(listed.key().identity())
                    .isEqualTo(listed.attribute(StandardAttributes.SESSION_START).orElseThrow().toString());
            assertThat(admin.attributes()).containsAll(listed.attributes().attributes());
            Duration first = listed.executionTime().orElseThrow();
            Session later = awaitListed(admin, victim.threadId(),
                    s -> s.executionTime().orElseThrow().compareTo(first) > 0);
            assertThat(later.executionTime().orElseThrow()).isLessThan(Duration.ofSeconds(60));
        }
    }

    @Test
    void identityBindsBackToExactlyTheBackendStart() throws Exception {
        try (Victim victim = plainVictim(SLEEP); Connection c = pg().connectSuper();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND backend_start = ?::timestamptz")) {
            Session listed = awaitSleeping(admin, victim.threadId());
            ps.setLong(1, listed.key().numericId());
            ps.setString(2, listed.key().identity());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void cancelGivesTheVictim57014AndItsConnectionLives() throws Exception {
        try (Victim victim = plainVictim(SLEEP)) {
            Session target = awaitSleeping(admin, victim.threadId());

            KillResult result = admin.kill(target.key(), KillMode.QUERY);

            assertThat(result.verified()).isTrue();
            assertThat(victim.awaitFailure().getSQLState()).isEqualTo("57014");
            assertThat(victim.selectOne()).isEqualTo(1);
            assertThat(admin.snapshot().find(Long.toString(victim.threadId()))).isPresent();
        }
    }

    @Test
    void terminateGivesTheVictim57P01AndClosesItsConnection() throws Exception {
        try (Victim victim = plainVictim(SLEEP)) {
            Session target = awaitSleeping(admin, victim.threadId());

            KillResult result = admin.kill(target.key(), KillMode.SESSION);

            assertThat(result.verified()).isTrue();
            assertThat(victim.awaitFailure().getSQLState()).isEqualTo("57P01");
            assertThatThrownBy(victim::selectOne).isInstanceOf(SQLException.class);
            assertThat(admin.snapshot().find(Long.toString(victim.threadId()))).isEmpty();
        }
    }

    @Test
    void terminateWithAStaleBackendStartDoesNothingAndReportsSessionGone() throws Exception {
        try (Victim victim = plainVictim(SLEEP)) {
            Session target = awaitSleeping(admin, victim.threadId());
            // one microsecond off: the pid is the same, the backend is not
            Instant earlier = target.attribute(StandardAttributes.SESSION_START).orElseThrow().minus(1, ChronoUnit.MICROS);
            SessionKey stale = new SessionKey(admin.name(), "", target.id(), earlier.toString(), OptionalLong.empty());

            assertThatThrownBy(() -> admin.kill(stale, KillMode.SESSION)).matches(kind(SourceException.Kind.SESSION_GONE));
            assertThatThrownBy(() -> admin.kill(stale, KillMode.QUERY)).matches(kind(SourceException.Kind.SESSION_GONE));
            assertThat(victim.isRunning()).isTrue();
            assertThat(awaitSleeping(admin, victim.threadId()).key()).isEqualTo(target.key());
        }
    }

    @Test
    void killOfAPidNoBackendHasIsSessionGone() {
        assertThatThrownBy(() -> admin.kill(SessionKey.ofId(admin.name(), "3999999"), KillMode.SESSION))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SourceException.Kind.SESSION_GONE);
                    assertThat(e.getMessage()).contains("3999999");
                });
    }

    @Test
    void killOfAnIdThatIsNoPidIsRefusedAndNeverSent() {
        for (String id : new String[] {"-1", "abc", "1; SELECT 2"}) {
            for (KillMode mode : KillMode.values()) {
                assertThatThrownBy(() -> admin.kill(SessionKey.ofId(admin.name(), id), mode)).as(id)
                        .matches(kind(SourceException.Kind.REFUSED));
            }
        }
    }

    @Test
    void roleWithoutPrivilegesSeesInsufficientPrivilegeAndCannotTerminateASuperusersBackend() throws Exception {
        try (SessionSource plain = SessionSources.loaded().open(pg().plainSpec());
             Victim superVictim = Victim.start(pg(), EmbeddedPostgres.SUPER, EmbeddedPostgres.SUPER_PASSWORD, SLEEP)) {
            awaitSleeping(admin, superVictim.threadId());

            Session seen = plain.snapshot().find(Long.toString(superVictim.threadId())).orElseThrow();
            assertThat(PostgresSessionSource.isHidden(seen)).isTrue();
            assertThat(seen.attribute(StandardAttributes.SQL_UNAVAILABLE)).contains("<insufficient privilege>")
                    .contains(PostgresSessionSource.INSUFFICIENT_PRIVILEGE);
            assertThat(seen.sql()).isEmpty();
            assertThat(seen.user()).contains(EmbeddedPostgres.SUPER);
            assertThat(seen.state()).isEqualTo(SessionState.UNKNOWN);
            assertThat(seen.key().hasIdentity()).isFalse();
            assertThat(seen.executionTime()).isEmpty();
            assertThat(seen.background()).isFalse();
            assertThat(plain.snapshot().sessions()).filteredOn(PostgresSessionSource::isHidden)
                    .filteredOn(s -> s.user().isEmpty() || s.database().isEmpty())
                    .isNotEmpty().allSatisfy(s -> assertThat(s.background()).isTrue());

            assertThatThrownBy(() -> plain.kill(seen.key(), KillMode.SESSION))
                    .isInstanceOfSatisfying(SourceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SourceException.Kind.PRIVILEGE);
                        assertThat(e.sqlState()).contains("42501");
                        assertThat(e.getMessage()).contains("superuser " + EmbeddedPostgres.SUPER);
                    });
            assertThat(superVictim.isRunning()).isTrue();
        }
    }

    @Test
    void roleWithoutPrivilegesIsToldWhichRoleItNeedsForAnotherRolesBackend() throws Exception {
        try (SessionSource plain = SessionSources.loaded().open(pg().plainSpec());
             Victim adminVictim = Victim.start(pg(), EmbeddedPostgres.ADMIN, EmbeddedPostgres.ADMIN_PASSWORD, SLEEP)) {
            awaitSleeping(admin, adminVictim.threadId());

            assertThatThrownBy(() -> plain.kill(SessionKey.ofId(plain.name(), Long.toString(adminVictim.threadId())),
                    KillMode.QUERY))
                    .isInstanceOfSatisfying(SourceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SourceException.Kind.PRIVILEGE);
                        assertThat(e.getMessage()).contains("pg_signal_backend").contains(EmbeddedPostgres.ADMIN);
                    });
            assertThat(adminVictim.isRunning()).isTrue();
        }
    }

    @Test
    void pgSignalBackendMemberSeesASuperusersSessionButCannotTerminateIt() throws Exception {
        try (Victim superVictim = Victim.start(pg(), EmbeddedPostgres.SUPER, EmbeddedPostgres.SUPER_PASSWORD, SLEEP)) {
            Session target = awaitSleeping(admin, superVictim.threadId());
            assertThat(target.key().hasIdentity()).isTrue();

            assertThatThrownBy(() -> admin.kill(target.key(), KillMode.SESSION))
                    .isInstanceOfSatisfying(SourceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SourceException.Kind.PRIVILEGE);
                        assertThat(e.getMessage()).contains("only superusers");
                    });
            assertThat(superVictim.isRunning()).isTrue();
        }
    }

    @Test
    void superuserIsToldThatAnAuxiliaryProcessCannotBeSignalled() throws Exception {
        try (SessionSource superuser = SessionSources.loaded().open(pg().superSpec())) {
            Session checkpointer = superuser.snapshot().sessions().stream()
                    .filter(s -> s.command().equals(Optional.of("checkpointer"))).findFirst().orElseThrow();

            assertThatThrownBy(() -> superuser.kill(checkpointer.key(), KillMode.SESSION))
                    .isInstanceOfSatisfying(SourceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SourceException.Kind.UNSUPPORTED);
                        assertThat(e.getMessage()).contains("is not a PostgreSQL");
                    });
            assertThat(superuser.snapshot().find(checkpointer.id())).isPresent();
        }
    }

    @Test
    void idleInTransactionSessionIsShownAsSuchAndHasNoStatementToCancel() throws Exception {
        try (Connection c = pg().connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 42");
            }
            long pid = EmbeddedPostgres.backendPid(c);

            Session listed = awaitListed(admin, pid, s -> s.state() == SessionState.IDLE_IN_TRANSACTION);

            assertThat(listed.state().label()).isEqualTo("IDLE IN TRANSACTION");
            assertThat(listed.isActive()).isFalse();
            assertThat(listed.sql()).contains("SELECT 42");
            assertThat(listed.attribute(StandardAttributes.TRANSACTION_START)).isPresent();
            assertThat(listed.executionTime()).isPresent();
            assertThatThrownBy(() -> admin.kill(listed.key(), KillMode.QUERY)).matches(kind(SourceException.Kind.SESSION_GONE));
            c.rollback();
        }
    }

    @Test
    void sessionWaitingOnALockNamesItsBlocker() throws Exception {
        try (Connection setup = pg().connectSuper(); Statement st = setup.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS deck_lock (id int)");
            st.execute("GRANT ALL ON deck_lock TO PUBLIC");
        }
        try (Connection holder = pg().connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD)) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("LOCK TABLE deck_lock IN ACCESS EXCLUSIVE MODE");
            }
            try (Victim waiter = plainVictim("SELECT count(*) FROM deck_lock")) {
                Session listed = awaitListed(admin, waiter.threadId(), s -> !s.blockingIds().isEmpty());

                assertThat(listed.blockingIds()).containsExactly(Long.toString(EmbeddedPostgres.backendPid(holder)));
                assertThat(listed.attribute(StandardAttributes.BLOCKED_BY)).contains(listed.blockingIds());
                assertThat(listed.attribute(StandardAttributes.WAIT_EVENT))
                        .hasValueSatisfying(w -> assertThat(w).startsWith("Lock:"));
                assertThat(listed.attribute(StandardAttributes.LOCK_WAITED))
                        .contains("relation lock on deck_lock, AccessShareLock");
                if (major() >= 14) {
                    assertThat(listed.attribute(StandardAttributes.LOCK_WAIT_TIME)).isPresent();
                } else {
                    assertThat(listed.attribute(StandardAttributes.LOCK_WAIT_TIME)).as("pg_locks.waitstart is 14+").isEmpty();
                }
                Session held = admin.snapshot().find(Long.toString(EmbeddedPostgres.backendPid(holder))).orElseThrow();
                assertThat(held.attribute(PostgresAttributes.TRANSACTION_AGE)).isPresent();
                assertThat(held.attribute(StandardAttributes.LOCK_WAITED)).as("it waits for nothing").isEmpty();
            } finally {
                holder.rollback();
            }
        }
    }

    @Test
    void aBusyListingLeavesOutIdleClientsThatBlockNobodyAndCountsThem() throws Exception {
        try (Connection idle = pg().connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD);
             Connection inTransaction = pg().connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD);
             Connection holder = pg().connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD)) {
            try (Statement st = idle.createStatement()) {
                st.execute("SELECT 1");
            }
            inTransaction.setAutoCommit(false);
            try (Statement st = inTransaction.createStatement()) {
                st.execute("SELECT 2");
            }
            // idle outside a transaction, yet a blocker: a session-level advisory lock outlives its statement
            try (Statement st = holder.createStatement()) {
                st.execute("SELECT pg_advisory_lock(4242)");
            }
            try (Victim sleeper = plainVictim(SLEEP); Victim waiter = plainVictim("SELECT pg_advisory_lock(4242)")) {
                awaitSleeping(admin, sleeper.threadId());
                awaitListed(admin, waiter.threadId(), s -> !s.blockingIds().isEmpty());
                String idlePid = Long.toString(EmbeddedPostgres.backendPid(idle));
                String holderPid = Long.toString(EmbeddedPostgres.backendPid(holder));

                Snapshot busy = admin.snapshot(SnapshotScope.BUSY);

                assertThat(busy.find(idlePid)).as("idle, blocking nobody").isEmpty();
                assertThat(busy.find(Long.toString(sleeper.threadId()))).hasValueSatisfying(s -> assertThat(s.isActive()).isTrue());
                assertThat(busy.find(Long.toString(EmbeddedPostgres.backendPid(inTransaction))))
                        .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(SessionState.IDLE_IN_TRANSACTION));
                assertThat(busy.find(holderPid)).as("the idle blocker")
                        .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(SessionState.IDLE));
                assertThat(busy.find(Long.toString(waiter.threadId())))
                        .hasValueSatisfying(s -> assertThat(s.blockingIds())
                                .containsExactly(holderPid));
                assertThat(busy.sessions()).as("the listing connection itself").anyMatch(Session::own);
                assertThat(busy.sessions()).as("background processes stay").anyMatch(Session::background);
                assertThat(busy.sessions()).noneMatch(s -> s.state() == SessionState.IDLE && !s.background()
                        && !s.id().equals(holderPid));
                // the count is of the same backends a listing of everything shows idle (stable here: nobody connects)
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    Snapshot all = admin.snapshot(SnapshotScope.ALL);
                    long idleInAll = all.sessions().stream().filter(s -> s.state() == SessionState.IDLE
                            && !s.background() && !s.id().equals(holderPid)).count();
                    assertThat(all.idleLeftOut()).isZero();
                    assertThat(all.find(idlePid)).isPresent();
                    assertThat(admin.snapshot(SnapshotScope.BUSY).idleLeftOut()).isEqualTo((int) idleInAll).isPositive();
                });
            } finally {
                inTransaction.rollback();
            }
        }
    }

    @Test
    void aChainOfThreeRowLockWaitsIsOneTreeWithTheTableNamed() throws Exception {
        try (Connection setup = pg().connectSuper(); Statement st = setup.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS deck_rows (id int PRIMARY KEY, v int)");
            st.execute("INSERT INTO deck_rows VALUES (1, 0), (2, 0) ON CONFLICT DO NOTHING");
            st.execute("GRANT ALL ON deck_rows TO PUBLIC");
        }
        try (Connection a = pg().connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD);
             Connection b = pg().connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD)) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            try (Statement st = a.createStatement()) {
                st.execute("UPDATE deck_rows SET v = v + 1 WHERE id = 1");
            }
            try (Statement st = b.createStatement()) {
                st.execute("UPDATE deck_rows SET v = v + 1 WHERE id = 2");
            }
            // b waits for a's row 1, c for b's row 2: a chain a <- b <- c
            Victim bWaits = Victim.start(b, EmbeddedPostgres.backendPid(b), "UPDATE deck_rows SET v = v + 1 WHERE id = 1");
            try (Victim c = plainVictim("UPDATE deck_rows SET v = v + 1 WHERE id = 2")) {
                String aPid = Long.toString(EmbeddedPostgres.backendPid(a));
                String bPid = Long.toString(EmbeddedPostgres.backendPid(b));
                awaitListed(admin, c.threadId(), s -> !s.blockingIds().isEmpty());
                Snapshot snapshot = await().atMost(Duration.ofSeconds(10)).until(admin::snapshot,
                        sn -> sn.find(bPid).filter(w -> !w.blockingIds().isEmpty()).isPresent());

                Session waiting = snapshot.find(bPid).orElseThrow();
                assertThat(waiting.blockingIds()).containsExactly(aPid);
                assertThat(waiting.attribute(StandardAttributes.LOCK_WAITED))
                        .hasValueSatisfying(l -> assertThat(l).startsWith("row lock on deck_rows"));
                BlockingTree tree = BlockingTree.of(snapshot.sessions());
                assertThat(tree.roots()).singleElement().satisfies(root -> {
                    assertThat(root.id()).isEqualTo(aPid);
                    assertThat(root.heldUp()).isEqualTo(2);
                    assertThat(root.waiters()).singleElement().satisfies(n -> {
                        assertThat(n.id()).isEqualTo(bPid);
                        assertThat(n.waiters()).extracting(BlockingTree.Node::id).containsExactly(Long.toString(c.threadId()));
                    });
                });
            } finally {
                a.rollback();
                bWaits.awaitEnd(Duration.ofSeconds(10));
                b.rollback();
            }
        }
    }

    @Test
    void parallelWorkerIsBackgroundAndNamesItsLeaderFrom13On() throws Exception {
        // Why forced: a plan goes parallel only on large tables; this setting (renamed in 16) runs
        // any parallel-safe query, pg_sleep included, in a worker under a Gather.
        String force = major() >= 16 ? "debug_parallel_query" : "force_parallel_mode";
        try (Connection c = pg().connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("SET " + force + " = on");
            st.execute("SET parallel_setup_cost = 0");
            long leaderPid = EmbeddedPostgres.backendPid(c);
            try (Victim leader = Victim.start(c, leaderPid, SLEEP)) {
                awaitSleeping(admin, leaderPid);
                Session worker = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> admin.snapshot().sessions().stream()
                                .filter(s -> s.command().equals(Optional.of("parallel worker"))
                                        && s.sql().equals(Optional.of(SLEEP)))
                                .findFirst(), Optional::isPresent)
                        .orElseThrow();

                assertThat(worker.background()).isTrue();
                assertThat(worker.user()).contains(EmbeddedPostgres.PLAIN);
                if (major() >= 13) {
                    assertThat(worker.attribute(StandardAttributes.LEADER_ID)).contains(Long.toString(leaderPid));
                } else {
                    assertThat(worker.attribute(StandardAttributes.LEADER_ID)).isEmpty();
                }
                assertThat(admin.kill(admin.snapshot().find(Long.toString(leaderPid)).orElseThrow().key(), KillMode.SESSION)
                        .verified())
                        .isTrue();
            }
        }
    }

    @Test
    void serverProcessesAreListedAsBackground() throws Exception {
        Snapshot snapshot = admin.snapshot();

        assertThat(snapshot.sessions()).filteredOn(Session::background).isNotEmpty()
                .allSatisfy(s -> assertThat(s.command()).isPresent().isNotEqualTo(Optional.of("client backend")));
        assertThat(snapshot.sessions()).filteredOn(s -> s.command().equals(Optional.of("checkpointer")))
                .singleElement().satisfies(s -> {
                    assertThat(s.background()).isTrue();
                    assertThat(s.state()).isEqualTo(SessionState.UNKNOWN);
                    assertThat(s.executionTime()).isEmpty();
                });
    }

    @Test
    void ownConnectionIsFlaggedAndRefused() throws Exception {
        Session own = admin.snapshot().sessions().stream().filter(Session::own).findFirst().orElseThrow();
        assertThat(own.user()).contains(EmbeddedPostgres.ADMIN);
        try (Connection c = pg().connectSuper();
             PreparedStatement ps = c.prepareStatement("SELECT application_name FROM pg_stat_activity WHERE pid = ?")) {
            ps.setLong(1, own.key().numericId());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("SessionDeck");
            }
        }

        assertThatThrownBy(() -> admin.kill(own.key(), KillMode.SESSION)).matches(kind(SourceException.Kind.REFUSED));
        assertThatThrownBy(() -> admin.kill(SessionKey.ofId(admin.name(), own.id()), KillMode.QUERY))
                .matches(kind(SourceException.Kind.REFUSED));
        assertThat(admin.snapshot().find(own.id())).isPresent();
    }

    @Test
    void wrongPasswordIsAuthentication() {
        ConnectionSpec wrong = pg().spec("wrong", EmbeddedPostgres.ADMIN, "not-the-password");
        assertThatThrownBy(() -> SessionSources.loaded().open(wrong))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SourceException.Kind.AUTHENTICATION);
                    assertThat(e.sqlState()).contains("28P01");
                    assertThat(e.getMessage()).doesNotContain("not-the-password");
                });
    }

    @Test
    void closedPortIsUnreachableWithinTheConnectTimeout() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ConnectionSpec spec = pg().adminSpec().toBuilder().port(closedPort).connectTimeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> SessionSources.loaded().open(spec)).matches(kind(SourceException.Kind.UNREACHABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2).plusMillis(500));
    }
}
