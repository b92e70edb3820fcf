package dev.sessiondeck.app.session;

import static dev.sessiondeck.app.session.FakeSessionSource.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.source.SourceException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The view model without a window: every background job runs on the test's thread. */
class SessionsViewModelTest {

    private static final Background NOW = new Background(Runnable::run, Runnable::run);

    private final FakeSessionSource source = new FakeSessionSource("fake");
    private final SessionsViewModel vm = new SessionsViewModel(spec -> source, NOW);

    @BeforeAll
    static void english() {
        Messages.use(Locale.ENGLISH);
    }

    private static Session idle(long id, String user) {
        return session("fake", id, user, "shop", false, null, 3);
    }

    private static Session active(long id, String user, String sql, double seconds) {
        return session("fake", id, user, "shop", true, sql, seconds);
    }

    private SessionRow row(long id) {
        return vm.allRows().stream().filter(r -> r.getSession().id().equals(Long.toString(id))).findFirst().orElseThrow();
    }

    /**
     * The table listens to the shown data sources to show their columns. An unmodifiable view made
     * anew per call listened to its list only weakly: after a garbage collection the table no longer
     * heard that a data source was shown, and a new kind of source's columns stayed hidden.
     */
    @Test
    void aListenerOfTheShownDataSourcesStillHearsAfterAGarbageCollection() throws Exception {
        List<String> heard = new ArrayList<>();
        vm.shownSources().addListener((javafx.collections.ListChangeListener<dev.sessiondeck.core.source.SessionSource>) c ->
                heard.add("changed"));
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        source.list(List.of(idle(1, "app")));

        vm.addDataSource(source);

        assertThat(heard).isNotEmpty();
        assertThat(vm.shownSources()).as("always the same list").isSameAs(vm.shownSources());
    }

    @Test
    void refreshUpdatesRowsInPlaceAddsNewOnesAndRemovesEndedOnes() {
        source.list(List.of(idle(1, "app"), active(2, "app", "SELECT 1", 0.5)));
        vm.addDataSource(source);
        SessionRow first = row(1);
        SessionRow second = row(2);
        assertThat(first.isFresh()).as("rows of the first snapshot are not 'new'").isFalse();

        source.list(List.of(active(1, "app", "UPDATE t SET a = 1", 2), active(3, "batch", "SELECT SLEEP(9)", 0.1)));
        vm.refresh();

        assertThat(vm.allRows()).extracting(r -> r.getSession().id()).containsExactly("1", "3");
        assertThat(row(1)).isSameAs(first);
        assertThat(first.valueProperty(SessionColumn.SQL).get()).isEqualTo("UPDATE t SET a = 1");
        assertThat(first.valueProperty(SessionColumn.STATUS).get()).isEqualTo("ACTIVE");
        assertThat(vm.allRows()).doesNotContain(second);
        assertThat(row(3).isFresh()).isTrue();
        assertThat(vm.totalCountProperty().get()).isEqualTo(2);
        assertThat(vm.activeCountProperty().get()).isEqualTo(2);
    }

    @Test
    void aStatementMovingToItsSuccessorKeepsTheSameRow() {
        source.list(List.of(active(7, "app", "SELECT 1", 1)));
        vm.addDataSource(source);
        SessionRow before = row(7);
        Session next = active(7, "app", "SELECT 2", 0.1).toBuilder().set(StandardAttributes.QUERY_ID, 99L).build();
        source.list(List.of(next));
        vm.refresh();
        assertThat(row(7)).isSameAs(before);
        assertThat(before.getSession().attribute(StandardAttributes.QUERY_ID)).hasValue(99L);
    }

    /** Longest-running first, as the table's default sort has it (after the status). */
    private static final java.util.Comparator<SessionRow> LONGEST_FIRST = java.util.Comparator.comparing(
            (SessionRow r) -> (Duration) r.value(SessionColumn.EXECUTION_TIME)).reversed();

    private static List<Session> runningFor(double... seconds) {
        return IntStream.range(0, seconds.length).mapToObj(i -> active(i + 1, "app", "q" + i, seconds[i])).toList();
    }

