package dev.sessiondeck.core.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.ExecutionPlan.Missing;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plans of running statements on a real MariaDB 11 ({@code SHOW ANALYZE FOR}): a slow SELECT over a
 * table (SLEEP in its WHERE, half a second a row), an idle session, a statement without a plan,
 * another user's session without PROCESS, and an id nobody has.
 */
class MariaDbPlansIT {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    /** Half a second a row, 60 rows: half a minute, read row by row, so the server answers SHOW ANALYZE between rows. */
    static final String SLOW_SELECT = "SELECT id, name FROM plan_items WHERE SLEEP(0.5) = 0";

    private SessionSource admin;

    @BeforeAll
    static void table() throws Exception {
        try (Connection c = DB.connectRoot(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE plan_items (id INT PRIMARY KEY, name VARCHAR(40))");
            st.execute("INSERT INTO plan_items SELECT seq, CONCAT('item ', seq) FROM seq_1_to_60");
            st.execute("ANALYZE TABLE plan_items");
        }
    }

    @BeforeEach
    void open() throws SourceException {
        admin = SessionSources.loaded().open(DB.adminSpec());
    }

    @AfterEach
    void close() {
        admin.close();
    }

    private Session awaitRunning(Victim v, String fragment) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> admin.snapshot().find(Long.toString(v.threadId()))
                        .filter(s -> s.isActive() && s.sql().filter(q -> q.contains(fragment)).isPresent()), Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void aRunningSelectHasThePlanThatRunsWithItsTableAndTheCountsSoFar() throws Exception {
        try (Victim v = Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, SLOW_SELECT)) {
            Session s = awaitRunning(v, "plan_items");
            assertThat(admin.planUnavailable(s)).isEmpty();

            ExecutionPlan plan = admin.plan(s.key());

            assertThat(plan.available()).as(plan.unavailable().map(Object::toString).orElse("")).isTrue();
            assertThat(plan.running()).isTrue();
            assertThat(plan.steps()).anySatisfy(step -> {
                assertThat(step.object()).isEqualTo("plan_items");
                assertThat(step.operation()).isEqualTo("Table scan (ALL)");
                assertThat(step.rows()).isPresent();
                assertThat(step.depth()).isZero();
            });
            assertThat(plan.text()).contains("plan_items", "r_rows", "select_type");
            assertThat(plan.format()).isEqualTo("text");
            // MariaDB 11 has SHOW ANALYZE: the rows are those read so far, and the note says so
            assertThat(plan.note()).hasValueSatisfying(n -> assertThat(n.english()).contains("so far"));
            assertThat(plan.note().orElseThrow().resolve(Locale.SIMPLIFIED_CHINESE)).contains("截至目前");
            assertThat(v.isRunning()).as("reading the plan leaves the statement running").isTrue();
        }
    }

    @Test
    void anIdleSessionHasNoPlanAndTheWordsSayItIsIdle() throws Exception {
        try (Connection idle = DB.connect(EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD);
             Statement st = idle.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            long id = EmbeddedMariaDb.threadId(idle);
            Session s = await().atMost(Duration.ofSeconds(10)).until(() -> admin.snapshot().find(Long.toString(id)),
                    Optional::isPresent).orElseThrow();

            ExecutionPlan plan = admin.plan(s.key());

            assertThat(plan.available()).isFalse();
            assertThat(plan.missing()).contains(Missing.IDLE);
            assertThat(plan.unavailable().orElseThrow().english()).contains("runs no statement");
            assertThat(admin.planUnavailable(s)).hasValueSatisfying(t -> assertThat(t.english()).contains("runs no statement"));
        }
    }

    @Test
    void aStatementWithoutAPlanIsNotExplainable() throws Exception {
        try (Victim v = Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "DO SLEEP(60)")) {
            Session s = awaitRunning(v, "DO SLEEP");

            ExecutionPlan plan = admin.plan(s.key());

            assertThat(plan.missing()).as(plan.toString()).contains(Missing.NOT_EXPLAINABLE);
            assertThat(plan.unavailable().orElseThrow().english()).contains("no plan for what this session runs");
        }
    }

    @Test
    void anotherUsersSessionWithoutProcessIsUnavailableNamingProcess() throws Exception {
        try (Victim v = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, SLOW_SELECT);
             SessionSource plain = SessionSources.loaded().open(DB.plainSpec())) {
            awaitRunning(v, "plan_items");

            ExecutionPlan plan = plain.plan(SessionKey.ofId(plain.name(), Long.toString(v.threadId())));

            assertThat(plan.missing()).as(plan.toString()).contains(Missing.PRIVILEGE);
            assertThat(plan.unavailable().orElseThrow().english()).contains("PROCESS");
        }
    }

    @Test
    void anIdNobodyHasIsGone() throws Exception {
        ExecutionPlan plan = admin.plan(SessionKey.ofId(admin.name(), "987654321"));

        assertThat(plan.missing()).contains(Missing.SESSION_GONE);
        assertThat(plan.unavailable().orElseThrow().english()).isEqualTo("The session has ended.");
    }
}
