package dev.sessiondeck.bench.window;

import dev.sessiondeck.app.session.SessionsView;
import dev.sessiondeck.app.session.SessionsViewModel;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The session window as {@code SessionDeckApp} builds it (view model, view, theme, 1600 x 1000
 * scene), shown on the headless Monocle platform of the benchmark's child JVMs, for sessions the
 * benchmark supplies itself. Used from a child JVM's main thread.
 */
public final class HeadlessWindow {

    public final SessionsViewModel viewModel;
    public final SessionsView view;
    public final Scene scene;

    private HeadlessWindow(SessionsViewModel viewModel) {
        this.viewModel = viewModel;
        this.view = new SessionsView(viewModel);
        Themes.apply(false);
        this.scene = new Scene(view, 1600, 1000);
        scene.getStylesheets().add(Themes.stylesheet());
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
    }

    /** Starts JavaFX and shows the window; {@code background} runs the view model's blocking work. */
    public static HeadlessWindow show(Background background) throws Exception {
        Messages.use(Locale.ENGLISH);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        return onFx(() -> new HeadlessWindow(new SessionsViewModel(spec -> {
            throw new UnsupportedOperationException("the benchmark supplies its own data source");
        }, background)));
    }

    /** Runs {@code work} on the JavaFX thread and waits for its result. */
    public static <T> T onFx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get();
    }

    /** CSS and layout of the whole window, as the next pulse would do them. */
    public void layout() {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }
}
