package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What the window shows while no data source is open: Start demo server (when a local server is
 * offered, see {@link SessionsView#offerLocalServer}) and Connect..., with the progress and the
 * failure of either.
 */
final class WelcomePane {

    private final StackPane holder;
    private final ObjectProperty<LocalServer.Starter> localServer = new SimpleObjectProperty<>(this, "localServer");

    WelcomePane(SessionsViewModel viewModel, Runnable onConnect) {
        Label title = new Label(Messages.get("welcome.title"));
        title.getStyleClass().add(Styles.TITLE_2);
        Label text = new Label(Messages.get("welcome.text"));
        text.setWrapText(true);
        Button demo = new Button(Messages.get("welcome.demo"), new FontIcon(Feather.PLAY));
        demo.setId("start-demo-button");
        demo.getStyleClass().add(Styles.ACCENT);
        demo.setDefaultButton(true);
        Tooltip demoTip = new Tooltip();
        demoTip.textProperty().bind(Bindings.createStringBinding(() -> Messages.get(localServer.get() != null
                ? "welcome.demo.tip" : "welcome.demo.unavailable"), localServer));
        demo.setTooltip(demoTip);
        demo.disableProperty().bind(viewModel.busyProperty().or(localServer.isNull()));
        demo.setOnAction(e -> {
            if (localServer.get() != null) {
                viewModel.startLocalServer(localServer.get());
            }
        });
        Button connect = new Button(Messages.get("welcome.connect"), new FontIcon(Feather.LINK));
        connect.setId("welcome-connect-button");
        connect.disableProperty().bind(viewModel.busyProperty());
        connect.setOnAction(e -> onConnect.run());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("welcome-progress");
        progress.setPrefSize(28, 28);
        progress.visibleProperty().bind(viewModel.busyProperty());
        Label message = new Label();
        message.setId("welcome-message");
        message.textProperty().bind(viewModel.busyMessageProperty());
        message.visibleProperty().bind(viewModel.busyProperty());
        Label error = new Label();
        error.setId("welcome-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());

        HBox busyRow = new HBox(10, progress, message);
        busyRow.setAlignment(Pos.CENTER_LEFT);
        busyRow.managedProperty().bind(busyRow.visibleProperty());
        busyRow.visibleProperty().bind(viewModel.busyProperty());
        error.managedProperty().bind(error.visibleProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        VBox box = new VBox(14, title, text, new HBox(10, demo, connect), busyRow, error);
        box.setId("welcome-pane");
        box.getStyleClass().add("welcome-pane");
        box.setMaxSize(560, Region.USE_PREF_SIZE);
        box.setPadding(new Insets(28));
        holder = new StackPane(box);
        holder.getStyleClass().add("welcome-holder");
        holder.visibleProperty().bind(Bindings.isEmpty(viewModel.dataSources()));
    }

    Node view() {
        return holder;
    }

    /** The local server Start demo server starts; {@code null} for none (the button is greyed). */
    ObjectProperty<LocalServer.Starter> localServerProperty() {
        return localServer;
    }
}
