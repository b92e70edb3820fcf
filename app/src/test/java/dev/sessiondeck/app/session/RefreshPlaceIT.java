package dev.sessiondeck.app.session;

import static dev.sessiondeck.app.session.FakeSessionSource.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Refresh keeps the user's place: after refreshes that add or remove sessions sorted above the
 * visible rows, the same sessions stay selected and focused, and the first visible row is the same
 * session at the same offset. A fake of our own {@code SessionSource}: what is tested is the window.
 */
class RefreshPlaceIT extends WindowTestSupport {

    private final FakeSessionSource source = new FakeSessionSource("fake");

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void selectionFocusAndFirstVisibleRowStayOnTheirSessionsWhenRowsAboveComeAndGo() throws Exception {
        showSessions1000To1300();
        fx(() -> {
            TableColumn<SessionRow, ?> id = table().getColumns().stream()
                    .filter(c -> c.getUserData() == SessionColumn.ID).findFirst().orElseThrow();
            id.setSortType(TableColumn.SortType.ASCENDING);
            table().getSortOrder().setAll(List.of(id));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        SessionRow selected = shownRow(1200).orElseThrow();
        fx(() -> {
            int at = table().getItems().indexOf(selected);
            table().getSelectionModel().clearAndSelect(at);
            table().getFocusModel().focus(at);
            table().scrollTo(at - 20);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        // part of a row's height scrolled, so that the offset counts too
        fx(() -> {
            flow().scrollPixels(7);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        SessionRow firstVisible = fx(() -> (SessionRow) flow().getFirstVisibleCell().getItem());
        double offset = fx(() -> flow().getFirstVisibleCell().getLayoutY());
        assertThat(firstVisible.getSession().id()).isEqualTo("1180");

        // 50 new sessions sorted above (smaller ids), then 100 of the old ones above gone
        List<Session> more = new ArrayList<>(sessions(500, 550));
        more.addAll(sessions(1000, 1300));
        refreshWith(more);
        assertPlaceKept(selected, firstVisible, offset, 350);

        refreshWith(sessions(1100, 1300));
        assertPlaceKept(selected, firstVisible, offset, 200);

        // auto-refresh: 30 sessions above come back
        List<Session> again = new ArrayList<>(sessions(1070, 1300));
        source.list(again);
        fx(() -> {
            vm.refreshSecondsProperty().set(1);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> shownCount() == again.size());
        fx(() -> {
            vm.refreshSecondsProperty().set(0);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> !vm.refreshingProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        assertPlaceKept(selected, firstVisible, offset, 230);
    }

    @Test
    void rowsTheSearchHidesStayChosenAndAreSelectedAndFocusedAgainWhenShownAgain() throws Exception {
        showSessions1000To1300();
        SessionRow a = shownRow(1200).orElseThrow();
        SessionRow b = shownRow(1250).orElseThrow();
        fx(() -> {
            table().getSelectionModel().clearSelection();
            table().getSelectionModel().selectIndices(table().getItems().indexOf(a), table().getItems().indexOf(b));
            table().getFocusModel().focus(table().getItems().indexOf(b));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        fx(() -> {
            vm.idSearchProperty().set("1200");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shownCount()).isEqualTo(1);
        assertThat(fx(() -> List.copyOf(table().getSelectionModel().getSelectedItems()))).containsExactly(a);

        fx(() -> {
            vm.idSearchProperty().set("");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shownCount()).isEqualTo(300);
        assertThat(fx(() -> List.copyOf(table().getSelectionModel().getSelectedItems()))).containsExactly(a, b);
        assertThat(fx(() -> table().getFocusModel().getFocusedItem())).isSameAs(b);
    }

    /** The fake data source listing sessions 1000 to 1299, shown. */
    private void showSessions1000To1300() throws Exception {
        source.list(sessions(1000, 1300));
        fx(() -> {
            vm.addDataSource(source);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> shownCount() == 300);
    }

    private void assertPlaceKept(SessionRow selected, SessionRow firstVisible, double offset, int count) throws Exception {
        assertThat(shownCount()).isEqualTo(count);
        assertThat(fx(() -> List.copyOf(table().getSelectionModel().getSelectedItems()))).containsExactly(selected);
        assertThat(fx(() -> table().getFocusModel().getFocusedItem())).isSameAs(selected);
        IndexedCell<?> first = fx(() -> flow().getFirstVisibleCell());
        assertThat(fx(first::getItem)).as("the first visible row").isSameAs(firstVisible);
        assertThat(fx(first::getLayoutY)).isEqualTo(offset);
    }

    private void refreshWith(List<Session> listing) throws Exception {
        Object before = fx(() -> vm.lastRefreshProperty().get());
        source.list(listing);
        fx(() -> {
            vm.refresh();
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> !vm.refreshingProperty().get()
                && vm.lastRefreshProperty().get() != before && table().getItems().size() == listing.size()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private VirtualFlow<?> flow() {
        return (VirtualFlow<?>) table().lookup(".virtual-flow");
    }

    /** Idle and running sessions with ids from {@code from} (inclusive) to {@code to} (exclusive). */
    private static List<Session> sessions(long from, long to) {
        List<Session> out = new ArrayList<>();
        for (long id = from; id < to; id++) {
            out.add(session("fake", id, "app", "shop", id % 2 == 0, "SELECT " + id, 0.5));
        }
        return out;
    }
}
