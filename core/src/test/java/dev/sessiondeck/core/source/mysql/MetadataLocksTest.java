package dev.sessiondeck.core.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which metadata locks hold up which, after the matrices of MySQL's sql/mdl.cc. */
class MetadataLocksTest {

    private static final List<String> TYPES = List.of("SHARED", "SHARED_HIGH_PRIO", "SHARED_READ", "SHARED_WRITE",
            "SHARED_WRITE_LOW_PRIO", "SHARED_UPGRADABLE", "SHARED_READ_ONLY", "SHARED_NO_WRITE", "SHARED_NO_READ_WRITE",
            "EXCLUSIVE");

    @Test
    void grantedLocksConflictBothWays() {
        for (String a : TYPES) {
            for (String b : TYPES) {
                assertThat(MetadataLocks.conflicts("TABLE", a, b, false)).as("%s against granted %s", a, b)
                        .isEqualTo(MetadataLocks.conflicts("TABLE", b, a, false));
            }
        }
    }

    @ParameterizedTest(name = "{0} requested, {1} {2}: held up {3}")
    @CsvSource({
        // granted
        "SHARED_READ, SHARED_WRITE, granted, false",
        "SHARED_WRITE, SHARED_WRITE, granted, false",
        "EXCLUSIVE, SHARED_READ, granted, true",
        "SHARED_UPGRADABLE, SHARED_UPGRADABLE, granted, true",
        "SHARED_WRITE, SHARED_NO_WRITE, granted, true",
        "SHARED_READ, SHARED_NO_WRITE, granted, false",
        "SHARED_READ, SHARED_NO_READ_WRITE, granted, true",
        "SHARED_HIGH_PRIO, SHARED_NO_READ_WRITE, granted, false",
        "SHARED_READ_ONLY, SHARED_WRITE, granted, true",
        // pending: a waiting EXCLUSIVE is served before new readers and writers, not before SHARED_HIGH_PRIO
        "SHARED_READ, EXCLUSIVE, pending, true",
        "SHARED_WRITE, EXCLUSIVE, pending, true",
        "SHARED_HIGH_PRIO, EXCLUSIVE, pending, false",
        "EXCLUSIVE, SHARED_READ, pending, false",
        "SHARED_WRITE, SHARED_NO_WRITE, pending, true",
        "SHARED_READ, SHARED_NO_WRITE, pending, false",
    })
    void objectLocks(String request, String other, String status, boolean heldUp) {
        assertThat(MetadataLocks.conflicts("TABLE", request, other, status.equals("pending"))).isEqualTo(heldUp);
    }

    @ParameterizedTest(name = "{0} {1} requested, {2} {3}: held up {4}")
    @CsvSource({
        "SCHEMA, INTENTION_EXCLUSIVE, INTENTION_EXCLUSIVE, granted, false",
        "GLOBAL, INTENTION_EXCLUSIVE, SHARED, granted, true",
        "GLOBAL, SHARED, SHARED, granted, false",
        "SCHEMA, EXCLUSIVE, INTENTION_EXCLUSIVE, granted, true",
        // FLUSH TABLES WITH READ LOCK waiting for its SHARED holds up new writers
        "GLOBAL, INTENTION_EXCLUSIVE, SHARED, pending, true",
        "GLOBAL, SHARED, INTENTION_EXCLUSIVE, pending, false",
        // MariaDB's backup locks are not modelled: no blocker is named
        "BACKUP, BACKUP_DDL, BACKUP_START, granted, false",
    })
    void scopedLocks(String object, String request, String other, String status, boolean heldUp) {
        assertThat(MetadataLocks.conflicts(object, request, other, status.equals("pending"))).isEqualTo(heldUp);
    }

    @Test
    void aWaiterNobodyHoldsUpStillSaysWhatItWaitsFor() {
        List<LockWaits.Wait> waits = MetadataLocks.waits(List.of(
                new MetadataLocks.Lock("5", "BACKUP", null, null, "BACKUP_DDL", true, Duration.ofSeconds(2)),
                new MetadataLocks.Lock("6", "BACKUP", null, null, "BACKUP_START", false, Duration.ofSeconds(9))));

        assertThat(waits).containsExactly(new LockWaits.Wait("5", null, "metadata lock on BACKUP, BACKUP_DDL", Duration.ofSeconds(2)));
    }

    @Test
    void describesTablesAndOtherObjects() {
        assertThat(MetadataLocks.describe(new MetadataLocks.Lock("1", "TABLE", "shop", "orders", "SHARED_WRITE", true, null)))
                .isEqualTo("metadata lock on shop.orders, SHARED_WRITE");
        assertThat(MetadataLocks.describe(new MetadataLocks.Lock("1", "SCHEMA", "shop", null, "EXCLUSIVE", true, null)))
                .isEqualTo("metadata lock on SCHEMA shop, EXCLUSIVE");
        assertThat(MetadataLocks.describe(new MetadataLocks.Lock("1", "GLOBAL", null, null, "SHARED", true, null)))
                .isEqualTo("metadata lock on GLOBAL, SHARED");
    }
}
