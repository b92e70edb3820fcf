package dev.sessiondeck.app.session;

import static dev.sessiondeck.app.session.FakeSessionSource.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Settings;
import dev.sessiondeck.app.support.SettingsStore;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.source.SessionSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The column layout and sort are each data source's own and come back in the next window through
 * the settings file; the SQL column takes the width the others leave, and a width the user gives it
 * is what is remembered. Fakes of our own {@code SessionSource}.
 */
class LayoutMemoryIT extends WindowTestSupport {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachDataSourceKeepsItsColumnsAndSortIntoTheNextWindow() throws Exception {
        show(new FakeSessionSource("alpha"));
        fx(() -> {
            TableColumn<SessionRow, ?> user = column(table(), SessionColumn.USER);
            table().getColumns().remove(user);
            table().getColumns().add(0, user);
            user.setPrefWidth(222);
            user.setSortType(TableColumn.SortType.ASCENDING);
            table().getSortOrder().setAll(List.of(user));
            return null;
        });
        show(new FakeSessionSource("beta"));
        clickOn("#column-chooser");
        clickOn("#columns-command");
        type(KeyCode.ESCAPE);
        fx(() -> {
            TableColumn<SessionRow, ?> id = column(table(), SessionColumn.ID);
            id.setSortType(TableColumn.SortType.DESCENDING);
            table().getSortOrder().setAll(List.of(id));
            return null;
        });

        showSource("alpha");
        assertAlpha(table());
        showSource("beta");
        assertBeta(table());

        Settings loaded = savedAndLoaded("layout-memory");
        SessionsViewModel nextVm = new SessionsViewModel(SessionSources.loaded()::open,
                new Background(workers, Platform::runLater));
        try {
            SessionsView next = fx(() -> {
                SessionsView v = new SessionsView(nextVm);
                v.applySettings(loaded);
                nextVm.addDataSource(new FakeSessionSource("alpha"));
                nextVm.addDataSource(new FakeSessionSource("beta"));
                return v;
            });
            TableView<SessionRow> nextTable = fx(() -> (TableView<SessionRow>) next.lookup("#session-table"));
            assertBeta(nextTable);
            fx(() -> {
                nextVm.currentProperty().set(nextVm.dataSource("alpha").orElseThrow());
                return null;
            });
            assertAlpha(nextTable);
            fx(() -> {
                nextVm.showAllProperty().set(true);
                return null;
            });
            assertThat(fx(() -> nextTable.getColumns().get(0).getUserData()))
                    .as("the merged view, never shown, starts from the layout shown last").isEqualTo(SessionColumn.USER);
            fx(() -> {
                next.dispose();
                return null;
            });
        } finally {
            fx(() -> {
                nextVm.shutdown();
                return null;
            });
        }
    }