    @Test
    void timesThatAllGrewKeepTheirOrderAndTellTheSortedRowsNothing() {
        source.list(runningFor(5, 3, 9, 1));
        vm.addDataSource(source);
        vm.comparatorProperty().set(LONGEST_FIRST);
        List<String> heard = new ArrayList<>();
        vm.shownRows().addListener((javafx.collections.ListChangeListener<SessionRow>) c -> heard.add(c.toString()));

        source.list(runningFor(6, 4, 10, 2));
        vm.refresh();

        assertThat(heard).as("no row changed its place").isEmpty();
        assertThat(vm.shownRows()).extracting(r -> r.value(SessionColumn.EXECUTION_TIME)).containsExactly(Duration.ofSeconds(10),
                Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofSeconds(2));
    }

    @Test
    void rowsWhoseTimesOvertookOthersArePlacedAgain() {
        source.list(runningFor(5, 3, 9, 1, 7, 2));
        vm.addDataSource(source);
        vm.comparatorProperty().set(LONGEST_FIRST);

        // session 4 restarted its statement, session 6 is now the longest, the rest grew by one
        source.list(runningFor(6, 4, 10, 0.1, 8, 30));
        vm.refresh();

        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("6", "3", "5", "1", "2", "4");
    }

    @Test
    void aSessionThatStoppedRunningLeavesTheActiveOnlyView() {
        source.list(runningFor(5, 3));
        vm.addDataSource(source);
        vm.activeOnlyProperty().set(true);
        assertThat(vm.shownRows()).hasSize(2);

        source.list(List.of(active(1, "app", "q0", 6), idle(2, "app")));
        vm.refresh();

        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("1");
    }

    /**
     * A session that starts or ends a statement changes what the filters read; with no filter that
     * the change can fail (nor a sort it moves in) the lists hear nothing, and the row's cells follow
     * its values by themselves (the window's apply of 10,000 sessions, docs/benchmarks.md).
     */
    @Test
    void sessionsThatStartedOrEndedAStatementTellTheListsOnlyWhenTheFilterVerdictChanges() {
        source.list(List.of(active(1, "app", "q0", 5), idle(2, "app"), idle(3, "app")));
        vm.addDataSource(source);
        List<String> heard = new ArrayList<>();
        vm.shownRows().addListener((javafx.collections.ListChangeListener<SessionRow>) c -> heard.add(c.toString()));

        source.list(List.of(idle(1, "app"), active(2, "app", "q1", 1), idle(3, "app")));
        vm.refresh();

        assertThat(heard).as("every row still passes").isEmpty();
        assertThat(row(1).isActive()).isFalse();
        assertThat(row(2).value(SessionColumn.SQL)).isEqualTo("q1");
        assertThat(vm.activeCountProperty().get()).isEqualTo(1);

        vm.activeOnlyProperty().set(true);
        source.list(List.of(active(1, "app", "q2", 1), idle(2, "app"), idle(3, "app")));
        vm.refresh();

        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("1");
        assertThat(vm.activeCountProperty().get()).isEqualTo(1);
    }

    @Test
    void typingNarrowsErasingWidensAndSnapshotsMeanwhileAreFilteredToo() {
        source.list(List.of(idle(1, "svc_orders"), idle(2, "svc_billing"), idle(3, "report")));
        vm.addDataSource(source);
        vm.userSearchProperty().set("s");
        vm.userSearchProperty().set("svc");
        vm.userSearchProperty().set("svc_o");
        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("1");

        // a new matching session, and one that no longer matches, while the search stays
        source.list(List.of(idle(1, "svc_orders"), idle(2, "svc_billing"), idle(3, "report"), idle(4, "SVC_ORDERS_2"),
                idle(5, "svc_billing")));
        vm.refresh();
        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("1", "4");
        source.list(List.of(idle(1, "svc_x"), idle(2, "svc_billing"), idle(3, "report"), idle(4, "SVC_ORDERS_2"),
                idle(5, "svc_billing")));
        vm.refresh();
        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("4");

        vm.userSearchProperty().set("svc_");
        // session 1 came back as another user: a new session (the key's identity), listed last
        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("2", "4", "5", "1");
        vm.userSearchProperty().set("svc_b");
        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("2", "5");
        vm.userSearchProperty().set("");
        assertThat(vm.shownRows()).hasSize(5);
    }

