package dev.sessiondeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiondeck.core.profile.MemorySecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code sessiondeck plan} against the embedded MariaDB: the plan of a running session, and the ways there is none. */
class PlanCliIT {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    private static final Map<String, String> ENV = Map.of("ADMIN_PW", EmbeddedMariaDb.ADMIN_PASSWORD,
            "PLAIN_PW", EmbeddedMariaDb.PLAIN_PASSWORD);
    private static final ProfileStore PROFILES = new ProfileStore(Path.of("target", "cli-profiles", "PlanCliIT.json"));
    static final String SLOW_SELECT = "SELECT id, name FROM plan_items WHERE SLEEP(0.5) = 0";

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void table() throws Exception {
        try (Connection c = DB.connectRoot(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE plan_items (id INT PRIMARY KEY, name VARCHAR(40))");
            st.execute("INSERT INTO plan_items SELECT seq, CONCAT('item ', seq) FROM seq_1_to_60");
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(args, new Cli.Context(new PrintWriter(out), new PrintWriter(err), ENV::get, null,
                SessionSources.loaded(), PROFILES, MemorySecretStore::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run plan(String... rest) {
        List<String> args = new ArrayList<>(List.of("plan", "--host", DB.host(), "--port", Integer.toString(DB.port()),
                "--user", EmbeddedMariaDb.ADMIN, "--password-env", "ADMIN_PW", "--tls", "disabled"));
        args.addAll(List.of(rest));
        return run(args.toArray(String[]::new));
    }

    /** Waits until the victim's statement is listed, through the command line's own list. */
    private static void awaitRunning(Victim v) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> run("list", "--host", DB.host(),
                "--port", Integer.toString(DB.port()), "--user", EmbeddedMariaDb.ADMIN, "--password-env", "ADMIN_PW",
                "--tls", "disabled", "--active", "--id", Long.toString(v.threadId())).out().contains("plan_items"));
    }

    @Test
    void theJsonPlanOfARunningSessionHasItsStepsAndTheServersText() throws Exception {
        try (Victim v = Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, SLOW_SELECT)) {
            awaitRunning(v);

            Run r = plan("--id", Long.toString(v.threadId()), "--format", "json");

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            JsonNode plan = new ObjectMapper().readTree(r.out());
            assertThat(plan.get("id").isNumber()).isTrue();
            assertThat(plan.get("id").asLong()).isEqualTo(v.threadId());
            assertThat(plan.get("available").asBoolean()).isTrue();
            assertThat(plan.get("running").asBoolean()).isTrue();
            assertThat(plan.get("reason").isNull()).isTrue();
            assertThat(plan.get("note").asText()).contains("so far");
            JsonNode step = plan.get("steps").get(0);
            assertThat(step.get("object").asText()).isEqualTo("plan_items");
            assertThat(step.get("operation").asText()).isEqualTo("Table scan (ALL)");
            assertThat(step.get("depth").asInt()).isZero();
            assertThat(step.get("rows").isNumber()).isTrue();
            assertThat(step.get("cost").isNull()).isTrue();
            assertThat(plan.get("text").asText()).contains("| plan_items |");
        }
    }

    @Test
    void theTextPlanIsTheServersTableUnderAHeading() throws Exception {
        try (Victim v = Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, SLOW_SELECT)) {
            awaitRunning(v);

            Run r = plan("--id", Long.toString(v.threadId()));

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out().lines().findFirst().orElseThrow())
                    .startsWith("Plan of session " + v.threadId() + " on " + DB.host() + ":" + DB.port() + " (MariaDB 11.")
                    .endsWith("): the plan it runs");
            assertThat(r.out()).contains("+----+", "| plan_items |", "r_rows");
        }
    }

    @Test
    void anIdleSessionHasNoPlanInOneLineAndExitsOne() throws Exception {
        try (Connection idle = DB.connect(EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD);
             Statement st = idle.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();

            Run r = plan("--id", Long.toString(EmbeddedMariaDb.threadId(idle)));

            assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).singleElement().asString()
                    .startsWith("sessiondeck plan: session " + EmbeddedMariaDb.threadId(idle) + ": ")
                    .contains("runs no statement");

            Run json = plan("--id", Long.toString(EmbeddedMariaDb.threadId(idle)), "--format", "json");

            assertThat(json.exit()).isEqualTo(ExitCodes.FAILED);
            JsonNode plan = new ObjectMapper().readTree(json.out());
            assertThat(plan.get("available").asBoolean()).isFalse();
            assertThat(plan.get("reason").asText()).contains("runs no statement");
            assertThat(plan.get("steps")).isEmpty();
        }
    }

    @Test
    void anEndedSessionExitsThreeAndAnotherUsersWithoutProcessFour() throws Exception {
        assertThat(plan("--id", "987654321").exit()).isEqualTo(ExitCodes.SESSION_GONE);

        try (Victim v = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, SLOW_SELECT)) {
            awaitRunning(v);

            Run r = run("plan", "--host", DB.host(), "--port", Integer.toString(DB.port()), "--user", EmbeddedMariaDb.PLAIN,
                    "--password-env", "PLAIN_PW", "--tls", "disabled", "--id", Long.toString(v.threadId()));

            assertThat(r.exit()).isEqualTo(ExitCodes.PRIVILEGE);
            assertThat(r.err()).contains("PROCESS");
        }
    }

    @Test
    void badInputIsRefusedBeforeConnecting() {
        Run worded = run("plan", "--host", "192.0.2.1", "--user", "x", "--password-env", "ADMIN_PW", "--id", "abc");
        assertThat(worded.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(worded.err().lines()).singleElement().asString().startsWith("sessiondeck plan: ");

        Run missing = run("plan", "--host", DB.host());
        assertThat(missing.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("--id");
    }

    @Test
    void helpListsTheOptionsAndTheExitCodes() {
        Run r = run("plan", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--id=ID", "--format=FORMAT", "--source=NAME", "--password-env", "Exit codes:",
                "estimate made now");
        assertThat(run("--help").out()).contains("plan");
    }
}
