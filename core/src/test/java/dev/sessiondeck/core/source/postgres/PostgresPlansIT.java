package dev.sessiondeck.core.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.ExecutionPlan.Missing;
import dev.sessiondeck.core.model.ExecutionPlan.Step;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.testing.EmbeddedPostgres;
import dev.sessiondeck.core.testing.PlanFixtures;
import dev.sessiondeck.core.testing.Victim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plans on a real PostgreSQL, each subclass one major: the running statement's text explained again
 * (never run), marked as made now; a prepared statement's {@code $n} text with GENERIC_PLAN from 16
 * and in words before; anything but a SELECT refused; idle and hidden sessions in words. Victims run
 * as {@link EmbeddedPostgres#PLAIN}, plans are read as {@link EmbeddedPostgres#ADMIN}.
 */
abstract class PostgresPlansIT {

    /** A second a row over 60 rows: a minute of a Seq Scan on plan_items. */
    static final String SLOW_SELECT = "SELECT p.id, pg_sleep(1) FROM plan_items p WHERE p.id > 0";

    private SessionSource admin;

    abstract EmbeddedPostgres pg();

    abstract int major();

    @BeforeEach
    void open() throws Exception {
        PlanFixtures.postgresItems(pg());
        admin = SessionSources.loaded().open(pg().adminSpec());
    }

    @AfterEach
    void close() {
        admin.close();
    }

    private Session awaitListed(long pid, Predicate<Session> condition) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> admin.snapshot().find(Long.toString(pid)).filter(condition), Optional::isPresent)
                .orElseThrow();
    }

    private Session awaitRunning(long pid, String fragment) {
        return awaitListed(pid, s -> s.isActive() && s.sql().filter(q -> q.contains(fragment)).isPresent());
    }

    private static void assertScansPlanItems(ExecutionPlan plan) {
        assertThat(plan.steps()).as(plan.text()).anySatisfy(step -> {
            assertThat(step.operation()).isEqualTo("Seq Scan");
            assertThat(step.object()).isEqualTo("plan_items p");
            assertThat(step.rows()).hasValueSatisfying(r -> assertThat(r).isPositive());
            assertThat(step.cost()).hasValueSatisfying(c -> assertThat(c).isPositive());
        });
    }

    @Test
    void aRunningSelectIsExplainedAgainAndMarkedAsAPlanMadeNow() throws Exception {
        try (Victim v = Victim.start(pg(), EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD, SLOW_SELECT)) {
            Session s = awaitRunning(v.threadId(), "plan_items");
            assertThat(admin.planUnavailable(s)).isEmpty();

            ExecutionPlan plan = admin.plan(s.key());

            assertThat(plan.available()).as(plan.unavailable().map(Object::toString).orElse("")).isTrue();
            assertThat(plan.running()).isFalse();
            assertThat(plan.note()).hasValueSatisfying(n -> assertThat(n.english()).contains("a plan made now for the same text"));
            assertScansPlanItems(plan);
            assertThat(plan.text()).contains("Seq Scan on plan_items p").contains("cost=");
            assertThat(plan.format()).isEqualTo("text");
            assertThat(v.isRunning()).isTrue();
        }
    }

    @Test
    void aPreparedStatementWithParametersIsExplainedGenericallyFrom16AndInWordsBefore() throws Exception {
        try (Connection c = pg().connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD)) {
            long pid = EmbeddedPostgres.backendPid(c);
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT p.id, pg_sleep(?) FROM plan_items p WHERE p.id > ?")) {
                    ps.setDouble(1, 1.0);
                    ps.setInt(2, 0);
                    ps.executeQuery().close();
                } catch (Exception e) {
                    // ends when the connection is aborted below
                }
            });
            try {
                Session s = awaitRunning(pid, "$1");

                ExecutionPlan plan = admin.plan(s.key());

                if (major() >= 16) {
                    assertThat(plan.available()).as(plan.unavailable().map(Object::toString).orElse("")).isTrue();
                    assertThat(plan.note()).hasValueSatisfying(n -> assertThat(n.english()).contains("generic plan made now"));
                    assertScansPlanItems(plan);
                } else {
                    assertThat(plan.missing()).contains(Missing.NOT_EXPLAINABLE);
                    assertThat(plan.unavailable().orElseThrow().english())
                            .contains("has parameters", "PostgreSQL explains those from version 16 on", "PostgreSQL " + major());
                }
            } finally {
                c.abort(Runnable::run);
                running.get();
            }
        }
    }

    @Test
    void anythingButASelectIsRefusedWithoutBeingExplained() throws Exception {
        try (Victim v = Victim.start(pg(), EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD,
                "DO $$BEGIN PERFORM pg_sleep(60); END$$")) {
            Session s = awaitRunning(v.threadId(), "pg_sleep");
            assertThat(admin.planUnavailable(s)).hasValueSatisfying(t -> assertThat(t.english()).contains("only SELECT"));

            ExecutionPlan plan = admin.plan(s.key());

            assertThat(plan.missing()).contains(Missing.NOT_EXPLAINABLE);
            assertThat(plan.unavailable().orElseThrow().english()).startsWith("SessionDeck explains only SELECT statements");
        }
    }

    @Test
    void anIdleSessionHasNoPlan() throws Exception {
        try (Connection idle = pg().connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD);
             Statement st = idle.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            Session s = awaitListed(EmbeddedPostgres.backendPid(idle), x -> !x.isActive());
            assertThat(admin.planUnavailable(s)).isPresent();

            ExecutionPlan plan = admin.plan(s.key());

            assertThat(plan.missing()).contains(Missing.IDLE);
        }
    }

    @Test
    void anotherRolesSessionTheUserMayNotSeeIsUnavailableNamingTheRole() throws Exception {
        try (Victim v = Victim.start(pg(), EmbeddedPostgres.ADMIN, EmbeddedPostgres.ADMIN_PASSWORD, SLOW_SELECT);
             SessionSource plain = SessionSources.loaded().open(pg().plainSpec())) {
            awaitRunning(v.threadId(), "plan_items");
            Session hidden = await().atMost(Duration.ofSeconds(10))
                    .until(() -> plain.snapshot().find(Long.toString(v.threadId())), Optional::isPresent).orElseThrow();
            assertThat(plain.planUnavailable(hidden)).hasValueSatisfying(t -> assertThat(t.english()).contains("pg_read_all_stats"));

            ExecutionPlan plan = plain.plan(hidden.key());

            assertThat(plan.missing()).contains(Missing.PRIVILEGE);
            assertThat(plan.unavailable().orElseThrow().english()).contains("pg_read_all_stats");
        }
    }

    @Test
    void aPidNobodyHasIsGone() throws SourceException {
        ExecutionPlan plan = admin.plan(dev.sessiondeck.core.model.SessionKey.ofId(admin.name(), "2147483000"));

        assertThat(plan.missing()).contains(Missing.SESSION_GONE);
    }

    @Test
    void theStepsNestAsThePlainPlanIndents() throws Exception {
        // a join of two scans under a hash: the JSON's nesting, the plain text's indentation
        try (Victim v = Victim.start(pg(), EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD,
                "SELECT a.id, pg_sleep(1) FROM plan_items a JOIN plan_items b ON b.id = a.id + 0 WHERE a.name <> b.name || 'x'")) {
            Session s = awaitRunning(v.threadId(), "JOIN plan_items");

            ExecutionPlan plan = admin.plan(s.key());

            assertThat(plan.available()).as(plan.toString()).isTrue();
            Step top = plan.steps().get(0);
            assertThat(top.depth()).isZero();
            assertThat(plan.steps()).filteredOn(x -> x.object().startsWith("plan_items"))
                    .hasSize(2).allSatisfy(x -> assertThat(x.depth()).isPositive());
        }
    }
}
