package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionSpecTest {

    private static ConnectionSpec.Builder valid() {
        return ConnectionSpec.builder().host("db.example").user("alice").password("s3cret".toCharArray());
    }

    @Test
    void defaultsPortByTypeAndNamesItselfByHostAndPort() {
        ConnectionSpec mysql = valid().build();
        ConnectionSpec pg = valid().type(DatabaseType.POSTGRESQL).build();
        ConnectionSpec ob = valid().type(DatabaseType.OCEANBASE).build();

        assertThat(mysql.port()).isEqualTo(3306);
        assertThat(mysql.name()).isEqualTo("db.example:3306");
        assertThat(pg.port()).isEqualTo(5432);
        assertThat(ob.port()).isEqualTo(2881);
        assertThat(mysql.connectTimeout()).isEqualTo(ConnectionSpec.DEFAULT_CONNECT_TIMEOUT);
        assertThat(mysql.tlsMode()).isEqualTo(TlsMode.PREFERRED);
    }

    @ParameterizedTest(name = "port {0}")
    @CsvSource({"0", "-1", "65536", "70000"})
    void refusesPortsOutsideTheRange(int port) {
        assertThatThrownBy(() -> valid().port(port).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 1 and 65535, was " + port);
    }

    @Test
    void namesTheBoundOfEachTimeout() {
        assertThatThrownBy(() -> valid().connectTimeout(Duration.ofMillis(100)).build())
                .hasMessage("connectTimeout cannot be less than 250 ms, was 100 ms");
        assertThatThrownBy(() -> valid().connectTimeout(Duration.ofMinutes(6)).build())
                .hasMessage("connectTimeout cannot be more than 300 s, was 360 s");
        assertThatThrownBy(() -> valid().queryTimeout(Duration.ofMillis(500)).build())
                .hasMessage("queryTimeout cannot be less than 1 s, was 500 ms");
    }

    @Test
    void requiresHostAndUser() {
        assertThatThrownBy(() -> ConnectionSpec.builder().user("a").build()).hasMessage("host is required");
        assertThatThrownBy(() -> ConnectionSpec.builder().host("h").user("  ").build()).hasMessage("user is required");
        assertThatThrownBy(() -> valid().host("db example").build()).hasMessageContaining("white space");
    }

    @Test
    void verifyingTlsNeedsACaFile() {
        assertThatThrownBy(() -> valid().tlsMode(TlsMode.VERIFY_CA).build()).hasMessage("TLS mode VERIFY_CA needs a CA file");
        assertThat(valid().tlsMode(TlsMode.VERIFY_CA).caFile("/etc/ca.pem").build().caFile()).contains("/etc/ca.pem");
    }

    @Test
    void keepsPasswordsOutOfPropertiesAndText() {
        assertThatThrownBy(() -> valid().property("password", "x").build())
                .hasMessageContaining("'password' is not allowed");
        ConnectionSpec spec = valid().build();
        assertThat(spec.toString()).doesNotContain("s3cret");
        assertThat(spec.describe()).isEqualTo("alice@db.example:3306");
        assertThat(spec.password()).containsExactly("s3cret".toCharArray());
    }

    @Test
    void passwordIsACopy() {
        char[] typed = "s3cret".toCharArray();
        ConnectionSpec spec = valid().password(typed).build();
        typed[0] = 'X';
        char[] out = spec.password();
        out[1] = 'Y';
        assertThat(spec.password()).containsExactly("s3cret".toCharArray());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:mysql://db.example:3307/shop?useSSL=false    | AUTO       | db.example | 3307 | shop
            jdbc:mariadb://10.0.0.5/reporting                 | MARIADB    | 10.0.0.5   | 3306 | reporting
            jdbc:oceanbase://obproxy.local:2883/oceanbase     | OCEANBASE  | obproxy.local | 2883 | oceanbase
            jdbc:postgresql://pg.example/app%20db             | POSTGRESQL | pg.example | 5432 | app db
            JDBC:MySQL://[::1]:3306/                          | AUTO       | ::1        | 3306 | ''
            """)
    void readsJdbcUrls(String url, DatabaseType type, String host, int port, String database) {
        ConnectionSpec spec = ConnectionSpec.fromJdbcUrl(url).user("u").build();
        assertThat(spec.type()).isEqualTo(type);
        assertThat(spec.host()).isEqualTo(host);
        assertThat(spec.port()).isEqualTo(port);
        assertThat(spec.database().orElse("")).isEqualTo(database);
    }

    @Test
    void jdbcUrlCredentialsGoToTheirFieldsNotToProperties() {
        ConnectionSpec spec = ConnectionSpec.fromJdbcUrl(
                "jdbc:mysql://db.example/shop?user=bob&password=p%40ss&connectTimeout=2000").build();
        assertThat(spec.user()).isEqualTo("bob");
        assertThat(spec.password()).containsExactly("p@ss".toCharArray());
        assertThat(spec.properties()).containsOnlyKeys("connectTimeout");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            mysql://db.example/shop          | starts with 'jdbc:'
            jdbc:oracle:thin:@db:1521:orcl   | jdbc:mysql://host:port/database
            jdbc:sqlserver://db.example      | unsupported JDBC URL scheme 'sqlserver'
            """)
    void refusesOtherUrlsInWords(String url, String message) {
        assertThatThrownBy(() -> ConnectionSpec.fromJdbcUrl(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
