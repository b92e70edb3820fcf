package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.testing.LoopbackProxy;
import dev.sessiondeck.core.testing.Victim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a source copes with a failing server, network or grant: the scenarios every server type passes,
 * each run by a subclass ({@link MariaDbFaultIT}, {@link PostgresFaultIT}) against a real server of its
 * type, with a {@link LoopbackProxy} on 127.0.0.1 in between that drops or stalls the traffic. They prove
 * that every failure is a {@link SourceException} of a kind the UI can word, within the bound the connect
 * or query timeout sets (not a backstop the driver derives from the query timeout), without the password
 * in its words; that the source works again once the network does; that a closed source leaves no
 * connection through the proxy, server session or pool thread behind; that a spec cannot carry a driver
 * property the subclass names as dangerous; that a kill refused for a privilege revoked while SessionDeck
 * lists names the privilege it lacks and leaves the victim running, and a kill of a session that ended
 * after the listing is {@link Kind#SESSION_GONE} and kills nothing; and that the view of an account
 * without the privilege to see every session is limited, names that privilege, and is full once it is
 * granted.
 *
 * <p>A subclass registers its server as an extension and answers the hooks with what is its server's
 * own: its accounts' and sessions' SQL, the text of its listing, the statements its driver sends right
 * after a login, its dangerous driver properties. This class is abstract, so JUnit runs its tests only
 * as those of a subclass; with one test instance per class the class-wide set-up can ask the hooks, and
 * each subclass keeps its accounts apart.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class FaultSuiteIT {

    /** Small, so that each bound is a few seconds (a profile's defaults are 5 s and 10 s). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);

    /** Accounts (users or roles) of this run, with a suffix of their own; dropped after the class. */
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String PASSWORD = "fault-" + UUID.randomUUID();
    /** SessionDeck's account behind the proxy, with {@link #watcherPrivileges()}; it kills only its own sessions. */
    static final String WATCHER = "deck_watch_" + SUFFIX;

    private final List<String> accounts = new ArrayList<>();

    LoopbackProxy proxy;

    // --- hooks: what is the subclass's server's own ---

    /** The source type a spec names ({@code mariadb}, {@code postgresql}); each source's name begins with it. */
    abstract String type();

    /** The port of the server, registered by the subclass as an extension. */
    abstract int port();

    /** A connection of the test's own as the server's superuser (root). */
    abstract Connection connectAsSuperuser() throws SQLException;

    /** SessionDeck's spec for {@code account} on the server, straight (no proxy), without TLS. */
    abstract ConnectionSpec spec(String name, String account, String password);

    /** The spec of the server's administrator, who lists and kills every session. */
    abstract ConnectionSpec adminSpec();

    /** The spec of the server's plain account, which victims run as. */
    abstract ConnectionSpec plainSpec();

    /** A JDBC URL for the server that ends in the query string {@code query}. */
    abstract String jdbcUrl(String query);

    /** What the listing sends (the kill's read of its target too): the proxy stalls on it. */
    abstract String listing();

    /** The victims' statement, which sleeps for a minute. */
    abstract String sleep();

    /** Connects as the server's plain account and starts {@code sql} in the background. */
    abstract Victim startAsPlain(String sql) throws SQLException;

    abstract String createAccountSql(String account, String password);

    /** Grants {@code privileges} (a comma-separated list) to {@code account}. */
    abstract String grantSql(String privileges, String account);

    /** Revokes {@code privileges} (a comma-separated list) from {@code account}. */
    abstract String revokeSql(String privileges, String account);

    abstract String dropAccountSql(String account);

    /** Ends the session {@code id} as another administrator would. */
    abstract String terminateSql(long id);

    /** Counts the server's sessions of the account given as parameter 1. */
    abstract String countSessionsOfAccountSql();

    /** Counts the server's sessions with the id given as parameter 1. */
    abstract String countSessionsWithIdSql();

    /** The privileges of {@link #WATCHER}: a comma-separated list, empty for none. */
    abstract String watcherPrivileges();

    /** The privilege that shows every session: the limited view of an account without it names it. */
    abstract String viewPrivilege();

    /** Texts of the first statements after authentication: the driver's, then SessionDeck's first question. */
    abstract Stream<String> firstStatementsAfterLogin();

    /** What SessionDeck may call a login given up on because the server stalled right after it. */
    abstract Set<Kind> kindsOfAStallAfterLogin();

    /** Driver properties a spec must not carry, neither as a property nor in its JDBC URL. */
    abstract Stream<String> refusedDriverProperties();

    /** The privileges whose revocation, while SessionDeck lists, must make a kill be refused. */
    abstract Stream<Revocation> revocationsWhileListing();

    /**
     * An account granted {@code granted} (a comma-separated list) loses {@code revoked} while SessionDeck
     * lists with it; a kill must then be refused for lack of {@code lacking}.
     */
    record Revocation(String granted, String revoked, String lacking) {

        @Override
        public String toString() {
            return "revoked " + revoked + " of " + granted + ": refused for lack of " + lacking;
        }
    }

    // --- set-up and helpers ---

    @BeforeAll
    void createWatcher() throws SQLException {
        createAccount(WATCHER, watcherPrivileges());
    }

    @AfterAll
    void dropAccounts() throws SQLException {
        for (String account : accounts) {
            asSuperuser(dropAccountSql(account));
        }
    }

    @BeforeEach
    void startProxy() throws Exception {
        proxy = LoopbackProxy.to(port());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    /** An account that logs in with the password {@link #PASSWORD}, with the given privileges (none when empty). */
    String createAccount(String account, String privileges) throws SQLException {
        asSuperuser(createAccountSql(account, PASSWORD));
        accounts.add(account);
        if (!privileges.isEmpty()) {
            asSuperuser(grantSql(privileges, account));
        }
        return account;
    }

    void asSuperuser(String sql) throws SQLException {
        try (Connection c = connectAsSuperuser(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The name of the source of a scenario, which begins with the type: HikariCP names the pool's threads after it. */
    String sourceName(String scenario) {
        return type() + "-" + scenario;
    }

    /** SessionDeck's spec for {@link #WATCHER} through the proxy, without TLS so the proxy sees the bytes. */
    ConnectionSpec throughProxy(String name) {
        return spec(name, WATCHER, PASSWORD).toBuilder()
                .type(type())
                .port(proxy.port())
                .connectTimeout(CONNECT_TIMEOUT)
                .queryTimeout(QUERY_TIMEOUT)
                .build();
    }

    static SessionSource open(ConnectionSpec spec) throws SourceException {
        return SessionSources.loaded().open(spec);
    }

    Victim startVictim() throws SQLException {
        return startAsPlain(sleep());
    }

    /** The server's sessions of {@code account}, as the superuser sees them. */
    private int serverSessionsOf(String account) throws SQLException {
        try (Connection c = connectAsSuperuser(); PreparedStatement ps = c.prepareStatement(countSessionsOfAccountSql())) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    boolean serverHasSession(long id) throws SQLException {
        try (Connection c = connectAsSuperuser(); PreparedStatement ps = c.prepareStatement(countSessionsWithIdSql())) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    /** After everything SessionDeck opened is closed: no connection through the proxy, no server session, no pool thread. */
    void assertNothingLeftOf(String sourceName) {
        // a connection given up on closes within the connect timeout, not at a backstop derived from the query timeout
        await().atMost(CONNECT_TIMEOUT.plusSeconds(3)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(proxy.openConnections()).as("connections open through the proxy").isZero();
            assertThat(serverSessionsOf(WATCHER)).as("server sessions of " + WATCHER).isZero();
            assertThat(poolThreads(sourceName)).as("threads of the pool").isEmpty();
        });
    }

    /** The victim {@code id} as {@code source} lists it, once it is active at its {@link #sleep()}. */
    Session awaitRunning(SessionSource source, long id) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> source.snapshot().find(Long.toString(id))
                        .filter(s -> s.isActive() && s.sql().filter(q -> q.contains(sleep())).isPresent()), Optional::isPresent)
                .orElseThrow();
    }

    /** A kill of {@code target} from {@code source} is refused for lack of {@code privilege}, and the victim runs on. */
    void assertKillRefusedForLackOf(String privilege, SessionSource source, Session target, Victim victim) throws SQLException {
        SourceException e = catchThrowableOfType(SourceException.class, () -> source.kill(target.key(), KillMode.SESSION));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.PRIVILEGE);
        assertThat(e.getMessage()).contains(privilege);
        assertThat(victim.isRunning()).isTrue();
        assertThat(serverHasSession(victim.threadId())).isTrue();
    }

    /** Runs {@code call}, which must fail with a {@link SourceException} before {@code bound} has passed. */
    static SourceException failsWithin(Duration bound, ThrowingCallable call) {
        long start = System.nanoTime();
        SourceException e = catchThrowableOfType(SourceException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e).as("the call failed with a SourceException").isNotNull();
        assertThat(took).as("time until the failure (%s: %s)", e.kind(), e.getMessage()).isLessThan(bound);
        return e;
    }

    /** Neither the failure nor any of its causes carries {@link #PASSWORD} in its words. */
    static void assertNoPassword(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            assertThat(t.toString()).as("a message in the cause chain").doesNotContain(PASSWORD);
        }
    }

    /** A snapshot taken on another thread, for a test that breaks the network while it runs. */
    static CompletableFuture<Snapshot> snapshotInBackground(SessionSource source) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return source.snapshot();
            } catch (SourceException e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * Names of the live threads of the connection pool of the source named {@code sourceName}: HikariCP
     * names them after the pool ({@code sessiondeck-<name>:housekeeper}, {@code :connection-closer} ...).
     */
    static Set<String> poolThreads(String sourceName) {
        String pool = "sessiondeck-" + sourceName;
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.equals(pool) || n.startsWith(pool + ":") || n.startsWith(pool + " "))
                .collect(Collectors.toSet());
    }

    // --- the scenarios ---

    @Test
    void serverKilledMidListingIsUnreachableAtOnceAndTheSourceRecoversWhenItIsBack() throws Exception {
        String name = sourceName("killed");
        SessionSource source = open(throughProxy(name));
        try {
            proxy.stallWhenClientSends(listing());
            CompletableFuture<Snapshot> refresh = snapshotInBackground(source);
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.stalledConnections() == 1);

            long killed = System.nanoTime();
            proxy.refuse().drop();
            ExecutionException failed = catchThrowableOfType(ExecutionException.class, () -> refresh.get(10, TimeUnit.SECONDS));

            // the reset ends the call at once, long before its own bound (query timeout + margin)
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(QUERY_TIMEOUT);
            assertThat(failed).as("the refresh failed").isNotNull();
            assertThat(failed.getCause()).isInstanceOfSatisfying(SourceException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                assertThat(e.getMessage()).contains(name, "connection");
                assertNoPassword(e);
            });

            SourceException down = failsWithin(CONNECT_TIMEOUT.plusSeconds(2), source::snapshot);
            assertThat(down.kind()).isEqualTo(Kind.UNREACHABLE);
            assertNoPassword(down);

            proxy.pass();
            assertThat(source.snapshot().sessions()).anyMatch(Session::own);
            assertThat(poolThreads(name)).as("the pool's threads while it is open").isNotEmpty();
        } finally {
            source.close();
        }
        assertNothingLeftOf(name);
    }

    @Test
    void serverStallingMidListingTimesOutWithinTheQueryTimeoutAndTheNextRefreshWorks() throws Exception {
        String name = sourceName("stalled-listing");
        SessionSource source = open(throughProxy(name));
        try {
            proxy.stallWhenClientSends(listing());

            SourceException e = failsWithin(QUERY_TIMEOUT.plusSeconds(4), source::snapshot);

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.getMessage()).contains(name);
            assertNoPassword(e);
            proxy.pass();
            assertThat(source.snapshot().sessions()).anyMatch(Session::own);
        } finally {
            source.close();
        }
        assertNothingLeftOf(name);
    }

    @ParameterizedTest(name = "stalled at {0}")
    @MethodSource("firstStatementsAfterLogin")
    void serverStallingRightAfterLoginIsGivenUpWithinTheConnectTimeout(String firstStatement) throws Exception {
        String name = sourceName("login-" + firstStatement.replaceAll("\\W", ""));
        // a long query timeout: the bound must come from the connect timeout
        ConnectionSpec spec = throughProxy(name).toBuilder().queryTimeout(Duration.ofSeconds(10)).build();
        proxy.stallWhenClientSends(firstStatement);

        SourceException e = failsWithin(CONNECT_TIMEOUT.plusSeconds(3), () -> open(spec).close());

        assertThat(e.kind()).isIn(kindsOfAStallAfterLogin());
        assertNoPassword(e);
        proxy.pass();
        open(spec).close();
        assertNothingLeftOf(name);
    }

    /** The spec's own type, and {@code auto}, which asks the server what it is. */
    Stream<String> ownTypeAndAuto() {
        return Stream.of(type(), "auto");
    }

    @ParameterizedTest(name = "type {0}")
    @MethodSource("ownTypeAndAuto")
    void silentListenerIsGivenUpWithinTheConnectTimeout(String type) throws Exception {
        String name = sourceName("silent-" + type);
        ConnectionSpec spec = throughProxy(name).toBuilder().type(type).build();
        proxy.stall();

        SourceException e = failsWithin(CONNECT_TIMEOUT.plusSeconds(3), () -> open(spec).close());

        assertThat(e.kind()).isIn(Kind.UNREACHABLE, Kind.TIMEOUT);
        assertNoPassword(e);
        assertNothingLeftOf(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedDriverProperties")
    void specCarryingADangerousDriverPropertyIsRefused(String property) {
        assertThatThrownBy(() -> plainSpec().toBuilder().property(property, "true").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(property);
        assertThatThrownBy(() -> ConnectionSpec.fromJdbcUrl(jdbcUrl(property + "=true")).user(plainSpec().user()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(property);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revocationsWhileListing")
    void killAfterAPrivilegeWasRevokedIsRefusedForThePrivilegeItLacksAndTheVictimRuns(Revocation revocation)
            throws Exception {
        String scenario = "revoked-" + revocation.revoked().toLowerCase(Locale.ROOT).replaceAll("\\W", "_");
        String account = createAccount("deck_" + scenario.replace('-', '_') + "_" + SUFFIX, revocation.granted());
        try (SessionSource source = open(spec(sourceName(scenario), account, PASSWORD));
             Victim victim = startVictim()) {
            Session target = awaitRunning(source, victim.threadId());
            asSuperuser(revokeSql(revocation.revoked(), account));

            assertKillRefusedForLackOf(revocation.lacking(), source, target, victim);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KillMode.class)
    void killOfASessionThatEndedAfterTheListingIsSessionGoneAndKillsNothing(KillMode mode) throws Exception {
        try (SessionSource admin = open(adminSpec());
             Victim bystander = startVictim();
             Victim victim = startVictim()) {
            awaitRunning(admin, bystander.threadId());
            Session target = awaitRunning(admin, victim.threadId());
            asSuperuser(terminateSql(victim.threadId())); // another administrator ended it
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !serverHasSession(victim.threadId()));

            SourceException e = catchThrowableOfType(SourceException.class, () -> admin.kill(target.key(), mode));

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(Kind.SESSION_GONE);
            assertThat(e.getMessage()).contains(target.id());
            assertThat(bystander.isRunning()).isTrue();
            assertThat(admin.snapshot().find(Long.toString(bystander.threadId()))).hasValueSatisfying(
                    s -> assertThat(s.isActive()).isTrue());
        }
    }

    @Test
    void viewWithoutThePrivilegeToSeeEverySessionIsLimitedAndSaysSoUntilItIsGranted() throws Exception {
        String account = createAccount("deck_limited_" + SUFFIX, "");
        ConnectionSpec spec = spec(sourceName("limited"), account, PASSWORD);
        try (SessionSource limited = open(spec)) {
            assertThat(limited.limitation()).as("before the first snapshot").isEmpty();
            limited.snapshot();
            assertThat(limited.limitation()).hasValueSatisfying(why -> assertThat(why.english()).contains(viewPrivilege(), account));
        }

        asSuperuser(grantSql(viewPrivilege(), account));

        try (SessionSource full = open(spec)) {
            full.snapshot();
            assertThat(full.limitation()).isEmpty();
        }
    }
}
