package dev.sessiondeck.bench.ratios;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * The baseline of {@code startup.first-frame}: a bare JavaFX application that shows an empty
 * {@link TableView} in a window of the size SessionDeck opens with on the benchmark's screen
 * (1600 x 1000, the headless geometry). Started like SessionDeck ({@link BareTableLauncher}), with the first-frame preloader.
 */
public final class BareTableApp extends Application {

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new TableView<>(), 1600, 1000));
        stage.setTitle("bare table");
        stage.show();
    }
}
