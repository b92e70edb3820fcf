package dev.sessiondeck.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerInfoTest {

    @ParameterizedTest(name = "{0} / {1} -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            5.7.44-log                                  | MySQL Community Server (GPL)      | MYSQL            | 5.7.44
            8.0.36                                      | MySQL Community Server - GPL      | MYSQL            | 8.0.36
            8.0.36-0ubuntu0.22.04.1                     | (Ubuntu)                          | MYSQL            | 8.0.36
            8.4.3                                       | MySQL Community Server - GPL      | MYSQL            | 8.4.3
            9.1.0-commercial                            | MySQL Enterprise Server           | MYSQL            | 9.1.0
            10.6.12-MariaDB-1:10.6.12+maria~ubu2004     | mariadb.org binary distribution   | MARIADB          | 10.6.12
            5.5.5-10.11.6-MariaDB                       | null                              | MARIADB          | 10.11.6
            11.4.5-MariaDB-log                          | MariaDB Server                    | MARIADB          | 11.4.5
            5.7.25-OceanBase_CE-v4.2.1.0                | OceanBase_CE 4.2.1.0 (r1-abc)     | OCEANBASE_MYSQL  | 4.2.1.0
            5.7.25-OceanBase-v4.1.0.2                   | OceanBase 4.1.0.2 (r100)          | OCEANBASE_MYSQL  | 4.1.0.2
            5.7.25                                      | OceanBase 3.2.4.5 (r105)          | OCEANBASE_MYSQL  | 3.2.4.5
            """)
    void detectsProductAndItsOwnVersion(String version, String comment, Product product, String expected) {
        ServerInfo info = ServerInfo.detectMySqlFamily(version, comment, false);

        assertThat(info.product()).isEqualTo(product);
        assertThat(info.version()).isEqualTo(Version.parse(expected));
        assertThat(info.versionString()).isEqualTo(version);
    }

    @ParameterizedTest(name = "{0}: trace {1}")
    @CsvSource({"5.7.25-OceanBase_CE-v4.2.1.0, true", "5.7.25-OceanBase_CE-v4.2.0.0, false", "5.7.25-OceanBase-v4.3.5.1, true",
            "5.7.25-OceanBase-v3.2.4.5, false"})
    void oceanBaseTracesFrom421(String version, boolean trace) {
        ServerInfo info = ServerInfo.detectMySqlFamily(version, null, false);
        assertThat(info.can(Capability.TRACE)).isEqualTo(trace);
        assertThat(info.capabilities()).contains(Capability.KILL_QUERY, Capability.KILL_SESSION);
    }

    @ParameterizedTest
    @CsvSource({"11.4.5-MariaDB", "10.6.12-MariaDB"})
    void mariaDbCancelsByQueryIdAndCountsMilliseconds(String version) {
        ServerInfo info = ServerInfo.detectMySqlFamily(version, null, false);
        assertThat(info.capabilities()).contains(Capability.KILL_QUERY_BY_ID, Capability.MILLISECOND_TIME);
    }

    @ParameterizedTest
    @CsvSource({"8.0.36", "5.7.44"})
    void mySqlHasNoQueryIdKill(String version) {
        ServerInfo info = ServerInfo.detectMySqlFamily(version, null, false);
        assertThat(info.can(Capability.KILL_QUERY_BY_ID)).isFalse();
        assertThat(info.can(Capability.EXPLAIN_FOR_CONNECTION)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void oceanBaseOracleModeIsItsOwnProductWithoutCapabilities() {
        ServerInfo info = ServerInfo.detectMySqlFamily("5.7.25-OceanBase-v4.2.1.0", null, true);
        assertThat(info.product()).isEqualTo(Product.OCEANBASE_ORACLE);
        assertThat(info.capabilities()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aVersionWithoutNumbersIsRefused() {
        assertThatThrownBy(() -> ServerInfo.detectMySqlFamily("unknown", null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown");
    }
}
