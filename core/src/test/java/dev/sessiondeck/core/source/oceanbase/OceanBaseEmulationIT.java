package dev.sessiondeck.core.source.oceanbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.ActionResult;
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
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.model.Version;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.OceanBaseEmulation;
import dev.sessiondeck.core.testing.Victim;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OceanBase 4.2 emulated inside a real MariaDB ({@link OceanBaseEmulation}): the server reports an
 * OceanBase version string, {@code GV$OB_PROCESSLIST} holds the live sessions plus recorded rows of
 * several OBServers and one OBProxy, and {@code DBMS_MONITOR} records its calls. The adapter's own
 * SQL runs over a real connection.
 */
class OceanBaseEmulationIT {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb("--version=5.7.25-OceanBase_CE-v4.2.1.0");

    private static SessionSource source;

    @BeforeAll
    static void emulate() throws Exception {
        OceanBaseEmulation.install(DB);
        source = SessionSources.loaded().open(OceanBaseEmulation.spec(DB, "ob-emulated"));
    }

    @AfterAll
    static void close() {
        if (source != null) {
            source.close();
        }
    }

    private static Session row(Snapshot s, long id, String server) {
        return s.sessions().stream().filter(x -> x.id().equals(Long.toString(id)) && x.key().server().equals(server))
                .findFirst().orElseThrow();
    }

    private static OceanBaseSessionSource ob() {
        return (OceanBaseSessionSource) source;
    }

    /** The victim's session as the listing shows it, once it is listed with its statement. */
    private static Session awaitListed(Victim victim) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> source.snapshot().sessions().stream()
                        .filter(s -> s.id().equals(Long.toString(victim.threadId())) && s.sql().isPresent()).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    @Test
    void detectsOceanBaseFromItsVersionAndObVersion() {
        assertThat(source).isInstanceOf(OceanBaseSessionSource.class);
        assertThat(ob().serverInfo().product()).isEqualTo(Product.OCEANBASE_MYSQL);
        assertThat(ob().serverInfo().version()).isEqualTo(Version.of(4, 2, 1, 0));
        assertThat(ob().serverInfo().can(Capability.TRACE)).isTrue();
        assertThat(source.describe()).isEqualTo(ob().serverInfo().describe()).contains("4.2.1");
        assertThat(source.sqlDialect()).contains(SqlDialect.MYSQL);
    }

    @Test
    void fillsEveryOcpColumnForASessionThroughObProxy() throws Exception {
        Session s = row(source.snapshot(), 3221487811L, "10.0.0.4:2881");

        assertThat(s.sql()).contains("UPDATE inventory SET qty = qty - 1 WHERE sku = 'A-1'");
        assertThat(s.attribute(OceanBaseAttributes.SQL_ID)).contains("9F8E7D6C5B4A39281706F5E4D3C2B1A0");
        assertThat(s.user()).contains("app_reports");
        assertThat(s.source()).contains("192.168.7.30");
        assertThat(s.database()).contains("reporting");
        assertThat(s.command()).contains("Query");
        assertThat(s.executionTime()).contains(Duration.ofMillis(250));
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(s.attribute(OceanBaseAttributes.OB_SERVER)).contains("10.0.0.4:2881");
        assertThat(s.attribute(OceanBaseAttributes.OB_PROXY)).contains("10.0.0.9:2883");
        assertThat(s.attribute(OceanBaseAttributes.TRACE_ID)).contains("YB420A000004-0005F1B2C3D4E5F7-0-0");
        assertThat(s.attribute(StandardAttributes.TRANSACTION_STATE)).contains("ACTIVE");
        assertThat(s.attribute(OceanBaseAttributes.TRANSACTION_ID)).contains(92001L);
        assertThat(s.attribute(OceanBaseAttributes.PROXY_SESSION_ID)).contains(12884901999L);
        assertThat(s.attribute(OceanBaseAttributes.RETRY_COUNT)).contains(2L);
        assertThat(s.attribute(OceanBaseAttributes.CPU_TIME)).contains(Duration.ofMillis(200));
        assertThat(s.attribute(OceanBaseAttributes.BYTES_IN)).contains(1024L);
        assertThat(s.attribute(OceanBaseAttributes.BYTES_OUT)).contains(32L);
        assertThat(s.attribute(OceanBaseAttributes.TENANT)).contains("obmysql");
        assertThat(s.attribute(OceanBaseAttributes.TRACE_LEVEL)).as("not traced").isEmpty();
        assertThat(s.attribute(OceanBaseAttributes.TRACE_SAMPLE)).isEmpty();
        assertThat(s.attribute(OceanBaseAttributes.TRACE_POLICY)).isEmpty();
        assertThat(source.attributes()).containsAll(s.attributes().attributes());
    }

