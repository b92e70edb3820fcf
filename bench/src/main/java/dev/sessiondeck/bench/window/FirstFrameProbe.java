package dev.sessiondeck.bench.window;

import java.lang.management.ManagementFactory;
import javafx.application.Platform;
import javafx.application.Preloader;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Detects the first frame of the unchanged application in a child JVM: JavaFX starts this
 * preloader ({@code -Djavafx.preloader=...}, read by {@code Application.launch}) before
 * {@code SessionDeckApp}; it waits for the first window to be shown and, at the end of that
 * window's first layout pulse (the first frame it produces), prints
 * {@code FIRST_FRAME <epoch ms> <JVM start epoch ms>} and closes the application.
 */
public final class FirstFrameProbe extends Preloader {

    @Override
    public void start(Stage preloaderStage) {
        Window.getWindows().addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                for (Window w : c.getAddedSubList()) {
                    if (w != preloaderStage && w.getScene() != null) {
                        watch(w.getScene());
                    }
                }
            }
        });
    }

    private static void watch(Scene scene) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            System.out.println("FIRST_FRAME " + System.currentTimeMillis() + " "
                    + ManagementFactory.getRuntimeMXBean().getStartTime());
            System.out.flush();
            Platform.runLater(Platform::exit);
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
