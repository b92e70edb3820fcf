package dev.sessiondeck.core.source.onec;

import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.ValueType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns the blocks of {@code rac session list} (or {@code session info}) into {@link Session}s. Every
 * counter is optional (older platforms print fewer keys: absent is not zero); numbers that are not
 * numbers are absent rather than a failure of the whole listing.
 */
final class OneCSessions {

    /** The all-zero UUID rac prints for a session without a connection or process right now. */
    static final String NO_UUID = "00000000-0000-0000-0000-000000000000";
    /** Background jobs and the cluster's own applications: not users' sessions. */
    static final Set<String> BACKGROUND_APPS = Set.of("BackgroundJob", "SrvrConsole", "RAS", "JobScheduler",
            "AgentStandardCall");
    /** Keys counted in seconds rather than milliseconds. */
    private static final Set<String> SECONDS = Set.of("passive-session-hibernate-time", "hibernate-session-terminate-time");

    /** Readable names of the applications ({@code app-id}), as the 1C documentation words them. */
    private static final Map<String, String> APPLICATIONS = Map.ofEntries(
            Map.entry("1CV8", "Thick client"),
            Map.entry("1CV8C", "Thin client"),
            Map.entry("WebClient", "Web client"),
            Map.entry("Designer", "Designer"),
            Map.entry("COMConnection", "COM connection"),
            Map.entry("BackgroundJob", "Background job"),
            Map.entry("SrvrConsole", "Cluster console"),
            Map.entry("RAS", "Administration server"),
            Map.entry("WSConnection", "Web service"),
            Map.entry("HTTPServiceConnection", "HTTP service"),
            Map.entry("ODataConnection", "OData"),
            Map.entry("MobileClient", "Mobile client"),
            Map.entry("JobScheduler", "Job scheduler"),
            Map.entry("AgentStandardCall", "Cluster agent"));

    private OneCSessions() {
    }

    /** The readable name of an application, or its id when unknown. */
    static String application(String appId) {
        return appId == null ? null : APPLICATIONS.getOrDefault(appId, appId);
    }

    /**
     * @param dataSource  the data source's name
     * @param cluster     the cluster's UUID (the sessions' key server)
     * @param clusterName the cluster's name to show, {@code null} when only one cluster is shown
     * @param blocks      rac's blocks, one per session
     * @param infobases   infobase UUID to name
     */
    static List<Session> map(String dataSource, String cluster, String clusterName, List<Map<String, String>> blocks,
                             Map<String, String> infobases) {
        List<Session> out = new ArrayList<>(blocks.size());
        // who blocks whom: rac names the blocker by its session number, which is unique per infobase
        Map<String, String> uuidByNumber = new HashMap<>();
        for (Map<String, String> b : blocks) {
            if (b.containsKey("session") && b.containsKey("session-id")) {
                uuidByNumber.put(b.get("infobase") + "#" + b.get("session-id"), b.get("session"));
            }
        }
        for (Map<String, String> b : blocks) {
            String uuid = b.get("session");
            if (uuid == null || uuid.isBlank()) {
                continue;
            }
            out.add(session(dataSource, cluster, clusterName, b, infobases, uuidByNumber));
        }
        return out;
    }

