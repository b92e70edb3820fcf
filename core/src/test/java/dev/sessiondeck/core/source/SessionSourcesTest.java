package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.mariadb.MariaDbSessionSourceProvider;
import dev.sessiondeck.core.source.mysql.MySqlSessionSourceProvider;
import dev.sessiondeck.core.source.oceanbase.OceanBaseSessionSourceProvider;
import dev.sessiondeck.core.source.postgres.PostgresSessionSourceProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionSourcesTest {

    @Test
    void findsTheJdbcProvidersAndAsksMariaDbBeforeMySql() {
        List<Object> order = JdbcSessionSources.installed().providers().stream().map(p -> (Object) p.getClass()).toList();

        assertThat(order).contains(MariaDbSessionSourceProvider.class, MySqlSessionSourceProvider.class,
                OceanBaseSessionSourceProvider.class, PostgresSessionSourceProvider.class);
        assertThat(order.indexOf(MariaDbSessionSourceProvider.class))
                .isLessThan(order.indexOf(MySqlSessionSourceProvider.class));
        assertThat(order.indexOf(OceanBaseSessionSourceProvider.class))
                .isLessThan(order.indexOf(MySqlSessionSourceProvider.class));
    }

    @Test
    void loadedOpensWithTheInstalledTypes() {
        assertThat(SessionSources.loaded().types().all()).isEqualTo(SourceTypes.installed().all());
    }

    /** A kind of data source that is no JDBC server, as a test's own fake. */
    private record FakeType(String id, List<ConnectionSpec> opened) implements SourceType {
        @Override
        public Text displayName() {
            return Text.of("dev.sessiondeck.core.source.mysql.messages", "type.mysql");
        }

        @Override
        public int defaultPort() {
            return 1;
        }

        @Override
        public List<dev.sessiondeck.core.model.InputField> settings() {
            return ConnectionFields.JDBC;
        }

        @Override
        public SessionSource open(ConnectionSpec spec) throws SourceException {
            opened.add(spec);
            throw new SourceException(SourceException.Kind.UNREACHABLE, "fake " + id);
        }
    }

    @Test
    void dispatchesByTheSpecsTypeAndRefusesATypeItDoesNotHave() {
        List<ConnectionSpec> opened = new java.util.ArrayList<>();
        SessionSources sources = new SessionSources(new SourceTypes(List.of(new FakeType("mariadb", opened))));
        ConnectionSpec mariadb = ConnectionSpec.builder().type("mariadb").host("h").user("u").build();
        ConnectionSpec postgres = ConnectionSpec.builder().type("postgresql").host("h").user("u").build();

        assertThatThrownBy(() -> sources.open(mariadb)).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.getMessage()).isEqualTo("fake mariadb"));
        assertThat(opened).containsExactly(mariadb);
        assertThatThrownBy(() -> sources.open(postgres)).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.kind()).isEqualTo(SourceException.Kind.UNSUPPORTED);
            assertThat(e.getMessage()).contains("postgresql");
        });
    }
}
