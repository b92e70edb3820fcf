package dev.sessiondeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiondeck.app.testsource.TestClusterSource;
import dev.sessiondeck.core.profile.MemorySecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.source.SessionSources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command line with a kind of data source only the tests register ({@code testcluster}): its
 * type id, its own option ({@code --region}) and its columns come from its declarations.
 */
class PluggableSourceCliTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(args, new Cli.Context(new PrintWriter(out), new PrintWriter(err), Map.<String, String>of()::get,
                null, SessionSources.loaded(), new ProfileStore(Path.of("target", "cli-profiles", "pluggable.json")),
                MemorySecretStore::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void listsItsSessionsAsJsonWithItsOwnValuesAndTheContractKeys() throws Exception {
        Run r = run("list", "--type", "testcluster", "-h", "ras.example", "--region", "south", "--format", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode all = new ObjectMapper().readTree(r.out());
        assertThat(all).hasSize(3);
        JsonNode robot = null;
        for (JsonNode n : all) {
            for (String key : List.of("dataSource", "id", "user", "source", "database", "sql", "state", "blockingIds")) {
                assertThat(n.has(key)).as(key).isTrue();
            }
            if (n.get("id").asText().equals(TestClusterSource.THIRD)) {
                robot = n;
            }
        }
        assertThat(robot).isNotNull();
        assertThat(robot.get("id").isTextual()).isTrue();
        assertThat(robot.get("calls").asLong()).isEqualTo(4_200);
        assertThat(robot.get("busyTimeMs").asLong()).isEqualTo(93_250);
        assertThat(robot.get("database").asText()).isEqualTo("south");
        assertThat(robot.get("blockingIds").isArray()).isTrue();
    }

    @Test
    void theTableShowsItsDefaultColumns() {
        Run r = run("list", "--type", "TESTCLUSTER", "-h", "ras.example", "--region", "north");

        assertThat(r.exit()).as(r.err()).isZero();
        String header = r.out().lines().findFirst().orElseThrow();
        assertThat(header).contains("Session ID", "User", "Calls", "Busy Time (s)");
        assertThat(r.out()).contains(TestClusterSource.FIRST, "93.250", "3 sessions, 2 active");
    }

    @Test
    void theCsvHeaderCarriesTheUnits() {
        Run r = run("list", "--type", "testcluster", "-h", "ras.example", "--format", "csv");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).contains("calls", "busyTimeMs", "executionTimeMs", "blockingIds");
    }

    @Test
    void killTakesItsUuidAndVerifies() {
        Run r = run("kill", "--type", "testcluster", "-h", "ras.example", TestClusterSource.SECOND, "--yes");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Closed session " + TestClusterSource.SECOND);
    }

    @Test
    void anOptionOfAnotherTypeIsRefusedNamingIt() {
        Run r = run("list", "--type", "mysql", "-h", "127.0.0.1", "-u", "x", "--region", "south");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--region does not apply to data sources of type mysql");
    }

    @Test
    void anUnknownTypeIsRefusedNamingTheKnownOnes() {
        Run r = run("list", "--type", "oracle", "-h", "127.0.0.1", "-u", "x");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown data-source type 'oracle'", "testcluster", "postgresql");
    }

    @Test
    void theHelpListsTheTypesAndTheOwnOption() {
        Run r = run("list", "--help");

        assertThat(r.out()).contains("testcluster", "--region");
    }
}
