package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.LoopbackProxy;
import dev.sessiondeck.core.testing.Victim;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window while servers fail under it: each data source reaches the embedded MariaDB through a
 * {@link LoopbackProxy} on 127.0.0.1 that the test turns into a killed server (reset and refused) or
 * a black hole (stalled). The rows stay, marked stale, with the reason; the window recovers when
 * the server is back; connections and worker threads do not pile up; live data sources keep
 * refreshing beside dead ones; and the JavaFX thread keeps pulsing and never waits on the network.
 * Workers are a cached pool, as the application has them.
 */
class FaultWindowIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    /** Short bounds, so that a stalled server is given up within seconds (connect 1 s; reads 2 s + margin). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);
    /** The longest the JavaFX thread may go without a pulse while servers fail. */
    private static final Duration LONGEST_PULSE_GAP = Duration.ofMillis(100);

    private final AtomicInteger workerCount = new AtomicInteger();
    private ThreadPoolExecutor pool;

    @Start
    void start(Stage stage) {
        pool = (ThreadPoolExecutor) Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-worker-" + workerCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        open(stage, pool);
    }

    /** A proxy in front of the server, closed (every link reset) after the test, before the window goes. */
    private LoopbackProxy proxy() throws IOException {
        LoopbackProxy p = LoopbackProxy.to(DB.port());
        opened.add(p);
        return p;
    }

    private static ConnectionSpec through(String name, LoopbackProxy proxy) {
        return DB.adminSpec().toBuilder().name(name).port(proxy.port())
                .connectTimeout(CONNECT_TIMEOUT).queryTimeout(QUERY_TIMEOUT).build();
    }

    private void refreshAndWait() throws Exception {
        fx(() -> {
            vm.refresh();
            return null;
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> !fx(() -> vm.refreshingProperty().get()));
    }

    /** Live threads of this JVM, without the proxy's own (two per link, a test fixture). */
    private static long threadsWithoutTheProxys() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("loopback-proxy-")).count();
    }

    private boolean errorShown() throws Exception {
        Labeled error = lookup("#status-error").queryLabeled();
        // the label sits in a box that is shown only while there is an error
        return fx(() -> error.isVisible() && error.getParent().isVisible());
    }

    @Test
    void aServerKilledMidRefreshLeavesTheRowsStaleThenRecoversWithoutLeakingConnectionsOrThreads() throws Exception {
        LoopbackProxy proxy = proxy();
        Victim before = victim(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)");
        SessionSource source = show(through("behind a proxy", proxy));
        awaitActiveRow(before.threadId());
        int rows = shownCount();
        assertThat(errorShown()).isFalse();

        // the server is killed: open connections are reset, new ones refused
        proxy.refuse().drop();
        clickOn("#refresh-button");

        await().atMost(Duration.ofSeconds(15)).until(() -> fx(() -> vm.staleProperty().get()));
        assertThat(shownCount()).as("the rows stay").isEqualTo(rows);
        assertThat(shownRow(before.threadId())).hasValueSatisfying(r -> assertThat(r.isStale()).isTrue());
        String reason = fx(() -> vm.errorProperty().get());
        assertThat(reason).startsWith("Server unreachable");
        assertThat(errorShown()).isTrue();
        assertThat(lookup("#status-error").queryLabeled().getText()).isEqualTo("Stale: " + reason);
        assertThat(table().getPseudoClassStates()).contains(SessionsView.STALE);

        // more failed refreshes neither pile up threads nor connections
        long threadsAfterOneFailure = threadsWithoutTheProxys();
        for (int i = 0; i < 5; i++) {
            refreshAndWait();
            assertThat(fx(() -> vm.staleProperty().get())).isTrue();
        }
        // HikariCP starts and ends a connection-adding thread of its own as it tries: a margin of 2
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> threadsWithoutTheProxys() <= threadsAfterOneFailure + 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.getActiveCount() == 0);
        System.out.printf("FaultWindowIT, killed server: %d threads after one failed refresh, %d after six;"
                + " at most %d workers%n", threadsAfterOneFailure, threadsWithoutTheProxys(), pool.getLargestPoolSize());
        assertThat(pool.getLargestPoolSize()).as("one refresh at a time of one data source").isLessThanOrEqualTo(2);
        assertThat(proxy.openConnections()).isZero();

        // the server is back, with a session started while it was away
        Victim during = victim(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(61)");
        proxy.pass();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            refreshAndWait();
            return !fx(() -> vm.staleProperty().get()) && shownRow(during.threadId()).isPresent();
        });
        assertThat(shownRow(before.threadId())).hasValueSatisfying(r -> assertThat(r.isStale()).isFalse());
        assertThat(fx(() -> vm.errorProperty().get())).isEmpty();
        assertThat(errorShown()).isFalse();
        assertThat(table().getPseudoClassStates()).doesNotContain(SessionsView.STALE);
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.openConnections() <= ConnectionPool.MAX_CONNECTIONS);

        // closing the data source closes every connection it had
        fx(() -> {
            vm.removeDataSource(source);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.openConnections() == 0);
    }

    @Test
    void tenDataSourcesTwoDeadTheLiveOnesKeepRefreshingAndTheWindowKeepsPulsing() throws Exception {
        Victim victim = victim(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(120)");
        Map<String, LoopbackProxy> live = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            live.put("live " + i, proxy());
        }
        LoopbackProxy blackHole = proxy();
        LoopbackProxy killed = proxy();
        for (Map.Entry<String, LoopbackProxy> e : live.entrySet()) {
            show(through(e.getKey(), e.getValue()));
        }
        show(through("dead: black hole", blackHole));
        show(through("dead: killed", killed));

        clickOn("#data-source-selector");
        clickOn("All data sources");
        assertThat(fx(() -> vm.showAllProperty().get())).isTrue();
        List<String> everySource = new ArrayList<>(live.keySet());
        everySource.addAll(List.of("dead: black hole", "dead: killed"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            refreshAndWait();
            return fx(() -> table().getItems().stream()
                    .filter(r -> r.getSession().id().equals(Long.toString(victim.threadId())))
                    .map(r -> r.getSession().key().dataSource()).distinct().count()) == everySource.size();
        });

        // each live data source's row of the victim: when a refresh replaced its session
        Map<String, List<Long>> updates = new LinkedHashMap<>();
        fx(() -> {
            for (SessionRow r : table().getItems()) {
                String source = r.getSession().key().dataSource();
                if (live.containsKey(source) && r.getSession().id().equals(Long.toString(victim.threadId()))) {
                    List<Long> times = new ArrayList<>();
                    updates.put(source, times);
                    r.sessionProperty().addListener((o, a, b) -> times.add(System.nanoTime()));
                }
            }
            vm.refreshSecondsProperty().set(1);
            return null;
        });
        assertThat(updates).hasSize(live.size());

        long faultsFrom;
        long faultsTo;
        try (FxThreadWatch watch = FxThreadWatch.start(Duration.ofSeconds(1))) {
            Thread.sleep(1_000);
            faultsFrom = System.nanoTime();
            blackHole.stall();
            killed.refuse().drop();
            Thread.sleep(10_000);
            faultsTo = System.nanoTime();
            System.out.println("FaultWindowIT, two of ten servers failing for 10 s: " + watch.summary());

            assertThat(watch.samples()).as("the sampler looked").isGreaterThan(200);
            assertThat(watch.blockingFrame()).as("network or JDBC code on the JavaFX thread").isEmpty();
            assertThat(watch.longestGap()).as("longest gap between pulses; the JavaFX thread meanwhile:%s",
                    watch.duringLongestGap()).isLessThanOrEqualTo(LONGEST_PULSE_GAP);
            assertThat(watch.longestRunLater()).as("longest wait of a runLater").isLessThanOrEqualTo(LONGEST_PULSE_GAP);
        }
        fx(() -> {
            vm.refreshSecondsProperty().set(0);
            return null;
        });

        Map<String, List<Long>> seen = fx(() -> {
            Map<String, List<Long>> copy = new LinkedHashMap<>();
            updates.forEach((source, times) -> copy.put(source, List.copyOf(times)));
            return copy;
        });
        long longestOfAll = 0;
        for (Map.Entry<String, List<Long>> e : seen.entrySet()) {
            List<Long> during = new ArrayList<>();
            during.add(faultsFrom);
            e.getValue().stream().filter(t -> t >= faultsFrom && t <= faultsTo).forEach(during::add);
            during.add(faultsTo);
            assertThat(during.size() - 2).as("refreshes of %s during the faults", e.getKey()).isGreaterThanOrEqualTo(5);
            long longest = 0;
            for (int i = 1; i < during.size(); i++) {
                longest = Math.max(longest, during.get(i) - during.get(i - 1));
            }
            // auto-refresh asks every second; a refresh of the killed server fails after 1 s (the
            // connect timeout), one of the black hole after 1 to 3 s (validation, connect, read): a live
            // data source refreshed in turn with them would wait 2 s or more
            assertThat(Duration.ofNanos(longest)).as("longest wait for a refresh of %s", e.getKey())
                    .isLessThan(Duration.ofMillis(2_000));
            longestOfAll = Math.max(longestOfAll, longest);
        }
        System.out.printf("FaultWindowIT, live data sources: longest wait for a refresh %d ms%n", longestOfAll / 1_000_000);
        assertThat(fx(() -> Set.copyOf(vm.refreshErrors().keySet())))
                .containsExactlyInAnyOrder("dead: black hole", "dead: killed");
        List<SessionRow> deadRows = fx(() -> table().getItems().stream()
                .filter(r -> r.getSession().key().dataSource().startsWith("dead: ")).toList());
        assertThat(deadRows).isNotEmpty().allMatch(SessionRow::isStale);
        assertThat(fx(() -> table().getItems().stream().filter(r -> live.containsKey(r.getSession().key().dataSource()))
                .noneMatch(SessionRow::isStale))).isTrue();
        assertThat(lookup("#status-error").queryLabeled().getText()).startsWith("Stale:")
                .contains("dead: black hole", "dead: killed").doesNotContain("live 1");
    }
}
