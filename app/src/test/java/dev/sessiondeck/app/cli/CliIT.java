package dev.sessiondeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.profile.MemorySecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CliIT {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    private static final Map<String, String> ENV = Map.of(
            "ADMIN_PW", EmbeddedMariaDb.ADMIN_PASSWORD,
            "PLAIN_PW", EmbeddedMariaDb.PLAIN_PASSWORD,
            "ROOT_PW", EmbeddedMariaDb.ROOT_PASSWORD,
            "WRONG_PW", "not-the-password");

    /** What one run of the command line printed and returned. */
    /** Saved data sources of the test's own, never the user's. */
    static final ProfileStore PROFILES = new ProfileStore(Path.of("target", "cli-profiles", "CliIT.json"));
    static final MemorySecretStore SECRETS = new MemorySecretStore();

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(args, new Cli.Context(new PrintWriter(out), new PrintWriter(err), ENV::get, null,
                SessionSources.loaded(), PROFILES, () -> SECRETS));
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<String> as(String user, String passwordEnv, String... rest) {
        List<String> args = new ArrayList<>(List.of("--host", DB.host(), "--port", Integer.toString(DB.port()),
                "--user", user, "--password-env", passwordEnv, "--tls", "disabled"));
        args.addAll(List.of(rest));
        return args;
    }

    private static Run admin(String command, String... rest) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(as(EmbeddedMariaDb.ADMIN, "ADMIN_PW", rest));
        return run(args.toArray(String[]::new));
    }

    private static JsonNode awaitVictimInJson(long threadId) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Run r = admin("list", "--format", "json");
            assertThat(r.exit()).as(r.err()).isZero();
            for (JsonNode n : new ObjectMapper().readTree(r.out())) {
                if (n.get("id").asLong() == threadId && n.get("sql").isTextual()) {
                    return n;
                }
            }
            return null;
        }, n -> n != null);
    }

    @Test
    void listAsJsonParsesAndContainsTheVictimWithItsFullSql() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60) /* 会话 */")) {
            JsonNode v = awaitVictimInJson(victim.threadId());

            assertThat(v.get("sql").asText()).isEqualTo("SELECT SLEEP(60) /* 会话 */");
            assertThat(v.get("user").asText()).isEqualTo(EmbeddedMariaDb.ADMIN);
            assertThat(v.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(v.get("executionTimeMs").isNumber()).isTrue();
            assertThat(v.get("executionTimeMs").decimalValue()).isNotNegative();
            assertThat(v.get("own").asBoolean()).isFalse();
            assertThat(v.has("password")).isFalse();
        }
    }

    @Test
    void listAsTableShowsTheOcpColumnsAndTheVictim() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            awaitVictimInJson(victim.threadId());

            Run r = admin("list", "--active");

            assertThat(r.exit()).isZero();
            String header = r.out().lines().findFirst().orElseThrow();
            assertThat(header).contains("Session ID", "SQL", "User", "Source", "Database Name", "Command",
                    "Execution Time (s)", "Status").doesNotContain("OBServer");
            assertThat(r.out()).contains(Long.toString(victim.threadId()), "SELECT SLEEP(60)", "ACTIVE");
        }
    }

    @Test
    void listAsCsvHasOneRowPerSessionWithAHeader() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60),\n 'a,b'")) {
            awaitVictimInJson(victim.threadId());

            Run r = admin("list", "--format", "csv", "--id", Long.toString(victim.threadId()));

            assertThat(r.exit()).isZero();
            MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(r.out());
            List<Map<String, String>> all = rows.readAll();
            assertThat(all).hasSize(1);
            assertThat(all.get(0)).containsEntry("sql", "SELECT SLEEP(60),\n 'a,b'")
                    .containsEntry("id", Long.toString(victim.threadId()));
        }
    }

    @Test
    void filtersAreLiteralCaseInsensitiveSubstrings() throws Exception {
        try (Victim plain = Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)")) {
            awaitVictimInJson(plain.threadId());

            Run byUser = admin("list", "--format", "json", "--session-user", "DECK_PL");
            Run byClient = admin("list", "--format", "json", "--client", "LOCALHOST:");
            Run regex = admin("list", "--format", "json", "--session-user", "deck.*");
            Run sqlWildcard = admin("list", "--format", "json", "--db", "%");

            JsonNode users = new ObjectMapper().readTree(byUser.out());
            assertThat(users).isNotEmpty().allSatisfy(n -> assertThat(n.get("user").asText()).isEqualTo(EmbeddedMariaDb.PLAIN));
            assertThat(new ObjectMapper().readTree(regex.out())).isEmpty();
            assertThat(new ObjectMapper().readTree(byClient.out())).isNotEmpty();
            assertThat(new ObjectMapper().readTree(sqlWildcard.out())).isEmpty();
        }
    }

    @Test
    void aUserWithoutProcessIsToldOnceThatTheListIsLimitedAndJsonStaysClean() throws Exception {
        List<String> args = new ArrayList<>(List.of("list", "--format", "json"));
        args.addAll(as(EmbeddedMariaDb.PLAIN, "PLAIN_PW"));
        Run plain = run(args.toArray(String[]::new));
        Run admin = admin("list", "--format", "json");

        assertThat(plain.exit()).isZero();
        assertThat(new ObjectMapper().readTree(plain.out())).as("stdout is JSON only").isNotEmpty();
        assertThat(plain.err()).contains("PROCESS", EmbeddedMariaDb.PLAIN);
        assertThat(plain.err().lines().filter(l -> l.contains("PROCESS")).count()).isEqualTo(1);
        assertThat(admin.err()).as("an administrator sees every session").doesNotContain("PROCESS");
    }

    @Test
    void killQueryWithYesCancelsTheVictimsStatement() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            awaitVictimInJson(victim.threadId());

            Run r = admin("kill-query", "--yes", Long.toString(victim.threadId()));

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("Cancelled the statement of session " + victim.threadId());
            assertThat(victim.awaitFailure().getSQLState()).isEqualTo("70100");
            assertThat(victim.selectOne()).isEqualTo(1);
        }
    }

    @Test
    void killWithYesClosesTheVictimsSession() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            awaitVictimInJson(victim.threadId());

            Run r = admin("kill", "-y", Long.toString(victim.threadId()));

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(victim.awaitFailure().getSQLState()).isEqualTo("08S01");
        }
    }

    @Test
    void killWithoutYesAndWithoutATerminalDoesNothing() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            awaitVictimInJson(victim.threadId());

            Run r = admin("kill", Long.toString(victim.threadId()));

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("--yes");
            assertThat(victim.isRunning()).isTrue();
        }
    }

    @Test
    void killAllMatchingASessionUserClosesOnlyThatUsersSessions() throws Exception {
        try (Victim plain1 = Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)");
             Victim plain2 = Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(61)");
             Victim other = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(62)")) {
            awaitVictimInJson(plain1.threadId());
            awaitVictimInJson(plain2.threadId());
            awaitVictimInJson(other.threadId());

            Run r = admin("kill", "--all-matching", "--session-user", EmbeddedMariaDb.PLAIN, "--yes");

            assertThat(r.exit()).as(r.err()).isZero();
            // earlier tests' sessions of that user may still be ending: they match too
            assertThat(r.out().lines().filter(l -> l.startsWith("Closed session "))).allMatch(l -> l.contains(EmbeddedMariaDb.PLAIN));
            assertThat(r.out()).contains("Closed session " + plain1.threadId(), "Closed session " + plain2.threadId());
            assertThat(plain1.awaitFailure().getSQLState()).isEqualTo("08S01");
            assertThat(plain2.awaitFailure().getSQLState()).isEqualTo("08S01");
            assertThat(other.isRunning()).as("another user's session is left alone").isTrue();
        }
    }

    @Test
    void killAllMatchingWithoutAFilterOrWithoutYesIsRefused() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)")) {
            awaitVictimInJson(victim.threadId());

            Run noFilter = admin("kill", "--all-matching", "--yes");
            Run noYes = admin("kill", "--all-matching", "--session-user", EmbeddedMariaDb.PLAIN);
            Run both = admin("kill", "--all-matching", "--session-user", EmbeddedMariaDb.PLAIN, "--yes", "42");

            assertThat(noFilter.exit()).isEqualTo(2);
            assertThat(noFilter.err()).contains("at least one filter");
            assertThat(noYes.exit()).isEqualTo(2);
            assertThat(noYes.err()).contains("--yes");
            assertThat(both.exit()).isEqualTo(2);
            assertThat(victim.isRunning()).isTrue();
        }
    }

    @Test
    void killQueryOfSeveralIdsPrintsOneLineEachAndExitsWithTheWorstCode() throws Exception {
        try (Victim first = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)");
             Victim second = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(61)")) {
            awaitVictimInJson(first.threadId());
            awaitVictimInJson(second.threadId());

            Run r = admin("kill-query", "--yes", Long.toString(first.threadId()), "--id", Long.toString(second.threadId()),
                    "--id", "987654321");

            assertThat(r.exit()).as("one id is unknown: session gone").isEqualTo(3);
            assertThat(r.out()).contains("Cancelled the statement of session " + first.threadId(),
                    "Cancelled the statement of session " + second.threadId());
            assertThat(r.err()).contains("session 987654321");
            assertThat(first.awaitFailure().getSQLState()).isEqualTo("70100");
            assertThat(second.awaitFailure().getSQLState()).isEqualTo("70100");
            assertThat(first.selectOne()).isEqualTo(1);
        }
    }

    @Test
    void variablesListsTheImportantOnesFirstAndSearchesByNameAndValue() throws Exception {
        Run table = admin("variables", "--like", "timeout");
        Run json = admin("variables", "--format", "json", "--like", "REPEATABLE");

        assertThat(table.exit()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0)).startsWith("NAME").contains("VALUE");
        assertThat(lines.get(1)).startsWith("* wait_timeout");
        assertThat(lines).allSatisfy(l -> assertThat(l.toLowerCase()).containsAnyOf("timeout", "name"));
        JsonNode found = new ObjectMapper().readTree(json.out());
        assertThat(found).isNotEmpty();
        assertThat(found.get(0).get("name").asText()).isEqualTo("transaction_isolation");
        assertThat(found.get(0).get("kind").asText()).isEqualTo("enum");
        assertThat(found.get(0).get("pinned").asBoolean()).isTrue();
    }

    @Test
    void setVariableChangesAGlobalValueReadsItBackAndNeedsYes() throws Exception {
        List<String> root = as(EmbeddedMariaDb.ROOT, "ROOT_PW");
        List<String> withoutYes = new ArrayList<>(List.of("set-variable", "--global", "wait_timeout", "4321"));
        withoutYes.addAll(root);
        List<String> set = new ArrayList<>(withoutYes);
        set.add("--yes");

        Run refused = run(withoutYes.toArray(String[]::new));
        Run done = run(set.toArray(String[]::new));
        Run unknown = run(Stream.concat(Stream.of("set-variable", "--global", "no_such_variable", "1", "--yes"),
                root.stream()).toArray(String[]::new));

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("--yes");
        assertThat(done.exit()).as(done.err()).isZero();
        assertThat(done.out()).contains("wait_timeout: '28800' -> '4321'");
        assertThat(admin("variables", "--like", "wait_timeout").out()).contains("4321");
        assertThat(unknown.exit()).isEqualTo(2);
        List<String> back = new ArrayList<>(List.of("set-variable", "--global", "wait_timeout", "28800", "--yes"));
        back.addAll(root);
        assertThat(run(back.toArray(String[]::new)).exit()).isZero();
    }

    @Test
    void killOfAnUnknownIdExitsWithSessionGone() {
        Run r = admin("kill", "--yes", "987654321");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("987654321");
    }

    @Test
    void plainUserKillingTheAdminsSessionExitsWithPrivilege() throws Exception {
        try (Victim victim = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            awaitVictimInJson(victim.threadId());
            List<String> args = new ArrayList<>(List.of("kill", "--yes", Long.toString(victim.threadId())));
            args.addAll(as(EmbeddedMariaDb.PLAIN, "PLAIN_PW"));

            Run r = run(args.toArray(String[]::new));

            assertThat(r.exit()).isEqualTo(4);
            assertThat(r.err()).contains("privilege");
            assertThat(victim.isRunning()).isTrue();
        }
    }

    @Test
    void wrongPasswordExitsWithUnreachableOrAuthenticationAndDoesNotPrintIt() {
        List<String> args = new ArrayList<>(List.of("list"));
        args.addAll(as(EmbeddedMariaDb.ADMIN, "WRONG_PW"));

        Run r = run(args.toArray(String[]::new));

        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.err()).contains("password").doesNotContain("not-the-password");
    }

    @Test
    void badOptionsExitWithTwoAndAMessage() {
        Run format = admin("list", "--format", "xml");
        Run port = run("list", "--port", "70000", "--user", "x", "--password-env", "ADMIN_PW");
        Run id = admin("kill", "--yes", "not-a-number");
        Run negative = admin("kill", "--yes", "--", "-1");
        Run unsetEnv = run("list", "--user", "x", "--password-env", "NO_SUCH_VARIABLE");
        Run unknown = run("list", "--frobnicate");

        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("--format");
        assertThat(port.exit()).isEqualTo(2);
        assertThat(port.err()).contains("port must be between 1 and 65535");
        assertThat(id.exit()).isEqualTo(2);
        assertThat(id.err()).contains("not-a-number");
        assertThat(negative.exit()).as("never sent to the server as KILL -1").isEqualTo(2);
        assertThat(negative.err()).contains("whole number", "'-1'");
        assertThat(unsetEnv.exit()).isEqualTo(2);
        assertThat(unsetEnv.err()).contains("NO_SUCH_VARIABLE");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--frobnicate");
    }

    @Test
    void listFlagsTheMonitoringConnection() throws Exception {
        Run json = admin("list", "--format", "json");
        Run table = admin("list");

        List<JsonNode> own = new ArrayList<>();
        new ObjectMapper().readTree(json.out()).forEach(n -> {
            if (n.get("own").asBoolean()) {
                own.add(n);
            }
        });
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("user").asText()).isEqualTo(EmbeddedMariaDb.ADMIN);
        assertThat(table.out()).contains("* = SessionDeck's own connection");
    }

    @Test
    void savedDataSourcesAreListedWithoutPasswordsAndUsedByName() throws Exception {
        DataSourceProfile saved = DataSourceProfile.of("cli-it-1", DB.adminSpec().toBuilder().name("embedded admin").build(),
                "red", true);
        PROFILES.save(List.of(saved));
        SECRETS.write("cli-it-1", EmbeddedMariaDb.ADMIN_PASSWORD.toCharArray());

        Run sources = run("sources");
        Run json = run("sources", "--format", "json");
        Run list = run("list", "--source", "embedded admin", "--format", "json");
        Run unknown = run("list", "--source", "nope");

        assertThat(sources.exit()).isZero();
        assertThat(sources.out()).contains("embedded admin", "deck_admin@127.0.0.1:" + DB.port(), "saved in keychain")
                .doesNotContain(EmbeddedMariaDb.ADMIN_PASSWORD);
        assertThat(json.out()).doesNotContain(EmbeddedMariaDb.ADMIN_PASSWORD);
        assertThat(new ObjectMapper().readTree(json.out()).get(0).get("name").asText()).isEqualTo("embedded admin");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(new ObjectMapper().readTree(list.out())).isNotEmpty()
                .allSatisfy(n -> assertThat(n.get("dataSource").asText()).isEqualTo("embedded admin"));
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no saved data source is named 'nope'", "embedded admin");
    }
}
