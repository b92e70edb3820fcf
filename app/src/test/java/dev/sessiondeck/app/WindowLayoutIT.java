package dev.sessiondeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sessiondeck.app.datasource.DataSourcesViewModel;
import dev.sessiondeck.app.session.SessionsViewModel;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Settings;
import dev.sessiondeck.app.support.SettingsStore;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.profile.MemorySecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.source.SessionSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window's size and place on a given screen, and the window layout (bounds, sidebar)
 * written through {@link SettingsStore} and taken by the next window, as the application does.
 */
@ExtendWith(ApplicationExtension.class)
class WindowLayoutIT extends FxRobot {

    private static final WindowPlacement.Screens FULL_HD = WindowPlacement.Screens.of(new Rectangle2D(0, 0, 1920, 1080));

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<Stage> stages = new ArrayList<>();
    private final List<SessionsViewModel> models = new ArrayList<>();
    private final List<MainWindow> windows = new ArrayList<>();
    private final Path dir = Path.of("target", "test-settings", "window-layout");

    @Start
    void start(Stage stage) {
        Messages.use(Locale.ENGLISH);
        Themes.apply(false);
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            windows.forEach(MainWindow::dispose);
            models.forEach(SessionsViewModel::shutdown);
            stages.forEach(Stage::close);
            return null;
        });
        workers.shutdownNow();
    }

    @Test
    void theFirstWindowTakesFourFifthsOfTheScreenCentred() throws Exception {
        Stage stage = fx(() -> open(new Settings()));

        assertThat(fx(() -> new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight())))
                .isEqualTo(new Rectangle2D(192, 108, 1536, 864));
    }

    @Test
    void positionSizeAndSidebarComeBackInTheNextWindow() throws Exception {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("settings.json"));
        SettingsStore store = new SettingsStore(dir);
        Settings first = store.load();
        Stage stage = fx(() -> open(first));
        MainWindow window = windows.get(0);
        moveAndResize(stage, MOVED);
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            window.setDividerPositions(0.3);
            window.layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        double divider = fx(() -> window.getDividerPositions()[0] * window.getWidth());
        fx(() -> {
            window.captureSettings(first);
            return null;
        });
        store.save(first);

        Settings next = new SettingsStore(dir).load();
        Stage again = fx(() -> open(next));
        WaitForAsyncUtils.waitForFxEvents();
        MainWindow nextWindow = windows.get(1);

        assertThat(fx(() -> new Rectangle2D(again.getX(), again.getY(), again.getWidth(), again.getHeight())))
                .isEqualTo(MOVED);
        assertThat(fx(() -> nextWindow.getDividerPositions()[0] * nextWindow.getWidth())).isCloseTo(divider, within(1.0));
        assertThat(divider).isCloseTo(0.3 * MOVED.getWidth(), within(2.0));
    }

    @Test
    void aMaximizedWindowOpensMaximizedAndKeepsItsOwnSizeForLater() throws Exception {
        Settings settings = new Settings();
        Stage stage = fx(() -> open(settings));
        moveAndResize(stage, MOVED);
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            stage.setMaximized(true);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(settings.maximized).isTrue();
        assertThat(new Rectangle2D(settings.windowX, settings.windowY, settings.windowWidth, settings.windowHeight))
                .as("the size to come back to").isEqualTo(MOVED);
        Stage again = fx(() -> open(settings));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(again::isMaximized)).isTrue();
        // (un-maximizing is the platform's: Monocle, the tests' headless one, does not restore bounds)
        assertThat(new Rectangle2D(settings.windowX, settings.windowY, settings.windowWidth, settings.windowHeight))
                .as("opened maximized, the size to come back to is still kept").isEqualTo(MOVED);
    }

    /** A main window from {@code settings}, placed as the application places it on a 1920x1080 screen. */
    private Stage open(Settings settings) {
        Background background = new Background(workers, Platform::runLater);
        SessionSources loaded = SessionSources.loaded();
        SessionsViewModel sessions = new SessionsViewModel(loaded::open, background);
        sessions.refreshSecondsProperty().set(0);
        DataSourcesViewModel dataSources = new DataSourcesViewModel(
                new ProfileStore(Path.of("target", "test-profiles", "window-layout.json")), MemorySecretStore::new,
                sessions, loaded::open, background);
        MainWindow window = new MainWindow(sessions, dataSources);
        window.applySettings(settings);
        Stage stage = new Stage();
        Scene scene = new Scene(window);
        scene.getStylesheets().add(Themes.stylesheet());
        stage.setScene(scene);
        WindowPlacement.place(stage, settings, FULL_HD);
        stage.show();
        stages.add(stage);
        models.add(sessions);
        windows.add(window);
        return stage;
    }

    /** Where the tests move the window: inside the tests' 1600x1000 screen, off the centre. */
    private static final Rectangle2D MOVED = new Rectangle2D(40, 30, 1300, 850);

    private static void moveAndResize(Stage stage, Rectangle2D to) throws Exception {
        fx(() -> {
            stage.setX(to.getMinX());
            stage.setY(to.getMinY());
            stage.setWidth(to.getWidth());
            stage.setHeight(to.getHeight());
            return null;
        });
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }
}
