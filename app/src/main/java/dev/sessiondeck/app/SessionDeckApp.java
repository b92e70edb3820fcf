package dev.sessiondeck.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The JavaFX application: the main window. A placeholder until the session window lands. */
public final class SessionDeckApp extends Application {

    @Override
    public void start(Stage stage) {
        stage.setTitle("SessionDeck");
        stage.setScene(new Scene(new StackPane(new Label("SessionDeck")), 1200, 760));
        stage.show();
    }
}