    /**
     * A later 4.x whose GV$OB_PROCESSLIST also has MEMORY_USAGE (bytes): the probe finds it and the
     * Memory column fills; the 4.2 view of the other tests has none and their Memory stays empty.
     */
    @Test
    void memoryUsageIsReadWhereTheViewHasIt() throws Exception {
        assertThat(row(source.snapshot(), 3221487811L, "10.0.0.4:2881").attribute(StandardAttributes.MEMORY)).isEmpty();
        try (Connection c = DB.connectRoot(); Statement st = c.createStatement()) {
            st.execute("RENAME TABLE oceanbase.`GV$OB_PROCESSLIST` TO oceanbase.gv_ob_processlist_42");
            try {
                st.execute("CREATE VIEW oceanbase.`GV$OB_PROCESSLIST` AS SELECT g.*, IF(g.ID = 3221487811, 2097152, 65536)"
                        + " AS MEMORY_USAGE FROM oceanbase.gv_ob_processlist_42 g");
                try (SessionSource later = SessionSources.loaded().open(OceanBaseEmulation.spec(DB, "ob-later"))) {
                    Snapshot s = later.snapshot();
                    assertThat(row(s, 3221487811L, "10.0.0.4:2881").attribute(StandardAttributes.MEMORY)).contains(2_097_152L);
                    assertThat(row(s, 3221487700L, "10.0.0.3:2881").attribute(StandardAttributes.MEMORY)).contains(65_536L);
                    assertThat(later.attributes()).contains(StandardAttributes.MEMORY);
                }
            } finally {
                st.execute("DROP VIEW IF EXISTS oceanbase.`GV$OB_PROCESSLIST`");
                st.execute("RENAME TABLE oceanbase.gv_ob_processlist_42 TO oceanbase.`GV$OB_PROCESSLIST`");
            }
        }
    }

    @Test
    void aDirectSessionHasNoObProxy() throws Exception {
        Session s = row(source.snapshot(), 3221487700L, "10.0.0.3:2881");
        assertThat(s.attribute(OceanBaseAttributes.OB_PROXY)).isEmpty();
        assertThat(s.attribute(OceanBaseAttributes.PROXY_SESSION_ID)).isEmpty();
        assertThat(s.source()).contains("10.0.0.44");
        assertThat(s.state()).isEqualTo(SessionState.IDLE);
        assertThat(s.executionTime()).contains(Duration.ofMillis(305_500));
    }

    @Test
    void oneIdOnSeveralObServersIsKeyedByServerAndListedTogetherActiveFirst() throws Exception {
        List<Session> sessions = source.snapshot().sessions();
        List<Session> same = sessions.stream().filter(s -> s.id().equals("3221487617")).toList();

        assertThat(same).extracting(s -> s.key().server()).containsExactly("10.0.0.2:2881", "10.0.0.3:2881");
        assertThat(same.get(0).isActive()).isTrue();
        assertThat(same.get(0).key()).isNotEqualTo(same.get(1).key());
        int first = sessions.indexOf(same.get(0));
        assertThat(sessions.get(first + 1)).isEqualTo(same.get(1));
    }

