package dev.sessiondeck.core.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Version;
import dev.sessiondeck.core.source.Variable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Kinds, units and pins of the MySQL family's variables, without a server (no query is made). */
class MySqlVariablesTest {

    private static final MySqlVariables OCEANBASE = new MySqlVariables("ob",
            ServerInfo.oceanBase("5.7.25-OceanBase_CE-v4.2.1.0", Version.of(4, 2, 1)), null);
    private static final MySqlVariables MYSQL = new MySqlVariables("my",
            ServerInfo.detectMySqlFamily("8.0.36", "MySQL Community Server - GPL", false), null);

    @Test
    void oceanBasePinsItsTimeoutsAndConsistencyFirst() {
        assertThat(OCEANBASE.important()).startsWith("autocommit", "ob_query_timeout", "ob_trx_timeout")
                .contains("tx_isolation", "ob_read_consistency");
        assertThat(MYSQL.important()).startsWith("max_connections", "wait_timeout")
                .contains("innodb_lock_wait_timeout", "transaction_isolation", "sql_mode");
    }

    @ParameterizedTest
    @CsvSource({
            "ob_query_timeout, 10000000, NUMBER, us, 10 s",
            "ob_trx_timeout, 86400000000, NUMBER, us, 86400 s",
            "wait_timeout, 28800, NUMBER, '', ''",
            "autocommit, ON, BOOLEAN, '', ''",
            "transaction_isolation, REPEATABLE-READ, ENUM, '', ''",
            "ob_read_consistency, STRONG, ENUM, '', ''",
            "sql_mode, 'STRICT_TRANS_TABLES,NO_ZERO_DATE', TEXT, '', ''"})
    void kindsAndUnitsFollowTheManuals(String name, String value, Variable.Kind kind, String unit, String seconds) {
        Variable v = OCEANBASE.variable(name, value);
        assertThat(v.kind()).isEqualTo(kind);
        assertThat(v.unit()).isEqualTo(unit);
        assertThat(v.inSeconds().orElse("")).isEqualTo(seconds);
        if (kind == Variable.Kind.BOOLEAN || kind == Variable.Kind.ENUM) {
            assertThat(v.choices()).contains(value);
        }
    }
}
