package dev.sessiondeck.app.session;

import static dev.sessiondeck.app.session.FakeSessionSource.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a refresh shows and how: the status bar says "Refreshing..." only for a refresh the user
 * waits for, and rows that show another session after a refresh take that session's style.
 * Fakes of our own {@code SessionSource}: what is tested is the window, not a server.
 */
class RefreshRenderingIT extends WindowTestSupport {

    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private final FakeSessionSource source = new FakeSessionSource("fake");

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void quickRefreshesDoNotFlickerTheStatusBarAndASlowOneSaysRefreshing() throws Exception {
        showFirstListing();
        Label status = lookup("#status-refresh").queryAs(Label.class);
        String refreshing = Messages.get("status.refreshing");
        List<String> texts = new CopyOnWriteArrayList<>();
        fx(() -> {
            status.textProperty().addListener((o, a, b) -> texts.add(b));
            return null;
        });

        // a fake answers at once, far inside the 400 ms after which the status bar speaks
        for (int generation = 1; generation <= 3; generation++) {
            showListing(generation);
        }
        WaitForAsyncUtils.waitForFxEvents();
        // (the text may not change at all: three refreshes in one second, each "in 3 ms")
        assertThat(texts).doesNotContain(refreshing);

        CountDownLatch slow = new CountDownLatch(1);
        source.gate = slow;
        fx(() -> {
            vm.refresh();
            return null;
        });
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> fx(status::getText).equals(refreshing));
        } finally {
            source.gate = null;
            slow.countDown();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !fx(status::getText).equals(refreshing));
        assertThat(fx(status::getText)).startsWith("Refreshed ");
    }

    @Test
    void rowsThatShowAnotherSessionAfterARefreshTakeItsStyle() throws Exception {
        showFirstListing();
        for (int generation = 1; generation <= 4; generation++) {
            int g = generation;
            showListing(g);
            WaitForAsyncUtils.waitForFxEvents();
            // every visible row is styled as dangerous exactly when its session runs past the threshold
            List<String> wrong = fx(() -> {
                List<String> out = new ArrayList<>();
                for (Node n : table().lookupAll(".table-row-cell")) {
                    TableRow<?> row = (TableRow<?>) n;
                    if (!row.isVisible() || row.isEmpty() || !(row.getItem() instanceof SessionRow r)) {
                        continue;
                    }
                    boolean danger = r.getHighlight() == SessionRow.Highlight.DANGER;
                    if (danger != row.getPseudoClassStates().contains(DANGER)) {
                        out.add(r.getSession().id() + " danger=" + danger);
                    }
                }
                return out;
            });
            assertThat(wrong).as("rows styled unlike their sessions after refresh %d", g).isEmpty();
        }
        long dangerous = fx(() -> table().lookupAll(".table-row-cell").stream()
                .filter(n -> n.isVisible() && n.getPseudoClassStates().contains(DANGER)).count());
        assertThat(dangerous).isPositive();
    }

    /** Adds the fake data source listing generation 0 and waits for its 40 rows. */
    private void showFirstListing() throws Exception {
        source.list(sessions(0));
        fx(() -> {
            vm.addDataSource(source);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> table().getItems().size()) == 40);
    }

    /** Lists generation {@code generation}, refreshes, and waits until the table shows it. */
    private void showListing(int generation) throws Exception {
        source.list(sessions(generation));
        fx(() -> {
            vm.refresh();
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> !vm.refreshingProperty().get()
                && table().getItems().get(0).getSession().id().equals(Long.toString(1000 + generation))));
    }

    /**
     * 40 sessions as a listing {@code generation} seconds on: the first one gone and a new one at
     * the end each time, so every row moves up one, and every third session (by id) in danger.
     */
    private static List<Session> sessions(int generation) {
        List<Session> out = new ArrayList<>();
        for (long id = 1000 + generation; id < 1040 + generation; id++) {
            boolean longRunning = id % 3 == 0;
            out.add(session("fake", id, "app", "shop", true, "SELECT " + id, longRunning ? 60 : 0.2));
        }
        return out;
    }
}
