package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.source.ConnectionSpec;
import java.util.Arrays;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Host, port, user, password and database of a server. Connecting runs in the background with a
 * progress indicator; a failure (wrong password, unknown host, closed port) shows worded inline and
 * the dialog keeps what was typed. It closes once the data source is open.
 */
final class ConnectDialog extends Dialog<Void> {

    private final SessionsViewModel viewModel;
    private final TextField host = new TextField("127.0.0.1");
    private final TextField port = new TextField("3306");
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final TextField database = new TextField();
    private final Label error = new Label();
    private final ProgressIndicator progress = new ProgressIndicator();

    ConnectDialog(Window owner, SessionsViewModel viewModel) {
        this.viewModel = viewModel;
        initOwner(owner);
        setTitle(Messages.get("connect.title"));
        setHeaderText(Messages.get("connect.header"));
        host.setId("connect-host");
        port.setId("connect-port");
        user.setId("connect-user");
        password.setId("connect-password");
        database.setId("connect-database");
        database.setPromptText(Messages.get("connect.database.prompt"));
        error.setId("connect-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.setMaxWidth(420);
        progress.setId("connect-progress");
        progress.setPrefSize(24, 24);
        progress.visibleProperty().bind(viewModel.busyProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label(Messages.get("connect.host")), host);
        grid.addRow(1, new Label(Messages.get("connect.port")), port);
        grid.addRow(2, new Label(Messages.get("connect.user")), user);
        grid.addRow(3, new Label(Messages.get("connect.password")), password);
        grid.addRow(4, new Label(Messages.get("connect.database")), database);
        grid.add(progress, 0, 5);
        grid.add(error, 1, 5);
        host.setPrefColumnCount(24);

        ButtonType connect = new ButtonType(Messages.get("connect.ok"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
        getDialogPane().setContent(grid);
        getDialogPane().setId("connect-dialog");
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        Button ok = (Button) getDialogPane().lookupButton(connect);
        ok.setId("connect-ok");
        ok.disableProperty().bind(viewModel.busyProperty());
        getDialogPane().lookupButton(ButtonType.CANCEL).setId("connect-cancel");
        // the dialog stays open while connecting, and after a failure
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            submit();
        });
    }

    private void submit() {
        error.setText("");
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.getText().strip());
        } catch (NumberFormatException e) {
            error.setText(Messages.get("connect.badPort"));
            return;
        }
        ConnectionSpec spec;
        char[] secret = password.getText().toCharArray();
        try {
            spec = ConnectionSpec.builder().host(host.getText()).port(portNumber).user(user.getText())
                    .password(secret).database(database.getText()).build();
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
            return;
        } finally {
            Arrays.fill(secret, '\0');
        }
        viewModel.connect(spec, () -> {
            setResult(null);
            close();
        }, error::setText);
    }
}
