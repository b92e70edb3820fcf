package dev.sessiondeck.core.source.oceanbase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.source.mysql.LockWaits;
import dev.sessiondeck.core.testing.RecordedResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * OceanBase's lock waits mapped from recorded rows ({@code fixtures/oceanbase}, shaped after the
 * manual's GV$OB_LOCKS and the view definitions in OceanBase's source): 4.2's GV$OB_LOCKS with the
 * holders' sessions, and __all_virtual_lock_wait_stat before it.
 */
class ObLockWaitsTest {

    @Test
    void mapsTheBlockedRowsOfGvObLocksWithTheirHolders() throws SQLException {
        assertThat(ObLockWaits.collect42(RecordedResultSet.csv("/fixtures/oceanbase/4.2/lock_waits.csv"))).containsExactly(
                new LockWaits.Wait("3221487811", "3221487617", "row lock on tablet 200001, rowkey {\"VARCHAR\":\"A-1\"}, X",
                        Duration.ofMillis(250)),
                new LockWaits.Wait("3221488020", "3221487617", "transaction lock, transaction 91234, X", Duration.ofMillis(1750)),
                // the holder's transaction has no participant row (it ended between the two views)
                new LockWaits.Wait("3221488021", null, "table lock, ROW EXCLUSIVE", Duration.ofMillis(800)));
    }

    @Test
    void mapsTheLockWaitStatOfReleasesBefore42() throws SQLException {
        assertThat(ObLockWaits.collectOld(RecordedResultSet.csv("/fixtures/oceanbase/3.2/lock_wait_stat.csv"))).containsExactly(
                new LockWaits.Wait("3221225700", "3221225617", "row lock on table 1100611139453777, rowkey {\"INT\":1}",
                        Duration.ofSeconds(3)),
                new LockWaits.Wait("3221225701", "3221225617", "row lock on table 1100611139453777, rowkey {\"INT\":1}",
                        Duration.ofMillis(1200)));
    }

    @Test
    void selectsTheLockWaitStatColumnsTheReleaseHas() {
        // 3.x: table_id; 4.0 and 4.1: tablet_id
        assertThat(ObLockWaits.lockWaitStatSql(Set.of("svr_ip", "svr_port", "table_id", "rowkey", "addr", "need_wait",
                "recv_ts", "lock_ts", "abs_timeout", "try_lock_times", "time_after_recv", "session_id", "block_session_id")))
                .isEqualTo("SELECT session_id, block_session_id, CONCAT('table ', table_id), rowkey, time_after_recv, NULL"
                        + " FROM oceanbase.__all_virtual_lock_wait_stat");
        assertThat(ObLockWaits.lockWaitStatSql(Set.of("tenant_id", "tablet_id", "rowkey", "session_id", "block_session_id",
                "time_after_recv", "lock_mode")))
                .isEqualTo("SELECT session_id, block_session_id, CONCAT('tablet ', tablet_id), rowkey, time_after_recv, lock_mode"
                        + " FROM oceanbase.__all_virtual_lock_wait_stat");
        assertThat(ObLockWaits.lockWaitStatSql(Set.of("session_id", "rowkey"))).isNull();
    }

    @Test
    void describesEachKindOfLock() {
        assertThat(ObLockWaits.describe("TR", "91234", "200001-{\"INT\":7}", "X")).isEqualTo("row lock on tablet 200001, rowkey {\"INT\":7}, X");
        assertThat(ObLockWaits.describe("TR", "91234", null, "X")).isEqualTo("row lock, X");
        assertThat(ObLockWaits.describe("TX", "91234", null, "X")).isEqualTo("transaction lock, transaction 91234, X");
        assertThat(ObLockWaits.describe("TM", "91234", null, "SHARE")).isEqualTo("table lock, SHARE");
        assertThat(ObLockWaits.describe("UL", "1", null, "NONE")).isEqualTo("UL lock");
    }
}
