package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.source.mariadb.MariaDbSourceType;
import dev.sessiondeck.core.source.mysql.AutoSourceType;
import dev.sessiondeck.core.source.mysql.MySqlProtocol;
import dev.sessiondeck.core.source.onec.OneCSourceType;
import dev.sessiondeck.core.source.postgres.PostgresProtocol;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceTypesTest {

    private static final SourceTypes TYPES = SourceTypes.installed();

    @Test
    void theInstalledTypesAreFoundInTheirOrder() {
        assertThat(TYPES.all()).extracting(SourceType::id)
                .containsExactly("auto", "mysql", "mariadb", "oceanbase", "postgresql", "1c");
        assertThat(TYPES.all()).extracting(SourceType::order).isSorted();
        assertThat(SourceTypes.installed()).as("looked up once").isSameAs(TYPES);
        assertThat(TYPES.all()).allSatisfy(t -> assertThat(t.id()).matches("[a-z0-9]+"));
    }

    @ParameterizedTest(name = "{0} is {1}, port {2}")
    @CsvSource({
            "auto, auto, 3306",
            "MARIADB, mariadb, 3306",
            "MariaDB, mariadb, 3306",
            "' mysql ', mysql, 3306",
            "OCEANBASE, oceanbase, 2881",
            "PostgreSQL, postgresql, 5432",
            "1C, 1c, 1545",
    })
    void typesAreFoundWithoutRegardToCase(String asked, String id, int port) {
        SourceType t = TYPES.find(asked).orElseThrow();
        assertThat(t.id()).isEqualTo(id);
        assertThat(t.defaultPort()).isEqualTo(port);
        assertThat(TYPES.require(asked)).isSameAs(t);
    }

    @Test
    void anUnknownTypeIsNotFoundAndRequiringItNamesTheKnownOnes() {
        assertThat(TYPES.find("nope")).isEmpty();
        assertThat(TYPES.find(null)).isEmpty();
        assertThat(TYPES.find("")).isEmpty();
        assertThatThrownBy(() -> TYPES.require("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown data-source type 'nope': one of auto, mysql, mariadb, oceanbase, postgresql, 1c");
    }

    @ParameterizedTest(name = "jdbc:{0}:// is {1}")
    @CsvSource({
            "mysql, auto",
            "MySQL, auto",
            "mariadb, mariadb",
            "oceanbase, oceanbase",
            "postgresql, postgresql",
    })
    void jdbcSchemesMapOntoTypes(String scheme, String id) {
        assertThat(TYPES.forJdbcScheme(scheme)).hasValueSatisfying(t -> assertThat(t.id()).isEqualTo(id));
    }

    @Test
    void schemesNoTypeClaimsMapOntoNone() {
        assertThat(TYPES.forJdbcScheme("sqlserver")).isEmpty();
        assertThat(TYPES.forJdbcScheme("oracle")).isEmpty();
        assertThat(TYPES.forJdbcScheme("1c")).isEmpty();
        assertThat(TYPES.require("mysql").jdbcSchemes()).as("jdbc:mysql goes to auto").isEmpty();
    }

    @Test
    void theJdbcTypesSpeakTheirProtocolAndTakeTheJdbcSettings() {
        List<SourceType> jdbc = TYPES.all().stream().filter(t -> !t.id().equals(OneCSourceType.ID)).toList();
        assertThat(jdbc).hasSize(5);
        for (SourceType t : jdbc) {
            assertThat(t).isInstanceOf(JdbcSourceType.class);
            assertThat(((JdbcSourceType) t).wire()).isSameAs(t.id().equals("postgresql")
                    ? PostgresProtocol.INSTANCE : MySqlProtocol.INSTANCE);
            assertThat(t.settings()).isEqualTo(ConnectionFields.JDBC);
            assertThat(t.settings()).allMatch(ConnectionFields::standard);
            assertThat(ConnectionFields.takes(t, "host")).isTrue();
            assertThat(ConnectionFields.takes(t, "cluster")).isFalse();
        }
    }

    @Test
    void theOneCTypeRunsRacAndTakesItsOwnSettings() {
        SourceType t = TYPES.require("1c");

        assertThat(t).isInstanceOf(OneCSourceType.class).isNotInstanceOf(JdbcSourceType.class);
        assertThat(t.jdbcSchemes()).isEmpty();
        assertThat(t.settings()).extracting(InputField::id).containsExactly("host", "port", "user", "password", "cluster",
                "infobase", "rac", "connectTimeout", "queryTimeout");
        assertThat(ConnectionFields.takes(t, "cluster")).isTrue();
        assertThat(ConnectionFields.takes(t, "database")).isFalse();
        assertThat(ConnectionFields.takes(t, "tls")).isFalse();
        assertThat(t.displayName().english()).isEqualTo("1C:Enterprise cluster");
    }

    @Test
    void twoTypesOfOneNameAreRefused() {
        assertThatThrownBy(() -> new SourceTypes(List.of(new MariaDbSourceType(), new MariaDbSourceType())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mariadb'");
        assertThat(new SourceTypes(List.of(new MariaDbSourceType(), new AutoSourceType())).all())
                .extracting(SourceType::id).as("sorted by order").containsExactly("auto", "mariadb");
    }
}
