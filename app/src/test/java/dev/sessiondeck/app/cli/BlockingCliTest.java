package dev.sessiondeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiondeck.app.testsource.TestClusterType;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.StandardAttributes;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@code blocking} on a data source of the test's own (opened under the test cluster's type id, its
 * {@code --region} picking what it lists): the tree, the JSON, nobody waiting, and a data source
 * that cannot tell.
 */
class BlockingCliTest {

    private record Run(int exit, String out, String err) {
    }

    /**
     * Region "locks": 100 idle in its transaction holds a row that 101 waits for, and 102 waits for
     * 101 (a chain of three); 200 holds up 201; 300 and 301 wait for 299, which the user may not see.
     * Region "quiet": nobody waits. Region "blind": nobody waits, and the source cannot tell.
     */
    private record LockSource(String name, String region) implements SessionSource {
        @Override public String describe() { return "a source with lock waits"; }
        @Override public List<Attribute<?>> attributes() {
            return List.of(StandardAttributes.BLOCKED_BY, StandardAttributes.LOCK_WAITED, StandardAttributes.LOCK_WAIT_TIME);
        }

        @Override
        public Optional<Text> blockingUnknown() {
            return region.equals("blind") ? Optional.of(Text.of("dev.sessiondeck.app.testsource.messages", "blocking.unknown"))
                    : Optional.empty();
        }

        @Override
        public Snapshot snapshot() {
            List<Session> all = new ArrayList<>();
            all.add(session(100, "batch", SessionState.IDLE_IN_TRANSACTION, null, 95).build());
            all.add(session(9, "report", SessionState.ACTIVE, "SELECT 1", 1).build());
            if (region.equals("locks")) {
                all.add(waiter(101, "app", "UPDATE orders SET state = 'paid' WHERE id = 7", 12_500, "RECORD X on shop.orders", "100"));
                all.add(waiter(102, "app", "UPDATE orders SET state = 'sent' WHERE id = 7", 4_250, null, "101"));
                all.add(session(200, "dba", SessionState.ACTIVE, "ALTER TABLE customers ADD COLUMN note TEXT", 30).build());
                all.add(waiter(201, "app", "SELECT * FROM customers", 2_000, "METADATA shop.customers", "200"));
                all.add(waiter(300, "app", "UPDATE stock SET n = n - 1 WHERE id = 1", 1_000, null, "299"));
                all.add(waiter(301, "app", "UPDATE stock SET n = n - 1 WHERE id = 1", 500, null, "299"));
            }
            return new Snapshot(name, all, Instant.now(), Duration.ofMillis(2));
        }

        private Session.Builder session(long id, String user, SessionState state, String sql, long seconds) {
            return Session.builder(new SessionKey(name, "", id, user + "@h", OptionalLong.empty()))
                    .user(user).source("10.0.0.1:4" + id).database("shop").command(sql == null ? "Sleep" : "Query")
                    .state(state).sql(sql).executionTime(Duration.ofSeconds(seconds));
        }

        private Session waiter(long id, String user, String sql, long waitMillis, String lock, String blocker) {
            return session(id, user, SessionState.ACTIVE, sql, 1 + waitMillis / 1000)
                    .set(StandardAttributes.BLOCKED_BY, List.of(blocker))
                    .set(StandardAttributes.LOCK_WAITED, lock)
                    .set(StandardAttributes.LOCK_WAIT_TIME, Duration.ofMillis(waitMillis))
                    .build();
        }

        @Override
        public KillResult kill(SessionKey key, KillMode mode) throws SourceException {
            throw new SourceException(SourceException.Kind.UNSUPPORTED, "not in this test");
        }

        @Override
        public void close() {
        }
    }

    /** The test cluster's declarations (so that --region is an option), opening a {@link LockSource}. */
    private record LockType(SourceType declared) implements SourceType {
        @Override public String id() { return declared.id(); }
        @Override public Text displayName() { return declared.displayName(); }
        @Override public int defaultPort() { return declared.defaultPort(); }
        @Override public List<InputField> settings() { return declared.settings(); }
        @Override public SessionSource open(ConnectionSpec spec) {
            return new LockSource(spec.name(), spec.option(TestClusterType.REGION.id()).orElse("locks"));
        }
    }

