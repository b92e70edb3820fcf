package dev.sessiondeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sessiondeck.app.testsource.TestClusterType;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.profile.MemorySecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceType;
import dev.sessiondeck.core.source.SourceTypes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code list} on a session whose SQL is 10 MB: JSON and CSV carry it exactly, the table shows a
 * preview. The session comes from a data source of the test's own, opened under the test
 * cluster's type id (an installed type, so that the spec is valid; no server is needed).
 */
class HugeSqlCliTest {

    private static final int SIZE = 10 * 1024 * 1024;
    private static final String SQL = hugeSql();

    private record Run(int exit, String out, String err) {
    }

    /** 10 MB of SQL with quotes, commas, line breaks and non-ASCII text, the same each run. */
    private static String hugeSql() {
        String pieces = "abcdefghij KLMNOP 0123456789 ,;'\"\\\n\r\t会话é💥()";
        Random random = new Random(10);
        StringBuilder b = new StringBuilder(SIZE + 64).append("SELECT /* ");
        while (b.length() < SIZE - 12) {
            b.append(pieces, 0, 1 + random.nextInt(pieces.length() - 2));
        }
        return b.append(" */ 1 FROM t").toString();
    }

    /** Lists one session running {@link #SQL}. */
    private record HugeSource(String name) implements SessionSource {
        @Override public String describe() { return "a source with a 10 MB statement"; }
        @Override public List<Attribute<?>> attributes() { return List.of(); }

        @Override
        public Snapshot snapshot() {
            Session s = Session.builder(new SessionKey(name, "", 7, "app@10.0.0.7", OptionalLong.empty()))
                    .user("app").source("10.0.0.7:40007").database("shop").command("Query").state(SessionState.ACTIVE)
                    .sql(SQL).executionTime(Duration.ofSeconds(12)).build();
            return new Snapshot(name, List.of(s), Instant.now(), Duration.ofMillis(1));
        }

        @Override
        public KillResult kill(SessionKey key, KillMode mode) throws SourceException {
            throw new SourceException(SourceException.Kind.UNSUPPORTED, "not in this test");
        }

        @Override
        public void close() {
        }
    }

    /** The test cluster's declarations, opening a {@link HugeSource}. */
    private record HugeType(SourceType declared) implements SourceType {
        @Override public String id() { return declared.id(); }
        @Override public Text displayName() { return declared.displayName(); }
        @Override public int defaultPort() { return declared.defaultPort(); }
        @Override public List<InputField> settings() { return declared.settings(); }
        @Override public SessionSource open(ConnectionSpec spec) { return new HugeSource(spec.name()); }
    }

    private static Run list(String format) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        SessionSources sources = new SessionSources(new SourceTypes(List.of(new HugeType(new TestClusterType()))));
        int exit = Cli.execute(new String[] {"list", "--type", TestClusterType.ID, "-h", "127.0.0.1", "--format", format},
                new Cli.Context(new PrintWriter(out), new PrintWriter(err), Map.<String, String>of()::get, null, sources,
                        new ProfileStore(Path.of("target", "cli-profiles", "HugeSqlCliTest.json")), MemorySecretStore::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonCarriesATenMegabyteStatementExactly() throws Exception {
        Run r = list("json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode all = new ObjectMapper().readTree(r.out());
        assertThat(all).hasSize(1);
        assertThat(all.get(0).get("sql").asText()).hasSize(SQL.length()).isEqualTo(SQL);
    }

    @Test
    void csvCarriesATenMegabyteStatementExactly() throws Exception {
        Run r = list("csv");

        assertThat(r.exit()).as(r.err()).isZero();
        List<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(r.out()).readAll();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("sql")).hasSize(SQL.length()).isEqualTo(SQL);
    }

    @Test
    void theTableShowsAOneLinePreview() {
        Run r = list("table");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().count()).as("header, the session, the summary").isEqualTo(3);
        assertThat(r.out()).hasSizeLessThan(1_000).contains("SELECT /* ", "1 session, 1 active");
    }
}
