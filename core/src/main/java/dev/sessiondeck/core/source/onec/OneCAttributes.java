package dev.sessiondeck.core.source.onec;

import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a 1C:Enterprise cluster's session list has beyond the common values, one attribute per
 * {@code rac session list} key (FIELD-NOTES.md, "1C:Enterprise server cluster"): the columns of the
 * control panel's Session Management tab (start, last activity, sleeping, session number, CPU time,
 * memory, data volume, calls, DBMS data: each current, last 5 minutes and total) shown by default, the
 * rest in the column chooser and the details. Units as rac gives them: milliseconds for times
 * (shown in seconds), bytes, counts; times of day are the server's local time, read in this machine's
 * time zone.
 */
public final class OneCAttributes {

    static final String BUNDLE = "dev.sessiondeck.core.source.onec.messages";

    private OneCAttributes() {
    }

    /** The words of {@code key} in the 1C bundle (rac's failures, the package's actions). */
    static Text text(String key) {
        return Text.of(BUNDLE, key);
    }

    private static Text title(String id) {
        return Text.of(BUNDLE, "attribute." + id);
    }

    /** rac: {@code started-at}. */
    public static final Attribute<java.time.Instant> STARTED_AT = Attribute.instant("startedAt", title("startedAt"))
            .order(91).shown().category("session").build();
    /** rac: {@code last-active-at}. */
    public static final Attribute<java.time.Instant> LAST_ACTIVE_AT = Attribute.instant("lastActiveAt", title("lastActiveAt"))
            .order(92).shown().category("session").build();
    /** rac: {@code hibernate}. */
    public static final Attribute<Boolean> SLEEPING = Attribute.flag("sleeping", title("sleeping"))
            .order(93).shown().category("session").build();
    /** rac: {@code cpu-time-current}. */
    public static final Attribute<Duration> CPU_CURRENT = Attribute.duration("cpuCurrent", title("cpuCurrent"))
            .order(100).shown().category("cpu").build();
    /** rac: {@code cpu-time-last-5min}. */
    public static final Attribute<Duration> CPU_5MIN = Attribute.duration("cpu5min", title("cpu5min"))
            .order(101).shown().category("cpu").build();
    /** rac: {@code cpu-time-total}. */
    public static final Attribute<Duration> CPU_TOTAL = Attribute.duration("cpuTotal", title("cpuTotal"))
            .order(102).shown().category("cpu").build();
    /** rac: {@code memory-current}. */
    public static final Attribute<Long> MEMORY_CURRENT = Attribute.bytes("memoryCurrent", title("memoryCurrent"))
            .order(103).shown().category("memory").build();
    /** rac: {@code memory-last-5min}. */
    public static final Attribute<Long> MEMORY_5MIN = Attribute.bytes("memory5min", title("memory5min"))
            .order(104).shown().category("memory").build();
    /** rac: {@code memory-total}. */
    public static final Attribute<Long> MEMORY_TOTAL = Attribute.bytes("memoryTotal", title("memoryTotal"))
            .order(105).shown().category("memory").build();
    /** rac: {@code bytes-last-5min}. */
    public static final Attribute<Long> DATA_5MIN = Attribute.bytes("data5min", title("data5min"))
            .order(106).shown().category("data").build();
    /** rac: {@code bytes-all}. */
    public static final Attribute<Long> DATA_TOTAL = Attribute.bytes("dataTotal", title("dataTotal"))
            .order(107).shown().category("data").build();
    /** rac: {@code calls-last-5min}. */
    public static final Attribute<Long> CALLS_5MIN = Attribute.count("calls5min", title("calls5min"))
            .order(108).shown().category("calls").build();
    /** rac: {@code calls-all}. */
    public static final Attribute<Long> CALLS_TOTAL = Attribute.count("callsTotal", title("callsTotal"))
            .order(109).shown().category("calls").build();
    /** rac: {@code dbms-bytes-last-5min}. */
    public static final Attribute<Long> DBMS_5MIN = Attribute.bytes("dbms5min", title("dbms5min"))
            .order(110).shown().category("dbms").build();
    /** rac: {@code dbms-bytes-all}. */
    public static final Attribute<Long> DBMS_TOTAL = Attribute.bytes("dbmsTotal", title("dbmsTotal"))
            .order(111).shown().category("dbms").build();
    /** rac: {@code app-id}. */
    public static final Attribute<String> APP_ID = Attribute.text("appId", title("appId"))
            .order(120).category("session").build();
    /** rac: {@code host}. */
    public static final Attribute<String> HOST = Attribute.text("computer", title("computer"))
            .order(121).category("session").build();
    /** rac: {@code locale}. */
    public static final Attribute<String> LOCALE = Attribute.text("locale", title("locale"))
            .order(122).category("session").build();
    /** rac: {@code connection}. */
    public static final Attribute<String> CONNECTION = Attribute.text("connection", title("connection"))
            .order(123).category("session").build();
    /** rac: {@code process}. */
    public static final Attribute<String> PROCESS = Attribute.text("process", title("process"))
            .order(124).category("session").build();
    /** rac: {@code data-separation}. */
    public static final Attribute<String> DATA_SEPARATION = Attribute.text("dataSeparation", title("dataSeparation"))
            .order(125).category("session").build();
    /** rac: {@code passive-session-hibernate-time}. */
    public static final Attribute<Duration> HIBERNATE_AFTER = Attribute.duration("hibernateAfter", title("hibernateAfter"))
            .order(126).category("session").build();
    /** rac: {@code hibernate-session-terminate-time}. */
    public static final Attribute<Duration> TERMINATE_AFTER = Attribute.duration("terminateAfter", title("terminateAfter"))
            .order(127).category("session").build();
    /** rac: {@code blocked-by-dbms}. */
    public static final Attribute<Long> BLOCKED_BY_DBMS = Attribute.count("blockedByDbms", title("blockedByDbms"))
            .order(301).category("locks").build();
    /** rac: {@code blocked-by-ls}. */
    public static final Attribute<Long> BLOCKED_BY_LS = Attribute.count("blockedByLs", title("blockedByLs"))
            .order(302).category("locks").build();
    /** rac: {@code duration-current}. */
    public static final Attribute<Duration> DURATION_CURRENT = Attribute.duration("durationCurrent", title("durationCurrent"))
            .order(130).category("calls").build();
    /** rac: {@code duration-last-5min}. */
    public static final Attribute<Duration> DURATION_5MIN = Attribute.duration("duration5min", title("duration5min"))
            .order(131).category("calls").build();
    /** rac: {@code duration-all}. */
    public static final Attribute<Duration> DURATION_ALL = Attribute.duration("durationAll", title("durationAll"))
            .order(132).category("calls").build();
    /** rac: {@code duration-current-dbms}. */
    public static final Attribute<Duration> DBMS_TIME_CURRENT = Attribute.duration("dbmsTimeCurrent", title("dbmsTimeCurrent"))
            .order(133).category("dbms").build();
    /** rac: {@code duration-last-5min-dbms}. */
    public static final Attribute<Duration> DBMS_TIME_5MIN = Attribute.duration("dbmsTime5min", title("dbmsTime5min"))
            .order(134).category("dbms").build();
    /** rac: {@code duration-all-dbms}. */
    public static final Attribute<Duration> DBMS_TIME_ALL = Attribute.duration("dbmsTimeAll", title("dbmsTimeAll"))
            .order(135).category("dbms").build();
    /** rac: {@code db-proc-info}. */
    public static final Attribute<String> DB_PROC_INFO = Attribute.text("dbProcInfo", title("dbProcInfo"))
            .order(136).category("dbms").build();
    /** rac: {@code db-proc-took}. */
    public static final Attribute<Duration> DB_PROC_TOOK = Attribute.duration("dbProcTook", title("dbProcTook"))
            .order(137).category("dbms").build();
    /** rac: {@code db-proc-took-at}. */
    public static final Attribute<java.time.Instant> DB_PROC_TOOK_AT = Attribute.instant("dbProcTookAt", title("dbProcTookAt"))
            .order(138).category("dbms").build();
    /** rac: {@code read-current}. */
    public static final Attribute<Long> READ_CURRENT = Attribute.bytes("readCurrent", title("readCurrent"))
            .order(140).category("disk").build();
    /** rac: {@code read-last-5min}. */
    public static final Attribute<Long> READ_5MIN = Attribute.bytes("read5min", title("read5min"))
            .order(141).category("disk").build();
    /** rac: {@code read-total}. */
    public static final Attribute<Long> READ_TOTAL = Attribute.bytes("readTotal", title("readTotal"))
            .order(142).category("disk").build();
    /** rac: {@code write-current}. */
    public static final Attribute<Long> WRITE_CURRENT = Attribute.bytes("writeCurrent", title("writeCurrent"))
            .order(143).category("disk").build();
    /** rac: {@code write-last-5min}. */
    public static final Attribute<Long> WRITE_5MIN = Attribute.bytes("write5min", title("write5min"))
            .order(144).category("disk").build();
    /** rac: {@code write-total}. */
    public static final Attribute<Long> WRITE_TOTAL = Attribute.bytes("writeTotal", title("writeTotal"))
            .order(145).category("disk").build();
    /** rac: {@code current-service-name}. */
    public static final Attribute<String> SERVICE_NAME = Attribute.text("currentService", title("currentService"))
            .order(150).category("service").build();
    /** rac: {@code duration-current-service}. */
    public static final Attribute<Duration> SERVICE_CURRENT = Attribute.duration("serviceCurrent", title("serviceCurrent"))
            .order(151).category("service").build();
    /** rac: {@code duration-last-5min-service}. */
    public static final Attribute<Duration> SERVICE_5MIN = Attribute.duration("service5min", title("service5min"))
            .order(152).category("service").build();
    /** rac: {@code duration-all-service}. */
    public static final Attribute<Duration> SERVICE_ALL = Attribute.duration("serviceAll", title("serviceAll"))
            .order(153).category("service").build();
    /** the cluster the session belongs to (its name). */
    public static final Attribute<String> CLUSTER = Attribute.text("cluster", title("cluster"))
            .order(160).category("session").build();

