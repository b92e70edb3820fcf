package dev.sessiondeck.core.source.oceanbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.Capability;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.TraceSettings;
import dev.sessiondeck.core.model.Version;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.OceanBaseEmulation;
import dev.sessiondeck.core.testing.Victim;
import java.time.Duration;
import java.util.List;
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
        return s.sessions().stream().filter(x -> x.id() == id && x.key().server().equals(server)).findFirst().orElseThrow();
    }

    @Test
    void detectsOceanBaseFromItsVersionAndObVersion() {
        assertThat(source).isInstanceOf(OceanBaseSessionSource.class);
        assertThat(source.serverInfo().product()).isEqualTo(Product.OCEANBASE_MYSQL);
        assertThat(source.serverInfo().version()).isEqualTo(Version.of(4, 2, 1, 0));
        assertThat(source.serverInfo().can(Capability.TRACE)).isTrue();
    }

    @Test
    void fillsEveryOcpColumnForASessionThroughObProxy() throws Exception {
        Session s = row(source.snapshot(), 3221487811L, "10.0.0.4:2881");

        assertThat(s.sql()).contains("UPDATE inventory SET qty = qty - 1 WHERE sku = 'A-1'");
        assertThat(s.sqlId()).contains("9F8E7D6C5B4A39281706F5E4D3C2B1A0");
        assertThat(s.user()).contains("app_reports");
        assertThat(s.source()).contains("192.168.7.30");
        assertThat(s.database()).contains("reporting");
        assertThat(s.command()).contains("Query");
        assertThat(s.executionTime()).contains(Duration.ofMillis(250));
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(s.obServer()).contains("10.0.0.4:2881");
        assertThat(s.obProxy()).contains("10.0.0.9:2883");
        assertThat(s.traceId()).contains("YB420A000004-0005F1B2C3D4E5F7-0-0");
        assertThat(s.transactionState()).contains("ACTIVE");
        assertThat(s.extras()).containsEntry("TRANS_ID", "92001").containsEntry("PROXY_SESSID", "12884901999")
                .containsEntry("RETRY_CNT", "2").containsKeys("TOTAL_CPU_TIME", "IN_BYTES", "OUT_BYTES");
    }

    @Test
    void aDirectSessionHasNoObProxy() throws Exception {
        Session s = row(source.snapshot(), 3221487700L, "10.0.0.3:2881");
        assertThat(s.obProxy()).isEmpty();
        assertThat(s.source()).contains("10.0.0.44");
        assertThat(s.state()).isEqualTo(SessionState.IDLE);
        assertThat(s.executionTime()).contains(Duration.ofMillis(305_500));
    }

    @Test
    void oneIdOnSeveralObServersIsKeyedByServerAndListedTogetherActiveFirst() throws Exception {
        List<Session> sessions = source.snapshot().sessions();
        List<Session> same = sessions.stream().filter(s -> s.id() == 3221487617L).toList();

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
            Session target = await().atMost(Duration.ofSeconds(10)).until(
                    () -> source.snapshot().sessions().stream()
                            .filter(s -> s.id() == victim.threadId() && s.sql().isPresent()).findFirst(),
                    Optional::isPresent).orElseThrow();
            assertThat(target.obServer()).contains(server);
            assertThat(target.sqlId()).isPresent();

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
        SessionTracingAssert tracing = new SessionTracingAssert((OceanBaseSessionSource) source);

        assertThat(tracing.of(traced)).contains(new TraceSettings(1, 50, TraceSettings.RecordPolicy.SAMPLE_AND_SLOW_QUERY));
        assertThat(tracing.of(untraced)).isEmpty();
    }

    @Test
    void enablesAndDisablesTracingWithDbmsMonitorSendingAFraction() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            Session target = await().atMost(Duration.ofSeconds(10)).until(
                    () -> source.snapshot().sessions().stream().filter(s -> s.id() == victim.threadId()).findFirst(),
                    Optional::isPresent).orElseThrow();
            OceanBaseSessionSource ob = (OceanBaseSessionSource) source;

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

    /** Reads trace settings through the public SessionTracing interface. */
    private record SessionTracingAssert(dev.sessiondeck.core.source.SessionTracing tracing) {
        Optional<TraceSettings> of(Session s) {
            return tracing.traceSettings(s);
        }
    }
}
