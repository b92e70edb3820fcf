package dev.sessiondeck.app.support;

import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * Work a window does not need for its first frame, done right after it: on the JavaFX thread, once the
 * first layout pulse of the scene a node joins has ended (through {@link Platform#runLater}, so that
 * the frame is drawn first).
 */
public final class AfterFirstFrame {

    private AfterFirstFrame() {
    }

    /** Runs {@code action} once after the first frame of the scene {@code node} is in or joins next. Call on the JavaFX thread. */
    public static void run(Node node, Runnable action) {
        onceInScene(node, scene -> afterPulse(scene, action));
    }

    /**
     * Runs {@code action} with the scene {@code node} is in, at once, or else once when it first joins
     * one (before that scene's next CSS pass reaches it): for what only a shown node needs. Call on the
     * JavaFX thread.
     */
    public static void onceInScene(Node node, Consumer<Scene> action) {
        if (node.getScene() != null) {
            action.accept(node.getScene());
            return;
        }
        node.sceneProperty().addListener(new ChangeListener<Scene>() {
            @Override
            public void changed(ObservableValue<? extends Scene> o, Scene was, Scene scene) {
                if (scene != null) {
                    node.sceneProperty().removeListener(this);
                    action.accept(scene);
                }
            }
        });
    }

    private static void afterPulse(Scene scene, Runnable action) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(action);
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
