package dev.sessiondeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.app.testsource.TestClusterSource;
import dev.sessiondeck.app.testsource.TestClusterType;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.profile.MemorySecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceType;
import dev.sessiondeck.core.source.SourceTypes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line fed generated arguments (a seeded {@link Random}, so a failure repeats): bad ids,
 * ports, hosts, names with control characters, TLS modes, timeouts, driver properties in
 * {@code --url} and types. Whatever they are, it exits with a documented code, says what is wrong in
 * one line starting with "sessiondeck", and never prints a stack trace or the password. Nothing is
 * reached but closed ports on 127.0.0.1: every data source is opened through a guard that lets a
 * connection through only to those ports, within 1 s and a few times per type, and answers for
 * any other address (and beyond those few) as an unreachable server does.
 */
class CliFuzzTest {

    private static final long SEED = 0x5E55_10DEL;
    private static final int CASES = 300;
    private static final String PASSWORD = "Fz-pw-93d1e7";
    private static final Map<String, String> ENV = Map.of("FUZZ_PW", PASSWORD);
    private static final Set<Integer> DOCUMENTED = Set.of(ExitCodes.DONE, ExitCodes.FAILED, ExitCodes.BAD_INPUT,
            ExitCodes.SESSION_GONE, ExitCodes.PRIVILEGE, ExitCodes.UNREACHABLE);
    private static final List<String> STACK_TRACE = List.of("\tat ", "Exception in", "Caused by", "Exception:");
    private static final ProfileStore PROFILES = new ProfileStore(Path.of("target", "cli-profiles", "CliFuzzTest.json"));
    private static final Duration MAX_CONNECT = Duration.ofSeconds(1);
    /** A refused connect takes a second (HikariCP waits that long before it gives up): the fuzz makes a few of each type. */
    private static final int CONNECTS_PER_TYPE = 2;

    /** Loopback ports nothing listens on: bound once to find them, then closed. */
    private static List<Integer> closedPorts;
    /** Where the guard let a connection through, and where it answered itself. */
    private static final List<String> connected = new CopyOnWriteArrayList<>();
    private static final List<String> answered = new CopyOnWriteArrayList<>();

    private record Run(List<String> args, int exit, String out, String err, long millis) {
        @Override
        public String toString() {
            return "args " + args.stream().map(CliFuzzTest::visible).toList() + " -> exit " + exit + ", stderr: "
                    + visible(err);
        }
    }

