package dev.sessiondeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.profile.MemorySecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.SshServer;
import dev.sessiondeck.core.testing.Victim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command line through an SSH tunnel: a real OpenSSH server in front of the embedded MariaDB. */
class CliSshIT {

    @RegisterExtension
    static final SshServer SSH = new SshServer();
    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    private static final Map<String, String> ENV = Map.of(
            "ADMIN_PW", EmbeddedMariaDb.ADMIN_PASSWORD,
            "SSH_PASSPHRASE", SshServer.PASSPHRASE,
            "SSH_PW", SshServer.PASSWORD);

    static final ProfileStore PROFILES = new ProfileStore(Path.of("target", "cli-profiles", "CliSshIT.json"));
    static final MemorySecretStore SECRETS = new MemorySecretStore();

    record Run(int exit, String out, String err) {
    }

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(args.toArray(String[]::new), new Cli.Context(new PrintWriter(out), new PrintWriter(err),
                ENV::get, null, SessionSources.loaded(), PROFILES, () -> SECRETS));
        return new Run(exit, out.toString(), err.toString());
    }

    /** {@code command} as the admin, to the database as the bastion reaches it, then the SSH options. */
    private static Run admin(String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command, "--host", "127.0.0.1", "--port", Integer.toString(DB.port()),
                "--user", EmbeddedMariaDb.ADMIN, "--password-env", "ADMIN_PW", "--tls", "disabled"));
        args.addAll(List.of(rest));
        return run(args);
    }

    private static String[] keyLogin(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--ssh", SshServer.keyUser() + "@127.0.0.1:" + SSH.port(),
                "--ssh-key", SSH.plainKey().toString(), "--ssh-known-hosts", SSH.knownHosts().toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static JsonNode listed(Run r, long id) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        for (JsonNode n : new ObjectMapper().readTree(r.out())) {
            if (n.get("id").asLong() == id) {
                return n;
            }
        }
        return null;
    }

    @Test
    void listsAndKillsThroughTheTunnel() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)")) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> listed(admin("list", keyLogin("--format", "json")), victim.threadId()) != null);
            Run killQuery = admin("kill-query", keyLogin("--yes", Long.toString(victim.threadId())));
            assertThat(killQuery.exit()).as(killQuery.err()).isZero();
            assertThat((Throwable) victim.awaitFailure()).isNotNull();
            Run kill = admin("kill", keyLogin("--yes", Long.toString(victim.threadId())));
            assertThat(kill.exit()).as(kill.err()).isZero();
            assertThat(listed(admin("list", keyLogin("--format", "json")), victim.threadId())).isNull();
        }
    }

    @Test
    void opensAKeyWithItsPassphraseFromTheEnvironment() throws Exception {
        Run r = admin("list", "--ssh", SshServer.keyUser() + "@127.0.0.1:" + SSH.port(), "--ssh-key",
                SSH.passphraseKey().toString(), "--ssh-password-env", "SSH_PASSPHRASE",
                "--ssh-known-hosts", SSH.knownHosts().toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void logsInWithAPasswordFromTheEnvironment() throws Exception {
        SshServer.assumePasswordUser();
        Run r = admin("list", "--ssh", SshServer.PASSWORD_USER + "@127.0.0.1:" + SSH.port(),
                "--ssh-password-env", "SSH_PW", "--ssh-known-hosts", SSH.knownHosts().toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintUntilAccepted() throws Exception {
        String[] unknown = {"--ssh", SshServer.keyUser() + "@127.0.0.1:" + SSH.port(), "--ssh-key", SSH.plainKey().toString(),
                "--ssh-known-hosts", SSH.emptyKnownHosts().toString()};
        Run refused = admin("list", unknown);
        assertThat(refused.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(refused.err()).contains(SSH.hostKey().fingerprint()).contains("--ssh-accept-new-host-key");
        assertThat(refused.out()).isEmpty();

        List<String> accept = new ArrayList<>(List.of(unknown));
        accept.add("--ssh-accept-new-host-key");
        Run accepted = admin("list", accept.toArray(String[]::new));
        assertThat(accepted.exit()).as(accepted.err()).isZero();
    }

    @Test
    void anSshServerThatIsDownExitsWithUnreachableNamingTheSshHop() throws Exception {
        String[] args = keyLogin();
        SSH.stop();
        try {
            Run r = admin("list", args);
            assertThat(r.exit()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(r.err()).contains("unreachable (SSH: connection refused)");
        } finally {
            SSH.restart();
        }
    }

    @Test
    void aSavedDataSourceCarriesItsTunnelAndItsSecretFromTheKeychain() throws Exception {
        Files.createDirectories(PROFILES.file().getParent());
        dev.sessiondeck.core.source.ConnectionSpec spec = DB.adminSpec().toBuilder().name("behind bastion")
                .sshTunnel(SSH.keySpec().keyFile(SSH.passphraseKey().toString()).build()).build();
        DataSourceProfile profile = DataSourceProfile.of("6f1c2a6e-0000-4000-8000-0000000000ss", spec, "", false, true);
        PROFILES.save(List.of(profile));
        SECRETS.write(profile.sshSecretId(), SshServer.PASSPHRASE.toCharArray());

        Run r = run(List.of("list", "--source", "behind bastion", "--password-env", "ADMIN_PW"));
        assertThat(r.exit()).as(r.err()).isZero();
        Run sources = run(List.of("sources"));
        assertThat(sources.out()).contains(SshServer.keyUser() + "@127.0.0.1:" + SSH.port());
    }

    @Test
    void aHostKeyAcceptedForASavedDataSourceIsSavedWithIt() throws Exception {
        Files.createDirectories(PROFILES.file().getParent());
        dev.sessiondeck.core.source.ConnectionSpec spec = DB.adminSpec().toBuilder().name("new bastion")
                .sshTunnel(SSH.keySpec(SSH.emptyKnownHosts()).build()).build();
        PROFILES.save(List.of(DataSourceProfile.of("6f1c2a6e-0000-4000-8000-0000000000b1", spec, "", false, false)));

        Run refused = run(List.of("list", "--source", "new bastion", "--password-env", "ADMIN_PW"));
        assertThat(refused.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        Run accepted = run(List.of("list", "--source", "new bastion", "--password-env", "ADMIN_PW",
                "--ssh-accept-new-host-key"));
        assertThat(accepted.exit()).as(accepted.err()).isZero();
        assertThat(accepted.err()).contains(SSH.hostKey().fingerprint()).contains("saved it with the data source");
        assertThat(PROFILES.load().profiles().get(0).sshTunnel().orElseThrow().hostKey()).isEqualTo(SSH.hostKey().toString());
        Run again = run(List.of("list", "--source", "new bastion", "--password-env", "ADMIN_PW"));
        assertThat(again.exit()).as("the saved key is checked without the option").as(again.err()).isZero();
    }

    @Test
    void sshOptionsWithoutATunnelAreRefused() {
        Run r = admin("list", "--ssh-key", "/nonexistent");
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("need --ssh");
    }
}
