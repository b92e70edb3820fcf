package dev.sessiondeck.core.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.TlsMode;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresProtocolTest {

    private static ConnectionSpec.Builder spec() {
        return ConnectionSpec.builder().type("postgresql").host("db.example").user("deck").password("pw".toCharArray());
    }

    @Test
    void urlNamesHostPortAndDatabaseButNoCredentials() {
        String url = PostgresProtocol.INSTANCE.jdbcUrl(spec().port(6432).database("sales").build());

        assertThat(url).isEqualTo("jdbc:postgresql://db.example:6432/sales");
    }

    @Test
    void urlWithoutDatabaseUsesPostgresAndEncodesOddNames() {
        assertThat(PostgresProtocol.INSTANCE.jdbcUrl(spec().build())).isEqualTo("jdbc:postgresql://db.example:5432/postgres");
        assertThat(PostgresProtocol.INSTANCE.jdbcUrl(spec().host("::1").database("a/b?c").build()))
                .isEqualTo("jdbc:postgresql://[::1]:5432/a%2Fb%3Fc");
    }

    @Test
    void timeoutsAreWholeSecondsRoundedUp() {
        Properties p = PostgresProtocol.INSTANCE.driverProperties(spec()
                .connectTimeout(Duration.ofMillis(250)).queryTimeout(Duration.ofSeconds(30)).build());

        assertThat(p).containsEntry("connectTimeout", "1").containsEntry("loginTimeout", "1")
                .containsEntry("socketTimeout", "1");
    }

    @Test
    void applicationNameTellsSessionDeckAndAnAllowedPropertyIsPassedOn() {
        Properties p = PostgresProtocol.INSTANCE.driverProperties(spec().property("defaultRowFetchSize", "500").build());

        assertThat(p).containsEntry("ApplicationName", "SessionDeck").containsEntry("defaultRowFetchSize", "500")
                .doesNotContainKeys("user", "password");
    }

    @ParameterizedTest(name = "{0} is sslmode={1}")
    @CsvSource({
            "DISABLED, disable",
            "PREFERRED, prefer",
            "REQUIRED, require",
            "VERIFY_CA, verify-ca",
            "VERIFY_IDENTITY, verify-full",
    })
    void tlsModeMapsOntoSslmode(TlsMode mode, String sslmode) {
        ConnectionSpec.Builder b = spec().tlsMode(mode);
        if (mode == TlsMode.VERIFY_CA || mode == TlsMode.VERIFY_IDENTITY) {
            b.caFile("/etc/ssl/deck-ca.pem");
        }
        Properties p = PostgresProtocol.INSTANCE.driverProperties(b.build());

        assertThat(p).containsEntry("sslmode", sslmode);
        if (mode == TlsMode.VERIFY_CA || mode == TlsMode.VERIFY_IDENTITY) {
            assertThat(p).containsEntry("sslrootcert", "/etc/ssl/deck-ca.pem");
        } else {
            assertThat(p).doesNotContainKey("sslrootcert");
        }
    }

    @Test
    void plainStatementsGoOverTheSimpleProtocolSoThatAPlanOfAParameterizedTextNeedsNoBind() {
        assertThat(PostgresProtocol.INSTANCE.driverProperties(spec().build()))
                .containsEntry("preferQueryMode", "extendedForPrepared");
    }
}
