package dev.sessiondeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiondeck.core.profile.MemorySecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.testing.FakeRacScenario;
import dev.sessiondeck.core.testing.RacTranscripts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command line on a 1C cluster through the stand-in rac: list, kill with a message, exit codes. */
class OneCCliIT {

    private static FakeRacScenario rac;

    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void scenario() {
        rac = FakeRacScenario.standard("cli", 40).requireAdmin("Admin", "секрет 1");
    }

    private static Run run(String... rest) {
        List<String> args = new ArrayList<>(List.of(rest));
        args.addAll(List.of("--type", "1c", "-h", "127.0.0.1", "-P", Integer.toString(rac.port()),
                "--rac", rac.rac().toString(), "--cluster-user", "Admin", "--password-env", "CLUSTER_PW"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(args.toArray(String[]::new), new Cli.Context(new PrintWriter(out), new PrintWriter(err),
                Map.of("CLUSTER_PW", "секрет 1")::get, null, SessionSources.loaded(),
                new ProfileStore(Path.of("target", "cli-profiles", "OneCCliIT.json")), MemorySecretStore::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void listsOneInfobaseAsJsonWithExactUnits() throws Exception {
        Run r = run("list", "--cluster", RacTranscripts.MAIN.uuid(), "--infobase", RacTranscripts.PAYROLL.name(),
                "--all", "--format", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode all = new ObjectMapper().readTree(r.out());
        assertThat(all).isNotEmpty();
        for (JsonNode n : all) {
            assertThat(n.get("database").asText()).isEqualTo(RacTranscripts.PAYROLL.name());
            assertThat(n.get("databaseId").asText()).isEqualTo(RacTranscripts.PAYROLL.uuid());
            assertThat(n.get("id").isTextual()).isTrue();
            assertThat(n.get("sessionNumber").isIntegralNumber()).isTrue();
            assertThat(n.has("cpuTotalMs")).isTrue();
            assertThat(n.get("blockingIds").isArray()).isTrue();
        }
        assertThat(r.err()).doesNotContain("секрет");
    }

    @Test
    void killTerminatesWithTheMessageAndSaysWhenTheSessionIsGone() {
        String uuid = RacTranscripts.sessionUuid(2);
        Run first = run("kill", uuid, "--yes", "--message", "Обновление");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Closed session " + uuid);
        assertThat(rac.calls("session terminate")).anySatisfy(c -> assertThat(c)
                .contains("--session=" + uuid, "--error-message=Обновление"));
        Run again = run("kill", uuid, "--yes");
        assertThat(again.exit()).isEqualTo(3);
    }

    @Test
    void aWrongAdministratorAndAnUnreachableRasGiveExitFive() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int wrongPassword = Cli.execute(new String[] {"list", "--type", "1c", "-h", "127.0.0.1", "-P",
            Integer.toString(rac.port()), "--rac", rac.rac().toString(), "--cluster-user", "Admin", "--password-env", "PW"},
                new Cli.Context(new PrintWriter(out), new PrintWriter(err), Map.of("PW", "not-the-password")::get, null,
                        SessionSources.loaded(), new ProfileStore(Path.of("target", "cli-profiles", "OneCCliIT.json")),
                        MemorySecretStore::new));
        assertThat(wrongPassword).isEqualTo(5);
        assertThat(err.toString()).contains("administrator").doesNotContain("not-the-password");

        StringWriter err2 = new StringWriter();
        int unreachable = Cli.execute(new String[] {"list", "--type", "1c", "-h", "127.0.0.1", "-P", "1",
            "--rac", rac.rac().toString()}, new Cli.Context(new PrintWriter(new StringWriter()), new PrintWriter(err2),
                Map.<String, String>of()::get, null, SessionSources.loaded(),
                new ProfileStore(Path.of("target", "cli-profiles", "OneCCliIT.json")), MemorySecretStore::new));
        assertThat(unreachable).isEqualTo(5);
        assertThat(err2.toString()).contains("cannot be reached");
    }

    @Test
    void aRacThatIsNotThereSaysWhereItLooked() {
        StringWriter err = new StringWriter();
        int exit = Cli.execute(new String[] {"list", "--type", "1c", "-h", "127.0.0.1", "--rac", "/nonexistent/rac"},
                new Cli.Context(new PrintWriter(new StringWriter()), new PrintWriter(err), Map.<String, String>of()::get, null,
                        SessionSources.loaded(), new ProfileStore(Path.of("target", "cli-profiles", "OneCCliIT.json")),
                        MemorySecretStore::new));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("rac was not found at /nonexistent/rac");
    }
}