    @Test
    void activeOnlyAndBackgroundComeBackAndTheFirstListingIsThenABusyOne() throws Exception {
        fx(() -> {
            vm.activeOnlyProperty().set(true);
            vm.showBackgroundProperty().set(true);
            return null;
        });
        Settings loaded = savedAndLoaded("layout-memory-toggles");
        SessionsViewModel nextVm = new SessionsViewModel(SessionSources.loaded()::open,
                new Background(workers, Platform::runLater));
        FakeSessionSource source = new FakeSessionSource("gamma");
        try {
            SessionsView next = fx(() -> {
                SessionsView v = new SessionsView(nextVm);
                v.applySettings(loaded);
                nextVm.addDataSource(source);
                return v;
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(loaded.activeOnly).isTrue();
            assertThat(fx(() -> nextVm.activeOnlyProperty().get())).isTrue();
            assertThat(fx(() -> nextVm.showBackgroundProperty().get())).isTrue();
            assertThat(source.scopes).first().isEqualTo(dev.sessiondeck.core.model.SnapshotScope.BUSY);
            fx(() -> {
                next.dispose();
                return null;
            });
        } finally {
            fx(() -> {
                nextVm.shutdown();
                return null;
            });
        }
    }

    @Test
    void theSqlColumnTakesTheSpareWidthAndKeepsAWidthTheUserGaveIt() throws Exception {
        FakeSessionSource source = new FakeSessionSource("fake");
        List<Session> sessions = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
            sessions.add(session("fake", id, "app", "shop", true, "SELECT " + id, 1));
        }
        source.list(sessions);
        show(source);
        await().atMost(Duration.ofSeconds(10)).until(() -> shownCount() == 5);
        WaitForAsyncUtils.waitForFxEvents();
        TableColumn<SessionRow, ?> sql = fx(() -> column(table(), SessionColumn.SQL));
        fx(() -> {
            // on the 1600 px wide screen of the tests (Monocle cannot paint beyond it)
            stage.setX(0);
            stage.setWidth(1600);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(fx(this::contentWidth)).isCloseTo(fx(this::visibleColumnsWidth), within(1.0));
        assertThat(fx(sql::getWidth)).isGreaterThan(SessionColumn.SQL.width());

        // a narrower window: SQL gives up its spare width first, down to its own
        fx(() -> {
            stage.setWidth(700);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(sql::getWidth)).isEqualTo(SessionColumn.SQL.width());
        fx(() -> {
            stage.setWidth(1600);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(this::contentWidth)).isCloseTo(fx(this::visibleColumnsWidth), within(1.0));

        // the user drags the SQL column's edge 300 px further: that width is its own now
        double before = fx(sql::getWidth);
        fx(() -> table().resizeColumn(sql, 300));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(sql::getWidth)).isEqualTo(before + 300);
        // and stays after the next change of the window's width
        fx(() -> {
            stage.setWidth(1550);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(sql::getWidth)).isEqualTo(before + 300);
        Settings s = new Settings();
        fx(() -> {
            view.captureSettings(s);
            return null;
        });
        assertThat(s.columns.stream().filter(c -> c.id.equals(SessionColumn.SQL.id())).findFirst().orElseThrow().width)
                .isEqualTo(before + 300);
    }

    @Test
    void aLongDataSourceNameShowsWholeInTheSelectorsTooltip() throws Exception {
        String name = "Demo (MariaDB) reporting replica in the second data centre";
        show(new FakeSessionSource(name));
        javafx.scene.control.ComboBox<?> selector = lookup("#data-source-selector").queryAs(javafx.scene.control.ComboBox.class);
        javafx.scene.control.ListCell<?> button = fx(() -> ((javafx.scene.control.skin.ComboBoxListViewSkin<?>) selector.getSkin())
                .getDisplayNode() instanceof javafx.scene.control.ListCell<?> c ? c : null);

        assertThat(fx(selector::getWidth)).isBetween(170.0, 280.0);
        assertThat(fx(() -> button.getTooltip().getText())).isEqualTo(name + "\nMariaDB 11.4.5");
    }

    private void assertAlpha(TableView<SessionRow> t) throws Exception {
        assertThat(fx(() -> t.getColumns().get(0).getUserData())).isEqualTo(SessionColumn.USER);
        assertThat(fx(() -> t.getColumns().get(0).getPrefWidth())).isEqualTo(222);
        assertThat(fx(() -> List.copyOf(t.getSortOrder()))).extracting(TableColumn::getUserData)
                .containsExactly(SessionColumn.USER);
        assertThat(fx(() -> column(t, SessionColumn.COMMAND).isVisible())).isTrue();
    }

    private void assertBeta(TableView<SessionRow> t) throws Exception {
        assertThat(fx(() -> t.getColumns().get(0).getUserData())).as("beta started from alpha's layout")
                .isEqualTo(SessionColumn.USER);
        assertThat(fx(() -> List.copyOf(t.getSortOrder()))).extracting(TableColumn::getUserData)
                .containsExactly(SessionColumn.ID);
        assertThat(fx(() -> column(t, SessionColumn.ID).getSortType())).isEqualTo(TableColumn.SortType.DESCENDING);
        assertThat(fx(() -> column(t, SessionColumn.COMMAND).isVisible())).isFalse();
    }

    /** The window's settings as the next start reads them: captured, saved to a file of the test's own, loaded. */
    private Settings savedAndLoaded(String folder) throws Exception {
        Path dir = Path.of("target", "test-settings", folder);
        Files.createDirectories(dir);
        Settings saved = new Settings();
        fx(() -> {
            view.captureSettings(saved);
            return null;
        });
        new SettingsStore(dir).save(saved);
        return new SettingsStore(dir).load();
    }

    private void show(FakeSessionSource source) throws Exception {
        fx(() -> {
            vm.addDataSource(source);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void showSource(String name) throws Exception {
        fx(() -> {
            vm.currentProperty().set(vm.dataSource(name).orElseThrow());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static TableColumn<SessionRow, ?> column(TableView<SessionRow> t, SessionColumn c) {
        return t.getColumns().stream().filter(col -> col.getUserData() == c).findFirst().orElseThrow();
    }

    private double visibleColumnsWidth() {
        return table().getVisibleLeafColumns().stream().mapToDouble(TableColumn::getWidth).sum();
    }

    /** The rows' width: the virtual flow's without its vertical scroll bar. */
    private double contentWidth() {
        javafx.scene.Node flow = table().lookup(".virtual-flow");
        double bar = table().lookupAll(".scroll-bar").stream()
                .filter(n -> n instanceof javafx.scene.control.ScrollBar b && b.getOrientation() == javafx.geometry.Orientation.VERTICAL
                        && b.isVisible() && b.getParent() == flow)
                .mapToDouble(n -> ((javafx.scene.control.ScrollBar) n).getWidth()).sum();
        return ((javafx.scene.layout.Region) flow).getWidth() - bar;
    }
}