    @Test
    void killQueryReachesALiveSessionOnItsObServerAndIsVerified() throws Exception {
        String server = "127.0.0.1:" + DB.port();
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            Session target = awaitListed(victim);
            assertThat(target.attribute(OceanBaseAttributes.OB_SERVER)).contains(server);
            assertThat(target.attribute(OceanBaseAttributes.SQL_ID)).isPresent();

            KillResult result = source.kill(target.key(), KillMode.QUERY);

            assertThat(result.verified()).isTrue();
            assertThat(victim.awaitFailure().getSQLState()).isEqualTo("70100");
        }
    }

    @Test
    void anIdTheServerDoesNotKnowIsReportedWhenConnectedDirectly() throws Exception {
        Session remote = row(source.snapshot(), 3221487617L, "10.0.0.2:2881");

        assertThatThrownBy(() -> source.kill(remote.key(), KillMode.SESSION))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SourceException.Kind.SESSION_GONE);
                    assertThat(e.vendorCode()).isEqualTo(1094);
                });
    }

    @Test
    void readsTheSessionsTraceSettingsFromTheListing() throws Exception {
        Session traced = row(source.snapshot(), 3221487617L, "10.0.0.2:2881");
        Session untraced = row(source.snapshot(), 3221487700L, "10.0.0.3:2881");

        assertThat(OceanBaseSessionSource.traceSettingsOf(traced))
                .contains(new TraceSettings(1, 50, TraceSettings.RecordPolicy.SAMPLE_AND_SLOW_QUERY));
        assertThat(traced.attribute(OceanBaseAttributes.TRACE_LEVEL)).contains(1L);
        assertThat(traced.attribute(OceanBaseAttributes.TRACE_SAMPLE)).contains(50.0);
        assertThat(traced.attribute(OceanBaseAttributes.TRACE_POLICY)).contains("SAMPLE_AND_SLOW_QUERY");
        assertThat(OceanBaseSessionSource.traceSettingsOf(untraced)).isEmpty();
        // the trace dialog starts with the session's settings; turning tracing off needs a traced session
        assertThat(source.parameterDefaults(OceanBaseSessionSource.TRACE, traced))
                .isEqualTo(Map.of("level", "1", "samplePercentage", "50", "recordPolicy", "SAMPLE_AND_SLOW_QUERY"));
        assertThat(source.parameterDefaults(OceanBaseSessionSource.TRACE, untraced)).isEmpty();
        assertThat(source.unavailable(OceanBaseSessionSource.TRACE_OFF, traced)).isEmpty();
        assertThat(source.unavailable(OceanBaseSessionSource.TRACE_OFF, untraced))
                .hasValueSatisfying(t -> assertThat(t.english()).isEqualTo("This session is not traced"));
        assertThat(source.unavailable(OceanBaseSessionSource.TRACE, untraced)).isEmpty();
    }

    @Test
    void enablesAndDisablesTracingWithDbmsMonitorSendingAFraction() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            Session target = awaitListed(victim);
            OceanBaseSessionSource ob = ob();

            ob.enableTrace(target.key(), new TraceSettings(2, 25, TraceSettings.RecordPolicy.ONLY_SLOW_QUERY));
            ob.disableTrace(target.key());

            assertThat(OceanBaseEmulation.traceCalls(DB, victim.threadId())).satisfiesExactly(
                    enable -> {
                        assertThat(enable.name()).isEqualTo("ENABLE");
                        assertThat(enable.level()).isEqualTo(2);
                        assertThat(enable.sampleFraction()).isEqualByComparingTo("0.25");
                        assertThat(enable.recordPolicy()).isEqualTo("ONLY_SLOW_QUERY");
                    },
                    disable -> assertThat(disable.name()).isEqualTo("DISABLE"));
        }
    }

    @Test
    void offersTracingBesideClosingSessionsAndQueries() {
        assertThat(source.actions()).containsExactly(SessionAction.CLOSE_SESSION, SessionAction.CLOSE_QUERY,
                SessionAction.SESSION_VARIABLES, OceanBaseSessionSource.TRACE, OceanBaseSessionSource.TRACE_OFF);
        assertThat(OceanBaseSessionSource.TRACE.parameters()).extracting(f -> f.id())
                .containsExactly("level", "samplePercentage", "recordPolicy");
        assertThat(source.attributes()).startsWith(OceanBaseAttributes.SQL_ID, OceanBaseAttributes.OB_SERVER,
                OceanBaseAttributes.OB_PROXY);
    }

    @Test
    void tracingThroughItsActionsSendsTheParametersTheDialogGives() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            Session target = awaitListed(victim);

            ActionResult on = source.perform(OceanBaseSessionSource.TRACE, target.key(),
                    Map.of("level", "3", "samplePercentage", "12,5", "recordPolicy", "all"));
            ActionResult off = source.perform(OceanBaseSessionSource.TRACE_OFF, target.key(), Map.of());

            assertThat(on.verified()).isTrue();
            assertThat(on.key()).isEqualTo(target.key());
            assertThat(on.detail().map(Text::english)).hasValue("tracing enabled: level 3, 12.5 %, ALL");
            assertThat(off.verified()).isTrue();
            assertThat(OceanBaseEmulation.traceCalls(DB, victim.threadId())).satisfiesExactly(
                    enable -> {
                        assertThat(enable.name()).isEqualTo("ENABLE");
                        assertThat(enable.level()).isEqualTo(3);
                        assertThat(enable.sampleFraction()).isEqualByComparingTo("0.125");
                        assertThat(enable.recordPolicy()).isEqualTo("ALL");
                    },
                    disable -> assertThat(disable.name()).isEqualTo("DISABLE"));
        }
    }

    @Test
    void tracingParametersOutOfRangeAreRefusedBeforeTheServerIsAsked() throws Exception {
        Session traced = row(source.snapshot(), 3221487617L, "10.0.0.2:2881");
        for (Map<String, String> wrong : List.of(
                Map.of("level", "4", "samplePercentage", "10", "recordPolicy", "ALL"),
                Map.of("level", "1", "samplePercentage", "0", "recordPolicy", "ALL"),
                Map.of("level", "1", "samplePercentage", "10", "recordPolicy", "SOMETIMES"),
                Map.<String, String>of())) {
            assertThatThrownBy(() -> source.perform(OceanBaseSessionSource.TRACE, traced.key(), wrong))
                    .as("%s", wrong).isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REFUSED));
        }
        assertThat(OceanBaseEmulation.traceCalls(DB, 3221487617L)).isEmpty();
    }

    @Test
    void aRecordedWaiterIsBlockedByTheSessionOfTheTransactionHoldingItsRow() throws Exception {
        Snapshot s = source.snapshot();
        Session waiter = row(s, 3221487811L, "10.0.0.4:2881");

        assertThat(waiter.blockingIds()).containsExactly("3221487617");
        assertThat(waiter.attribute(StandardAttributes.LOCK_WAITED))
                .contains("row lock on tablet 200001, rowkey {\"VARCHAR\":\"A-1\"}, X");
        assertThat(waiter.attribute(StandardAttributes.LOCK_WAIT_TIME)).contains(Duration.ofMillis(250));
        assertThat(row(s, 3221487617L, "10.0.0.2:2881").blockingIds()).isEmpty();
        assertThat(source.blockingUnknown()).isEmpty();
        assertThat(source.attributes()).contains(StandardAttributes.BLOCKED_BY, StandardAttributes.LOCK_WAITED,
                StandardAttributes.LOCK_WAIT_TIME);

        BlockingTree tree = BlockingTree.of(s.sessions());
        assertThat(tree.roots()).singleElement().satisfies(root -> {
            assertThat(root.id()).isEqualTo("3221487617");
            assertThat(root.heldUp()).isEqualTo(1);
        });
    }

    @Test
    void aLiveRowLockWaitOnTheEmulatedTenantNamesItsHolder() throws Exception {
        try (Connection root = DB.connectRoot(); Statement st = root.createStatement()) {
            st.execute("CREATE TABLE ob_rows (id INT PRIMARY KEY, qty INT)");
            st.execute("INSERT INTO ob_rows VALUES (1, 1)");
        }
        Connection holder = DB.connect(EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD);
        Connection waiter = DB.connect(EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD);
        String holderId = Long.toString(EmbeddedMariaDb.threadId(holder));
        String waiterId = Long.toString(EmbeddedMariaDb.threadId(waiter));
        try {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeUpdate("UPDATE ob_rows SET qty = 2 WHERE id = 1");
            }
            try (Statement st = waiter.createStatement()) {
                st.execute("SET SESSION innodb_lock_wait_timeout = 120");
            }
            Victim.start(waiter, EmbeddedMariaDb.threadId(waiter), "UPDATE ob_rows SET qty = 3 WHERE id = 1");

            Snapshot s = await().atMost(Duration.ofSeconds(10)).until(source::snapshot,
                    x -> x.find(waiterId).map(w -> w.blockingIds().equals(List.of(holderId))).orElse(false));

            Session w = s.find(waiterId).orElseThrow();
            assertThat(w.attribute(StandardAttributes.LOCK_WAITED)).hasValueSatisfying(l ->
                    assertThat(l).startsWith("row lock on tablet ").endsWith(", X"));
            assertThat(w.attribute(StandardAttributes.LOCK_WAIT_TIME)).isPresent();
            assertThat(BlockingTree.of(s.sessions()).heldUpBy(s.find(holderId).orElseThrow())).isEqualTo(1);
        } finally {
            try (Connection root = DB.connectRoot(); Statement st = root.createStatement()) {
                st.execute("KILL " + waiterId);
                st.execute("KILL " + holderId);
            }
            waiter.abort(Runnable::run);
            holder.abort(Runnable::run);
        }
    }

    @Test
    void anIdThatIsNoNumberIsRefusedForEveryAction() {
        SessionKey worded = SessionKey.ofId(source.name(), "not-a-thread");
        for (SessionAction action : source.actions()) {
            if (action.equals(SessionAction.SESSION_VARIABLES)) {
                continue; // shown, never performed: the window opens the variables page (unavailable on OceanBase)
            }
            Map<String, String> parameters = action == OceanBaseSessionSource.TRACE
                    ? Map.of("level", "1", "samplePercentage", "10", "recordPolicy", "ALL") : Map.of();
            assertThatThrownBy(() -> source.perform(action, worded, parameters)).as(action.id())
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REFUSED));
        }
    }
}
