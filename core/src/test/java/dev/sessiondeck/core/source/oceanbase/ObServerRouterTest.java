package dev.sessiondeck.core.source.oceanbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.model.Version;
import dev.sessiondeck.core.source.SourceException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kill and tracing fallback chain, against recording fakes of our own runner interface. */
class ObServerRouterTest {

    /** A connection that records what it is sent and answers from a script. */
    static final class FakeRunner implements ObServerRouter.SqlRunner {
        final String name;
        final List<String> log;
        final Map<String, List<String>> answers = new HashMap<>();
        SQLException failure;
        boolean closed;

        FakeRunner(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void execute(String sql, Object... params) throws SQLException {
            log.add(name + ": " + sql + (params.length == 0 ? "" : " " + Arrays.toString(params)));
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public List<String> column(String sql) throws SQLException {
            log.add(name + ": " + sql);
            List<String> a = answers.get(sql);
            if (a == null) {
                throw new SQLException("no such function", "42000", 1305);
            }
            return a;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<String> log = new ArrayList<>();
    private final FakeRunner current = new FakeRunner("proxy", log);
    private final Map<String, FakeRunner> opened = new HashMap<>();
    private SQLException connectFailure;

    private ObServerRouter router(Version ob) {
        return new ObServerRouter(ob, (host, port) -> {
            log.add("connect " + host + ":" + port);
            if (connectFailure != null) {
                throw connectFailure;
            }
            FakeRunner r = new FakeRunner(host + ":" + port, log);
            opened.put(host + ":" + port, r);
            return r;
        });
    }

    private static SQLException unknownThread(long id) {
        return new SQLException("Unknown thread id: " + id, "HY000", 1094);
    }

    private static List<String> nullRow() {
        List<String> l = new ArrayList<>();
        l.add(null);
        return l;
    }

    @Test
    void runsOnTheCurrentConnectionWhenItWorks() throws Exception {
        ObServerRouter.Route route = router(Version.of(4, 2, 1)).run(ObServerRouter.Purpose.KILL, current,
                "KILL 42", new Object[0], Optional.of("10.0.0.2:2881"));

        assertThat(route).isEqualTo(ObServerRouter.Route.CURRENT);
        assertThat(log).containsExactly("proxy: KILL 42");
    }

    @Test
    void connectedDirectlyReportsTheUnknownThreadAsItIs() {
        current.failure = unknownThread(42);
        current.answers.put(ObServerRouter.OWN_PROXY_SESSID, nullRow());

        assertThatThrownBy(() -> router(Version.of(4, 2, 1)).run(ObServerRouter.Purpose.KILL, current, "KILL 42",
                new Object[0], Optional.of("10.0.0.2:2881")))
                .isInstanceOf(SQLException.class).hasMessageContaining("Unknown thread id");
        assertThat(log).noneMatch(l -> l.startsWith("connect"));
    }

    @Test
    void globalClientSessionsReportTheUnknownThreadAsItIs() {
        current.failure = unknownThread(42);
        current.answers.put(ObServerRouter.OWN_PROXY_SESSID, List.of("7"));
        current.answers.put(ObServerRouter.PROXY_VERSION, List.of("4.2.3.0"));

        assertThatThrownBy(() -> router(Version.of(4, 2, 5)).run(ObServerRouter.Purpose.KILL, current, "KILL 42",
                new Object[0], Optional.of("10.0.0.2:2881")))
                .isInstanceOf(SQLException.class);
        assertThat(log).noneMatch(l -> l.startsWith("connect"));
    }

    @Test
    void throughAnOlderProxyTheKillRunsOnTheHostingObServerDirectly() throws Exception {
        current.failure = unknownThread(42);
        current.answers.put(ObServerRouter.OWN_PROXY_SESSID, List.of("7"));
        current.answers.put(ObServerRouter.PROXY_VERSION, List.of("4.2.1.0"));

        ObServerRouter.Route route = router(Version.of(4, 2, 5)).run(ObServerRouter.Purpose.KILL, current,
                "KILL QUERY 42", new Object[0], Optional.of("10.0.0.2:2881"));

        assertThat(route).isEqualTo(ObServerRouter.Route.DIRECT);
        assertThat(log).containsSubsequence("proxy: KILL QUERY 42", "connect 10.0.0.2:2881", "10.0.0.2:2881: KILL QUERY 42");
        assertThat(opened.get("10.0.0.2:2881").closed).isTrue();
    }

    @Test
    void anOceanBaseBefore425NeverHasGlobalClientSessions() throws Exception {
        current.failure = unknownThread(42);
        current.answers.put(ObServerRouter.OWN_PROXY_SESSID, List.of("7"));
        current.answers.put(ObServerRouter.PROXY_VERSION, List.of("4.3.0.0"));

        assertThat(router(Version.of(4, 2, 1)).run(ObServerRouter.Purpose.KILL, current, "KILL 42", new Object[0],
                Optional.of("10.0.0.3:2881"))).isEqualTo(ObServerRouter.Route.DIRECT);
    }

    @Test
    void anUnreadableProxyVersionFallsBackToTheDirectConnection() throws Exception {
        current.failure = unknownThread(42);
        current.answers.put(ObServerRouter.OWN_PROXY_SESSID, List.of("7"));

        assertThat(router(Version.of(4, 2, 5)).run(ObServerRouter.Purpose.KILL, current, "KILL 42", new Object[0],
                Optional.of("10.0.0.2:2881"))).isEqualTo(ObServerRouter.Route.DIRECT);
    }

    @Test
    void anUnreachableObServerIsReportedInWords() {
        current.failure = unknownThread(42);
        current.answers.put(ObServerRouter.OWN_PROXY_SESSID, List.of("7"));
        connectFailure = new SQLException("Communications link failure", "08S01");

        assertThatThrownBy(() -> router(Version.of(4, 2, 1)).run(ObServerRouter.Purpose.KILL, current, "KILL 42",
                new Object[0], Optional.of("10.0.0.2:2881")))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SourceException.Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains("10.0.0.2:2881");
                });
    }

    @Test
    void otherErrorsAreNotRetriedElsewhere() {
        current.failure = new SQLException("You are not owner of thread 42", "HY000", 1095);

        assertThatThrownBy(() -> router(Version.of(4, 2, 1)).run(ObServerRouter.Purpose.KILL, current, "KILL 42",
                new Object[0], Optional.of("10.0.0.2:2881")))
                .isInstanceOf(SQLException.class).hasMessageContaining("not owner");
        assertThat(log).containsExactly("proxy: KILL 42");
    }

    @Test
    void tracingGoesToTheHostingObServerEvenWhenConnectedDirectly() throws Exception {
        current.failure = new SQLException("User session ID does not exist.", "HY000", 4179);
        current.answers.put(ObServerRouter.OWN_PROXY_SESSID, nullRow());

        ObServerRouter.Route route = router(Version.of(4, 2, 1)).run(ObServerRouter.Purpose.TRACE, current,
                OceanBaseSessionSource.TRACE_ENABLE, new Object[] {42L, 1, 0.5, "ALL"}, Optional.of("10.0.0.4:2881"));

        assertThat(route).isEqualTo(ObServerRouter.Route.DIRECT);
        assertThat(log).last().asString().startsWith("10.0.0.4:2881: CALL DBMS_MONITOR.OB_SESSION_TRACE_ENABLE")
                .endsWith("[42, 1, 0.5, ALL]");
    }

    @Test
    void withoutAKnownObServerTheErrorStands() {
        current.failure = unknownThread(42);
        assertThatThrownBy(() -> router(Version.of(4, 2, 1)).run(ObServerRouter.Purpose.KILL, current, "KILL 42",
                new Object[0], Optional.empty())).isInstanceOf(SQLException.class);
    }
}
