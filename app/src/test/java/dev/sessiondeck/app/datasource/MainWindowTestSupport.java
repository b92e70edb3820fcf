package dev.sessiondeck.app.datasource;

import dev.sessiondeck.app.MainWindow;
import dev.sessiondeck.app.session.SessionsViewModel;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.profile.MemorySecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.source.SessionSources;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window (data-source sidebar and session table) wired as the application wires it, with
 * a profile file of its own under {@code target/} and passwords in memory; auto-refresh off.
 */
@ExtendWith(ApplicationExtension.class)
abstract class MainWindowTestSupport extends FxRobot {

    protected ExecutorService workers;
    protected SessionsViewModel sessions;
    protected DataSourcesViewModel dataSources;
    protected MainWindow window;
    protected Stage stage;

    protected void open(Stage stage, String profileFile) throws IOException {
        this.stage = stage;
        Messages.use(locale());
        Themes.apply(false);
        Path file = Path.of("target", "test-profiles", profileFile);
        Files.deleteIfExists(file);
        workers = Executors.newCachedThreadPool();
        Background background = new Background(workers, Platform::runLater);
        SessionSources loaded = SessionSources.loaded();
        sessions = new SessionsViewModel(loaded::open, background);
        sessions.refreshSecondsProperty().set(0);
        dataSources = new DataSourcesViewModel(new ProfileStore(file), MemorySecretStore::new, sessions, loaded::open,
                background);
        window = new MainWindow(sessions, dataSources);
        Scene scene = new Scene(window.withMenuBar(), 1400, 800);
        scene.getStylesheets().add(Themes.stylesheet());
        stage.setScene(scene);
        stage.titleProperty().bind(window.title());
        stage.show();
    }

    /** The window's language; English unless a test class says otherwise. */
    protected Locale locale() {
        return Locale.ENGLISH;
    }

    @AfterEach
    void closeWindow() throws Exception {
        fx(() -> {
            window.dispose();
            sessions.shutdown();
            return null;
        });
        workers.shutdownNow();
    }

    protected static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }

    /** Writes what {@code scene} shows to {@code target/screenshots/<name>.png}. */
    protected static Path picture(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = fx(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path file = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(file.getParent());
        ImageIO.write(out, "png", file.toFile());
        return file;
    }
}
