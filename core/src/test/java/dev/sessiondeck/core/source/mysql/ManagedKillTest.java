package dev.sessiondeck.core.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Version;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills on managed MySQL after a plain KILL was refused with 1095, over recorded answers of the
 * detection ({@code @@basedir}, the kill procedures in {@code information_schema.ROUTINES}) and a
 * stand-in {@link ManagedKill.Server} of our own.
 */
class ManagedKillTest {

    private static final ServerInfo MYSQL = ServerInfo.detectMySqlFamily("8.0.35", "Source distribution", false);
    private static final SQLException NOT_OWNER = new SQLException("You are not owner of thread 42", "HY000", 1095);

    /** Answers the detection with a recorded row and records what it is asked to run. */
    private static final class RecordedServer implements ManagedKill.Server {
        final ManagedKill.Detection detection;
        final List<String> executed = new ArrayList<>();
        int detections;
        SQLException failExecute;

        RecordedServer(String basedir, String procedures) {
            this.detection = ManagedKill.Detection.of(basedir, procedures);
        }

        @Override
        public ManagedKill.Detection detect() {
            detections++;
            return detection;
        }

        @Override
        public void execute(String sql) throws SQLException {
            executed.add(sql);
            if (failExecute != null) {
                throw failExecute;
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // Amazon RDS for MySQL 8.0 (Amazon RDS User Guide, "Ending a session or query")
        "RDS MySQL 8.0 | /rdsdbbin/mysql-8.0.35.R2/ | rds_kill,rds_kill_query | AMAZON_RDS",
        // Aurora MySQL 3: the same procedures; a user who may not see them in ROUTINES
        "Aurora MySQL 3 | /rdsdbbin/oscar-8.0.mysql_aurora.3.05.2.0.29.0/ | NULL | AMAZON_RDS",
        // Azure Database for MySQL flexible server ("Built-in stored procedures")
        "Azure flexible server | /usr/ | az_kill,az_kill_query | AZURE",
        "self-managed | /usr/ | NULL | NONE",
        "self-managed on Windows | C:\\Program Files\\MySQL\\MySQL Server 8.0\\ | NULL | NONE",
    })
    void detectsTheServiceFromWhatTheServerSays(String what, String basedir, String procedures, String expected) {
        Optional<ManagedKill.Service> service = ManagedKill.Detection.of(basedir, procedures).service();
        if (expected.equals("NONE")) {
            assertThat(service).as(what).isEmpty();
        } else {
            assertThat(service).as(what).contains(ManagedKill.Service.valueOf(expected));
        }
    }

    @Test
    void onRdsTheRefusedKillIsDoneWithTheProcedure() throws SQLException {
        RecordedServer rds = new RecordedServer("/rdsdbbin/mysql-8.0.35.R2/", "rds_kill,rds_kill_query");
        ManagedKill managed = ManagedKill.forServer(MYSQL);

        managed.afterRefusal(rds, 42, KillMode.SESSION, NOT_OWNER);
        managed.afterRefusal(rds, 43, KillMode.QUERY, NOT_OWNER);

        assertThat(rds.executed).containsExactly("CALL mysql.rds_kill(42)", "CALL mysql.rds_kill_query(43)");
        assertThat(rds.detections).as("asked once").isEqualTo(1);
    }

    @Test
    void onAzureTheAzureProcedures() throws SQLException {
        RecordedServer azure = new RecordedServer("/usr/", "az_kill_query,az_kill");
        ManagedKill.forServer(MYSQL).afterRefusal(azure, 7, KillMode.QUERY, NOT_OWNER);

        assertThat(azure.executed).containsExactly("CALL mysql.az_kill_query(7)");
    }

    @Test
    void aSelfManagedServerReportsTheRefusalAndIsAskedOnce() {
        RecordedServer plain = new RecordedServer("/usr/", null);
        ManagedKill managed = ManagedKill.forServer(MYSQL);

        assertThatThrownBy(() -> managed.afterRefusal(plain, 42, KillMode.SESSION, NOT_OWNER)).isSameAs(NOT_OWNER);
        assertThatThrownBy(() -> managed.afterRefusal(plain, 42, KillMode.SESSION, NOT_OWNER)).isSameAs(NOT_OWNER);
        assertThat(plain.executed).isEmpty();
        assertThat(plain.detections).isEqualTo(1);
    }

    @Test
    void otherFailuresAreNotRetried() {
        RecordedServer rds = new RecordedServer("/rdsdbbin/mysql-8.0.35.R2/", "rds_kill,rds_kill_query");
        SQLException unknown = new SQLException("Unknown thread id: 42", "HY000", 1094);

        assertThatThrownBy(() -> ManagedKill.forServer(MYSQL).afterRefusal(rds, 42, KillMode.SESSION, unknown)).isSameAs(unknown);
        assertThat(rds.detections).isZero();
    }

    @Test
    void oceanBaseIsNeverAsked() {
        RecordedServer server = new RecordedServer("/rdsdbbin/x/", "rds_kill");
        ManagedKill ob = ManagedKill.forServer(ServerInfo.oceanBase("5.7.25-OceanBase_CE-v4.2.1.0", Version.of(4, 2, 1, 0)));

        assertThatThrownBy(() -> ob.afterRefusal(server, 42, KillMode.SESSION, NOT_OWNER)).isSameAs(NOT_OWNER);
        assertThat(server.detections).isZero();
    }

    @Test
    void aFailingProcedureReportsItsOwnErrorWithTheRefusalBeside() {
        RecordedServer rds = new RecordedServer("/rdsdbbin/mysql-8.0.35.R2/", "rds_kill,rds_kill_query");
        rds.failExecute = new SQLException("execute command denied to user 'app'@'%' for routine 'mysql.rds_kill'", "42000", 1370);

        assertThatThrownBy(() -> ManagedKill.forServer(MYSQL).afterRefusal(rds, 42, KillMode.SESSION,
                new SQLException("You are not owner of thread 42", "HY000", 1095)))
                .isSameAs(rds.failExecute)
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(((SQLException) s).getErrorCode()).isEqualTo(1095)));
    }
}