    @Test
    void aSnapshotInAnotherOrderStillFindsEveryRowOnce() {
        source.list(List.of(idle(1, "a"), idle(2, "b"), idle(3, "c"), idle(4, "d"), idle(5, "e")));
        vm.addDataSource(source);
        List<SessionRow> first = List.copyOf(vm.allRows());

        // reversed, session 3 ended, session 6 new, session 2 listed twice (a server's listing can)
        source.list(List.of(idle(5, "e"), idle(4, "d"), idle(6, "f"), idle(2, "b"), idle(2, "b"), idle(1, "a")));
        vm.refresh();
        assertThat(vm.allRows()).extracting(r -> r.getSession().id()).containsExactly("1", "2", "4", "5", "6");
        assertThat(row(1)).isSameAs(first.get(0));
        assertThat(row(5)).isSameAs(first.get(4));

        // and back in the first order: still the same rows
        source.list(List.of(idle(1, "a"), idle(2, "b"), idle(4, "d"), idle(5, "e"), idle(6, "f")));
        vm.refresh();
        assertThat(vm.allRows()).extracting(r -> r.getSession().id()).containsExactly("1", "2", "4", "5", "6");
        assertThat(row(2)).isSameAs(first.get(1));
        assertThat(row(4)).isSameAs(first.get(3));
    }

    @Test
    void anotherSearchAfterSnapshotsTestsEveryRowAgain() {
        source.list(List.of(idle(1, "alpha"), idle(2, "beta")));
        vm.addDataSource(source);
        vm.userSearchProperty().set("alp");
        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("1");
        source.list(List.of(idle(1, "alpha"), idle(2, "beta"), active(3, "alphabet", "q", 1)));
        vm.refresh();
        vm.userSearchProperty().set("bet");
        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("2", "3");
        vm.activeOnlyProperty().set(true);
        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("3");
    }

    @Test
    void aRowHeldAfterItsDataSourceClosedNoLongerKeepsTheDataSource() {
        source.list(List.of(idle(1, "a"), idle(2, "b")));
        vm.addDataSource(source);
        SessionRow held = row(1);
        source.list(List.of(idle(2, "b")));
        vm.refresh();
        SessionRow alsoHeld = row(2);

        vm.removeDataSource(source);

        assertThat(vm.allRows()).isEmpty();
        // a selection or a cell may keep a row; through its data source it would keep all of them
        assertThat(held.feed).as("an ended session's row").isNull();
        assertThat(alsoHeld.feed).as("a closed data source's row").isNull();
        assertThat(vm.whyNot(SessionAction.CLOSE_SESSION, List.of(alsoHeld))).isPresent();
    }

    @Test
    void longRunningStatementsAreHighlightedByTheThresholds() {
        source.list(List.of(active(1, "a", "q", 0.2), active(2, "a", "q", 1.5), active(3, "a", "q", 12), idle(4, "a")));
        vm.addDataSource(source);
        assertThat(row(1).getHighlight()).isEqualTo(SessionRow.Highlight.NONE);
        assertThat(row(2).getHighlight()).isEqualTo(SessionRow.Highlight.WARNING);
        assertThat(row(3).getHighlight()).isEqualTo(SessionRow.Highlight.DANGER);
        assertThat(row(4).getHighlight()).as("idle sessions run nothing").isEqualTo(SessionRow.Highlight.NONE);

        vm.dangerSecondsProperty().set(1.2);
        assertThat(row(2).getHighlight()).isEqualTo(SessionRow.Highlight.DANGER);
    }

