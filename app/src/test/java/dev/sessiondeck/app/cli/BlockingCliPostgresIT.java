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
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code blocking} on PostgreSQL's real row locks: an idle transaction that updated a row, a session
 * waiting for it, and one waiting behind that one (a chain of three).
 */
class BlockingCliPostgresIT {

    @RegisterExtension
    static final EmbeddedPostgres PG = EmbeddedPostgres.fromClassPath();

    private static final Map<String, String> ENV = Map.of("PG_PW", EmbeddedPostgres.ADMIN_PASSWORD);

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void accounts() throws SQLException {
        try (Connection c = PG.connectSuper(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)");
            st.execute("INSERT INTO accounts VALUES (1, 100)");
            st.execute("GRANT SELECT, UPDATE ON accounts TO " + EmbeddedPostgres.PLAIN);
        }
    }

    private static Run blocking(String... rest) {
        List<String> args = new ArrayList<>(List.of("blocking", "--url", "jdbc:postgresql://" + PG.host() + ":" + PG.port()
                + "/" + EmbeddedPostgres.DATABASE, "--user", EmbeddedPostgres.ADMIN, "--password-env", "PG_PW", "--tls",
                "disabled", "--name", "pg"));
        args.addAll(List.of(rest));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(args.toArray(String[]::new), new Cli.Context(new PrintWriter(out), new PrintWriter(err),
                ENV::get, null, SessionSources.loaded(), new ProfileStore(Path.of("target", "cli-profiles",
                "BlockingCliPostgresIT.json")), MemorySecretStore::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static JsonNode entry(JsonNode all, long pid) {
        for (JsonNode n : all) {
            if (n.get("id").asLong() == pid) {
                return n;
            }
        }
        return null;
    }

    /** Lists until the tree holds {@code count} sessions (at most 15 s). */
    private static JsonNode awaitTreeOf(int count) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Run r = blocking("--format", "json");
            assertThat(r.exit()).as(r.err()).isZero();
            return new ObjectMapper().readTree(r.out());
        }, all -> all.size() == count);
    }

    @Test
    void aChainOfThreePrintsTheIdleTransactionAsRootWithBothWaitersUnderIt() throws Exception {
        try (Connection holder = PG.connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD)) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeUpdate("UPDATE accounts SET balance = 0 WHERE id = 1");
            }
            long holderPid = EmbeddedPostgres.backendPid(holder);
            try (Victim first = Victim.start(PG, EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD,
                    "UPDATE accounts SET balance = 1 WHERE id = 1")) {
                awaitTreeOf(2);
                try (Victim second = Victim.start(PG, EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD,
                        "UPDATE accounts SET balance = 2 WHERE id = 1")) {
                    JsonNode all = awaitTreeOf(3);

                    JsonNode root = entry(all, holderPid);
                    assertThat(root).isNotNull();
                    assertThat(root.get("root").asBoolean()).isTrue();
                    assertThat(root.get("holdsUp").asInt()).isEqualTo(2);
                    assertThat(root.get("blockedBy")).isEmpty();
                    assertThat(root.get("user").asText()).isEqualTo(EmbeddedPostgres.PLAIN);
                    assertThat(root.get("dataSource").asText()).isEqualTo("pg");
                    JsonNode middle = entry(all, first.threadId());
                    assertThat(middle.get("root").asBoolean()).isFalse();
                    assertThat(middle.get("blockedBy")).extracting(JsonNode::asLong).containsExactly(holderPid);
                    assertThat(middle.get("sql").asText()).isEqualTo("UPDATE accounts SET balance = 1 WHERE id = 1");
                    assertThat(middle.has("waitSeconds")).isTrue();
                    assertThat(middle.has("lock")).isTrue();
                    JsonNode last = entry(all, second.threadId());
                    // the second waits behind the first in the row's queue: PostgreSQL names the first
                    assertThat(last.get("blockedBy")).extracting(JsonNode::asLong).contains(first.threadId())
                            .isSubsetOf(holderPid, first.threadId());

                    Run tree = blocking();
                    assertThat(tree.exit()).as(tree.err()).isZero();
                    List<String> lines = tree.out().lines().toList();
                    assertThat(lines.get(0)).startsWith(holderPid + "  " + EmbeddedPostgres.PLAIN + "  IDLE IN TRANSACTION  holds up 2");
                    int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("└ " + first.threadId() + "  "))
                            .findFirst().orElseThrow());
                    assertThat(lines.get(at)).startsWith("└ " + first.threadId() + "  " + EmbeddedPostgres.PLAIN + "  waits")
                            .contains("row lock on accounts", "UPDATE accounts SET balance = 1 WHERE id = 1");
                    // (PostgreSQL may name the holder as the second's blocker too: it then stands under the root as well)
                    assertThat(lines.get(at + 1)).as("the second under the first")
                            .startsWith("  └ " + second.threadId() + "  " + EmbeddedPostgres.PLAIN + "  waits");
                    assertThat(lines.get(lines.size() - 1)).startsWith("1 root blocker holds up 2 sessions; fetched from pg in");
                }
            }
        }
    }

    @Test
    void nobodyWaitingSaysSo() {
        // the other test's sessions may take a moment to end
        Run r = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> blocking(),
                run -> run.out().equals("no session waits" + System.lineSeparator()));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
    }
}