    private static Run blocking(String region, String... more) {
        List<String> args = new ArrayList<>(List.of("blocking", "--type", TestClusterType.ID, "-h", "127.0.0.1",
                "--name", "orders", "--region", region));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        SessionSources sources = new SessionSources(new SourceTypes(List.of(new LockType(new TestClusterType()))));
        int exit = Cli.execute(args.toArray(String[]::new), new Cli.Context(new PrintWriter(out), new PrintWriter(err),
                Map.<String, String>of()::get, null, sources,
                new ProfileStore(Path.of("target", "cli-profiles", "BlockingCliTest.json")), MemorySecretStore::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theTreePrintsEachRootBlockerWithItsWaitersIndented() {
        Run r = blocking("locks");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().toList()).containsExactly(
                "100  batch  IDLE IN TRANSACTION  holds up 2",
                "└ 101  app  waits 12.500 s  RECORD X on shop.orders  holds up 1  UPDATE orders SET state = 'paid' WHERE id = 7",
                "  └ 102  app  waits 4.250 s  UPDATE orders SET state = 'sent' WHERE id = 7",
                "299  (not listed: the user may not see this session)  holds up 2",
                "└ 300  app  waits 1.000 s  UPDATE stock SET n = n - 1 WHERE id = 1",
                "└ 301  app  waits 0.500 s  UPDATE stock SET n = n - 1 WHERE id = 1",
                "200  dba  ACTIVE  holds up 1  ALTER TABLE customers ADD COLUMN note TEXT",
                "└ 201  app  waits 2.000 s  METADATA shop.customers  SELECT * FROM customers",
                "3 root blockers hold up 5 sessions; fetched from orders in 2 ms");
    }

    @Test
    void jsonHasEverySessionOfTheTreeOnceWithTheContractKeys() throws Exception {
        Run r = blocking("locks", "--format", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode all = new ObjectMapper().readTree(r.out());
        assertThat(all).hasSize(8);
        for (JsonNode n : all) {
            for (String key : List.of("dataSource", "id", "user", "sql", "blockedBy", "waitSeconds", "lock", "holdsUp",
                    "root")) {
                assertThat(n.has(key)).as(n + " has " + key).isTrue();
            }
            assertThat(n.get("blockedBy").isArray()).isTrue();
            assertThat(n.get("dataSource").asText()).isEqualTo("orders");
        }
        JsonNode holder = find(all, 100);
        assertThat(holder.get("root").asBoolean()).isTrue();
        assertThat(holder.get("holdsUp").asInt()).isEqualTo(2);
        assertThat(holder.get("blockedBy")).isEmpty();
        assertThat(holder.get("waitSeconds").isNull()).isTrue();
        assertThat(holder.get("lock").isNull()).isTrue();
        assertThat(holder.get("user").asText()).isEqualTo("batch");

        JsonNode middle = find(all, 101);
        assertThat(middle.get("id").isNumber()).isTrue();
        assertThat(middle.get("root").asBoolean()).isFalse();
        assertThat(middle.get("blockedBy")).extracting(JsonNode::asLong).containsExactly(100L);
        assertThat(middle.get("waitSeconds").isNumber()).isTrue();
        assertThat(middle.get("waitSeconds").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(middle.get("lock").asText()).isEqualTo("RECORD X on shop.orders");
        assertThat(middle.get("sql").asText()).isEqualTo("UPDATE orders SET state = 'paid' WHERE id = 7");
        assertThat(middle.get("holdsUp").asInt()).isEqualTo(1);

        JsonNode last = find(all, 102);
        assertThat(last.get("blockedBy")).extracting(JsonNode::asLong).containsExactly(101L);
        assertThat(last.get("lock").isNull()).as("the source does not say").isTrue();
        assertThat(last.get("waitSeconds").decimalValue()).isEqualByComparingTo("4.25");

        JsonNode unseen = find(all, 299);
        assertThat(unseen.get("listed").asBoolean()).isFalse();
        assertThat(unseen.get("user").isNull()).isTrue();
        assertThat(unseen.get("holdsUp").asInt()).isEqualTo(2);
        assertThat(all.findValues("id")).extracting(JsonNode::asLong).doesNotContain(9L);
    }

    private static JsonNode find(JsonNode all, long id) {
        for (JsonNode n : all) {
            if (n.get("id").asLong() == id) {
                return n;
            }
        }
        throw new AssertionError("no session " + id + " in " + all);
    }

    @Test
    void nobodyWaitingSaysSo() throws Exception {
        Run tree = blocking("quiet");
        Run json = blocking("quiet", "--format", "json");

        assertThat(tree.exit()).as(tree.err()).isZero();
        assertThat(tree.out()).isEqualTo("no session waits" + System.lineSeparator());
        assertThat(tree.err()).isEmpty();
        assertThat(new ObjectMapper().readTree(json.out()).isArray()).isTrue();
        assertThat(new ObjectMapper().readTree(json.out())).isEmpty();
    }

    @Test
    void aSourceThatCannotTellSaysWhyOnStandardError() throws Exception {
        Run tree = blocking("blind");
        Run json = blocking("blind", "--format", "json");

        assertThat(tree.exit()).isZero();
        assertThat(tree.err()).isEqualTo("sessiondeck blocking: orders: blocking unknown: the user lacks PROCESS, so the"
                + " server shows no lock waits" + System.lineSeparator());
        assertThat(json.err()).contains("blocking unknown");
        assertThat(new ObjectMapper().readTree(json.out())).as("stdout stays JSON").isEmpty();
    }

    @Test
    void anUnknownFormatIsBadInput() {
        Run r = blocking("locks", "--format", "csv");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--format");
    }

    @Test
    void theHelpNamesTheFormatsAndTheConnectionOptions() {
        Run r = blocking("locks", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("root blocker", "--format", "tree or json", "--source", "--password-env");
    }
}
