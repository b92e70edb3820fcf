package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.mysql.MySqlProtocol;
import dev.sessiondeck.core.source.postgres.PostgresProtocol;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The driver property policy (docs/security.md): only harmless properties reach the driver; the ones
 * that read or write local files, deserialise, load classes, set TLS, credentials or timeouts are
 * refused when the spec is built, before any connection, with words that name them.
 */
class DriverPropertiesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "mariadb,    allowLoadLocalInfile, LOCAL INFILE",
            "mysql,      allowLocalInfile,     LOCAL INFILE",
            "auto,       allowUrlInLocalInfile, URLs",
            "mysql,      autoDeserialize,      deserialise",
            "mysql,      queryInterceptors,    classes",
            "oceanbase,  exceptionInterceptors, classes",
            "mariadb,    socketFactory,        classes",
            "postgresql, socketFactory,        classes",
            "postgresql, sslfactory,           CVE-2022-21724",
            "postgresql, loggerFile,           CVE-2022-26520",
            "postgresql, authenticationPluginClassName, classes",
            "mysql,      sslMode,              TLS mode alone",
            "mysql,      useSSL,               TLS mode alone",
            "mysql,      trustCertificateKeyStoreUrl, TLS mode alone",
            "postgresql, sslmode,              TLS mode alone",
            "postgresql, sslrootcert,          TLS mode alone",
            "postgresql, gssEncMode,           TLS mode alone",
            "mysql,      password1,            password",
            "postgresql, socketTimeout,        timeouts",
            "mysql,      connectTimeout,       timeouts",
            "mysql,      allowPublicKeyRetrieval, harmless",
            "mysql,      ALLOWLOADLOCALINFILE, LOCAL INFILE",
    })
    void aRefusedPropertyStopsTheSpecNamingIt(String type, String property, String why) {
        ConnectionSpec.Builder b = ConnectionSpec.builder().type(type).host("db.example").user("u").property(property, "true");

        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + property + "'").hasMessageContaining(why);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "jdbc:mariadb://127.0.0.1:3306/?allowLoadLocalInfile=true",
            "jdbc:mysql://127.0.0.1/shop?autoDeserialize=true&queryInterceptors=com.mysql.cj.jdbc.interceptors.ServerStatusDiffInterceptor",
            "jdbc:mysql://127.0.0.1/?sslMode=DISABLED",
            "jdbc:postgresql://127.0.0.1/app?sslfactory=org.postgresql.ssl.NonValidatingFactory",
            "jdbc:postgresql://127.0.0.1/app?loggerFile=/tmp/x.log&loggerLevel=DEBUG",
    })
    void aUrlCannotSmuggleOneIn(String url) {
        assertThatThrownBy(() -> ConnectionSpec.fromJdbcUrl(url).user("u").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("driver property");
    }

    @ParameterizedTest(name = "{0}={1} on {2}")
    @CsvSource({
            "characterEncoding, utf8mb4,    mysql",
            "connectionTimeZone, UTC,       mariadb",
            "defaultFetchSize,  100,        oceanbase",
            "ApplicationName,   nightly,    postgresql",
            "defaultRowFetchSize, 500,      postgresql",
    })
    void harmlessPropertiesReachTheDriver(String property, String value, String type) {
        ConnectionSpec spec = ConnectionSpec.builder().type(type).host("db.example").user("u").property(property, value).build();
        Properties p = type.equals("postgresql") ? PostgresProtocol.INSTANCE.driverProperties(spec)
                : MySqlProtocol.INSTANCE.driverProperties(spec);

        assertThat(p).containsEntry(property, value);
    }

    @Test
    void aPropertyOfOneDriverIsNotAllowedForTheOther() {
        assertThat(DriverProperties.refusal(SourceTypes.installed().require("postgresql"), "zeroDateTimeBehavior")).isPresent();
        assertThat(DriverProperties.refusal(SourceTypes.installed().require("mysql"), "zeroDateTimeBehavior")).isEmpty();
    }

    @Test
    void a1cClusterTakesNoDriverPropertiesAtAll() {
        assertThat(DriverProperties.refusal(SourceTypes.installed().require("1c"), "characterEncoding"))
                .hasValueSatisfying(w -> assertThat(w.english()).contains("does not apply"));
    }

    @Test
    void tlsIsDecidedByTheTlsModeAlone() {
        for (TlsMode mode : new TlsMode[] {TlsMode.DISABLED, TlsMode.PREFERRED, TlsMode.REQUIRED}) {
            ConnectionSpec spec = ConnectionSpec.builder().type("mysql").host("db.example").user("u").tlsMode(mode).build();
            assertThat(MySqlProtocol.INSTANCE.driverProperties(spec)).containsEntry("sslMode", mode.name());
        }
        assertThatThrownBy(() -> ConnectionSpec.fromJdbcUrl("jdbc:mysql://db.example/?sslMode=DISABLED")
                .user("u").tlsMode(TlsMode.REQUIRED).build()).hasMessageContaining("TLS is set by the TLS mode alone");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"shop?allowLoadLocalInfile=true", "a/b#c", "my db+x&y=1"})
    void aDatabaseNameStaysANameInTheMysqlUrl(String database) {
        ConnectionSpec spec = ConnectionSpec.builder().type("mysql").host("db.example").user("u").database(database).build();

        String url = MySqlProtocol.INSTANCE.jdbcUrl(spec);

        assertThat(url).startsWith("jdbc:mysql://db.example:3306/").doesNotContain("?", "#", "&", " ");
        assertThat(com.mysql.cj.conf.ConnectionUrl.getConnectionUrlInstance(url, new Properties()).getDatabase())
                .isEqualTo(database);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"db.example/shop", "h?allowLoadLocalInfile=true", "(host=h,allowLoadLocalInfile=true)", "h1,h2", "u@h"})
    void aHostIsAHostAndNothingMore(String host) {
        assertThatThrownBy(() -> ConnectionSpec.builder().type("mysql").host(host).user("u").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host must be a host name");
    }

    @Test
    void anIpv6AddressInBracketsIsTheAddress() {
        assertThat(ConnectionSpec.builder().type("mysql").host("[::1]").user("u").build().host()).isEqualTo("::1");
    }

    @Test
    void everyRefusalIsWordedInBothLanguages() {
        SourceType mysql = SourceTypes.installed().require("mysql");
        List<String> names = new java.util.ArrayList<>(DriverProperties.DANGER.keySet());
        names.addAll(List.of("sslMode", "password", "socketTimeout", "somethingElse"));
        for (String name : names) {
            Text why = DriverProperties.refusal(mysql, name).orElseThrow();
            assertThat(why.english()).as(name).contains("'" + name + "' is not allowed: ");
            assertThat(why.resolve(java.util.Locale.SIMPLIFIED_CHINESE)).as(name).startsWith("不允许使用驱动属性“" + name + "”：")
                    .doesNotContain("not allowed");
        }
    }
}
