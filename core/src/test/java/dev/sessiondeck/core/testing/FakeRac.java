package dev.sessiondeck.core.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A stand-in for 1C's administration client {@code rac}, run as a process of its own
 * ({@link FakeRacScenario#rac()} is a script that starts it): it answers the commands
 * SessionDeck's 1C data source uses from the state in a scenario folder, in rac's output format
 * and with rac's error texts (FIELD-NOTES.md, "1C:Enterprise server cluster"), and logs every
 * invocation's arguments there.
 *
 * <p>Usage: {@code FakeRac SCENARIO_DIR rac-arguments...}. Commands: {@code cluster list},
 * {@code infobase summary list}, {@code infobase info}, {@code infobase update},
 * {@code session list [--infobase=]}, {@code session info}, {@code session terminate} (the session
 * disappears), {@code session interrupt-current-server-call} (its {@code duration-current} becomes
 * 0), {@code session help}. Options are {@code --name=value} anywhere; the last word is the
 * address {@code host:port} when it has a colon (else {@code localhost:1545}). Errors: the text on
 * stderr, exit code 255, stdout empty.
 *
 * <p>The scenario folder (written by {@link FakeRacScenario}): {@code clusters.txt} (the output of
 * {@code cluster list}), per cluster a folder named by its UUID with {@code infobases.txt},
 * {@code sessions.txt} and {@code infobase-UUID.txt} (the output of {@code infobase info});
 * {@code settings.properties} with the switches ({@value #PORT}, {@value #ADMIN_USER} /
 * {@value #ADMIN_PASSWORD}, {@value #IB_USER}UUID / {@value #IB_PASSWORD}UUID,
 * {@value #ENCODING}, {@value #CRLF}, {@value #OLD}, {@value #HANG}, {@value #HOSTS});
 * {@code next-error.properties} (a failure for the next call, consumed by it); {@code calls.log}
 * (one line per invocation, the arguments tab-separated, {@code \t \n \r \\} escaped).
 * Only JDK classes are used: the process starts fast.
 */
public final class FakeRac {

    /** The port ras listens on; other ports are refused. Default 1545. */
    public static final String PORT = "port";
    /** The cluster administrator every cluster command needs; none when absent. */
    public static final String ADMIN_USER = "admin.user";
    public static final String ADMIN_PASSWORD = "admin.password";
    /** Prefixes of an infobase's administrator (suffix: the infobase UUID), for {@code infobase info/update}. */
    public static final String IB_USER = "infobase.user.";
    public static final String IB_PASSWORD = "infobase.password.";
    /** The output's character set (a Java name: UTF-8, IBM866). */
    public static final String ENCODING = "encoding";
    /** "true": CRLF line ends, as Windows rac.exe. */
    public static final String CRLF = "crlf";
    /** "true": a rac before 8.3.15, without {@code interrupt-current-server-call}. */
    public static final String OLD = "old";
    /** "true": every call that reaches ras hangs (with a child process of its own) far longer than any timeout. */
    public static final String HANG = "hang";
    /** Comma-separated host names that resolve; empty or absent for every host. */
    public static final String HOSTS = "hosts";
    /**
     * "true": reach ras for real, a TCP connection to the address given (any port; refused or silent
     * within 3 s is a connection failure), e.g. through an SSH tunnel to a listener of the test.
     */
    public static final String TCP = "tcp";

    static final String SETTINGS = "settings.properties";
    static final String NEXT_ERROR = "next-error.properties";
    static final String CALLS = "calls.log";
    static final String LOCK = ".lock";
    static final String CLUSTERS = "clusters.txt";
    static final String INFOBASES = "infobases.txt";
    static final String SESSIONS = "sessions.txt";
    static final String HANG_CHILD_PID = "hang-child.pid";
    static final String HANG_PID = "hang.pid";

    static final String NOT_AUTHENTICATED = "Администратор кластера не аутентифицирован";
    static final String NO_INFOBASE_RIGHTS = "Недостаточно прав пользователя на информационную базу";
    static final String NO_SESSION = "Сеанс с указанным идентификатором не найден";
    static final String NO_CLUSTER = "Кластер с указанным идентификатором не найден";
    static final String NO_INFOBASE = "Информационная база с указанным идентификатором не найдена";
    static final String CONNECTION_FAILED = "Ошибка соединения с сервером администрирования";
    static final String UNKNOWN_HOST = "Компьютер отсутствует в сети или недоступен";
    static final String BAD_OPTION = "Ошибка разбора параметра: ";

    /** A failure rac reports: the text on stderr and the exit code. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int exit;

        Failure(String text) {
            this(text, 255);
        }

        Failure(String text, int exit) {
            super(text, null, false, false);
            this.exit = exit;
        }
    }

    private final Path dir;
    private final Properties settings;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> words = new ArrayList<>();
    private String address = "localhost:1545";

    private FakeRac(Path dir, List<String> args) throws IOException {
        this.dir = dir;
        this.settings = load(dir.resolve(SETTINGS));
        for (String a : args) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                options.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "" : a.substring(eq + 1));
            } else {
                words.add(a);
            }
        }
        if (!words.isEmpty() && words.get(words.size() - 1).contains(":")) {
            address = words.remove(words.size() - 1);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: FakeRac SCENARIO_DIR rac-arguments...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<String> racArgs = List.of(args).subList(1, args.length);
        log(dir, racArgs);
        FakeRac rac = new FakeRac(dir, racArgs);
        Charset charset = Charset.forName(rac.settings.getProperty(ENCODING, "UTF-8"));
        boolean crlf = Boolean.parseBoolean(rac.settings.getProperty(CRLF, "false"));
        int exit;
        try {
            write(System.out, rac.run(), charset, crlf);
            exit = 0;
        } catch (Failure f) {
            write(System.err, f.getMessage() + "\n", charset, crlf);
            exit = f.exit;
        }
        System.exit(exit);
    }

    private static void write(java.io.PrintStream out, String text, Charset charset, boolean crlf) {
        byte[] bytes = (crlf ? text.replace("\n", "\r\n") : text).getBytes(charset);
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    private String command() {
        return String.join(" ", words);
    }

    private String run() throws Failure, IOException, InterruptedException {
        String command = command();
        if (command.equals("help") || command.endsWith(" help")) {
            return help(command);
        }
        failIfAsked(command);
        connect();
        if (command.equals("cluster list")) {
            return read(dir.resolve(CLUSTERS));
        }
        String cluster = option("cluster");
        Path clusterDir = dir.resolve(cluster);
        switch (command) {
            case "infobase summary list", "session list", "session info", "session terminate",
                    "session interrupt-current-server-call", "infobase info", "infobase update" -> {
                if (command.equals("session interrupt-current-server-call") && old()) {
                    throw new Failure(BAD_OPTION + "interrupt-current-server-call");
                }
                if (cluster.isEmpty() || !Files.isDirectory(clusterDir)) {
                    throw new Failure(NO_CLUSTER);
                }
                authenticate();
            }
            default -> throw new Failure(BAD_OPTION + (words.isEmpty() ? "" : words.get(words.size() - 1)));
        }
        return switch (command) {
            case "infobase summary list" -> read(clusterDir.resolve(INFOBASES));
            case "session list" -> sessionList(clusterDir);
            case "session info" -> locked(() -> print(List.of(findSession(blocks(clusterDir.resolve(SESSIONS))))));
            case "session terminate" -> locked(() -> {
                List<List<String>> blocks = blocks(clusterDir.resolve(SESSIONS));
                blocks.remove(findSession(blocks));
                writeAtomically(clusterDir.resolve(SESSIONS), print(blocks));
                return "";
            });
            case "session interrupt-current-server-call" -> locked(() -> {
                List<List<String>> blocks = blocks(clusterDir.resolve(SESSIONS));
                List<String> s = findSession(blocks);
                set(s, "duration-current", "0");
                set(s, "duration-current-dbms", "0");
                writeAtomically(clusterDir.resolve(SESSIONS), print(blocks));
                return "";
            });
            case "infobase info" -> locked(() -> print(List.of(infobase(clusterDir))));
            case "infobase update" -> locked(() -> update(clusterDir));
            default -> throw new IllegalStateException(command);
        };
    }

    private boolean old() {
        return Boolean.parseBoolean(settings.getProperty(OLD, "false"));
    }

    private String option(String name) {
        return options.getOrDefault(name, "");
    }

    /** The forced failure of the next call (of the command it names, when it names one), consumed by it. */
    private void failIfAsked(String command) throws Failure, IOException {
        Failure f = locked(() -> {
            Path file = dir.resolve(NEXT_ERROR);
            if (!Files.exists(file)) {
                return null;
            }
            Properties p = load(file);
            String wanted = p.getProperty("command", "");
            if (!wanted.isEmpty() && !command.startsWith(wanted)) {
                return null;
            }
            Files.delete(file);
            return new Failure(p.getProperty("text", ""), Integer.parseInt(p.getProperty("exit", "255")));
        });
        if (f != null) {
            throw f;
        }
    }

    /** Reaching ras: a hang, an unknown host, a port ras does not listen on. */
    private void connect() throws Failure, IOException, InterruptedException {
        if (Boolean.parseBoolean(settings.getProperty(HANG, "false"))) {
            hang();
        }
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        String port = address.substring(colon + 1);
        String hosts = settings.getProperty(HOSTS, "").strip();
        if (!hosts.isEmpty() && !List.of(hosts.split("\\s*,\\s*")).contains(host)) {
            throw new Failure(UNKNOWN_HOST + "\nserver_addr=tcp://" + address + " descr=" + host
                    + ": Name or service not known");
        }
        if (Boolean.parseBoolean(settings.getProperty(TCP, "false"))) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(host, Integer.parseInt(port)), 3000);
                s.setSoTimeout(3000);
                // the listener answers one byte: a connection that ends unanswered did not reach it
                if (s.getInputStream().read() < 0) {
                    throw new IOException("closed unanswered");
                }
                return;
            } catch (IOException e) {
                throw new Failure(CONNECTION_FAILED + "\nserver_addr=tcp://" + address + " descr=" + address + ": "
                        + e.getMessage() + " line=1048 file=src/rtrsrvc/src/DataExchangeTcpClientImpl.cpp");
            }
        }
        if (!port.equals(settings.getProperty(PORT, "1545"))) {
            throw new Failure(CONNECTION_FAILED + "\nserver_addr=tcp://" + address + " descr=" + address
                    + ": Connection refused line=1048 file=src/rtrsrvc/src/DataExchangeTcpClientImpl.cpp");
        }
    }

    /** Sleeps far longer than any timeout, with a child process of its own (both pids noted). */
    private void hang() throws IOException, InterruptedException {
        Process child = new ProcessBuilder("sleep", "3600").redirectErrorStream(true).start();
        writeAtomically(dir.resolve(HANG_CHILD_PID), Long.toString(child.pid()));
        writeAtomically(dir.resolve(HANG_PID), Long.toString(ProcessHandle.current().pid()));
        Thread.sleep(3_600_000L);
    }

    private void authenticate() throws Failure {
        String user = settings.getProperty(ADMIN_USER);
        if (user == null) {
            return;
        }
        if (!user.equals(option("cluster-user")) || !settings.getProperty(ADMIN_PASSWORD, "").equals(option("cluster-pwd"))) {
            throw new Failure(NOT_AUTHENTICATED);
        }
    }

    private String sessionList(Path clusterDir) throws Failure, IOException {
        String text = read(clusterDir.resolve(SESSIONS));
        String infobase = option("infobase");
        if (!options.containsKey("infobase")) {
            return text;
        }
        if (!knownInfobase(clusterDir, infobase)) {
            throw new Failure(NO_INFOBASE);
        }
        List<List<String>> blocks = parse(text);
        blocks.removeIf(b -> !infobase.equalsIgnoreCase(value(b, "infobase")));
        return print(blocks);
    }

    private boolean knownInfobase(Path clusterDir, String infobase) throws IOException {
        return !infobase.isEmpty() && blocks(clusterDir.resolve(INFOBASES)).stream()
                .anyMatch(b -> infobase.equalsIgnoreCase(value(b, "infobase")));
    }

    private List<String> findSession(List<List<String>> blocks) throws Failure {
        String id = option("session");
        for (List<String> b : blocks) {
            if (!id.isEmpty() && id.equalsIgnoreCase(value(b, "session"))) {
                return b;
            }
        }
        throw new Failure(NO_SESSION);
    }

    /** The infobase's info block, after its administrator is checked. */
    private List<String> infobase(Path clusterDir) throws Failure, IOException {
        String infobase = option("infobase");
        Path file = clusterDir.resolve("infobase-" + infobase + ".txt");
        if (!knownInfobase(clusterDir, infobase) || !Files.exists(file)) {
            throw new Failure(NO_INFOBASE);
        }
        String user = settings.getProperty(IB_USER + infobase);
        if (user != null && (!user.equals(option("infobase-user"))
                || !settings.getProperty(IB_PASSWORD + infobase, "").equals(option("infobase-pwd")))) {
            throw new Failure(NO_INFOBASE_RIGHTS);
        }
        return blocks(file).get(0);
    }

    private String update(Path clusterDir) throws Failure, IOException {
        List<String> info = infobase(clusterDir);
        for (String key : List.of("sessions-deny", "scheduled-jobs-deny")) {
            if (options.containsKey(key)) {
                String v = option(key);
                if (!v.equals("on") && !v.equals("off")) {
                    throw new Failure(BAD_OPTION + key);
                }
                set(info, key, v);
            }
        }
        for (String key : List.of("denied-from", "denied-to")) {
            if (options.containsKey(key)) {
                String v = option(key);
                if (!v.isEmpty() && !v.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d")) {
                    throw new Failure(BAD_OPTION + key);
                }
                set(info, key, v);
            }
        }
        for (String key : List.of("denied-message", "permission-code", "denied-parameter")) {
            if (options.containsKey(key)) {
                set(info, key, '"' + option(key).replace("\"", "\"\"") + '"');
            }
        }
        writeAtomically(clusterDir.resolve("infobase-" + option("infobase") + ".txt"), print(List.of(info)));
        return "";
    }

    private String help(String command) {
        StringBuilder b = new StringBuilder("1C:Enterprise 8.3 (x86-64) (8.3." + (old() ? "12.1790" : "24.1691")
                + ") Remote Administration Client\nCopyright © 1996-2024 1C-Soft LLC\n\n");
        if (command.startsWith("session")) {
            b.append("Режим управления сеансами\n\nОбщие параметры:\n\n    --cluster=<uuid>\n        идентификатор кластера серверов\n\n")
                    .append("Команды:\n\n    info\n        получение информации о сеансе\n\n")
                    .append("    list\n        получение списка информации о сеансах\n\n")
                    .append("    terminate\n        принудительное завершение сеанса\n\n");
            if (!old()) {
                b.append("    interrupt-current-server-call\n        прерывание текущего серверного вызова\n\n");
            }
        } else {
            b.append("Режимы: agent cluster manager server process service infobase connection session lock rule profile counter limit\n");
        }
        return b.toString();
    }

    // ---- the rac format, kept line by line so that a change keeps everything else as it was

    private static List<List<String>> blocks(Path file) throws IOException {
        return parse(read(file));
    }

    static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    out.add(block);
                    block = new ArrayList<>();
                }
            } else {
                block.add(line);
            }
        }
        if (!block.isEmpty()) {
            out.add(block);
        }
        return out;
    }

    static String print(List<List<String>> blocks) {
        StringBuilder b = new StringBuilder();
        for (List<String> block : blocks) {
            block.forEach(l -> b.append(l).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    /** The key of a line, 8.3's {@code duration current-dbms} spelt as 8.5's. */
    private static String key(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(0, colon).strip().replaceAll("\\s+", "-");
    }

    static String value(List<String> block, String key) {
        for (String line : block) {
            if (key(line).equals(key)) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return null;
    }

    /** Sets the value of a key the block has, keeping its spelling and padding. */
    static void set(List<String> block, String key, String value) {
        for (int i = 0; i < block.size(); i++) {
            String line = block.get(i);
            if (key(line).equals(key)) {
                block.set(i, line.substring(0, line.indexOf(':') + 1) + " " + value);
                return;
            }
        }
    }

    // ---- files

    @FunctionalInterface
    interface Locked<T> {
        T run() throws Failure, IOException;
    }

    /** Runs {@code body} holding the scenario's lock (other rac processes and the test wait). */
    private <T> T locked(Locked<T> body) throws Failure, IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.lock(); // released when the channel closes
            return body.run();
        }
    }

    private static void log(Path dir, List<String> args) throws IOException {
        StringBuilder line = new StringBuilder();
        for (String a : args) {
            if (line.length() > 0) {
                line.append('\t');
            }
            line.append(a.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
        }
        line.append('\n');
        try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.lock(); // released when the channel closes
            Files.writeString(dir.resolve(CALLS), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    static Properties load(Path file) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    static void store(Path file, Properties p) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        move(tmp, file);
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        move(tmp, file);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