    private static Session session(String dataSource, String cluster, String clusterName, Map<String, String> b,
                                   Map<String, String> infobases, Map<String, String> uuidByNumber) {
        String infobase = b.get("infobase");
        Duration current = millis(b.get("duration-current"));
        boolean active = current != null && !current.isZero() && !current.isNegative();
        String appId = b.get("app-id");
        String clientIp = b.get("client-ip");
        Session.Builder s = Session.builder(new SessionKey(dataSource, cluster, b.get("session"),
                        b.getOrDefault("started-at", ""), OptionalLong.empty()))
                .user(b.get("user-name"))
                .source(clientIp == null || clientIp.isBlank() ? b.get("host") : clientIp)
                .database(infobase == null ? null : infobases.getOrDefault(infobase, infobase))
                .command(application(appId))
                .state(active ? SessionState.ACTIVE : SessionState.IDLE)
                .executionTime(active ? current : null)
                .background(appId != null && BACKGROUND_APPS.contains(appId));
        s.set(StandardAttributes.SESSION_NUMBER, whole(b.get("session-id")));
        s.set(StandardAttributes.DATABASE_ID, infobase);
        s.set(OneCAttributes.APP_ID, appId);
        s.set(OneCAttributes.SLEEPING, flag(b.get("hibernate")));
        s.set(OneCAttributes.CLUSTER, clusterName);
        List<String> blockers = new ArrayList<>();
        List<String> locks = new ArrayList<>();
        for (String key : List.of("blocked-by-dbms", "blocked-by-ls")) {
            Long n = whole(b.get(key));
            if (n != null && n > 0) {
                boolean dbms = key.equals("blocked-by-dbms");
                s.set(dbms ? OneCAttributes.BLOCKED_BY_DBMS : OneCAttributes.BLOCKED_BY_LS, n);
                locks.add((dbms ? "DBMS lock held by session " : "managed lock held by session ") + n);
                String blocker = uuidByNumber.get(infobase + "#" + n);
                if (blocker != null && !blockers.contains(blocker)) {
                    blockers.add(blocker);
                }
            }
        }
        s.set(StandardAttributes.BLOCKED_BY, blockers);
        s.set(StandardAttributes.LOCK_WAITED, locks.isEmpty() ? null : String.join("; ", locks));
        OneCAttributes.BY_KEY.forEach((key, attribute) -> set(s, attribute, key, b.get(key)));
        return s.build();
    }

    @SuppressWarnings("unchecked")
    private static void set(Session.Builder s, Attribute<?> attribute, String key, String value) {
        if (value == null || value.isBlank() || NO_UUID.equals(value)) {
            return;
        }
        switch (attribute.type()) {
            case DURATION -> s.set((Attribute<Duration>) attribute, SECONDS.contains(key) ? seconds(value) : millis(value));
            case BYTES, COUNT -> s.set((Attribute<Long>) attribute, whole(value));
            case INSTANT -> s.set((Attribute<Instant>) attribute, instant(value));
            case TEXT -> s.set((Attribute<String>) attribute, value);
            default -> throw new IllegalStateException("no mapping for " + attribute + " (" + ValueType.class.getSimpleName() + ")");
        }
    }

    static Long whole(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration millis(String v) {
        Long n = whole(v);
        return n == null ? null : Duration.ofMillis(n);
    }

    private static Duration seconds(String v) {
        Long n = whole(v);
        return n == null ? null : Duration.ofSeconds(n);
    }

    private static Boolean flag(String v) {
        return v == null || v.isBlank() ? null : v.strip().equalsIgnoreCase("yes") || v.strip().equalsIgnoreCase("on");
    }

    /**
     * A server time ({@code 2026-11-30T09:12:05}, no zone) as a moment, read in this machine's time
     * zone: rac does not say the server's. Absent when empty or not such a time.
     */
    static Instant instant(String v) {
        if (v == null || v.isBlank() || v.startsWith("0001-01-01") || v.startsWith("0000-")) {
            return null;
        }
        String t = v.strip();
        LocalDateTime local = fast(t);
        if (local == null) {
            try {
                local = LocalDateTime.parse(t);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return local.atZone(ZoneId.systemDefault()).toInstant();
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss} read digit by digit: a listing of 10,000 sessions has 30,000 times,
     * and the general parser cost more than the rest of the mapping (docs/benchmarks.md, 1C). Null
     * for any other shape (the general parser then decides).
     */
    private static LocalDateTime fast(String t) {
        if (t.length() != 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int[] at = {0, 5, 8, 11, 14, 17};
        int[] width = {4, 2, 2, 2, 2, 2};
        int[] f = new int[6];
        for (int k = 0; k < 6; k++) {
            int v = 0;
            for (int i = at[k]; i < at[k] + width[k]; i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            f[k] = v;
        }
        try {
            return LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5]);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
