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
        ConnectionSpec pg = valid().type("postgresql").build();
        ConnectionSpec ob = valid().type("oceanbase").build();

        assertThat(mysql.type()).isEqualTo(ConnectionSpec.DEFAULT_TYPE).isEqualTo("auto");
        assertThat(pg.type()).isEqualTo("postgresql");
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
            jdbc:mysql://db.example:3307/shop?useUnicode=true | auto       | db.example | 3307 | shop
            jdbc:mariadb://10.0.0.5/reporting                 | mariadb    | 10.0.0.5   | 3306 | reporting
            jdbc:oceanbase://obproxy.local:2883/oceanbase     | oceanbase  | obproxy.local | 2883 | oceanbase
            jdbc:postgresql://pg.example/app%20db             | postgresql | pg.example | 5432 | app db
            JDBC:MySQL://[::1]:3306/                          | auto       | ::1        | 3306 | ''
            """)
    void readsJdbcUrls(String url, String type, String host, int port, String database) {
        ConnectionSpec spec = ConnectionSpec.fromJdbcUrl(url).user("u").build();
        assertThat(spec.type()).isEqualTo(type);
        assertThat(spec.host()).isEqualTo(host);
        assertThat(spec.port()).isEqualTo(port);
        assertThat(spec.database().orElse("")).isEqualTo(database);
    }

    @Test
    void jdbcUrlCredentialsGoToTheirFieldsNotToProperties() {
        ConnectionSpec spec = ConnectionSpec.fromJdbcUrl(
                "jdbc:mysql://db.example/shop?user=bob&password=p%40ss&connectionTimeZone=UTC").build();
        assertThat(spec.user()).isEqualTo("bob");
        assertThat(spec.password()).containsExactly("p@ss".toCharArray());
        assertThat(spec.properties()).containsOnlyKeys("connectionTimeZone");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            mysql://db.example/shop          | starts with 'jdbc:'
            jdbc:oracle:thin:@db:1521:orcl   | jdbc:mysql://host:port/database
            jdbc:sqlserver://db.example      | unsupported JDBC URL scheme 'sqlserver': use mysql, mariadb, oceanbase, postgresql
            """)
    void refusesOtherUrlsInWords(String url, String message) {
        assertThatThrownBy(() -> ConnectionSpec.fromJdbcUrl(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"MARIADB, mariadb", "PostgreSQL, postgresql", "' oceanbase ', oceanbase", "Auto, auto", "mysql, mysql"})
    void typesAreFoundWithoutRegardToCaseAndKeptInLowerCase(String given, String id) {
        ConnectionSpec spec = valid().type(given).build();
        assertThat(spec.type()).isEqualTo(id);
        assertThat(spec.toBuilder().build().type()).isEqualTo(id);
    }

    @Test
    void anUnknownTypeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> valid().type("oracle").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'oracle'").hasMessageContaining("auto, mysql, mariadb, oceanbase, postgresql");
    }

    @Test
    void optionsATypeDoesNotTakeAreRefused() {
        assertThatThrownBy(() -> valid().type("mariadb").option("cluster", "main").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option 'cluster' does not apply to data sources of type mariadb");
        assertThat(valid().build().options()).isEmpty();
        assertThat(valid().build().option("cluster")).isEmpty();
    }
}
