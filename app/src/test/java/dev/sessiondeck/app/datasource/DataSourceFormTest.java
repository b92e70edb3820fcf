package dev.sessiondeck.app.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.TlsMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataSourceFormTest {

    @BeforeAll
    static void english() {
        Messages.use(Locale.ENGLISH);
    }

    private static DataSourceForm.Input input(String host, String port, String user, String connect, String query,
                                              TlsMode tls, String props) {
        return new DataSourceForm.Input("", "auto", host, port, user, "pw".toCharArray(), "", tls, "",
                connect, query, props);
    }

    @Test
    void blankPortMeansTheTypesDefaultAndBlankNameMeansHostAndPort() throws Exception {
        ConnectionSpec spec = DataSourceForm.build(new DataSourceForm.Input(" ", "postgresql", "db1", "", "app",
                new char[0], "", TlsMode.PREFERRED, "", "", "", ""));
        assertThat(spec.port()).isEqualTo(5432);
        assertThat(spec.name()).isEqualTo("db1:5432");
        assertThat(spec.connectTimeout()).isEqualTo(ConnectionSpec.DEFAULT_CONNECT_TIMEOUT);
    }

    private static DataSourceForm.Input withSsh(DataSourceForm.SshInput ssh) {
        return new DataSourceForm.Input("", "auto", "10.0.0.5", "3306", "app", "pw".toCharArray(), "", TlsMode.PREFERRED,
                "", "", "", "", java.util.Map.of(), ssh);
    }

    @Test
    void theSshSectionBecomesTheSpecsTunnelAndItsProblemsAreMarkedThere() throws Exception {
        ConnectionSpec spec = DataSourceForm.build(withSsh(new DataSourceForm.SshInput("bastion", "", "ops",
                dev.sessiondeck.core.ssh.SshAuth.KEY, "/k", "pp".toCharArray(), "",
                "ssh-ed25519 SHA256:RKeGooUxGs1+r5Dm+9dh4AYZb00m7G6ZkIrxBudhjM4")));
        assertThat(spec.sshTunnel()).hasValueSatisfying(t -> {
            assertThat(t.describe()).isEqualTo("ops@bastion:22");
            assertThat(t.keyFile()).contains("/k");
            assertThat(t.hostKey()).isPresent();
        });
        assertThat(spec.describe()).endsWith(" through SSH ops@bastion:22");

        DataSourceForm.InvalidInput noUser = org.assertj.core.api.Assertions.catchThrowableOfType(
                DataSourceForm.InvalidInput.class, () -> DataSourceForm.build(withSsh(new DataSourceForm.SshInput("bastion",
                        "22", "", dev.sessiondeck.core.ssh.SshAuth.AGENT, "", new char[0], "", ""))));
        assertThat(noUser.problem().field()).isEqualTo(DataSourceForm.Field.SSH);
        assertThat(noUser.problem().message()).isEqualTo("SSH user is required");

        DataSourceForm.InvalidInput badPort = org.assertj.core.api.Assertions.catchThrowableOfType(
                DataSourceForm.InvalidInput.class, () -> DataSourceForm.build(withSsh(new DataSourceForm.SshInput("bastion",
                        "x", "ops", dev.sessiondeck.core.ssh.SshAuth.AGENT, "", new char[0], "", ""))));
        assertThat(badPort.problem().field()).isEqualTo(DataSourceForm.Field.SSH);
        assertThat(DataSourceForm.build(withSsh(null)).sshTunnel()).isEmpty();
    }

    @Test
    void timeoutsAreSecondsWithDecimalsAndPropertiesAreKeyValueLines() throws Exception {
        ConnectionSpec spec = DataSourceForm.build(input("h", "3307", "u", "0.25", "30", TlsMode.DISABLED,
                "# tuning\ncharacterEncoding = utf8\n\nconnectionTimeZone=UTC\n"));
        assertThat(spec.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(spec.queryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.properties()).containsEntry("characterEncoding", "utf8").containsEntry("connectionTimeZone", "UTC");
        assertThat(DataSourceForm.seconds(250)).isEqualTo("0.25");
        assertThat(DataSourceForm.seconds(5000)).isEqualTo("5");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no host           | ''   | 3306  | u | 5    | 10 | HOST            | host is required",
            "port too high     | h    | 70000 | u | 5    | 10 | PORT            | port must be between 1 and 65535",
            "port not a number | h    | 33x   | u | 5    | 10 | PORT            | The port is a whole number",
            "no user           | h    | 3306  | ' '| 5   | 10 | USER            | user is required",
            "connect too short | h    | 3306  | u | 0.1  | 10 | CONNECT_TIMEOUT | connectTimeout cannot be less than 250 ms",
            "query too long    | h    | 3306  | u | 5    | 4000 | QUERY_TIMEOUT | queryTimeout cannot be more than 3600 s",
            "not seconds       | h    | 3306  | u | five | 10 | CONNECT_TIMEOUT | Enter seconds",
    })
    void problemsNameTheFieldInTheBuildersWords(String what, String host, String port, String user, String connect,
                                                String query, DataSourceForm.Field field, String message) {
        assertThatThrownBy(() -> DataSourceForm.build(input(host, port, user, connect, query, TlsMode.PREFERRED, "")))
                .isInstanceOfSatisfying(DataSourceForm.InvalidInput.class, e -> {
                    assertThat(e.problem().field()).isEqualTo(field);
                    assertThat(e.problem().message()).startsWith(message);
                });
    }

    @Test
    void verifyingTlsWithoutACaFileMarksTheCaField() {
        assertThatThrownBy(() -> DataSourceForm.build(input("h", "3306", "u", "5", "10", TlsMode.VERIFY_CA, "")))
                .isInstanceOfSatisfying(DataSourceForm.InvalidInput.class,
                        e -> assertThat(e.problem().field()).isEqualTo(DataSourceForm.Field.CA_FILE));
    }

    @Test
    void aPropertyLineWithoutEqualsOrACredentialPropertyIsRefused() {
        assertThatThrownBy(() -> DataSourceForm.parseProperties("useSSL=false\nnonsense"))
                .isInstanceOfSatisfying(DataSourceForm.InvalidInput.class,
                        e -> assertThat(e.problem().message()).contains("Line 2"));
        assertThatThrownBy(() -> DataSourceForm.build(input("h", "3306", "u", "5", "10", TlsMode.PREFERRED, "password=x")))
                .isInstanceOfSatisfying(DataSourceForm.InvalidInput.class,
                        e -> assertThat(e.problem().field()).isEqualTo(DataSourceForm.Field.PROPERTIES));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "allowLoadLocalInfile=true | LOCAL INFILE",
            "autoDeserialize=true      | deserialise",
            "sslMode=DISABLED          | TLS mode alone",
            "socketTimeout=99          | timeouts",
    })
    void aRefusedDriverPropertyMarksThePropertiesFieldNamingIt(String line, String why) {
        String property = line.substring(0, line.indexOf('='));
        assertThatThrownBy(() -> DataSourceForm.build(input("h", "3306", "u", "5", "10", TlsMode.REQUIRED, line)))
                .isInstanceOfSatisfying(DataSourceForm.InvalidInput.class, e -> {
                    assertThat(e.problem().field()).isEqualTo(DataSourceForm.Field.PROPERTIES);
                    assertThat(e.problem().message()).contains("'" + property + "'", why);
                });
    }

    @Test
    void aJdbcUrlIsReadWithOrWithoutAUserAndOtherTextIsIgnored() throws Exception {
        DataSourceForm.PastedUrl pasted = DataSourceForm.readJdbcUrl("jdbc:mariadb://db.example:3307/shop?user=ops&useUnicode=true")
                .orElseThrow();
        ConnectionSpec withUser = pasted.spec();
        assertThat(withUser.type()).isEqualTo("mariadb");
        assertThat(withUser.host()).isEqualTo("db.example");
        assertThat(withUser.port()).isEqualTo(3307);
        assertThat(withUser.user()).isEqualTo("ops");
        assertThat(withUser.database()).hasValue("shop");
        assertThat(pasted.properties()).containsExactly(Map.entry("useUnicode", "true"));

        ConnectionSpec noUser = DataSourceForm.readJdbcUrl("jdbc:postgresql://pg1/app").orElseThrow().spec();
        assertThat(noUser.user()).isEqualTo(DataSourceForm.NO_USER);
        assertThat(noUser.port()).isEqualTo(5432);

        assertThat(DataSourceForm.readJdbcUrl("db.example")).isEmpty();
        assertThatThrownBy(() -> DataSourceForm.readJdbcUrl("jdbc:oracle://x/y"))
                .isInstanceOf(DataSourceForm.InvalidInput.class).hasMessageContaining("unsupported");
    }
}