    @Test
    void searchesAreLiteralCaseInsensitiveAndCombineWithActiveOnly() {
        source.list(List.of(idle(1, "App.User"), active(2, "app.user", "q", 1), active(3, "appXuser", "q", 1),
                idle(4, "report")));
        vm.addDataSource(source);

        vm.userSearchProperty().set("APP.");
        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("1", "2");
        vm.activeOnlyProperty().set(true);
        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("2");
        assertThat(vm.shownCountProperty().get()).isEqualTo(1);

        vm.clearSearches();
        vm.activeOnlyProperty().set(false);
        vm.idSearchProperty().set(" 4 ");
        assertThat(vm.shownRows()).extracting(r -> r.getSession().id()).containsExactly("4");
        // any text is a possible id (a UUID, ...): one no session has finds none
        vm.idSearchProperty().set("4x");
        assertThat(vm.shownRows()).isEmpty();
    }

    @Test
    void aFailedRefreshKeepsTheRowsMarkedStaleWithTheReason() {
        source.list(List.of(idle(1, "a"), idle(2, "b")));
        vm.addDataSource(source);
        source.fail(new SourceException(SourceException.Kind.UNREACHABLE, "Connection refused by 127.0.0.1:3306"));
        vm.refresh();
        assertThat(vm.allRows()).hasSize(2);
        assertThat(vm.staleProperty().get()).isTrue();
        assertThat(vm.errorProperty().get()).contains("Server unreachable").contains("Connection refused");

        source.list(List.of(idle(1, "a")));
        vm.refresh();
        assertThat(vm.staleProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    @Test
    void switchingDataSourceDropsTheRefreshInFlight() {
        Deque<Runnable> pending = new ArrayDeque<>();
        Executor later = pending::add;
        FakeSessionSource other = new FakeSessionSource("other");
        SessionsViewModel manual = new SessionsViewModel(spec -> source, new Background(later, Runnable::run));
        source.list(List.of(idle(1, "a")));
        other.list(List.of(idle(2, "b")));

        manual.addDataSource(source);
        manual.addDataSource(other);
        // the first data source's listing answers last, after the second one's
        while (!pending.isEmpty()) {
            pending.pollLast().run();
        }
        assertThat(manual.allRows()).extracting(r -> r.getSession().id()).containsExactly("2");
    }

    @Test
    void killReportsEachSessionAndRefusesOurOwnWithoutAskingTheServer() {
        // our own monitoring session runs the listing: a target of Close Query like the others
        Session own = active(1, "deck", "SELECT ... FROM PROCESSLIST", 0).toBuilder().own(true).build();
        source.list(List.of(own, active(2, "a", "q", 1), active(3, "b", "q", 1), active(4, "c", "q", 1)));
        vm.addDataSource(source);
        source.killFailures.put("3", new SourceException(SourceException.Kind.SESSION_GONE, "Unknown thread id: 3"));
        source.killFailures.put("4", new SourceException(SourceException.Kind.PRIVILEGE, "You are not owner of thread 4"));

        AtomicReference<List<ActionOutcome>> report = new AtomicReference<>();
        vm.perform(SessionAction.CLOSE_QUERY, List.of(row(1), row(2), row(3), row(4)), Map.of(), report::set);

        assertThat(report.get()).extracting(ActionOutcome::result).containsExactly(ActionOutcome.Result.REFUSED,
                ActionOutcome.Result.DONE, ActionOutcome.Result.ALREADY_GONE, ActionOutcome.Result.NOT_PERMITTED);
        assertThat(report.get().get(3).detail()).contains("not owner");
        assertThat(source.killed).extracting(k -> k.id()).containsExactly("2");
        assertThat(source.killed.get(0).queryId()).as("the statement the user saw").hasValue(20L);
    }

    @Test
    void allShownTargetsFollowTheFiltersAndLeaveOurOwnSessionOut() {
        Session own = idle(9, "app_deck").toBuilder().own(true).build();
        source.list(List.of(idle(1, "app"), active(2, "app", "SELECT 1", 1), idle(3, "batch"), own));
        vm.addDataSource(source);
        vm.userSearchProperty().set("app");

        assertThat(vm.shownRows()).hasSize(3);
        assertThat(vm.allShownTargets(SessionAction.CLOSE_SESSION)).extracting(r -> r.getSession().id())
                .containsExactly("1", "2");
        // Close Query: only the shown sessions that run a statement
        assertThat(vm.allShownTargets(SessionAction.CLOSE_QUERY)).extracting(r -> r.getSession().id())
                .containsExactly("2");
    }

    @Test
    void aCancelledBatchStopsBeforeItsNextSessionAndReportsTheRestNotAttempted() {
        source.list(List.of(idle(1, "app"), idle(2, "app"), idle(3, "app"), idle(4, "app")));
        vm.addDataSource(source);
        List<Integer> progress = new ArrayList<>();
        vm.actionDoneProperty().addListener((o, a, b) -> progress.add(b.intValue()));
        source.afterKill = () -> {
            assertThat(vm.actingProperty().get()).isTrue();
            assertThat(vm.actionTotalProperty().get()).isEqualTo(4);
            if (source.killed.size() == 2) {
                vm.cancelAction();
            }
        };
        List<ActionOutcome> outcomes = new ArrayList<>();

        vm.perform(SessionAction.CLOSE_SESSION, vm.allShownTargets(SessionAction.CLOSE_SESSION), Map.of(), outcomes::addAll);

        assertThat(source.killed).extracting(SessionKey::id).containsExactly("1", "2");
        assertThat(outcomes).extracting(ActionOutcome::result).containsExactly(ActionOutcome.Result.DONE,
                ActionOutcome.Result.DONE, ActionOutcome.Result.CANCELLED, ActionOutcome.Result.CANCELLED);
        assertThat(ActionResults.line(outcomes.get(3))).contains("not attempted");
        assertThat(progress).startsWith(1, 2);
        assertThat(vm.actingProperty().get()).isFalse();
        assertThat(vm.actionTotalProperty().get()).isZero();
    }

    @Test
    void ourOwnSessionAndIdleSessionsBlockTheKillActionsWithAReason() {
        Session own = active(1, "deck", "SELECT ... FROM PROCESSLIST", 0).toBuilder().own(true).build();
        source.list(List.of(own, idle(2, "a")));
        vm.addDataSource(source);
        assertThat(vm.whyNot(SessionAction.CLOSE_SESSION, List.of(row(1)))).hasValueSatisfying(t -> assertThat(t).contains("own"));
        assertThat(vm.whyNot(SessionAction.CLOSE_QUERY, List.of(row(2)))).hasValueSatisfying(t -> assertThat(t).contains("statement"));
        assertThat(vm.whyNot(SessionAction.CLOSE_SESSION, List.of(row(2)))).isEmpty();
    }

    @Test
    void tenThousandSessionsRefreshInPlace() {
        List<Session> many = new ArrayList<>();
        IntStream.range(0, 10_000).forEach(i -> many.add(i % 5 == 0 ? active(i, "u" + i % 7, "SELECT " + i, i % 30) : idle(i, "u" + i % 7)));
        source.list(many);
        vm.addDataSource(source);
        SessionRow kept = row(5000);
        vm.userSearchProperty().set("u3");

        List<Session> next = new ArrayList<>();
        IntStream.range(100, 10_100).forEach(i -> next.add(i % 5 == 0 ? active(i, "u" + i % 7, "SELECT " + i, i % 30 + 1) : idle(i, "u" + i % 7)));
        source.list(next);
        // how fast is the benchmark's to say (docs/benchmarks.md), never a test's
        vm.refresh();

        assertThat(vm.totalCountProperty().get()).isEqualTo(10_000);
        assertThat(row(5000)).isSameAs(kept);
        assertThat(vm.shownRows()).allMatch(r -> r.getSession().user().orElseThrow().contains("u3"));
        assertThat(vm.allRows()).as("ended").noneMatch(r -> r.getSession().id().equals("50"))
                .as("new").anyMatch(r -> r.getSession().id().equals("10050"));
    }

    @Test
    void aDemoServerThatCannotStartIsReportedAndNothingStaysBusy() {
        List<String> progress = new ArrayList<>();
        vm.busyMessageProperty().addListener((o, a, b) -> progress.add(b));
        vm.startLocalServer(report -> {
            report.accept("Starting MariaDB");
            throw new IllegalStateException("no space left in target/");
        });
        assertThat(progress).contains("Starting MariaDB");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).startsWith("The demo server did not start").contains("no space left");
        assertThat(vm.dataSources()).isEmpty();
    }
}