    @BeforeAll
    static void findClosedPorts() throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports.add(s.getLocalPort());
            }
        }
        closedPorts = List.copyOf(ports);
    }

    /** The installed types, each opening through the guard; the test cluster needs no network and is left alone. */
    private static SessionSources guarded(int connectsPerType) {
        return new SessionSources(new SourceTypes(SourceTypes.installed().all().stream()
                .map(t -> t instanceof TestClusterType ? t : new Guarded(t, connectsPerType)).toList()));
    }

    /**
     * A type that connects only to a closed loopback port of this test, with a connect timeout of at
     * most 1 s, and at most {@code connects} times.
     */
    private static final class Guarded implements SourceType {
        private final SourceType type;
        private final int connects;
        private int made;

        Guarded(SourceType type, int connects) {
            this.type = type;
            this.connects = connects;
        }

        @Override public String id() { return type.id(); }
        @Override public Text displayName() { return type.displayName(); }
        @Override public int order() { return type.order(); }
        @Override public int defaultPort() { return type.defaultPort(); }
        @Override public List<InputField> settings() { return type.settings(); }
        @Override public List<String> jdbcSchemes() { return type.jdbcSchemes(); }
        @Override public Optional<String> sessionIdProblem(String id) { return type.sessionIdProblem(id); }

        @Override
        public synchronized SessionSource open(ConnectionSpec spec) throws SourceException {
            String where = type.id() + " " + visible(spec.host()) + ":" + spec.port();
            if (!spec.host().equals("127.0.0.1") || !closedPorts.contains(spec.port()) || made >= connects) {
                answered.add(where);
                throw new SourceException(SourceException.Kind.UNREACHABLE, "Cannot connect to " + spec.describe()
                        + ": the test's guard answers for this address");
            }
            made++;
            connected.add(where);
            ConnectionSpec bounded = spec.connectTimeout().compareTo(MAX_CONNECT) <= 0 ? spec
                    : spec.toBuilder().connectTimeout(MAX_CONNECT).build();
            return type.open(bounded);
        }
    }

    private static Run run(SessionSources sources, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int exit = Cli.execute(args.toArray(String[]::new), new Cli.Context(new PrintWriter(out), new PrintWriter(err),
                ENV::get, null, sources, PROFILES, MemorySecretStore::new));
        return new Run(args, exit, out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
    }

    private static Run run(List<String> args) {
        return run(guarded(Integer.MAX_VALUE), args);
    }

    private static Run run(String... args) {
        return run(List.of(args));
    }

    /** Control characters as escapes, so that a failure message shows what was given. */
    static String visible(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x202E) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.length() > 200 ? b + "...(" + s.length() + " chars)" : b.toString();
    }

    /** What every run must keep to, whatever it was given. */
    private static void assertWellBehaved(Run r) {
        assertThat(DOCUMENTED).as("%s", r).contains(r.exit());
        for (String trace : STACK_TRACE) {
            assertThat(r.err()).as("%s", r).doesNotContain(trace);
        }
        assertThat(r.err()).as("%s", r).doesNotContain(PASSWORD);
        assertThat(r.out()).as("%s", r).doesNotContain(PASSWORD);
        List<String> lines = r.err().lines().toList();
        if (r.exit() != ExitCodes.DONE) {
            // kill and kill-query print one line per session they acted on; a refusal before that is one line
            boolean perSession = !r.args().isEmpty() && r.args().get(0).startsWith("kill");
            if (perSession) {
                assertThat(lines).as("a line per failed session on stderr: %s", r).isNotEmpty();
            } else {
                assertThat(lines).as("one line on stderr: %s", r).hasSize(1);
            }
        }
        assertThat(lines).as("%s", r).allMatch(l -> l.startsWith("sessiondeck"));
    }

    // ---- generated cases

    private static final List<String> IDS = List.of("-1", "-0", "0", "42", "9223372036854775807", "9223372036854775808",
            "99999999999999999999", "1e3", "0x1F", "1.5", "abc", "会话", "", " ", "1 2", "1;KILL 2", "1' OR '1'='1",
            "\u0000", "7\n8", "%d%n", "${jndi:ldap://127.0.0.1/x}", "٤٢", TestClusterSource.FIRST, "--yes");
    private static final List<String> PORTS = List.of("0", "-1", "65536", "70000", "2147483648", "abc", "", "33o6",
            "1e3", "+1", " 1", "٣٣٠٦");
    private static final List<String> TEXTS = List.of("", " ", "a\u0000b", "line\nbreak", "tab\there", "\r\n",
            "bell\u0007", "\u001b[31mred\u001b[0m", "rtl\u202etxt", ".*", "(a|b)+$", "[", "\\", "'; DROP TABLE t; --",
            "\" OR 1=1 --", "%", "_", "💥", "名前", "a".repeat(5_000), "x\u0085y", "${PWD}", "$(id)");
    private static final List<String> HOSTS = List.of("db.example", "localhost", "::1", "[::1]", "256.1.1.1",
            "127.0.0.1.", "127.0.0.1:1", "exa mple", "a\u0000b", "a\nb", "\t", "*", "h'; --", "ho%st", "名前.example",
            "a".repeat(300));
    private static final List<String> TLS = List.of("disabled", "PREFERRED", "required", "verify_ca", "verify_identity",
            "bogus", "", "DISABLED;");
    private static final List<String> TIMEOUTS = List.of("0", "-1", "-0.5", "0.001", "0.25", "1", "86400", "86401",
            "1e9", "abc", "NaN", "Infinity", "1,5", "");
    private static final List<String> TYPES = List.of("auto", "mysql", "mariadb", "MariaDB", "oceanbase", "postgresql",
            "1c", "testcluster", "oracle", "", "ａｕｔｏ", "mysql\u0000");
    private static final List<String> FORMATS = List.of("table", "json", "CSV", "xml", "");
    private static final List<String> PROPERTIES = List.of("allowLoadLocalInfile=true", "autoDeserialize=true",
            "sslMode=DISABLED", "socketFactory=x", "useSSL=false", "characterEncoding=UTF-8", "password=" + PASSWORD,
            "user=root", "pwd=" + PASSWORD, "queryInterceptors=a.B", "connectTimeout=0", "a=%zz", "=x", "&&", "x",
            "loggerFile=/tmp/x", "sslfactory=x", "ApplicationName=fuzz");

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** A URL with odd parts: credentials, driver properties, another scheme or no URL at all. */
    private static String oddUrl(Random random, int port) {
        if (random.nextInt(5) == 0) {
            return pick(random, List.of("", "not a url", "jdbc:mysql://%zz", "jdbc:mysql://[::1", "jdbc:mysql:///db",
                    "jdbc:oracle:thin:@127.0.0.1:1521:x", "jdbc:mysql://" + PASSWORD, "jdbc:mysql://127.0.0.1:" + port
                    + "/db?password=%zz" + PASSWORD));
        }
        String scheme = pick(random, List.of("mysql", "mariadb", "oceanbase", "postgresql", "oracle", "MySQL"));
        String auth = random.nextInt(3) == 0 ? "fuzz:" + PASSWORD + "@" : "";
        String host = random.nextInt(4) == 0 ? pick(random, HOSTS) : "127.0.0.1";
        StringBuilder u = new StringBuilder("jdbc:" + scheme + "://" + auth + host + ":"
                + (random.nextInt(4) == 0 ? pick(random, PORTS) : Integer.toString(port)) + "/db");
        int props = 1 + random.nextInt(2);
        for (int i = 0; i < props; i++) {
            u.append(i == 0 ? '?' : '&').append(pick(random, PROPERTIES));
        }
        return u.toString();
    }

    /**
     * A case: a valid command (one that connects to a closed port, or asks the test cluster, which
     * needs no network) with none, one or a few of its parts made odd.
     */
    private static List<String> generate(Random random) {
        String command = pick(random, List.of("list", "list", "kill", "kill-query", "sources"));
        int port = closedPorts.get(random.nextInt(closedPorts.size()));
        boolean cluster = random.nextInt(5) == 0;
        Map<String, String> options = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        List<String> id = new ArrayList<>();
        if (command.equals("sources")) {
            if (random.nextBoolean()) {
                options.put("--format", pick(random, List.of("json", "table")));
            }
        } else {
            if (cluster) {
                options.put("--type", TestClusterType.ID);
                options.put("-h", "127.0.0.1");
            } else if (random.nextInt(4) == 0) {
                options.put("--url", "jdbc:" + pick(random, List.of("mysql", "mariadb", "oceanbase", "postgresql"))
                        + "://127.0.0.1:" + port + "/db");
            } else {
                options.put("-h", "127.0.0.1");
                options.put("-P", Integer.toString(port));
                if (random.nextBoolean()) {
                    options.put("--type", pick(random, List.of("auto", "mysql", "mariadb", "oceanbase", "postgresql")));
                }
            }
            options.put("-u", "fuzz");
            options.put("--password-env", "FUZZ_PW");
            options.put("--connect-timeout", "1");
            if (command.equals("list")) {
                if (random.nextBoolean()) {
                    options.put("--format", pick(random, List.of("table", "json", "csv")));
                }
            } else {
                flags.add("--yes");
                id.add(cluster ? pick(random, List.of(TestClusterSource.FIRST, TestClusterSource.SECOND)) : "42");
            }
        }
        int odd = pick(random, List.of(0, 0, 1, 1, 1, 2, 3));
        for (int i = 0; i < odd; i++) {
            switch (random.nextInt(14)) {
                case 0 -> options.put("-P", pick(random, PORTS));
                case 1 -> options.put("-h", pick(random, HOSTS));
                case 2 -> options.put("-u", pick(random, TEXTS));
                case 3 -> options.put("--password-env", pick(random, TEXTS));
                case 4 -> options.put("--type", pick(random, TYPES));
                case 5 -> options.put("--tls", pick(random, TLS));
                case 6 -> options.put(pick(random, List.of("--connect-timeout", "--query-timeout")), pick(random, TIMEOUTS));
                case 7 -> options.put(pick(random, List.of("--name", "--source", "-D")), pick(random, TEXTS));
                case 8 -> {
                    options.remove("-h");
                    options.remove("-P");
                    options.put("--url", oddUrl(random, port));
                }
                case 9 -> options.put(pick(random, List.of("--id", "--session-user", "--client", "--db")),
                        pick(random, random.nextBoolean() ? IDS : TEXTS));
                case 10 -> options.put("--format", pick(random, FORMATS));
                case 11 -> {
                    // an id that looks like an option goes after "--"
                    id.clear();
                    id.addAll(random.nextBoolean() ? List.of("--", pick(random, IDS)) : List.of(pick(random, IDS)));
                }
                case 12 -> options.put("--message", pick(random, TEXTS));
                default -> flags.add(pick(random, List.of("--frobnicate", "-Z", "--", "-P", "--tls", "--active", "--all")));
            }
        }
        List<String> args = new ArrayList<>();
        args.add(random.nextInt(40) == 0 ? "frobnicate" : command);
        options.forEach((option, value) -> args.addAll(List.of(option, value)));
        args.addAll(flags);
        args.addAll(id);
        return args;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void generatedArgumentsExitWithADocumentedCodeAndOneLineWithoutStackTraceOrPassword() {
        Random random = new Random(SEED);
        SessionSources sources = guarded(CONNECTS_PER_TYPE);
        int connectedBefore = connected.size();
        int answeredBefore = answered.size();
        int[] exits = new int[6];
        long slowest = 0;
        for (int i = 0; i < CASES; i++) {
            Run r = run(sources, generate(random));
            assertWellBehaved(r);
            exits[r.exit()]++;
            slowest = Math.max(slowest, r.millis());
        }
        System.out.printf("CliFuzzTest: %d cases, exits 0..5: %s; slowest %d ms; %d connects to closed ports,"
                + " %d answered by the guard%n", CASES, java.util.Arrays.toString(exits), slowest,
                connected.size() - connectedBefore, answered.size() - answeredBefore);
        // the generator reaches the interesting outcomes, not only bad input
        assertThat(exits[ExitCodes.BAD_INPUT]).isPositive();
        assertThat(exits[ExitCodes.UNREACHABLE]).isPositive();
        assertThat(exits[ExitCodes.DONE]).isPositive();
        assertThat(connected).hasSizeGreaterThan(connectedBefore);
        assertThat(slowest).as("the slowest case, ms").isLessThan(5_000);
    }

    // ---- known answers

    private static List<String> closed(String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command, "-h", "127.0.0.1", "-P", Integer.toString(closedPorts.get(0)),
                "-u", "fuzz", "--password-env", "FUZZ_PW", "--connect-timeout", "1"));
        args.addAll(List.of(rest));
        return args;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreachableTypes")
    void aClosedPortIsUnreachable(String type) {
        int before = connected.size();
        Run r = run(closed("list", "--type", type));

        assertWellBehaved(r);
        assertThat(r.exit()).as("%s", r).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).startsWith("sessiondeck list: Cannot connect to ").contains("127.0.0.1:" + closedPorts.get(0))
                .contains("refused");
        assertThat(connected).as("a real connect").hasSize(before + 1);
    }

    static Stream<String> unreachableTypes() {
        return Stream.of("auto", "mysql", "mariadb", "oceanbase", "postgresql");
    }

    static Stream<Arguments> badInput() {
        Supplier<String> port = () -> Integer.toString(closedPorts.get(0));
        return Stream.of(
                Arguments.of("port 0", List.of("list", "-P", "0", "-u", "x"), "port must be between 1 and 65535"),
                Arguments.of("port -1", List.of("list", "-P", "-1", "-u", "x"), "port must be between 1 and 65535"),
                Arguments.of("port 65536", List.of("list", "-P", "65536", "-u", "x"), "port must be between 1 and 65535"),
                Arguments.of("port a word", List.of("list", "-P", "abc", "-u", "x"), "'abc'"),
                Arguments.of("connect timeout 0", List.of("list", "-P", port.get(), "-u", "x", "--connect-timeout", "0"),
                        "--connect-timeout"),
                Arguments.of("connect timeout negative", List.of("list", "-P", port.get(), "-u", "x", "--connect-timeout",
                        "-1"), "--connect-timeout"),
                Arguments.of("connect timeout huge", List.of("list", "-P", port.get(), "-u", "x", "--connect-timeout",
                        "1e9"), "--connect-timeout"),
                Arguments.of("connect timeout a word", List.of("list", "-P", port.get(), "-u", "x", "--connect-timeout",
                        "soon"), "'soon'"),
                Arguments.of("query timeout 0", List.of("list", "-P", port.get(), "-u", "x", "--query-timeout", "0"),
                        "--query-timeout"),
                Arguments.of("TLS mode unknown", List.of("list", "-P", port.get(), "-u", "x", "--tls", "bogus"), "'bogus'"),
                Arguments.of("type unknown", List.of("list", "-P", port.get(), "-u", "x", "--type", "oracle"),
                        "unknown data-source type 'oracle'"),
                Arguments.of("format unknown", List.of("list", "-P", port.get(), "-u", "x", "--format", "xml"), "'xml'"),
                Arguments.of("option unknown", List.of("list", "--frobnicate"), "--frobnicate"),
                Arguments.of("host with white space", List.of("list", "-h", "db example", "-P", port.get(), "-u", "x"),
                        "host cannot contain white space"),
                Arguments.of("host with a newline", List.of("list", "-h", "db\nexample", "-P", port.get(), "-u", "x"),
                        "host cannot contain white space"),
                Arguments.of("no user", List.of("list", "-P", port.get()), "user is required"),
                Arguments.of("kill without an id", List.of("kill", "-P", port.get(), "-u", "x", "--yes"), "ID"),
                Arguments.of("a saved data source that is not there", List.of("kill", "--source", "nope", "1"),
                        "no saved data source is named 'nope'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputExitsWithTwoNamingTheProblem(String what, List<String> args, String named) {
        int before = connected.size();
        Run r = run(args);

        assertWellBehaved(r);
        assertThat(r.exit()).as("%s", r).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).as("%s", r).contains(named);
        assertThat(connected).as("nothing connects for bad input").hasSize(before);
    }

    static Stream<Arguments> refusedProperties() {
        return Stream.of(
                Arguments.of("mysql", "allowLoadLocalInfile=true", "allowLoadLocalInfile"),
                Arguments.of("mariadb", "autoDeserialize=true", "autoDeserialize"),
                Arguments.of("mysql", "sslMode=DISABLED", "sslMode"),
                Arguments.of("mysql", "socketFactory=x", "socketFactory"),
                Arguments.of("mysql", "queryInterceptors=a.B", "queryInterceptors"),
                Arguments.of("postgresql", "socketFactory=x", "socketFactory"),
                Arguments.of("postgresql", "sslfactory=x", "sslfactory"),
                Arguments.of("postgresql", "loggerFile=/tmp/x", "loggerFile"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedProperties")
    void aRefusedDriverPropertyExitsWithTwoNamingItBeforeConnecting(String scheme, String property, String name) {
        int before = connected.size();
        Run r = run("list", "--url", "jdbc:" + scheme + "://127.0.0.1:" + closedPorts.get(1) + "/db?" + property,
                "-u", "fuzz", "--password-env", "FUZZ_PW", "--connect-timeout", "1");

        assertWellBehaved(r);
        assertThat(r.exit()).as("%s", r).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("driver property '" + name + "' is not allowed");
        assertThat(connected).hasSize(before);
    }

    @ParameterizedTest(name = "{0} {1} on {2}")
    @MethodSource("impossibleIds")
    void anIdTheDataSourceCannotHaveExitsWithTwoWithoutConnecting(String command, String id, String type) {
        int before = connected.size();
        // a closed port: connecting first would exit with 5
        Run r = run(closed(command, "--type", type, "--yes", "--", id));

        assertWellBehaved(r);
        assertThat(r.exit()).as("%s", r).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("sessiondeck " + command + ": ").contains("'" + id + "'");
        assertThat(connected).hasSize(before);
    }

    static Stream<Arguments> impossibleIds() {
        return Stream.of(
                Arguments.of("kill", "-1", "auto"),
                Arguments.of("kill-query", "-1", "mysql"),
                Arguments.of("kill", "-1", "postgresql"),
                Arguments.of("kill", "abc", "mariadb"),
                Arguments.of("kill", "99999999999999999999", "auto"),
                Arguments.of("kill-query", "1.5", "oceanbase"),
                Arguments.of("kill", "-1", "1c"));
    }

    @Test
    void thePasswordOfAUrlNeverShows() {
        Run inUserInfo = run("list", "--url", "jdbc:mysql://fuzz:" + PASSWORD + "@127.0.0.1:" + closedPorts.get(2) + "/db",
                "--connect-timeout", "1");
        Run inQuery = run("list", "--url", "jdbc:mariadb://127.0.0.1:" + closedPorts.get(2) + "/db?user=fuzz&password="
                + PASSWORD + "&allowLoadLocalInfile=true", "--connect-timeout", "1");

        assertWellBehaved(inUserInfo);
        assertWellBehaved(inQuery);
        assertThat(inUserInfo.exit()).as("%s", inUserInfo).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(inQuery.exit()).as("%s", inQuery).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
