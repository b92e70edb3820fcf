package dev.sessiondeck.core.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.testing.EmbeddedPostgres;
import dev.sessiondeck.core.source.Variable;
import dev.sessiondeck.core.source.VariableScope;
import dev.sessiondeck.core.source.Variables;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL's pg_settings through SessionDeck: unit and source, ALTER SYSTEM + reload read back, set_config. */
class PostgresVariablesIT {

    @RegisterExtension
    static final EmbeddedPostgres PG = EmbeddedPostgres.fromClassPath();

    private static Variable named(List<Variable> all, String name) {
        return all.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void settingsCarryUnitSourceAndChoicesWithTheImportantOnesFirst() throws Exception {
        try (SessionSource s = SessionSources.loaded().open(PG.adminSpec())) {
            List<Variable> all = s.variables().orElseThrow().list(VariableScope.GLOBAL);

            assertThat(all.get(0).name()).isEqualTo("max_connections");
            assertThat(named(all, "work_mem").unit()).isEqualTo("kB");
            assertThat(named(all, "statement_timeout").unit()).isEqualTo("ms");
            assertThat(named(all, "work_mem").origin()).isNotEmpty();
            assertThat(named(all, "default_transaction_isolation").kind()).isEqualTo(Variable.Kind.ENUM);
            assertThat(named(all, "default_transaction_isolation").choices()).contains("read committed", "serializable");
            assertThat(named(all, "track_activities").kind()).isEqualTo(Variable.Kind.BOOLEAN);
            assertThat(named(all, "max_connections").note()).contains("restart");
            assertThat(all.stream().filter(v -> v.matches("lock_time"))).extracting(Variable::name).contains("lock_timeout");
        }
    }

    @Test
    void alterSystemThenReloadIsReadBackAndASessionValueStaysInTheSession() throws Exception {
        try (SessionSource s = SessionSources.loaded().open(PG.superSpec())) {
            Variables vars = s.variables().orElseThrow();
            String before = named(vars.list(VariableScope.GLOBAL), "lock_timeout").value();
            try {
                Variable after = vars.set(VariableScope.GLOBAL, "lock_timeout", "2500");
                assertThat(after.value()).isEqualTo("2500");
                assertThat(after.inSeconds()).contains("2.5 s");
                assertThat(after.origin()).isEqualTo("configuration file");
                // a quote in a value is the server's to quote: it refuses the value, nothing else runs
                assertThatThrownBy(() -> vars.set(VariableScope.GLOBAL, "lock_timeout", "1'; SELECT 1; --"))
                        .isInstanceOf(SourceException.class);
                Variable own = vars.set(VariableScope.SESSION, "statement_timeout", "1500");
                assertThat(own.value()).isEqualTo("1500");
                assertThat(own.origin()).isEqualTo("session");
            } finally {
                vars.set(VariableScope.GLOBAL, "lock_timeout", before);
            }
        }
    }

    @Test
    void anotherSessionsSettingsAreUnsupportedWithTheReason() throws Exception {
        try (SessionSource s = SessionSources.loaded().open(PG.adminSpec())) {
            assertThatThrownBy(() -> s.variables().orElseThrow().ofSession(SessionKey.ofId(s.name(), "1")))
                    .isInstanceOfSatisfying(SourceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SourceException.Kind.UNSUPPORTED);
                        assertThat(e.getMessage()).contains("pg_settings");
                    });
        }
    }
}
