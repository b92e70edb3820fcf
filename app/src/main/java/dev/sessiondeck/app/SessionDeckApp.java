package dev.sessiondeck.app;

import dev.sessiondeck.app.datasource.DataSourcesViewModel;
import dev.sessiondeck.app.demo.DemoServer;
import dev.sessiondeck.app.session.SessionsViewModel;
import dev.sessiondeck.app.support.AppIcons;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.FirstFrameReport;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Settings;
import dev.sessiondeck.app.support.SettingsStore;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.profile.KeyringSecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.source.SessionSources;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window. Options (passed through by the command line unchanged): {@code --demo} starts
 * the demo server at once; {@code --lang zh|en} picks the language (default: the system locale).
 */
public final class SessionDeckApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(SessionDeckApp.class);

    /**
     * Unbounded, so that data sources that hang until their timeouts never queue up the others'
     * refreshes; each data source runs at most one refresh at a time.
     */
    private final ExecutorService workers = Executors.newCachedThreadPool(new ThreadFactory());
    private SettingsStore store;
    private Settings settings;
    private SessionsViewModel viewModel;
    private MainWindow view;

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        String lang = option(args, "--lang");
        if (lang != null) {
            // JavaFX words its own buttons (OK, Cancel, Close) in the default locale
            Locale.setDefault(Messages.localeFor(lang));
        }
        Messages.use(Locale.getDefault());
        store = SettingsStore.forUser();
        settings = StartupPreload.take().orElseGet(store::load);

        // the theme before the first control: JavaFX loads its own (Modena) when the first control class
        // initialises with no stylesheet set, only to have it replaced (docs/benchmarks.md, startup.first-frame)
        Themes.apply(settings.darkTheme);

        SessionSources sources = SessionSources.loaded();
        Background background = new Background(workers, Platform::runLater);
        viewModel = new SessionsViewModel(sources::open, background);
        DataSourcesViewModel dataSources = new DataSourcesViewModel(ProfileStore.inConfigDirectory(),
                KeyringSecretStore::openOrMemory, viewModel, sources::open, background);
        view = new MainWindow(viewModel, dataSources);
        view.applySettings(settings);

        // the size is the stage's (WindowPlacement), not the scene's
        Scene scene = new Scene(view.withMenuBar());
        scene.getStylesheets().add(Themes.stylesheet());
        stage.setScene(scene);
        stage.titleProperty().bind(view.title());
        WindowPlacement.place(stage, settings, WindowPlacement.Screens.system());
        stage.show();
        // the keychain (JNA, D-Bus) after the first frame, not beside it: about 100 classes and a connection;
        // the icons too
        Runnable[] afterFirstFrame = new Runnable[1];
        afterFirstFrame[0] = () -> {
            scene.removePostLayoutPulseListener(afterFirstFrame[0]);
            Platform.runLater(dataSources::openKeychain);
            // the window manager's icons (six PNGs decoded) are not part of the first frame's content
            Platform.runLater(() -> stage.getIcons().setAll(AppIcons.load()));
            FirstFrameReport.firstFrameShown();
        };
        scene.addPostLayoutPulseListener(afterFirstFrame[0]);
        view.start(settings);
        if (DemoServer.isAvailable()) {
            view.sessionsView().offerLocalServer(DemoServer::start);
        }
        if (args.contains("--demo")) {
            viewModel.startLocalServer(DemoServer::start);
        }
    }

    @Override
    public void stop() {
        if (view != null) {
            view.captureSettings(settings);
            view.dispose();
            store.save(settings);
        }
        if (viewModel != null) {
            viewModel.shutdown();
        }
        workers.shutdownNow();
        LOG.debug("Window closed");
    }

    private static String option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** Daemon worker threads, so that a hung network call cannot keep the JVM alive after the window closed. */
    private static final class ThreadFactory implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "sessiondeck-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
