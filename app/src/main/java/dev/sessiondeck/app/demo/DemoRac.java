package dev.sessiondeck.app.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A simulated 1C:Enterprise cluster for the demo, behind the same command line as 1C's {@code rac}, so
 * that the demo's 1C data source goes through SessionDeck's real 1C adapter. It prints what rac prints
 * (FIELD-NOTES.md, "1C:Enterprise server cluster"): one cluster, three infobases and a few dozen
 * sessions that change over time (calls start and end, counters grow, one session ends and another
 * starts every minute, a DBMS lock wait now and then). Terminating a session, interrupting its call and
 * locking an infobase are remembered in its state folder. Not a 1C server: clearly labelled as
 * simulated wherever it shows.
 *
 * <p>Usage: {@code DemoRac STATE_FOLDER <rac arguments>}; the session count is in
 * {@code STATE_FOLDER/count} (default 40).
 */
public final class DemoRac {

    static final String CLUSTER = "5d4e3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c";
    private static final String[] INFOBASES = {"Бухгалтерия предприятия", "Зарплата и управление персоналом",
        "Управление торговлей"};
    private static final String[] USERS = {"Иванов И.И.", "Петрова А.С.", "Бухгалтер", "Кладовщик", "Менеджер по продажам",
        "Администратор", "Сидоров П.П.", "Кассир"};
    private static final String[] APPS = {"1CV8C", "1CV8C", "1CV8C", "WebClient", "1CV8", "Designer", "COMConnection",
        "BackgroundJob"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final Path state;
    private final long startedAt;
    private final long now = System.currentTimeMillis();
    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private DemoRac(Path state) throws IOException {
        this.state = state;
        Path started = state.resolve("started");
        if (!Files.exists(started)) {
            Files.writeString(started, Long.toString(now));
        }
        this.startedAt = Long.parseLong(Files.readString(started).strip());
    }

    /**
     * Writes the {@code rac} a 1C data source runs for the simulation into {@code folder} (also its
     * state folder): a script that starts this class with the JVM and the classes running now.
     *
     * @return the script's path
     */
    public static Path install(Path folder) throws IOException {
        Files.createDirectories(folder);
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        String classes;
        try {
            classes = Path.of(DemoRac.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot tell where the demo's classes are", e);
        }
        String flags = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
        Path script = folder.resolve(windows ? "rac.cmd" : "rac");
        Files.writeString(script, windows
                ? "@\"" + javaCommand + "\" " + flags + " -cp \"" + classes + "\" " + DemoRac.class.getName() + " \"" + folder + "\" %*\r\n"
                : "#!/bin/sh\nexec '" + javaCommand + "' " + flags + " -cp '" + classes + "' " + DemoRac.class.getName()
                        + " '" + folder + "' \"$@\"\n", StandardCharsets.UTF_8);
        if (!script.toFile().setExecutable(true, true)) {
            throw new IOException("cannot make " + script + " executable");
        }
        return script;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("Usage: DemoRac STATE_FOLDER <rac arguments>");
            System.exit(255);
        }
        DemoRac rac = new DemoRac(Path.of(args[0]));
        List<String> words = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                options.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "" : a.substring(eq + 1));
            } else if (!a.contains(":")) {
                words.add(a);
            }
        }
        System.exit(rac.run(String.join(" ", words), options));
    }

    private int run(String command, Map<String, String> o) throws IOException {
        switch (command) {
            case "cluster list" -> block(Map.of("cluster", CLUSTER, "host", "demo-1c", "port", "1541",
                    "name", "\"Demo cluster (simulated)\""));
            case "infobase summary list" -> {
                for (int i = 0; i < INFOBASES.length; i++) {
                    block(Map.of("infobase", infobase(i), "name", "\"" + INFOBASES[i] + "\"", "descr", "\"\""));
                }
            }
            case "session list" -> sessions().stream()
                    .filter(s -> !o.containsKey("infobase") || s.get("infobase").equals(o.get("infobase")))
                    .forEach(this::block);
            case "session info" -> {
                Map<String, String> s = find(o.get("session"));
                if (s == null) {
                    return error("Сеанс с указанным идентификатором не найден");
                }
                block(s);
            }
            case "session terminate" -> {
                if (find(o.get("session")) == null) {
                    return error("Сеанс с указанным идентификатором не найден");
                }
                remember("ended", o.get("session"));
            }
            case "session interrupt-current-server-call" -> {
                if (find(o.get("session")) == null) {
                    return error("Сеанс с указанным идентификатором не найден");
                }
                remember("interrupted", o.get("session") + "=" + now);
            }
            case "session help" -> out.println("rac session list | info | terminate | interrupt-current-server-call");
            case "infobase info" -> block(lock(o.get("infobase")));
            case "infobase update" -> remember("locks", o.get("infobase") + "=" + o.getOrDefault("sessions-deny", "off")
                    + "|" + o.getOrDefault("denied-from", "") + "|" + o.getOrDefault("denied-to", "") + "|"
                    + o.getOrDefault("denied-message", "").replace('|', '/') + "|" + o.getOrDefault("permission-code", "")
                    + "|" + o.getOrDefault("scheduled-jobs-deny", "off"));
            default -> {
                return error("Ошибка разбора параметра: " + command);
            }
        }
        return 0;
    }

    private int error(String text) {
        System.err.println(text);
        return 255;
    }

    private static String infobase(int i) {
        return UUID.nameUUIDFromBytes(("demo-infobase-" + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void remember(String file, String line) throws IOException {
        Files.writeString(state.resolve(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private List<String> remembered(String file) throws IOException {
        Path p = state.resolve(file);
        return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
    }

    private Map<String, String> find(String session) throws IOException {
        return sessions().stream().filter(s -> s.get("session").equals(session)).findFirst().orElse(null);
    }

    /** The lock of an infobase as {@code infobase info} prints it. */
    private Map<String, String> lock(String infobase) throws IOException {
        String[] l = {"off", "", "", "", "", "off"};
        for (String line : remembered("locks")) {
            if (line.startsWith(infobase + "=")) {
                l = line.substring(infobase.length() + 1).split("\\|", -1);
            }
        }
        Map<String, String> b = new LinkedHashMap<>();
        b.put("infobase", infobase);
        b.put("sessions-deny", l[0]);
        b.put("denied-from", l[1]);
        b.put("denied-to", l[2]);
        b.put("denied-message", "\"" + l[3] + "\"");
        b.put("permission-code", "\"" + l[4] + "\"");
        b.put("scheduled-jobs-deny", l[5]);
        return b;
    }

    /** The sessions now: each minute the oldest session ends and a new one begins. */
    private List<Map<String, String>> sessions() throws IOException {
        int count = Files.exists(state.resolve("count")) ? Integer.parseInt(Files.readString(state.resolve("count")).strip()) : 40;
        long minute = (now - startedAt) / 60_000;
        List<String> ended = remembered("ended");
        Map<String, Long> interrupted = new HashMap<>();
        for (String line : remembered("interrupted")) {
            String[] kv = line.split("=");
            interrupted.put(kv[0], Long.parseLong(kv[1]));
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (long n = minute; n < minute + count; n++) {
            Map<String, String> s = session(n, minute, interrupted);
            if (!ended.contains(s.get("session"))) {
                out.add(s);
            }
        }
        return out;
    }

    private Map<String, String> session(long n, long first, Map<String, Long> interrupted) {
        int i = (int) (n % 1000);
        String uuid = UUID.nameUUIDFromBytes(("demo-session-" + n).getBytes(StandardCharsets.UTF_8)).toString();
        int ib = i % INFOBASES.length;
        String app = APPS[i % APPS.length];
        long started = startedAt + (n - 40) * 60_000 - i * 7_000L;
        long age = Math.max(1, now - started);
        long tick = now / 1000;
        // a server call runs for a while every few seconds; a few sessions run long ones
        long phase = (tick + i * 3) % 20;
        long current = i % 11 == 3 ? (tick % 600) * 1000 + 4_000 : phase < 4 ? phase * 700 + i * 13 : 0;
        Long stopped = interrupted.get(uuid);
        if (stopped != null && now - stopped < 15_000) {
            current = 0;
        }
        boolean sleeping = current == 0 && i % 5 == 4;
        long calls = age / 9_000 + i;
        Map<String, String> b = new LinkedHashMap<>();
        b.put("session", uuid);
        b.put("session-id", Long.toString(n + 1));
        b.put("infobase", infobase(ib));
        b.put("connection", sleeping ? "00000000-0000-0000-0000-000000000000"
                : UUID.nameUUIDFromBytes(("c" + n).getBytes(StandardCharsets.UTF_8)).toString());
        b.put("process", UUID.nameUUIDFromBytes("demo-process".getBytes(StandardCharsets.UTF_8)).toString());
        b.put("user-name", app.equals("BackgroundJob") ? "" : USERS[i % USERS.length]);
        b.put("host", "WS-" + (100 + i));
        b.put("app-id", app);
        b.put("locale", "ru_RU");
        b.put("started-at", time(started));
        b.put("last-active-at", time(now - (current > 0 ? 0 : (i % 17) * 11_000L)));
        b.put("hibernate", sleeping ? "yes" : "no");
        b.put("passive-session-hibernate-time", "1200");
        b.put("hibernate-session-terminate-time", "86400");
        // now and then one session waits on the DBMS lock of the session three before it (the same infobase)
        boolean waits = current > 0 && i % 13 == 7 && n - 3 >= first;
        b.put("blocked-by-dbms", waits ? Long.toString(n - 3 + 1) : "0");
        b.put("blocked-by-ls", "0");
        b.put("bytes-all", Long.toString(calls * 18_432));
        b.put("bytes-last-5min", Long.toString((calls % 40) * 9_216));
        b.put("calls-all", Long.toString(calls));
        b.put("calls-last-5min", Long.toString(calls % 40));
        b.put("dbms-bytes-all", Long.toString(calls * 52_000));
        b.put("dbms-bytes-last-5min", Long.toString((calls % 40) * 26_000));
        b.put("db-proc-info", current > 0 ? "\"pid " + (4000 + i) + "\"" : "\"\"");
        b.put("db-proc-took", current > 0 ? Long.toString(current / 2) : "0");
        b.put("db-proc-took-at", current > 0 ? time(now - current / 2) : "");
        b.put("duration-all", Long.toString(calls * 310));
        b.put("duration-all-dbms", Long.toString(calls * 120));
        b.put("duration-current", Long.toString(current));
        b.put("duration current-dbms", Long.toString(current / 3));
        b.put("duration-last-5min", Long.toString((calls % 40) * 290));
        b.put("duration-last-5min-dbms", Long.toString((calls % 40) * 110));
        b.put("memory-current", Long.toString(current > 0 ? 2_097_152L + i * 65_536L : -4_096));
        b.put("memory-last-5min", Long.toString((calls % 40) * 1_048_576L));
        b.put("memory-total", Long.toString(calls * 3_145_728L));
        b.put("read-current", Long.toString(current > 0 ? 81_920 : 0));
        b.put("read-last-5min", Long.toString((calls % 40) * 40_960));
        b.put("read-total", Long.toString(calls * 90_000));
        b.put("write-current", "0");
        b.put("write-last-5min", Long.toString((calls % 40) * 4_096));
        b.put("write-total", Long.toString(calls * 8_192));
        b.put("duration-current-service", "0");
        b.put("duration-last-5min-service", Long.toString((calls % 40) * 12));
        b.put("duration-all-service", Long.toString(calls * 15));
        b.put("current-service-name", "");
        b.put("cpu-time-current", Long.toString(current * 2 / 3));
        b.put("cpu-time-last-5min", Long.toString((calls % 40) * 180));
        b.put("cpu-time-total", Long.toString(calls * 210));
        b.put("data-separation", "''");
        b.put("client-ip", "10.10." + (i % 4) + "." + (20 + i));
        return b;
    }

    private static String time(long millis) {
        return TIME.format(LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), ZoneId.systemDefault()));
    }

    /** One block: keys padded as rac pads them, then a blank line. */
    private void block(Map<String, String> b) {
        StringBuilder sb = new StringBuilder();
        b.forEach((k, v) -> sb.append(String.format("%-32s : %s%n", k, v)));
        out.print(sb.append(System.lineSeparator()));
    }
}
