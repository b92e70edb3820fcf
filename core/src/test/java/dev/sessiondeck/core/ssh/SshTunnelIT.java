package dev.sessiondeck.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.testing.SshServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tunnel against a real OpenSSH server. The target is the SSH server's own port: what comes back
 * through the tunnel is its greeting, so that these tests need no database.
 */
class SshTunnelIT {

    @RegisterExtension
    static final SshServer SSH = new SshServer();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static SshTunnel open(SshTunnelSpec spec) throws SshException {
        return SshTunnel.open(spec, "127.0.0.1", SSH.port(), TIMEOUT);
    }

    /** Connects to the tunnel's port and reads the target's first line. */
    private static String greeting(SshTunnel tunnel) throws IOException {
        try (Socket s = new Socket(tunnel.localHost(), tunnel.localPort())) {
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n' && line.length() < 200) {
                line.append((char) c);
            }
            return line.toString().strip();
        }
    }

    @Test
    void forwardsThroughAKeyLoginOnLoopbackOnlyUntilClosed() throws Exception {
        int port;
        SshTunnel closedTunnel;
        try (SshTunnel tunnel = open(SSH.keySpec().build())) {
            closedTunnel = tunnel;
            assertThat(InetAddress.getByName(tunnel.localHost()).isLoopbackAddress()).isTrue();
            port = tunnel.localPort();
            assertThat(port).isPositive();
            assertThat(greeting(tunnel)).startsWith("SSH-2.0-OpenSSH");
            assertThat(greeting(tunnel)).as("a second connection shares the SSH connection").startsWith("SSH-2.0-OpenSSH");
            assertThat(tunnel.hostKey()).isEqualTo(SSH.hostKey());
            assertThat(tunnel.problem()).isEmpty();
        }
        assertThat(closedTunnel.listening()).as("closed with its data source: the port is closed").isFalse();
        assertThat(answerAt(port)).as("nothing forwards from the closed tunnel's port any more")
                .doesNotStartWith("SSH-2.0-OpenSSH");
    }

    /**
     * What answers on a loopback port: "refused" when nothing listens. Once closed, the port is free for
     * any other listener of the machine (one took it in a CI run), so a connection alone proves nothing;
     * the closed tunnel would still answer with the SSH server's greeting.
     */
    private static String answerAt(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            s.setSoTimeout(2_000);
            byte[] first = new byte[64];
            int n = s.getInputStream().read(first);
            return n <= 0 ? "closed" : new String(first, 0, n, StandardCharsets.US_ASCII);
        } catch (java.net.ConnectException refused) {
            return "refused";
        } catch (java.net.SocketTimeoutException silent) {
            return "silent";
        }
    }

    @Test
    void opensAnOpenSshFormatKeyWithItsPassphrase() throws Exception {
        SshTunnelSpec spec = SSH.keySpec().keyFile(SSH.passphraseKey().toString())
                .secret(SshServer.PASSPHRASE.toCharArray()).build();
        try (SshTunnel tunnel = open(spec)) {
            assertThat(greeting(tunnel)).startsWith("SSH-2.0-OpenSSH");
        }
    }

    @Test
    void opensAPemKeyWithItsPassphrase() throws Exception {
        SshTunnelSpec spec = SSH.keySpec().keyFile(SSH.pemKey().toString())
                .secret(SshServer.PASSPHRASE.toCharArray()).build();
        try (SshTunnel tunnel = open(spec)) {
            assertThat(greeting(tunnel)).startsWith("SSH-2.0-OpenSSH");
        }
    }

    @Test
    void aWrongOrMissingPassphraseIsACredentialsProblem() {
        SshTunnelSpec wrong = SSH.keySpec().keyFile(SSH.passphraseKey().toString()).secret("nope".toCharArray()).build();
        assertThatThrownBy(() -> open(wrong)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.kind()).isEqualTo(SshException.Kind.CREDENTIALS);
            assertThat(e.getMessage()).contains("passphrase").doesNotContain("nope");
        });
        SshTunnelSpec missing = SSH.keySpec().keyFile(SSH.pemKey().toString()).build();
        assertThatThrownBy(() -> open(missing)).isInstanceOfSatisfying(SshException.class,
                e -> assertThat(e.kind()).isEqualTo(SshException.Kind.CREDENTIALS));
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefusedAsAuthentication() {
        SshTunnelSpec spec = SSH.keySpec().keyFile(SSH.strangerKey().toString()).build();
        assertThatThrownBy(() -> open(spec)).isInstanceOfSatisfying(SshException.class,
                e -> assertThat(e.kind()).isEqualTo(SshException.Kind.AUTHENTICATION));
    }

    @Test
    void logsInWithAPasswordAndRefusesAWrongOne() throws Exception {
        SshServer.assumePasswordUser();
        SshTunnelSpec spec = SSH.keySpec().user(SshServer.PASSWORD_USER).auth(SshAuth.PASSWORD).keyFile(null)
                .secret(SshServer.PASSWORD.toCharArray()).build();
        try (SshTunnel tunnel = open(spec)) {
            assertThat(greeting(tunnel)).startsWith("SSH-2.0-OpenSSH");
        }
        SshTunnelSpec wrong = spec.toBuilder().secret("not-it".toCharArray()).build();
        assertThatThrownBy(() -> open(wrong)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.kind()).isEqualTo(SshException.Kind.AUTHENTICATION);
            assertThat(e.getMessage()).contains("password").doesNotContain("not-it");
        });
    }

    @Test
    void logsInWithTheAgentsKeys() throws Exception {
        Path socket = Path.of(System.getProperty("java.io.tmpdir"), "sd-agent-" + ProcessHandle.current().pid() + ".sock");
        java.nio.file.Files.deleteIfExists(socket);
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true).start();
        try {
            for (int i = 0; i < 100 && !java.nio.file.Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            ProcessBuilder add = new ProcessBuilder("ssh-add", SSH.plainKey().toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process added = add.start();
            assertThat(added.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(added.exitValue()).as(new String(added.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
            SshTunnelSpec spec = SSH.keySpec().auth(SshAuth.AGENT).keyFile(null).agentSocket(socket.toString()).build();
            try (SshTunnel tunnel = open(spec)) {
                assertThat(greeting(tunnel)).startsWith("SSH-2.0-OpenSSH");
            }
        } finally {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
            java.nio.file.Files.deleteIfExists(socket);
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintThenAcceptedOnceThenSaved() throws Exception {
        SshTunnelSpec unknown = SSH.keySpec(SSH.emptyKnownHosts()).build();
        assertThatThrownBy(() -> open(unknown)).isInstanceOfSatisfying(SshException.class, e -> {
            assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY_UNKNOWN);
            assertThat(e.presentedHostKey()).contains(SSH.hostKey());
            assertThat(e.getMessage()).contains(SSH.hostKey().fingerprint());
        });
        SshHostKey accepted;
        try (SshTunnel tunnel = open(unknown.toBuilder().acceptNewHostKey(true).build())) {
            assertThat(greeting(tunnel)).startsWith("SSH-2.0-OpenSSH");
            accepted = tunnel.hostKey();
        }
        assertThat(accepted).isEqualTo(SSH.hostKey());
        try (SshTunnel tunnel = open(unknown.toBuilder().hostKey(accepted).build())) {
            assertThat(greeting(tunnel)).as("the saved key is enough without known_hosts").startsWith("SSH-2.0-OpenSSH");
        }
    }

    @Test
    void aChangedHostKeyIsRefusedEvenWhenNewKeysAreAccepted() throws Exception {
        SshHostKey original = SSH.hostKey();
        java.nio.file.Path knownHosts = SSH.knownHosts();
        SSH.restartWithOtherHostKey();
        try {
            SshTunnelSpec byKnownHosts = SSH.keySpec(knownHosts).acceptNewHostKey(true).build();
            assertThatThrownBy(() -> open(byKnownHosts)).isInstanceOfSatisfying(SshException.class, e -> {
                assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY_CHANGED);
                assertThat(e.getMessage()).contains("WARNING").contains(SSH.hostKey().fingerprint());
                assertThat(e.presentedHostKey()).contains(SSH.hostKey());
            });
            SshTunnelSpec bySaved = SSH.keySpec(SSH.emptyKnownHosts()).hostKey(original).acceptNewHostKey(true).build();
            assertThatThrownBy(() -> open(bySaved)).isInstanceOfSatisfying(SshException.class, e -> {
                assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY_CHANGED);
                assertThat(e.getMessage()).contains(original.fingerprint());
            });
        } finally {
            SSH.restartWithOriginalHostKey();
        }
    }

    @Test
    void logsInAgainAfterTheSshConnectionDropsAndWhenTheServerComesBack() throws Exception {
        try (SshTunnel tunnel = open(SSH.keySpec().build())) {
            assertThat(greeting(tunnel)).startsWith("SSH-2.0-OpenSSH");
            assertThat(SSH.dropConnections()).isPositive();
            for (int i = 0; i < 100 && tunnel.problem().isEmpty(); i++) {
                Thread.sleep(50);
            }
            assertThat(tunnel.problem()).hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo("connection lost"));
            assertThat(greeting(tunnel)).as("a new connection logs in again").startsWith("SSH-2.0-OpenSSH");
            assertThat(tunnel.problem()).isEmpty();

            SSH.stop();
            try {
                // (a channel asked for in the instant the server dies waits up to the connect timeout)
                for (int i = 0; i < 100 && tunnel.problem().isEmpty(); i++) {
                    Thread.sleep(50);
                }
                assertThat(greeting(tunnel)).as("nothing comes through while the SSH server is down").isEmpty();
                assertThat(tunnel.problem()).hasValueSatisfying(p -> {
                    assertThat(p.kind()).isEqualTo(SshException.Kind.UNREACHABLE);
                    assertThat(p.reason()).isEqualTo("connection refused");
                });
            } finally {
                SSH.restart();
            }
            assertThat(greeting(tunnel)).startsWith("SSH-2.0-OpenSSH");
            assertThat(tunnel.problem()).isEmpty();
        }
    }

    @Test
    void aServerThatNeverGreetsTimesOutWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            SshTunnelSpec spec = SSH.keySpec().port(silent.getLocalPort()).build();
            assertThatThrownBy(() -> SshTunnel.open(spec, "127.0.0.1", 1, Duration.ofMillis(700)))
                    .isInstanceOfSatisfying(SshException.class, e -> assertThat(e.kind()).isEqualTo(SshException.Kind.TIMEOUT));
        }
    }

    @Test
    void aTargetTheBastionCannotReachIsNotAnSshFailure() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (SshTunnel tunnel = SshTunnel.open(SSH.keySpec().build(), "127.0.0.1", closedPort, TIMEOUT)) {
            assertThatThrownBy(tunnel::checkForward).isInstanceOfSatisfying(SshException.class,
                    e -> assertThat(e.kind()).isEqualTo(SshException.Kind.FORWARD_REFUSED));
            assertThat(tunnel.problem()).isEmpty();
        }
    }
}
