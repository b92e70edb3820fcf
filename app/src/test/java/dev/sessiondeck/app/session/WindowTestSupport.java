package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.controls.Notification;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.EmbeddedPostgres;
import dev.sessiondeck.core.testing.Victim;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The session window on a stage of its own, wired as the application wires it (real data sources,
 * a thread pool, results on the JavaFX thread), with auto-refresh off unless a test turns it on.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WindowTestSupport extends FxRobot {

    protected ExecutorService workers;
    protected SessionsViewModel vm;
    protected SessionsView view;
    protected Stage stage;
    /** Connections the test opened (victims, idle sessions); closed after each test. */
    protected final List<AutoCloseable> opened = new ArrayList<>();

    /** Builds the window; each test class calls it from its own {@code @Start} method (TestFX looks there only). */
    protected void open(Stage stage) {
        open(stage, Executors.newFixedThreadPool(2));
    }

    /** As {@link #open(Stage)}, with the background work on {@code workers} (shut down after each test). */
    protected void open(Stage stage, ExecutorService workers) {
        this.stage = stage;
        Messages.use(Locale.ENGLISH);
        Themes.apply(false);
        this.workers = workers;
        vm = new SessionsViewModel(SessionSources.loaded()::open, new Background(workers, Platform::runLater));
        vm.refreshSecondsProperty().set(0);
        view = new SessionsView(vm);
        Scene scene = new Scene(view, 1280, 760);
        scene.getStylesheets().add(Themes.stylesheet());
        stage.setScene(scene);
        // the primary stage lives on from test class to test class: a size another test gave it (1900
        // px on the 1600 px screen) would put this test's clicks beside their rows
        stage.setX(0);
        stage.setY(0);
        stage.sizeToScene();
        stage.show();
    }

    @AfterEach
    void closeWindow() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        fx(() -> {
            view.dispose();
            vm.shutdown();
            // windows a test left open (a results' Details, a variables or plan window) would take the
            // keyboard from the next test's window: key presses went to them in a full build
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != stage && w.isShowing() && w instanceof Stage) {
                    ((Stage) w).close();
                }
            }
            return null;
        });
        workers.shutdownNow();
    }

    /** A connection as {@code user} running {@code sql} in the background, closed after the test. */
    protected Victim victim(EmbeddedMariaDb db, String user, String password, String sql) throws SQLException {
        Victim v = Victim.start(db, user, password, sql);
        opened.add(v);
        return v;
    }

    /** A PostgreSQL connection as {@code user} running {@code sql} in the background, closed after the test. */
    protected Victim victim(EmbeddedPostgres db, String user, String password, String sql) throws SQLException {
        Victim v = Victim.start(db, user, password, sql);
        opened.add(v);
        return v;
    }

    /** Opens the data source (on this thread, as the background would) and shows it. */
    protected SessionSource show(ConnectionSpec spec) throws Exception {
        SessionSource source = SessionSources.loaded().open(spec);
        fx(() -> {
            vm.addDataSource(source);
            return null;
        });
        return source;
    }

    /** Runs on the JavaFX thread and waits for the answer. */
    protected static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }

    protected TableView<SessionRow> table() {
        return lookup("#session-table").queryTableView();
    }

    /** The shown row of session {@code id}, if any. */
    protected Optional<SessionRow> shownRow(long id) throws Exception {
        return fx(() -> table().getItems().stream().filter(r -> r.getSession().id().equals(Long.toString(id))).findFirst());
    }

    /**
     * Refreshes until session {@code id} is shown running a statement, then waits for the last
     * refresh asked for to be applied, so that no refresh lands in the middle of what the test does next.
     */
    protected SessionRow awaitActiveRow(long id) {
        return awaitRow(id, SessionRow::isActive);
    }

    /** As {@link #awaitActiveRow}, until session {@code id} is shown as {@code wanted} says. */
    protected SessionRow awaitRow(long id, Predicate<SessionRow> wanted) {
        SessionRow row = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            fx(() -> {
                vm.refresh();
                return null;
            });
            return shownRow(id).filter(wanted);
        }, Optional::isPresent).orElseThrow();
        await().atMost(Duration.ofSeconds(15)).until(() -> !fx(() -> vm.refreshingProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        return row;
    }

    /** The table row node showing {@code row}, to click. */
    protected Node rowNode(SessionRow row) {
        return lookup(".table-row-cell").match((Node n) -> n instanceof TableRow<?> t && t.getItem() == row).query();
    }

    /**
     * Selects the row and opens the table's context menu on it, as a right-click does (the headless
     * Monocle robot sends no context-menu event).
     */
    protected void openRowMenu(SessionRow row) throws Exception {
        Node node = rowNode(row);
        clickOn(node);
        fx(() -> {
            table().getContextMenu().show(node, Side.BOTTOM, 40, 0);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text of the tooltip installed on the node {@code query} finds (a holder around a disabled button). */
    protected String tooltipOf(String query) {
        // Tooltip.install keeps the tooltip in the node's properties
        Node n = lookup(query).query();
        return n.getProperties().values().stream().filter(Tooltip.class::isInstance).map(t -> ((Tooltip) t).getText())
                .findFirst().orElse("");
    }

    /**
     * Waits for the notification that tells an action's results, checks that no window blocks the
     * session window meanwhile, opens its Details and returns one line per session
     * ({@link ActionResults#line}); then closes the details and the notification.
     */
    protected List<String> awaitResults() throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> lookup("#action-notification").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(WindowTestSupport::modalWindows)).as("windows that block the session window").isEmpty();
        // the newest notification's Details, pressed as its button does (KeysIT clicks it); a
        // click here could land on a cell's tooltip over the corner after a slow refresh
        javafx.scene.control.Button details = (javafx.scene.control.Button) lookup("#action-results-details")
                .<Node>queryAll().stream().reduce((a, b) -> b).orElseThrow();
        fx(() -> {
            details.fire();
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#action-results").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ActionOutcome> results = lookup("#action-results").queryTableView();
        List<String> lines = fx(() -> results.getItems().stream().map(ActionResults::line).toList());
        clickOn("#action-results-close");
        closeNotifications();
        return lines;
    }

    /** Closes every notification shown, as their close buttons do. */
    protected void closeNotifications() throws Exception {
        fx(() -> {
            for (Node n : lookup("#action-notification").queryAll()) {
                ((Notification) n).getOnClose().handle(new Event(Event.ANY));
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The titles of the modal windows shown now. */
    protected static List<String> modalWindows() {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w instanceof Stage st
                && st.getModality() != Modality.NONE).map(w -> ((Stage) w).getTitle()).toList();
    }

    protected int shownCount() throws Exception {
        return fx(() -> table().getItems().size());
    }

    /**
     * Opens the SQL dialog of session {@code id} as a person does (the row selected, Enter) and
     * waits until it shows the statement laid out and highlighted (made in the background).
     */
    protected void openSqlDialog(long id) throws Exception {
        fx(() -> {
            table().getSelectionModel().clearAndSelect(table().getItems().indexOf(shownRow(id).orElseThrow()));
            table().requestFocus();
            return null;
        });
        type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(30)).until(() -> lookup("#sql-dialog").tryQuery().isPresent());
        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> !lookup("#sql-progress").query().isVisible()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * {@link #openSqlDialog} under an {@link FxThreadWatch}; prints what it saw after {@code label}
     * and returns it, closed, for the test's assertions.
     */
    protected FxThreadWatch openSqlDialogWatched(long id, String label) throws Exception {
        try (FxThreadWatch watch = FxThreadWatch.start(Duration.ZERO)) {
            openSqlDialog(id);
            System.out.println(label + ": " + watch.summary());
            return watch;
        }
    }
}
