package dev.sessiondeck.core.testing;

import dev.sessiondeck.core.source.ConnectionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A scenario for the stand-in {@code rac} ({@link FakeRac}): a folder under {@code target/fake-rac/}
 * with the clusters, infobases and sessions it answers with, its switches, the log of its calls, and
 * an executable script {@link #rac()} that runs it (this JVM's {@code java} with fast-start flags,
 * the class path this class came from). Give the script to a 1C data source as its {@code rac}
 * ({@link #spec()}). Linux and macOS (the script is {@code /bin/sh}).
 *
 * <pre>{@code
 * FakeRacScenario rac = FakeRacScenario.standard("mine");          // 2 clusters, 3 infobases, 1,000 sessions
 * rac.requireAdmin("admin", "secret");
 * try (SessionSource s = SessionSources.loaded().open(rac.spec().user("admin").password("secret".toCharArray()).build())) {
 *     ...
 * }
 * assertThat(rac.calls("session terminate")).hasSize(1);
 * }</pre>
 *
 * Every setter takes effect for the next rac call; the state changes rac makes (terminate, interrupt,
 * lock) are read back with {@link #hasSession}, {@link #sessionValue}, {@link #infobaseInfo}.
 */
public final class FakeRacScenario {

    /** The JVM flags of the stand-in: it starts once per rac call, so start-up time is what counts. */
    public static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xss512k", "-Xmx96m");
    private static final AtomicInteger COUNT = new AtomicInteger();
    /** One writer at a time inside this JVM (a FileLock is per JVM, not per thread). */
    private static final Object JVM_LOCK = new Object();

    private final Path dir;
    private final Path rac;
    private RacTranscripts.Scene scene = new RacTranscripts.Scene(List.of(), List.of(), List.of());
    private RacTranscripts.Variant variant = RacTranscripts.Variant.V8_3;

    private FakeRacScenario(Path dir) {
        this.dir = dir;
        this.rac = dir.resolve("rac");
    }

    /** An empty scenario (no clusters) in a new folder {@code target/fake-rac/<name>-<n>}. */
    public static FakeRacScenario create(String name) {
        Path dir = Path.of("target", "fake-rac", name + "-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet())
                .toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
            FakeRacScenario s = new FakeRacScenario(dir);
            s.writeScript();
            s.port(1545);
            s.scene(s.scene, s.variant);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link RacTranscripts#standard()} printed as 8.3.2x does ({@code duration current-dbms}). */
    public static FakeRacScenario standard(String name) {
        return create(name).scene(RacTranscripts.standard(), RacTranscripts.Variant.V8_3);
    }

    /** A smaller standard scene: its first {@code sessions} sessions. */
    public static FakeRacScenario standard(String name, int sessions) {
        return create(name).scene(RacTranscripts.scene(sessions), RacTranscripts.Variant.V8_3);
    }

    private void writeScript() throws IOException {
        String javaCommand = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cp = new ArrayList<>();
        try {
            cp.add(Path.of(FakeRac.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            // the test class path below has it
        }
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                cp.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        StringBuilder script = new StringBuilder("#!/bin/sh\n# the stand-in rac of ").append(dir.getFileName())
                .append(" (dev.sessiondeck.core.testing.FakeRac)\nexec ").append(quote(javaCommand));
        JVM_FLAGS.forEach(f -> script.append(' ').append(f));
        script.append(" -cp ").append(quote(String.join(java.io.File.pathSeparator, cp)))
                .append(' ').append(FakeRac.class.getName()).append(' ').append(quote(dir.toString())).append(" \"$@\"\n");
        Files.writeString(rac, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(rac, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The executable script that runs the stand-in for this scenario. */
    public Path rac() {
        return rac;
    }

    public Path directory() {
        return dir;
    }

    public RacTranscripts.Scene scene() {
        return scene;
    }

    /** The port ras listens on (default 1545); other ports are refused. */
    public int port() {
        return Integer.parseInt(settings().getProperty(FakeRac.PORT));
    }

    /**
     * A spec of a 1C data source reaching this scenario: type {@code 1c}, host 127.0.0.1, its
     * {@link #port()}, option {@code rac} = {@link #rac()}, a query timeout of 30 s (each rac call
     * starts a JVM).
     */
    public ConnectionSpec.Builder spec() {
        return ConnectionSpec.builder().name("1c-" + dir.getFileName()).type("1c").host("127.0.0.1").port(port())
                .option("rac", rac.toString()).queryTimeout(Duration.ofSeconds(30));
    }

    // ---- the state

    /** Replaces the clusters, infobases and sessions (and the infobases' locks) with {@code scene}'s. */
    public FakeRacScenario scene(RacTranscripts.Scene scene, RacTranscripts.Variant variant) {
        this.scene = scene;
        this.variant = variant;
        locked(() -> {
            FakeRac.writeAtomically(dir.resolve(FakeRac.CLUSTERS), RacTranscripts.clusterList(scene.clusters()));
            for (RacTranscripts.Cluster c : scene.clusters()) {
                Path cd = Files.createDirectories(dir.resolve(c.uuid()));
                FakeRac.writeAtomically(cd.resolve(FakeRac.INFOBASES),
                        RacTranscripts.infobaseSummaries(scene.infobasesOf(c.uuid())));
                FakeRac.writeAtomically(cd.resolve(FakeRac.SESSIONS),
                        RacTranscripts.sessionList(scene.sessionsOf(c.uuid()), variant));
                for (RacTranscripts.Infobase ib : scene.infobasesOf(c.uuid())) {
                    FakeRac.writeAtomically(cd.resolve("infobase-" + ib.uuid() + ".txt"), RacTranscripts.infobaseInfo(ib));
                }
            }
            return null;
        });
        return this;
    }

    /** Replaces the sessions of one cluster with this text (rac's format, any variant). */
    public FakeRacScenario sessionsText(String cluster, String racOutput) {
        locked(() -> {
            FakeRac.writeAtomically(Files.createDirectories(dir.resolve(cluster)).resolve(FakeRac.SESSIONS), racOutput);
            return null;
        });
        return this;
    }

    /** True when rac still lists the session. */
    public boolean hasSession(String session) {
        return findSession(session).isPresent();
    }

    /** A session's value as rac prints it now (by 8.5 key; quotes kept), empty when it has none or is gone. */
    public Optional<String> sessionValue(String session, String key) {
        return findSession(session).map(b -> FakeRac.value(b, key));
    }

    /** The session ends (rac no longer lists it). */
    public FakeRacScenario removeSession(String session) {
        return changeSession(session, (blocks, b) -> blocks.remove(b));
    }

    /** Sets a session's value (by 8.5 key, as rac prints it), e.g. another {@code started-at}. */
    public FakeRacScenario setSessionValue(String session, String key, String value) {
        return changeSession(session, (blocks, b) -> FakeRac.set(b, key, value));
    }

    private interface Change {
        void apply(List<List<String>> blocks, List<String> block);
    }

    private FakeRacScenario changeSession(String session, Change change) {
        boolean found = locked(() -> {
            for (RacTranscripts.Cluster c : scene.clusters()) {
                Path file = dir.resolve(c.uuid()).resolve(FakeRac.SESSIONS);
                List<List<String>> blocks = FakeRac.parse(FakeRac.read(file));
                for (List<String> b : blocks) {
                    if (session.equalsIgnoreCase(FakeRac.value(b, "session"))) {
                        change.apply(blocks, b);
                        FakeRac.writeAtomically(file, FakeRac.print(blocks));
                        return true;
                    }
                }
            }
            return false;
        });
        if (!found) {
            throw new IllegalArgumentException("the scenario has no session " + session);
        }
        return this;
    }

    private Optional<List<String>> findSession(String session) {
        return locked(() -> {
            for (RacTranscripts.Cluster c : scene.clusters()) {
                for (List<String> b : FakeRac.parse(FakeRac.read(dir.resolve(c.uuid()).resolve(FakeRac.SESSIONS)))) {
                    if (session.equalsIgnoreCase(FakeRac.value(b, "session"))) {
                        return Optional.of(b);
                    }
                }
            }
            return Optional.empty();
        });
    }

    /** What {@code infobase info} shows of the infobase now, values without rac's quotes. */
    public Map<String, String> infobaseInfo(String infobase) {
        String cluster = scene.clusterOf(infobase);
        List<String> block = locked(() -> FakeRac.parse(FakeRac.read(dir.resolve(cluster)
                .resolve("infobase-" + infobase + ".txt"))).get(0));
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : block) {
            int colon = line.indexOf(':');
            String v = line.substring(colon + 1).strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1).replace("\"\"", "\"");
            }
            out.put(line.substring(0, colon).strip(), v);
        }
        return out;
    }

    // ---- the switches

    /** ras listens on this port; every other port is refused. */
    public FakeRacScenario port(int port) {
        return setting(FakeRac.PORT, Integer.toString(port));
    }

    /** ras is reached for real: rac connects to the address it is given ({@link FakeRac#TCP}). */
    public FakeRacScenario reachForReal() {
        return setting(FakeRac.TCP, "true");
    }

    /** Every cluster command needs this administrator ({@code --cluster-user}, {@code --cluster-pwd}). */
    public FakeRacScenario requireAdmin(String user, String password) {
        setting(FakeRac.ADMIN_USER, user);
        return setting(FakeRac.ADMIN_PASSWORD, password);
    }

    /** {@code infobase info} and {@code update} of this infobase need its administrator. */
    public FakeRacScenario requireInfobaseAdmin(String infobase, String user, String password) {
        setting(FakeRac.IB_USER + infobase, user);
        return setting(FakeRac.IB_PASSWORD + infobase, password);
    }

    /** rac writes in this character set, with CRLF line ends when {@code crlf}. */
    public FakeRacScenario encoding(Charset charset, boolean crlf) {
        setting(FakeRac.ENCODING, charset.name());
        return setting(FakeRac.CRLF, Boolean.toString(crlf));
    }

    /** As Windows rac.exe on a Russian system: CP866 with CRLF line ends. */
    public FakeRacScenario windowsConsole() {
        return encoding(RacTranscripts.cp866(), true);
    }

    /** A rac before 8.3.15: {@code session help} does not list interrupt-current-server-call, which fails to parse. */
    public FakeRacScenario oldRac(boolean old) {
        return setting(FakeRac.OLD, Boolean.toString(old));
    }

    /** Every call that reaches ras hangs (and starts a child process) until it is killed. */
    public FakeRacScenario hang(boolean hang) {
        return setting(FakeRac.HANG, Boolean.toString(hang));
    }

    /** Only these host names resolve; the others get "Компьютер отсутствует в сети или недоступен". */
    public FakeRacScenario reachableHosts(String... hosts) {
        return setting(FakeRac.HOSTS, String.join(",", hosts));
    }

    /** The next call fails with this text on stderr and exit code 255. */
    public FakeRacScenario failNext(String text) {
        return failNext("", text, 255);
    }

    /** The next call of {@code command} ("session terminate"; empty for any) fails with this text and exit code. */
    public FakeRacScenario failNext(String command, String text, int exit) {
        Properties p = new Properties();
        p.setProperty("command", command);
        p.setProperty("text", text);
        p.setProperty("exit", Integer.toString(exit));
        locked(() -> {
            FakeRac.store(dir.resolve(FakeRac.NEXT_ERROR), p);
            return null;
        });
        return this;
    }

    private FakeRacScenario setting(String key, String value) {
        locked(() -> {
            Properties p = FakeRac.load(dir.resolve(FakeRac.SETTINGS));
            p.setProperty(key, value);
            FakeRac.store(dir.resolve(FakeRac.SETTINGS), p);
            return null;
        });
        return this;
    }

    private Properties settings() {
        return FakeRac.load(dir.resolve(FakeRac.SETTINGS));
    }

    // ---- the log

    /** Every call so far, each as its arguments (without the stand-in's scenario folder). */
    public List<List<String>> calls() {
        String text = locked(() -> FakeRac.read(dir.resolve(FakeRac.CALLS)));
        List<List<String>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (String a : line.split("\t", -1)) {
                args.add(unescape(a));
            }
            out.add(args);
        }
        return out;
    }

    /** The calls of one command ("session terminate"): those whose words, options aside, start with it. */
    public List<List<String>> calls(String command) {
        List<String> wanted = List.of(command.split(" "));
        return calls().stream().filter(c -> {
            List<String> words = c.stream().filter(a -> !a.startsWith("--")).toList();
            return words.size() >= wanted.size() && words.subList(0, wanted.size()).equals(wanted);
        }).toList();
    }

    /** Forgets the calls so far. */
    public void clearCalls() {
        locked(() -> {
            Files.deleteIfExists(dir.resolve(FakeRac.CALLS));
            return null;
        });
    }

    /** The pid of the child process the last hanging call started, once it has started it. */
    public OptionalLong hangChildPid() {
        return pid(FakeRac.HANG_CHILD_PID);
    }

    /** The pid of the last hanging call's own process, once it hangs. */
    public OptionalLong hangPid() {
        return pid(FakeRac.HANG_PID);
    }

    private OptionalLong pid(String file) {
        try {
            Path p = dir.resolve(file);
            return Files.exists(p) ? OptionalLong.of(Long.parseLong(Files.readString(p).strip())) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @FunctionalInterface
    private interface Body<T> {
        T run() throws IOException;
    }

    private <T> T locked(Body<T> body) {
        synchronized (JVM_LOCK) {
            try (FileChannel ch = FileChannel.open(dir.resolve(FakeRac.LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                ch.lock(); // released when the channel closes
                return body.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String toString() {
        return "FakeRacScenario[" + dir + "]";
    }

    /** True when the process is gone, or a zombie nobody reaps (this container's pid 1 may not). */
    public static boolean gone(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException e) {
                return true;
            }
        }
        return true;
    }
}
