package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.ssh.SshTunnel;
import dev.sessiondeck.core.ssh.SshTunnelSpec;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.EmbeddedPostgres;
import dev.sessiondeck.core.testing.SshServer;
import dev.sessiondeck.core.testing.Victim;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Data sources behind a real OpenSSH server: the embedded MariaDB and PostgreSQL listed and killed
 * through the tunnel, SessionDeck's own sessions still recognised although every session through the
 * tunnel comes from the bastion's address, the SSH hop's failures worded as such, and recovery after
 * the SSH connection drops.
 */
class SshTunnelSourceIT {

    @RegisterExtension
    static final SshServer SSH = new SshServer();
    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();
    @RegisterExtension
    static final EmbeddedPostgres PG = EmbeddedPostgres.fromClassPath();

    private static ConnectionSpec tunneled(ConnectionSpec direct) {
        return direct.toBuilder().sshTunnel(SSH.keySpec().build()).build();
    }

    private static Session awaitListed(SessionSource source, long id) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> source.snapshot().find(Long.toString(id)).filter(s -> s.sql().isPresent()), Optional::isPresent)
                .orElseThrow();
    }

    /** A victim connection of its own through another tunnel, as the same user SessionDeck uses. */
    private static Connection throughTunnel(SshTunnel tunnel, String url, String user, String password) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslMode", "DISABLED");
        p.setProperty("sslmode", "disable");
        p.setProperty("allowPublicKeyRetrieval", "true");
        return DriverManager.getConnection(url, p);
    }

    @Test
    void listsAndKillsMariaDbSessionsThroughTheTunnelAndNeverItsOwn() throws Exception {
        ConnectionSpec spec = tunneled(DB.adminSpec());
        try (SessionSource source = SessionSources.loaded().open(spec);
             SshTunnel other = SshTunnel.open(SSH.keySpec().build(), "127.0.0.1", DB.port(), Duration.ofSeconds(5))) {
            Connection c = throughTunnel(other, "jdbc:mysql://127.0.0.1:" + other.localPort() + "/" + EmbeddedMariaDb.DATABASE,
                    EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD);
            try (Victim victim = Victim.start(c, EmbeddedMariaDb.threadId(c), "SELECT SLEEP(60)")) {
                Session target = awaitListed(source, victim.threadId());
                Snapshot snapshot = source.snapshot();
                Session own = snapshot.sessions().stream().filter(Session::own).findFirst().orElseThrow();
                // the victim and SessionDeck: same user, both from the SSH server's address
                assertThat(target.user().orElseThrow()).isEqualTo(own.user().orElseThrow());
                assertThat(host(target)).isEqualTo(host(own));
                assertThat(target.own()).isFalse();
                assertThat(snapshot.sessions().stream().filter(Session::own).map(Session::id))
                        .doesNotContain(target.id());

                assertThatThrownBy(() -> source.kill(own.key(), KillMode.SESSION)).isInstanceOfSatisfying(
                        SourceException.class, e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REFUSED));
                assertThat(source.kill(target.key(), KillMode.QUERY).verified()).isTrue();
                assertThat((Throwable) victim.awaitFailure()).isNotNull();
                assertThat(victim.selectOne()).as("a killed query leaves its connection").isEqualTo(1);
                Session again = source.snapshot().find(target.id()).orElseThrow();
                assertThat(source.kill(again.key(), KillMode.SESSION).verified()).isTrue();
                assertThat(source.snapshot().find(target.id())).isEmpty();
                assertThat(source.snapshot().find(own.id())).as("our own connection lives").isPresent();
            }
        }
    }

    @Test
    void listsAndTerminatesPostgresBackendsThroughTheTunnelAndNeverItsOwn() throws Exception {
        ConnectionSpec spec = tunneled(PG.adminSpec());
        try (SessionSource source = SessionSources.loaded().open(spec);
             SshTunnel other = SshTunnel.open(SSH.keySpec().build(), "127.0.0.1", PG.port(), Duration.ofSeconds(5))) {
            Connection c = throughTunnel(other, "jdbc:postgresql://127.0.0.1:" + other.localPort() + "/"
                    + EmbeddedPostgres.DATABASE, EmbeddedPostgres.ADMIN, EmbeddedPostgres.ADMIN_PASSWORD);
            try (Victim victim = Victim.start(c, EmbeddedPostgres.backendPid(c), "SELECT pg_sleep(60)")) {
                Session target = awaitListed(source, victim.threadId());
                Session own = source.snapshot().sessions().stream().filter(Session::own).findFirst().orElseThrow();
                assertThat(target.user().orElseThrow()).isEqualTo(own.user().orElseThrow());
                assertThat(host(target)).isEqualTo(host(own));
                assertThat(target.own()).isFalse();
                assertThatThrownBy(() -> source.kill(own.key(), KillMode.SESSION)).isInstanceOfSatisfying(
                        SourceException.class, e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REFUSED));
                assertThat(source.kill(target.key(), KillMode.SESSION).verified()).isTrue();
                assertThat((Throwable) victim.awaitFailure()).isNotNull();
            }
        }
    }

    /** What the source offers besides the listing passes through the tunnel too: its variables, plans and SQL dialect. */
    @Test
    void variablesAndPlansAreOfferedThroughTheTunnelAsDirectly() throws Exception {
        try (SessionSource direct = SessionSources.loaded().open(DB.adminSpec());
             SessionSource source = SessionSources.loaded().open(tunneled(DB.adminSpec()))) {
            Session idle = awaitAnyIdle(source);

            assertThat(source.variables()).as("variables through the tunnel").isPresent();
            assertThat(source.variables().orElseThrow().list(VariableScope.GLOBAL))
                    .extracting(Variable::name).contains("max_connections");
            assertThat(source.planUnavailable(idle)).isEqualTo(direct.planUnavailable(idle)).isPresent();
            assertThat(source.sqlDialect()).as("the SQL dialog's dialect").isEqualTo(direct.sqlDialect()).isPresent();
        }
    }

    private static Session awaitAnyIdle(SessionSource source) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> source.snapshot().sessions().stream().filter(s -> !s.isActive() && !s.own()).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    @Test
    void aDropMidRefreshIsWordedAsTheSshHopAndTheNextRefreshRecovers() throws Exception {
        try (SessionSource source = SessionSources.loaded().open(tunneled(DB.adminSpec()))) {
            assertThat(source.snapshot().sessions()).isNotEmpty();
            AtomicReference<SourceException> failure = new AtomicReference<>();
            AtomicInteger listed = new AtomicInteger();
            Thread refresher = new Thread(() -> {
                // refreshes back to back (bounded) until one fails under the drop
                for (int i = 0; i < 5_000 && failure.get() == null; i++) {
                    try {
                        source.snapshot();
                        listed.incrementAndGet();
                    } catch (SourceException e) {
                        failure.set(e);
                    }
                }
            });
            refresher.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> listed.get() >= 3);
            assertThat(SSH.dropConnections()).isPositive();
            refresher.join(30_000);
            assertThat(failure.get()).as("a refresh failed under the drop").isNotNull();
            assertThat(failure.get().kind()).isIn(SourceException.Kind.UNREACHABLE, SourceException.Kind.TIMEOUT);
            assertThat(failure.get().getMessage()).contains("unreachable (SSH: connection lost)");
            assertThat(failure.get().sshFailure()).isPresent();

            Snapshot after = source.snapshot();
            assertThat(after.sessions()).as("the next refresh logs in again").isNotEmpty();
            assertThat(after.sessions()).anyMatch(Session::own);
        }
    }

    @Test
    void anSshServerThatIsDownIsUnreachableWithTheSshReasonNotTheDatabasesAndTheSourceComesBack() throws Exception {
        try (SessionSource source = SessionSources.loaded().open(tunneled(DB.adminSpec()))) {
            source.snapshot();
            SSH.stop();
            try {
                assertThatThrownBy(source::snapshot).isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SourceException.Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains("unreachable (SSH: connection");
                    assertThat(e.sshFailure()).isPresent();
                });
                assertThatThrownBy(() -> SessionSources.loaded().open(tunneled(DB.adminSpec())))
                        .isInstanceOfSatisfying(SourceException.class, e -> {
                            assertThat(e.kind()).isEqualTo(SourceException.Kind.UNREACHABLE);
                            assertThat(e.getMessage()).contains("unreachable (SSH: connection refused)");
                        });
            } finally {
                SSH.restart();
            }
            assertThat(source.snapshot().sessions()).isNotEmpty();
        }
    }

    @Test
    void a1cClustersRasIsReachedThroughTheTunnel() throws Exception {
        // a stand-in ras on loopback that answers one byte to every connection; rac (the stand-in,
        // reaching for real) must come through the SSH server to get it
        java.util.concurrent.atomic.AtomicInteger reached = new java.util.concurrent.atomic.AtomicInteger();
        try (java.net.ServerSocket ras = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                while (!ras.isClosed()) {
                    try (java.net.Socket c = ras.accept()) {
                        reached.incrementAndGet();
                        c.getOutputStream().write(1);
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();
            dev.sessiondeck.core.testing.FakeRacScenario rac = dev.sessiondeck.core.testing.FakeRacScenario
                    .standard("ssh-ras").reachForReal();
            ConnectionSpec direct = rac.spec().port(ras.getLocalPort()).build();
            try (SessionSource source = SessionSources.loaded().open(direct.toBuilder().sshTunnel(SSH.keySpec().build()).build())) {
                assertThat(source.snapshot().sessions()).isNotEmpty();
            }
            assertThat(reached.get()).as("ras was reached through the SSH server").isPositive();
            java.util.List<String> addresses = rac.calls().stream().map(c -> c.get(c.size() - 1))
                    .filter(a -> a.startsWith("127.0.0.1:")).toList();
            assertThat(addresses).as("rac is given the tunnel's loopback port, not ras's own").isNotEmpty()
                    .doesNotContain("127.0.0.1:" + ras.getLocalPort());

            ConnectionSpec noRas = direct.toBuilder().port(1).sshTunnel(SSH.keySpec().build()).build();
            assertThatThrownBy(() -> SessionSources.loaded().open(noRas)).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.sshFailure()).as("the SSH hop worked; ras is what is not there").isEmpty());
        }
    }

    @Test
    void checkSaysWhichHopFailed() throws Exception {
        SessionSources sources = SessionSources.loaded();
        ConnectionCheck ok = sources.check(tunneled(DB.adminSpec()));
        assertThat(ok.passed()).isTrue();
        assertThat(ok.hostKey()).contains(SSH.hostKey());
        assertThat(ok.server()).hasValueSatisfying(s -> assertThat(s).contains("MariaDB"));

        ConnectionCheck wrongDbPassword = sources.check(tunneled(DB.spec("x", EmbeddedMariaDb.ADMIN, "wrong")));
        assertThat(wrongDbPassword.ssh().status()).isEqualTo(ConnectionCheck.Status.PASSED);
        assertThat(wrongDbPassword.database().status()).isEqualTo(ConnectionCheck.Status.FAILED);
        assertThat(wrongDbPassword.database().failure().orElseThrow().kind()).isEqualTo(SourceException.Kind.AUTHENTICATION);

        ConnectionSpec noDb = DB.adminSpec().toBuilder().port(1).sshTunnel(SSH.keySpec().build()).build();
        ConnectionCheck dbDown = sources.check(noDb);
        assertThat(dbDown.ssh().status()).isEqualTo(ConnectionCheck.Status.PASSED);
        assertThat(dbDown.database().status()).isEqualTo(ConnectionCheck.Status.FAILED);
        assertThat(dbDown.database().failure().orElseThrow().getMessage()).contains("from the SSH server");

        SshTunnelSpec unknownKey = SSH.keySpec(SSH.emptyKnownHosts()).build();
        ConnectionCheck sshFails = sources.check(DB.adminSpec().toBuilder().sshTunnel(unknownKey).build());
        assertThat(sshFails.ssh().status()).isEqualTo(ConnectionCheck.Status.FAILED);
        assertThat(sshFails.ssh().failure().orElseThrow().kind()).isEqualTo(SourceException.Kind.HOST_KEY);
        assertThat(sshFails.database().status()).isEqualTo(ConnectionCheck.Status.SKIPPED);
        assertThat(sshFails.hostKey()).contains(SSH.hostKey());
    }

    private static String host(Session s) {
        String source = s.source().orElseThrow();
        return source.substring(0, source.lastIndexOf(':'));
    }
}
