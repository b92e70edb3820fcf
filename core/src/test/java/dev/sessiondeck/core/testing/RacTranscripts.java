package dev.sessiondeck.core.testing;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes what 1C's {@code rac} prints, exactly in its format (FIELD-NOTES.md, "1C:Enterprise server
 * cluster"): blocks of {@code key : value} lines, each key left-aligned and padded with spaces to the
 * longest key of the command (32 characters for {@code session list}) and then {@code " : "}, one
 * blank line after each block; {@code name}, {@code descr}, {@code denied-message} and
 * {@code permission-code} double-quoted, {@code data-separation} {@code ''} when there is none.
 *
 * <p>The {@link #standard() standard scene}: two clusters, three infobases with Cyrillic names and
 * 1,000 sessions of deterministic values, among them active ones ({@code duration-current} above
 * 0), hibernated ones, background jobs, a DBMS blocker chain (in the first infobase session 3 waits
 * for 2, which waits for 1), a managed-lock wait, {@code client-ip} with two addresses, negative
 * {@code memory-current} and all-zero connection and process UUIDs. Sessions are printed in one of
 * the {@link Variant variants} rac versions print.
 */
public final class RacTranscripts {

    /** The 49 keys of a session block, in rac's order (8.3.2x and 8.5; 8.5 spelling). */
    public static final List<String> SESSION_KEYS = List.of("session", "session-id", "infobase", "connection", "process",
            "user-name", "host", "app-id", "locale", "started-at", "last-active-at", "hibernate",
            "passive-session-hibernate-time", "hibernate-session-terminate-time", "blocked-by-dbms", "blocked-by-ls",
            "bytes-all", "bytes-last-5min", "calls-all", "calls-last-5min", "dbms-bytes-all", "dbms-bytes-last-5min",
            "db-proc-info", "db-proc-took", "db-proc-took-at", "duration-all", "duration-all-dbms", "duration-current",
            "duration-current-dbms", "duration-last-5min", "duration-last-5min-dbms", "memory-current",
            "memory-last-5min", "memory-total", "read-current", "read-last-5min", "read-total", "write-current",
            "write-last-5min", "write-total", "duration-current-service", "duration-last-5min-service",
            "duration-all-service", "current-service-name", "cpu-time-current", "cpu-time-last-5min", "cpu-time-total",
            "data-separation", "client-ip");
    /** The width session keys are padded to: the longest, {@code hibernate-session-terminate-time}. */
    public static final int SESSION_KEY_WIDTH = 32;

    /** The keys of {@code infobase info} that a lock reads and changes, among the others rac prints. */
    public static final List<String> INFOBASE_INFO_KEYS = List.of("infobase", "name", "dbms", "db-server", "db-name",
            "db-user", "security-level", "license-distribution", "scheduled-jobs-deny", "sessions-deny", "denied-from",
            "denied-message", "denied-parameter", "denied-to", "permission-code",
            "external-session-manager-connection-string", "external-session-manager-required",
            "security-profile-name", "safe-mode-security-profile-name", "reserve-working-processes", "descr");

    /** The values rac double-quotes. */
    public static final List<String> QUOTED = List.of("name", "descr", "denied-message", "permission-code",
            "application");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** The all-zero UUID of a session without a connection or process right now. */
    public static final String NO_UUID = "00000000-0000-0000-0000-000000000000";

    private RacTranscripts() {
    }

    /** How a rac version prints a session block. */
    public enum Variant {
        /** 8.3.2x: all 49 keys, {@code duration current-dbms} with a space (a platform bug). */
        V8_3,
        /** 8.5: all 49 keys, {@code duration-current-dbms} with a hyphen. */
        V8_5,
        /**
         * 8.3.1x: stops after {@code duration-last-5min-dbms} (no memory, read, write, service,
         * cpu-time, data-separation, client-ip), {@code duration current-dbms} with a space.
         */
        OLD_8_3_1X;

        /** The keys this variant prints, in order (8.5 spelling). */
        public List<String> keys() {
            return this == OLD_8_3_1X ? SESSION_KEYS.subList(0, SESSION_KEYS.indexOf("duration-last-5min-dbms") + 1)
                    : SESSION_KEYS;
        }

        /** How this variant spells a key. */
        public String spell(String key) {
            return this != V8_5 && key.equals("duration-current-dbms") ? "duration current-dbms" : key;
        }
    }

    /** A cluster as {@code cluster list} prints it. */
    public record Cluster(String uuid, String host, int port, String name) {
        public Cluster {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(name, "name");
        }
    }

    /** An infobase as {@code infobase summary list} prints it, and the cluster it belongs to. */
    public record Infobase(String uuid, String name, String descr, String cluster) {
        public Infobase {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(cluster, "cluster");
        }
    }

    /**
     * Clusters, their infobases and their sessions (each session's values by 8.5 key, in
     * {@link #SESSION_KEYS} order; every session names its infobase, and through it its cluster).
     */
    public record Scene(List<Cluster> clusters, List<Infobase> infobases, List<Map<String, String>> sessions) {
        public Scene {
            clusters = List.copyOf(clusters);
            infobases = List.copyOf(infobases);
            sessions = Collections.unmodifiableList(new ArrayList<>(sessions));
        }

        /** The cluster an infobase belongs to. */
        public String clusterOf(String infobase) {
            return infobases.stream().filter(i -> i.uuid().equals(infobase)).map(Infobase::cluster).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no infobase " + infobase));
        }

        public List<Infobase> infobasesOf(String cluster) {
            return infobases.stream().filter(i -> i.cluster().equals(cluster)).toList();
        }

        public List<Map<String, String>> sessionsOf(String cluster) {
            return sessions.stream().filter(s -> clusterOf(s.get("infobase")).equals(cluster)).toList();
        }

        public List<Map<String, String>> sessionsOfInfobase(String infobase) {
            return sessions.stream().filter(s -> infobase.equals(s.get("infobase"))).toList();
        }

        /** The session with this UUID. */
        public Map<String, String> session(String uuid) {
            return sessions.stream().filter(s -> s.get("session").equals(uuid)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no session " + uuid));
        }

        /** The session with this number in this infobase. */
        public Map<String, String> session(String infobase, long number) {
            return sessions.stream().filter(s -> infobase.equals(s.get("infobase"))
                            && Long.toString(number).equals(s.get("session-id"))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no session " + number + " in " + infobase));
        }
    }

    // ---- the standard scene

    public static final Cluster MAIN = new Cluster("b1c2d3e4-0001-4a00-8000-0000000000c1", "srv-1c-01", 1541,
            "Главный кластер");
    public static final Cluster SPARE = new Cluster("b1c2d3e4-0002-4a00-8000-0000000000c2", "srv-1c-02", 1641,
            "Local cluster");
    public static final Infobase ACCOUNTING = new Infobase("8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d01",
            "Бухгалтерия предприятия", "Основная база \"Бухгалтерии\"", MAIN.uuid());
    public static final Infobase PAYROLL = new Infobase("8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d02",
            "Зарплата и управление персоналом", "", MAIN.uuid());
    public static final Infobase TRADE = new Infobase("8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d03",
            "Управление торговлей", "УТ 11", SPARE.uuid());
    /** The number of sessions of {@link #standard()}. */
    public static final int STANDARD_SESSIONS = 1000;
    /** When the first session of {@link #standard()} started (server time). */
    public static final LocalDateTime FIRST_START = LocalDateTime.of(2026, 11, 30, 8, 0, 0);

    private static final String[] APPS = {"1CV8C", "1CV8C", "1CV8", "WebClient", "BackgroundJob", "Designer",
            "COMConnection", "HTTPServiceConnection", "1CV8C", "SrvrConsole"};
    private static final String[] USERS = {"Бухгалтер", "Иванов И.И.", "Петрова А.С.", "Администратор", "Kassir"};

    /** Session {@code i}'s UUID in {@link #standard()}. */
    public static String sessionUuid(int i) {
        return String.format("5e55%04x-1c00-4000-8000-%012x", i, 0xa000L + i);
    }

    /** Session {@code i}'s infobase in {@link #standard()}: every third one in each. */
    public static Infobase infobaseOf(int i) {
        return List.of(ACCOUNTING, PAYROLL, TRADE).get(i % 3);
    }

    /** True when session {@code i} of {@link #standard()} is hibernated. */
    public static boolean hibernated(int i) {
        return i % 7 == 3;
    }

    /** True when session {@code i} of {@link #standard()} runs a server call ({@code duration-current} above 0). */
    public static boolean active(int i) {
        return i % 4 == 0 && !hibernated(i);
    }

    /** Session {@code i}'s {@code app-id} in {@link #standard()}. */
    public static String appId(int i) {
        return APPS[i % APPS.length];
    }

    /**
     * Two clusters ({@link #MAIN} with {@link #ACCOUNTING} and {@link #PAYROLL}, {@link #SPARE} with
     * {@link #TRADE}) and {@value #STANDARD_SESSIONS} sessions.
     */
    public static Scene standard() {
        return scene(STANDARD_SESSIONS);
    }

    /** The standard scene with its first {@code count} sessions. */
    public static Scene scene(int count) {
        List<Map<String, String>> sessions = new ArrayList<>(count);
        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Infobase ib = infobaseOf(i);
            int number = numbers.merge(ib.uuid(), 1, Integer::sum);
            sessions.add(session(i, ib, number));
        }
        return new Scene(List.of(MAIN, SPARE), List.of(ACCOUNTING, PAYROLL, TRADE), sessions);
    }

    /** Session {@code i} (the {@code number}-th of its infobase), every value by 8.5 key. */
    private static Map<String, String> session(int i, Infobase ib, int number) {
        boolean sleeping = hibernated(i);
        boolean active = active(i);
        String app = appId(i);
        boolean background = app.equals("BackgroundJob") || app.equals("SrvrConsole");
        LocalDateTime started = FIRST_START.plusSeconds(7L * i);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("session", sessionUuid(i));
        s.put("session-id", Integer.toString(number));
        s.put("infobase", ib.uuid());
        boolean connected = !sleeping && i % 5 != 0;
        s.put("connection", connected ? String.format("c0000000-0000-4000-8000-%012x", i) : NO_UUID);
        s.put("process", connected ? String.format("f0000000-0000-4000-8000-%012x", i % 4) : NO_UUID);
        s.put("user-name", background ? "" : USERS[i % USERS.length]);
        s.put("host", String.format("WS-%03d", i % 250));
        s.put("app-id", app);
        s.put("locale", i % 6 == 5 ? "en_US" : "ru_RU");
        s.put("started-at", TIME.format(started));
        s.put("last-active-at", TIME.format(started.plusSeconds(60L + i % 600)));
        s.put("hibernate", sleeping ? "yes" : "no");
        s.put("passive-session-hibernate-time", sleeping ? "1200" : "0");
        s.put("hibernate-session-terminate-time", sleeping ? "86400" : "0");
        // the DBMS chain in the first infobase: 3 waits for 2, 2 waits for 1; 5 waits for 4 in managed locks
        boolean first = ib.equals(ACCOUNTING);
        s.put("blocked-by-dbms", first && number == 2 ? "1" : first && number == 3 ? "2" : "0");
        s.put("blocked-by-ls", first && number == 5 ? "4" : "0");
        s.put("bytes-all", Long.toString(100_000L + 1_000L * i));
        s.put("bytes-last-5min", Long.toString(10L * i));
        s.put("calls-all", Long.toString(50L + i));
        s.put("calls-last-5min", Integer.toString(i % 13));
        s.put("dbms-bytes-all", Long.toString(2_000_000L + 37L * i));
        s.put("dbms-bytes-last-5min", Long.toString(3L * i));
        s.put("db-proc-info", active && i % 8 == 0 ? Integer.toString(4000 + i) : "");
        s.put("db-proc-took", active && i % 8 == 0 ? Integer.toString(250 + i) : "0");
        s.put("db-proc-took-at", active && i % 8 == 0 ? TIME.format(started.plusSeconds(30)) : "");
        s.put("duration-all", Long.toString(5_000L + 11L * i));
        s.put("duration-all-dbms", Long.toString(1_500L + 5L * i));
        s.put("duration-current", active ? Long.toString(1_500L + i) : "0");
        s.put("duration-current-dbms", active ? Long.toString(700L + i) : "0");
        s.put("duration-last-5min", Long.toString(20L * (i % 17)));
        s.put("duration-last-5min-dbms", Long.toString(5L * (i % 17)));
        s.put("memory-current", i % 9 == 0 ? Long.toString(-1024L * (i + 1)) : Long.toString(4096L * i));
        s.put("memory-last-5min", Long.toString(65_536L + i));
        s.put("memory-total", Long.toString(1_048_576L + 512L * i));
        s.put("read-current", active ? Long.toString(8_192L + i) : "0");
        s.put("read-last-5min", Long.toString(16_384L + i));
        s.put("read-total", Long.toString(1_000_000L + 100L * i));
        s.put("write-current", active ? Long.toString(512L + i) : "0");
        s.put("write-last-5min", Long.toString(1_024L + i));
        s.put("write-total", Long.toString(500_000L + 50L * i));
        s.put("duration-current-service", "0");
        s.put("duration-last-5min-service", Long.toString(i % 3));
        s.put("duration-all-service", Long.toString(10L + i % 100));
        s.put("current-service-name", "");
        s.put("cpu-time-current", active ? Long.toString(900L + i) : "0");
        s.put("cpu-time-last-5min", Long.toString(30L * (i % 11)));
        s.put("cpu-time-total", Long.toString(3_000L + 7L * i));
        s.put("data-separation", i % 50 == 7 ? "ОбластьДанныхОсновныеДанные=5" : "");
        s.put("client-ip", background ? "" : i % 11 == 0 ? "10.0.0.5,fe80::1c:42" : "10.0." + (i % 4) + "." + (1 + i % 200));
        return s;
    }

    // ---- printing

    /** One line: the key padded to {@code width}, then {@code " : "} and the value. */
    public static String line(String key, String value, int width) {
        StringBuilder b = new StringBuilder(key);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.append(" : ").append(value).toString();
    }

    /** One block: its lines (each key padded to {@code width}) and the blank line rac prints after it. */
    public static String block(Map<String, String> values, int width) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(line(k, v, width)).append('\n'));
        return b.append('\n').toString();
    }

    /** The text of a value as rac prints it: quoted where rac quotes it, {@code ''} for no data separation. */
    public static String printed(String key, String value) {
        if (key.equals("data-separation")) {
            return value.isEmpty() ? "''" : value;
        }
        if (QUOTED.contains(key)) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** One session block as {@code variant} prints it (values by 8.5 key, unquoted). */
    public static String sessionBlock(Map<String, String> session, Variant variant) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : variant.keys()) {
            if (session.containsKey(key)) {
                out.put(variant.spell(key), printed(key, session.get(key)));
            }
        }
        return block(out, SESSION_KEY_WIDTH);
    }

    /** {@code session list} (or {@code session info} of one) as {@code variant} prints it. */
    public static String sessionList(List<Map<String, String>> sessions, Variant variant) {
        StringBuilder b = new StringBuilder();
        sessions.forEach(s -> b.append(sessionBlock(s, variant)));
        return b.toString();
    }

    /** {@code cluster list}. */
    public static String clusterList(List<Cluster> clusters) {
        List<Map<String, String>> blocks = new ArrayList<>();
        for (Cluster c : clusters) {
            Map<String, String> b = new LinkedHashMap<>();
            b.put("cluster", c.uuid());
            b.put("host", c.host());
            b.put("port", Integer.toString(c.port()));
            b.put("name", printed("name", c.name()));
            b.put("expiration-timeout", "60");
            b.put("lifetime-limit", "0");
            b.put("max-memory-size", "0");
            b.put("max-memory-time-limit", "0");
            b.put("security-level", "0");
            b.put("session-fault-tolerance-level", "0");
            b.put("load-balancing-mode", "performance");
            b.put("errors-count-threshold", "0");
            b.put("kill-problem-processes", "1");
            b.put("kill-by-memory-with-dump", "0");
            blocks.add(b);
        }
        return blocks(blocks);
    }

    /** {@code infobase summary list}. */
    public static String infobaseSummaries(List<Infobase> infobases) {
        List<Map<String, String>> blocks = new ArrayList<>();
        for (Infobase ib : infobases) {
            Map<String, String> b = new LinkedHashMap<>();
            b.put("infobase", ib.uuid());
            b.put("name", printed("name", ib.name()));
            b.put("descr", printed("descr", ib.descr()));
            blocks.add(b);
        }
        return blocks(blocks);
    }

    /** {@code infobase info} of an infobase that is not locked. */
    public static String infobaseInfo(Infobase ib) {
        Map<String, String> b = new LinkedHashMap<>();
        for (String key : INFOBASE_INFO_KEYS) {
            String value = switch (key) {
                case "infobase" -> ib.uuid();
                case "name" -> ib.name();
                case "descr" -> ib.descr();
                case "dbms" -> "PostgreSQL";
                case "db-server" -> "db-01";
                case "db-name" -> "ib_" + ib.uuid().substring(ib.uuid().length() - 2);
                case "db-user" -> "postgres";
                case "security-level", "license-distribution" -> "0";
                case "scheduled-jobs-deny", "sessions-deny" -> "off";
                case "external-session-manager-required" -> "no";
                case "reserve-working-processes" -> "no";
                default -> "";
            };
            b.put(key, printed(key, value));
        }
        return blocks(List.of(b));
    }

    /** Blocks of any command, each padded to the longest key among all of them. */
    public static String blocks(List<Map<String, String>> blocks) {
        int width = blocks.stream().flatMap(b -> b.keySet().stream()).mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        blocks.forEach(b -> out.append(block(b, width)));
        return out.toString();
    }

    /** The text as bytes the way Windows {@code rac.exe} writes it: an OEM code page and CRLF line ends. */
    public static byte[] encode(String text, Charset charset, boolean crlf) {
        return (crlf ? text.replace("\r\n", "\n").replace("\n", "\r\n") : text).getBytes(charset);
    }

    /** CP866 (IBM866), the OEM code page of a Russian Windows console. */
    public static Charset cp866() {
        return Charset.forName("IBM866");
    }

    /** UTF-8 with LF line ends, as rac on Linux writes. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
