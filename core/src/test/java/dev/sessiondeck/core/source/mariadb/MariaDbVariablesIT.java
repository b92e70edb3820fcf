package dev.sessiondeck.core.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.source.Variable;
import dev.sessiondeck.core.source.VariableScope;
import dev.sessiondeck.core.source.Variables;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MariaDB's system variables through SessionDeck: listing, searching, SET GLOBAL read back, another session's. */
class MariaDbVariablesIT {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb("--performance-schema=ON");

    private static Variable named(List<Variable> all, String name) {
        return all.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst().orElseThrow();
    }

    @Test
    void globalVariablesListTheImportantOnesFirstWithKindsForAnEditor() throws Exception {
        try (SessionSource s = SessionSources.loaded().open(DB.adminSpec())) {
            Variables vars = s.variables().orElseThrow();
            List<Variable> all = vars.list(VariableScope.GLOBAL);

            assertThat(all).hasSizeGreaterThan(300);
            assertThat(all.get(0).name()).isEqualTo("max_connections");
            assertThat(all.subList(0, 10)).extracting(Variable::name).contains("wait_timeout", "innodb_lock_wait_timeout",
                    "transaction_isolation", "sql_mode");
            assertThat(named(all, "max_connections").value()).isEqualTo("500");
            assertThat(named(all, "max_connections").kind()).isEqualTo(Variable.Kind.NUMBER);
            assertThat(named(all, "autocommit").kind()).isEqualTo(Variable.Kind.BOOLEAN);
            assertThat(named(all, "transaction_isolation").choices()).contains("READ-COMMITTED", "SERIALIZABLE");
            // MariaDB says what it knows: read-only ones, where a value came from, what it is for
            assertThat(named(all, "version").editable()).isFalse();
            assertThat(named(all, "max_connections").origin()).isEqualTo("COMMAND-LINE");
            assertThat(named(all, "wait_timeout").note()).isNotEmpty();
            assertThat(named(all, "sql_mode").kind()).as("several values at once: text").isEqualTo(Variable.Kind.TEXT);
            // searching by name and by value
            assertThat(all.stream().filter(v -> v.matches("LOCK_WAIT"))).extracting(Variable::name)
                    .contains("innodb_lock_wait_timeout", "lock_wait_timeout");
            assertThat(all.stream().filter(v -> v.matches("REPEATABLE-READ"))).extracting(Variable::name)
                    .contains("transaction_isolation");
        }
    }

    @Test
    void setGlobalChangesTheValueAndReadsBackWhatTheServerNowSays() throws Exception {
        try (SessionSource s = SessionSources.loaded().open(DB.spec("embedded-root", EmbeddedMariaDb.ROOT,
                EmbeddedMariaDb.ROOT_PASSWORD))) {
            Variables vars = s.variables().orElseThrow();
            String before = named(vars.list(VariableScope.GLOBAL), "wait_timeout").value();
            try {
                Variable after = vars.set(VariableScope.GLOBAL, "wait_timeout", "1234");
                assertThat(after.value()).isEqualTo("1234");
                assertThat(named(vars.list(VariableScope.GLOBAL), "wait_timeout").value()).isEqualTo("1234");

                // text goes in as a bound value; the server says what it made of it
                Variable mode = vars.set(VariableScope.GLOBAL, "sql_mode", "STRICT_TRANS_TABLES,NO_ZERO_DATE");
                assertThat(mode.value()).isEqualTo("STRICT_TRANS_TABLES,NO_ZERO_DATE");
                Variable own = vars.set(VariableScope.SESSION, "autocommit", "OFF");
                assertThat(own.value()).isEqualTo("OFF");
            } finally {
                vars.set(VariableScope.GLOBAL, "wait_timeout", before);
                vars.set(VariableScope.SESSION, "autocommit", "ON");
            }
        }
    }

    @Test
    void aValueTheServerRefusesAnUnknownNameAndAMissingPrivilegeAreWorded() throws Exception {
        try (SessionSource admin = SessionSources.loaded().open(DB.adminSpec())) {
            Variables vars = admin.variables().orElseThrow();

            assertThatThrownBy(() -> vars.set(VariableScope.GLOBAL, "wait_timeout; DROP TABLE x", "1"))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REFUSED));
            assertThatThrownBy(() -> vars.set(VariableScope.GLOBAL, "version", "1"))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.getMessage()).contains("read only"));
            assertThatThrownBy(() -> vars.set(VariableScope.GLOBAL, "wait_timeout", "99"))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.PRIVILEGE));
            assertThat(named(vars.list(VariableScope.GLOBAL), "wait_timeout").value()).isNotEqualTo("99");
        }
    }

    /**
     * MariaDB's performance_schema (11.4, switched on here) has no variables_by_thread ("Table
     * 'performance_schema.variables_by_thread' doesn't exist", 1146): the entry says so before asking.
     */
    @Test
    void anotherSessionsVariablesAreUnavailableOnMariaDbWithTheReason() throws Exception {
        try (SessionSource s = SessionSources.loaded().open(DB.spec("embedded-root", EmbeddedMariaDb.ROOT,
                EmbeddedMariaDb.ROOT_PASSWORD));
             Connection other = DB.connect(EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD)) {
            long id = EmbeddedMariaDb.threadId(other);
            try (Connection root = DB.connectRoot(); Statement st = root.createStatement();
                 var rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES"
                         + " WHERE TABLE_SCHEMA = 'performance_schema' AND TABLE_NAME = 'variables_by_thread'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("MariaDB still has no variables_by_thread").isZero();
            }
            assertThat(s.actions()).contains(SessionAction.SESSION_VARIABLES);
            assertThat(s.unavailable(SessionAction.SESSION_VARIABLES,
                    s.snapshot().sessions().stream().filter(x -> x.id().equals(Long.toString(id))).findFirst().orElseThrow()))
                    .hasValueSatisfying(t -> assertThat(t.english()).contains("variables_by_thread"));
            assertThatThrownBy(() -> s.variables().orElseThrow().ofSession(SessionKey.ofId(s.name(), Long.toString(id))))
                    .isInstanceOfSatisfying(SourceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SourceException.Kind.UNSUPPORTED);
                        assertThat(e.getMessage()).contains("variables_by_thread");
                    });
        }
    }
}