    /** Every attribute a 1C data source fills, in column order. */
    static final List<Attribute<?>> ALL = List.of(StandardAttributes.SESSION_NUMBER, StandardAttributes.DATABASE_ID,
            StandardAttributes.BLOCKED_BY, StandardAttributes.LOCK_WAITED, STARTED_AT, LAST_ACTIVE_AT, SLEEPING, CPU_CURRENT, CPU_5MIN, CPU_TOTAL, MEMORY_CURRENT, MEMORY_5MIN, MEMORY_TOTAL, DATA_5MIN, DATA_TOTAL, CALLS_5MIN, CALLS_TOTAL, DBMS_5MIN, DBMS_TOTAL, APP_ID, HOST, LOCALE, CONNECTION, PROCESS, DATA_SEPARATION, HIBERNATE_AFTER, TERMINATE_AFTER, BLOCKED_BY_DBMS, BLOCKED_BY_LS, DURATION_CURRENT, DURATION_5MIN, DURATION_ALL, DBMS_TIME_CURRENT, DBMS_TIME_5MIN, DBMS_TIME_ALL, DB_PROC_INFO, DB_PROC_TOOK, DB_PROC_TOOK_AT, READ_CURRENT, READ_5MIN, READ_TOTAL, WRITE_CURRENT, WRITE_5MIN, WRITE_TOTAL, SERVICE_NAME, SERVICE_CURRENT, SERVICE_5MIN, SERVICE_ALL, CLUSTER);

