package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.app.demo.DemoServer;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.source.SessionSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the main window with the demo server's live sessions (idle sessions, long statements, one
 * waiting on a row lock, Chinese text, three users on two databases) to the pictures the README shows:
 * {@code docs/images/main-window.png} (English, light), {@code main-window-dark.png} (English, Primer
 * Dark) and {@code main-window-zh.png} (Simplified Chinese), from the current build on every verify.
 */
class MainWindowScreenshotIT extends WindowTestSupport {

    private static final Path PICTURE = Path.of("..", "docs", "images", "main-window.png");
    private static final Path DARK_PICTURE = Path.of("..", "docs", "images", "main-window-dark.png");
    private static final Path CHINESE_PICTURE = Path.of("..", "docs", "images", "main-window-zh.png");

    private DemoServer demo;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @AfterEach
    void stopDemo() {
        Messages.use(Locale.ENGLISH);
        Themes.apply(false);
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void rendersTheMainWindowWithTheDemoWorkloadInEnglishLightAndDarkAndInChinese() throws Exception {
        demo = DemoServer.start(message -> { });
        show(demo.connectionSpec());
        // the demo has run past the danger threshold (10 s), so both highlights show
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
            fx(() -> {
                vm.refresh();
                return null;
            });
            return fx(() -> table().getItems().stream().anyMatch(r -> r.getSession().sql().orElse("").contains("会话演示")
                    && r.getSession().executionSeconds() > 11));
        });
        // no refresh in flight: its rows would arrive after the sort below and keep the place seen before
        await().atMost(Duration.ofSeconds(15)).until(() -> !fx(() -> vm.refreshingProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        arrange();
        Screenshots.write(stage.getScene(), PICTURE);
        assertThat(PICTURE).exists();
        assertThat(Files.size(PICTURE)).isGreaterThan(20_000);

        // every row, highlighted or selected too, is painted with one fill and its grid line as a
        // border: a region of several fills is drawn from a stretched cached image, which made row
        // repaints most of the auto-refresh CPU on the software pipeline (docs/benchmarks.md)
        List<Region> rows = fx(() -> stage.getScene().getRoot().lookupAll(".table-row-cell").stream()
                .map(Region.class::cast).filter(r -> r.isVisible() && !((TableRow<?>) r).isEmpty()).toList());
        assertThat(rows).hasSizeGreaterThan(10);
        assertThat(rows).extracting(r -> r.getPseudoClassStates().toString()).anyMatch(p -> p.contains("danger"))
                .anyMatch(p -> p.contains("selected"));
        assertThat(rows).allSatisfy(row -> assertThat(row.getBackground().getFills()).as("fills of %s", row).hasSize(1));
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getBorder()).as("border of %s", row).isNotNull();
            assertThat(row.getBorder().getStrokes()).hasSize(1);
            assertThat(row.getBorder().getStrokes().get(0).getWidths().getBottom()).isEqualTo(1);
        });

        fx(() -> {
            Themes.apply(true);
            return null;
        });
        arrange();
        Screenshots.write(stage.getScene(), DARK_PICTURE);
        assertThat(Files.size(DARK_PICTURE)).isGreaterThan(20_000);

        // the window built again in Chinese, as --lang zh builds it, on the same demo server
        fx(() -> {
            Themes.apply(false);
            Messages.use(Locale.SIMPLIFIED_CHINESE);
            view.dispose();
            vm.shutdown();
            vm = new SessionsViewModel(SessionSources.loaded()::open, new Background(workers, Platform::runLater));
            vm.refreshSecondsProperty().set(0);
            view = new SessionsView(vm);
            stage.getScene().setRoot(view);
            return null;
        });
        show(demo.connectionSpec());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            fx(() -> {
                vm.refresh();
                return null;
            });
            return fx(() -> table().getItems().size() > 10);
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> !fx(() -> vm.refreshingProperty().get()));
        arrange();
        Screenshots.write(stage.getScene(), CHINESE_PICTURE);
        assertThat(Files.size(CHINESE_PICTURE)).isGreaterThan(20_000);
        assertThat(fx(() -> column(SessionColumn.USER).getText())).isEqualTo("用户");
        assertThat(fx(() -> stage.getScene().getRoot().lookupAll(".label").stream()
                .filter(n -> n instanceof javafx.scene.control.Labeled l && l.isVisible() && l.getText() != null)
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).toList()))
                .as("no English sentence among the shown labels").noneMatch(t -> t.matches(".*\\b(the|sessions|shown|active)\\b.*"));
    }

    /** Sorted by state then time, the Chinese demo statement selected, scrolled to the top. */
    private void arrange() throws Exception {
        fx(() -> {
            TableColumn<SessionRow, ?> status = column(SessionColumn.STATUS);
            TableColumn<SessionRow, ?> time = column(SessionColumn.EXECUTION_TIME);
            status.setSortType(TableColumn.SortType.ASCENDING);
            time.setSortType(TableColumn.SortType.DESCENDING);
            table().getSortOrder().setAll(List.of(status, time));
            table().getItems().stream().filter(r -> r.getSession().sql().orElse("").contains("会话演示")).findFirst()
                    .ifPresent(r -> table().getSelectionModel().select(r));
            table().scrollTo(0);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TableColumn<SessionRow, ?> column(SessionColumn which) {
        return table().getColumns().stream().filter(c -> c.getUserData() == which).findFirst().orElseThrow();
    }
}
