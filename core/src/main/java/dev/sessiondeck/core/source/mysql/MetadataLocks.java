package dev.sessiondeck.core.source.mysql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who waits for whom among metadata locks, from the rows of {@code performance_schema.metadata_locks}
 * (MySQL Reference Manual, "The metadata_locks Table"; MariaDB 10.5.2+, "Performance Schema
 * metadata_locks Table"): a {@code PENDING} request waits for the {@code GRANTED} locks of other
 * sessions on the same object that it cannot share, and for the {@code PENDING} requests of other
 * sessions that the server serves first (a waiting {@code ALTER TABLE}'s {@code EXCLUSIVE} holds up
 * every later {@code SELECT}: the "Waiting for table metadata lock" pile-up).
 *
 * <p>Which types conflict follows the two compatibility matrices of MySQL's metadata locking
 * ({@code sql/mdl.cc}, {@code MDL_object_lock} and {@code MDL_scoped_lock}: granted and waiting),
 * which MariaDB shares. Unlike {@code sys.schema_table_lock_waits}, which names every granted lock on
 * the table as blocking, a compatible lock is not counted. A type this class does not know (MariaDB's
 * {@code BACKUP_*} locks) names no blocker: its waiter still shows what it waits for.
 */
final class MetadataLocks {

    /**
     * One row of {@code metadata_locks} with its owner's processlist id.
     *
     * @param owner      the processlist id of the owning thread; null for a background thread
     * @param objectType {@code OBJECT_TYPE}: TABLE, SCHEMA, GLOBAL ...
     * @param waited     how long the owner has been in its current state ({@code threads.PROCESSLIST_TIME},
     *                   seconds); for a pending request, how long it has waited
     */
    record Lock(String owner, String objectType, String schema, String name, String type, boolean pending,
                Duration waited) {
    }

    private static final List<String> OBJECT_TYPES = List.of("SHARED", "SHARED_HIGH_PRIO", "SHARED_READ",
            "SHARED_WRITE", "SHARED_WRITE_LOW_PRIO", "SHARED_UPGRADABLE", "SHARED_READ_ONLY", "SHARED_NO_WRITE",
            "SHARED_NO_READ_WRITE", "EXCLUSIVE");
    /** Rows: the request; columns: a granted lock, in {@link #OBJECT_TYPES} order; '-' conflicts. */
    private static final String[] OBJECT_GRANTED = {
        "+++++++++-", // S
        "+++++++++-", // SH
        "++++++++--", // SR
        "++++++----", // SW
        "++++++----", // SWLP
        "+++++-+---", // SU
        "+++--+++--", // SRO
        "+++---+---", // SNW
        "++--------", // SNRW
        "----------", // X
    };
    /** Rows: the request; columns: a pending request served before it; '-' holds it up. */
    private static final String[] OBJECT_WAITING = {
        "+++++++++-", // S
        "++++++++++", // SH
        "++++++++--", // SR
        "+++++++---", // SW
        "++++++----", // SWLP
        "+++++++++-", // SU
        "+++-++++--", // SRO
        "+++++++++-", // SNW
        "+++++++++-", // SNRW
        "++++++++++", // X
    };
    private static final List<String> SCOPED_TYPES = List.of("INTENTION_EXCLUSIVE", "SHARED", "EXCLUSIVE");
    private static final String[] SCOPED_GRANTED = {
        "+--", // IX
        "-+-", // S
        "---", // X
    };
    private static final String[] SCOPED_WAITING = {
        "+--", // IX: a waiting S (FLUSH TABLES WITH READ LOCK) or X is served first
        "++-", // S
        "+++", // X
    };
    /** The namespaces of scoped locks (mdl.h, MDL_key::enum_mdl_namespace). */
    private static final List<String> SCOPED_OBJECTS = List.of("GLOBAL", "SCHEMA", "COMMIT", "TABLESPACE", "BACKUP_LOCK");

    private MetadataLocks() {
    }

    /** The waits among {@code locks}: for each pending request, each session holding it up. */
    static List<LockWaits.Wait> waits(List<Lock> locks) {
        List<LockWaits.Wait> out = new ArrayList<>();
        for (Lock request : locks) {
            if (!request.pending() || request.owner() == null) {
                continue;
            }
            String lock = describe(request);
            boolean any = false;
            for (Lock other : locks) {
                if (other == request || other.owner() == null || other.owner().equals(request.owner())
                        || !sameObject(request, other)) {
                    continue;
                }
                if (holdsUp(request, other)) {
                    out.add(new LockWaits.Wait(request.owner(), other.owner(), lock, request.waited()));
                    any = true;
                }
            }
            if (!any) {
                out.add(new LockWaits.Wait(request.owner(), null, lock, request.waited()));
            }
        }
        return out;
    }

    private static boolean sameObject(Lock a, Lock b) {
        return Objects.equals(a.objectType(), b.objectType()) && Objects.equals(a.schema(), b.schema())
                && Objects.equals(a.name(), b.name());
    }

    /** True when {@code other} (granted, or pending and served first) holds up {@code request}. */
    static boolean holdsUp(Lock request, Lock other) {
        boolean scoped = SCOPED_OBJECTS.contains(request.objectType());
        List<String> types = scoped ? SCOPED_TYPES : OBJECT_TYPES;
        int r = types.indexOf(request.type());
        int o = types.indexOf(other.type());
        if (r < 0 || o < 0) {
            return false;
        }
        String[] matrix = other.pending() ? (scoped ? SCOPED_WAITING : OBJECT_WAITING) : (scoped ? SCOPED_GRANTED : OBJECT_GRANTED);
        return matrix[r].charAt(o) == '-';
    }

    /** "metadata lock on shop.orders, EXCLUSIVE"; other objects name their kind: "metadata lock on GLOBAL, SHARED". */
    static String describe(Lock l) {
        StringBuilder s = new StringBuilder("metadata lock on ");
        String qualified = l.schema() == null ? l.name() : l.name() == null ? l.schema() : l.schema() + "." + l.name();
        if (!"TABLE".equals(l.objectType())) {
            s.append(l.objectType());
            if (qualified != null) {
                s.append(' ');
            }
        }
        if (qualified != null) {
            s.append(qualified);
        }
        return s.append(", ").append(l.type()).toString();
    }

    /** For tests: whether {@code request} conflicts with a lock of type {@code held}, granted or pending. */
    static boolean conflicts(String objectType, String request, String held, boolean heldPending) {
        Duration none = Duration.ZERO;
        return holdsUp(new Lock("1", objectType, "s", "t", request, true, none),
                new Lock("2", objectType, "s", "t", held, heldPending, none));
    }
}