    /** The rac key of each attribute filled straight from it (times, counters, texts). */
    static final Map<String, Attribute<?>> BY_KEY = Map.ofEntries(
            Map.entry("started-at", STARTED_AT),
            Map.entry("last-active-at", LAST_ACTIVE_AT),
            Map.entry("cpu-time-current", CPU_CURRENT),
            Map.entry("cpu-time-last-5min", CPU_5MIN),
            Map.entry("cpu-time-total", CPU_TOTAL),
            Map.entry("memory-current", MEMORY_CURRENT),
            Map.entry("memory-last-5min", MEMORY_5MIN),
            Map.entry("memory-total", MEMORY_TOTAL),
            Map.entry("bytes-last-5min", DATA_5MIN),
            Map.entry("bytes-all", DATA_TOTAL),
            Map.entry("calls-last-5min", CALLS_5MIN),
            Map.entry("calls-all", CALLS_TOTAL),
            Map.entry("dbms-bytes-last-5min", DBMS_5MIN),
            Map.entry("dbms-bytes-all", DBMS_TOTAL),
            Map.entry("host", HOST),
            Map.entry("locale", LOCALE),
            Map.entry("connection", CONNECTION),
            Map.entry("process", PROCESS),
            Map.entry("data-separation", DATA_SEPARATION),
            Map.entry("passive-session-hibernate-time", HIBERNATE_AFTER),
            Map.entry("hibernate-session-terminate-time", TERMINATE_AFTER),
            Map.entry("duration-current", DURATION_CURRENT),
            Map.entry("duration-last-5min", DURATION_5MIN),
            Map.entry("duration-all", DURATION_ALL),
            Map.entry("duration-current-dbms", DBMS_TIME_CURRENT),
            Map.entry("duration-last-5min-dbms", DBMS_TIME_5MIN),
            Map.entry("duration-all-dbms", DBMS_TIME_ALL),
            Map.entry("db-proc-info", DB_PROC_INFO),
            Map.entry("db-proc-took", DB_PROC_TOOK),
            Map.entry("db-proc-took-at", DB_PROC_TOOK_AT),
            Map.entry("read-current", READ_CURRENT),
            Map.entry("read-last-5min", READ_5MIN),
            Map.entry("read-total", READ_TOTAL),
            Map.entry("write-current", WRITE_CURRENT),
            Map.entry("write-last-5min", WRITE_5MIN),
            Map.entry("write-total", WRITE_TOTAL),
            Map.entry("current-service-name", SERVICE_NAME),
            Map.entry("duration-current-service", SERVICE_CURRENT),
            Map.entry("duration-last-5min-service", SERVICE_5MIN),
            Map.entry("duration-all-service", SERVICE_ALL));
}
