package dev.sessiondeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiondeck.core.profile.MemorySecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.testing.EmbeddedPostgres;
import dev.sessiondeck.core.testing.Victim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command line on PostgreSQL: list, cancel (pg_cancel_backend) and terminate (pg_terminate_backend). */
class CliPostgresIT {

    @RegisterExtension
    static final EmbeddedPostgres PG = EmbeddedPostgres.fromClassPath();

    private static final Map<String, String> ENV = Map.of("PG_PW", EmbeddedPostgres.ADMIN_PASSWORD);

    /** Saved data sources of the test's own, never the user's. */
    static final ProfileStore PROFILES = new ProfileStore(Path.of("target", "cli-profiles", "CliPostgresIT.json"));
    static final MemorySecretStore SECRETS = new MemorySecretStore();

    record Run(int exit, String out, String err) {
    }

    private static Run admin(String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command, "--url", "jdbc:postgresql://" + PG.host() + ":" + PG.port()
                + "/" + EmbeddedPostgres.DATABASE, "--user", EmbeddedPostgres.ADMIN, "--password-env", "PG_PW", "--tls", "disabled"));
        args.addAll(List.of(rest));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(args.toArray(String[]::new), new Cli.Context(new PrintWriter(out), new PrintWriter(err),
                ENV::get, null, SessionSources.loaded(), PROFILES, () -> SECRETS));
        return new Run(exit, out.toString(), err.toString());
    }

    private static JsonNode awaitListed(long pid) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Run r = admin("list", "--format", "json", "--active");
            assertThat(r.exit()).as(r.err()).isZero();
            for (JsonNode n : new ObjectMapper().readTree(r.out())) {
                if (n.get("id").asLong() == pid) {
                    return n;
                }
            }
            return null;
        }, n -> n != null);
    }

    @Test
    void listsAPostgresBackendWithItsFullQueryAndIdentity() throws Exception {
        try (Victim victim = Victim.start(PG, EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD, "SELECT pg_sleep(60) /* 会话 */")) {
            JsonNode v = awaitListed(victim.threadId());

            assertThat(v.get("sql").asText()).isEqualTo("SELECT pg_sleep(60) /* 会话 */");
            assertThat(v.get("user").asText()).isEqualTo(EmbeddedPostgres.PLAIN);
            assertThat(v.get("command").asText()).isEqualTo("client backend");
            assertThat(v.get("identity").asText()).as("backend_start").isNotBlank();
            assertThat(v.get("sessionStart").isTextual()).isTrue();
        }
    }

    @Test
    void listActiveLeavesIdleBackendsToTheServerAndSaysHowManyItLeftOut() throws Exception {
        try (java.sql.Connection idle = PG.connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD)) {
            String pid = " " + EmbeddedPostgres.backendPid(idle) + " ";

            Run active = admin("list", "--active");
            Run all = admin("list");

            assertThat(active.exit()).as(active.err()).isZero();
            assertThat(active.out()).doesNotContain(pid).containsPattern("\\(of \\d+ listed, \\d+ idle left out by the server\\)");
            assertThat(all.exit()).as(all.err()).isZero();
            assertThat(all.out()).contains(pid).doesNotContain("left out");
        }
    }

    @Test
    void killQueryCancelsTheBackendsStatementAndKeepsItsConnection() throws Exception {
        try (Victim victim = Victim.start(PG, EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD, "SELECT pg_sleep(60)")) {
            awaitListed(victim.threadId());

            Run r = admin("kill-query", "--yes", Long.toString(victim.threadId()));

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(victim.awaitFailure().getSQLState()).isEqualTo("57014");
            assertThat(victim.selectOne()).isEqualTo(1);
        }
    }

    @Test
    void killTerminatesTheBackend() throws Exception {
        try (Victim victim = Victim.start(PG, EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD, "SELECT pg_sleep(60)")) {
            awaitListed(victim.threadId());

            Run r = admin("kill", "--yes", Long.toString(victim.threadId()));

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(victim.awaitFailure().getSQLState()).isEqualTo("57P01");
        }
    }
}
