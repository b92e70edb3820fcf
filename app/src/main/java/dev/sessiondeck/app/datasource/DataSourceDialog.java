package dev.sessiondeck.app.datasource;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.ssh.SshHostKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The data-source editor: the fields the picked kind of data source declares
 * ({@link ConnectionFieldsPane}), checked as they are typed (the bounds are {@link ConnectionSpec}'s
 * and each field's own), and Test connection reports the server or the worded error without losing
 * anything typed. In the quick-connect form (Connect…) the main button connects, with a choice to save.
 */
final class DataSourceDialog extends Dialog<Void> {

    private final DataSourcesViewModel viewModel;
    private final DataSourceProfile editing;
    private final boolean quickConnect;
    /** The profile's id: the edited one's, else a new one kept across attempts. */
    private final String id;
    private final ConnectionFieldsPane pane = new ConnectionFieldsPane(this::validate);
    private final CheckBox save = new CheckBox(Messages.get("editor.save"));
    private final Label problem = new Label();
    private final Label testResult = new Label();
    private final ProgressIndicator progress = new ProgressIndicator();
    private final TabPane tabs = new TabPane();
    private final java.util.function.Consumer<String> afterClose;
    private Button ok;
    private Button test;

    /**
     * @param editing      the profile to change, or {@code null} for a new one
     * @param quickConnect true for Connect…: the main button connects, saving only when chosen
     * @param afterClose   shows a failure that arrives once the dialog is closed (writing the
     *                     data sources or the keychain), in the window
     */
    DataSourceDialog(Window owner, DataSourcesViewModel viewModel, DataSourceProfile editing, boolean quickConnect,
                     java.util.function.Consumer<String> afterClose) {
        this.viewModel = viewModel;
        this.afterClose = afterClose;
        this.editing = editing;
        this.quickConnect = quickConnect;
        this.id = editing == null ? UUID.randomUUID().toString() : editing.id();
        initOwner(owner);
        setTitle(Messages.get(quickConnect ? "editor.title.connect" : editing == null ? "editor.title.add" : "editor.title.edit"));
        setResizable(true);
        createView();
        initListeners();
        if (editing != null) {
            pane.fill(editing);
        } else {
            pane.fillNew();
        }
        validate();
    }

    private void createView() {
        save.setId("ds-save");
        save.setSelected(true);
        problem.setId("ds-error");
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);
        testResult.setId("ds-test-result");
        testResult.setWrapText(true);
        progress.setId("ds-progress");
        progress.setPrefSize(20, 20);
        progress.setVisible(false);
        int r = pane.nextRow;
        if (quickConnect) {
            pane.grid().add(save, 1, r);
        }
        HBox testRow = new HBox(8, progress, testResult);
        testRow.setAlignment(Pos.CENTER_LEFT);
        // two lines (SSH, database) and a long reason: grow rather than cut
        testResult.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        testResult.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(testResult, javafx.scene.layout.Priority.ALWAYS);
        // the connection's fields and the SSH tunnel on tabs of their own (as DBeaver's "Main" and
        // "SSH"), with the problem and Test's result under both
        Tab connection = new Tab(Messages.get("editor.tab.connection"), pane.grid());
        connection.setId("ds-tab-connection");
        Tab ssh = new Tab(Messages.get("editor.tab.ssh"), pane.ssh.node());
        ssh.setId("ds-tab-ssh");
        tabs.getTabs().addAll(connection, ssh);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("ds-tabs");
        pane.grid().setPadding(new javafx.geometry.Insets(12, 0, 0, 0));
        VBox content = new VBox(10, tabs, problem, testRow);

        ButtonType main = new ButtonType(Messages.get(quickConnect ? "editor.connect" : "editor.saveButton"),
                ButtonBar.ButtonData.OK_DONE);
        ButtonType testType = new ButtonType(Messages.get("editor.test"), ButtonBar.ButtonData.LEFT);
        getDialogPane().getButtonTypes().addAll(testType, main, ButtonType.CANCEL);
        getDialogPane().setContent(content);
        getDialogPane().setId("ds-editor");
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        ok = (Button) getDialogPane().lookupButton(main);
        ok.setId("ds-ok");
        test = (Button) getDialogPane().lookupButton(testType);
        test.setId("ds-test");
        getDialogPane().lookupButton(ButtonType.CANCEL).setId("ds-cancel");
    }

    private void initListeners() {
        pane.keychainNote.visibleProperty().bind(viewModel.keychainMissingProperty());
        pane.keychainNote.managedProperty().bind(pane.keychainNote.visibleProperty());
        save.selectedProperty().addListener((o, a, b) -> validate());
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            submit();
        });
        test.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            runTest();
        });
    }

    /** Checks the fields now; shows the first problem next to its field and disables the main button. */
    private Optional<ConnectionSpec> validate() {
        if (ok == null) {
            return Optional.empty();
        }
        try {
            ConnectionSpec spec = DataSourceForm.build(pane.input(new char[0]));
            if ((!quickConnect || save.isSelected()) && viewModel.nameTaken(spec.name(), id)) {
                throw new DataSourceForm.InvalidInput(new DataSourceForm.Problem(DataSourceForm.Field.NAME,
                        Messages.get("editor.invalid.nameTaken", spec.name())));
            }
            pane.mark(Optional.empty());
            problem.setText("");
            ok.setDisable(false);
            test.setDisable(false);
            return Optional.of(spec);
        } catch (DataSourceForm.InvalidInput e) {
            if (e.problem().field() == DataSourceForm.Field.SSH) {
                pane.markSsh(e.problem().message());
            } else {
                pane.mark(Optional.of(e.problem().field()));
            }
            problem.setText(e.problem().message());
            ok.setDisable(true);
            test.setDisable(true);
            return Optional.empty();
        }
    }

    private ConnectionSpec specWithPassword() throws DataSourceForm.InvalidInput {
        char[] secret = pane.password.getText().toCharArray();
        char[] sshSecret = pane.ssh.secret.getText().toCharArray();
        try {
            return DataSourceForm.build(pane.input(secret, sshSecret));
        } finally {
            Arrays.fill(secret, '\0');
            Arrays.fill(sshSecret, '\0');
        }
    }

    /** Test: the SSH hop and the database one after the other, each with its own line in the result. */
    private void runTest() {
        ConnectionSpec spec;
        try {
            spec = specWithPassword();
        } catch (DataSourceForm.InvalidInput e) {
            return;
        }
        busy(true);
        testResult.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        testResult.setText(Messages.get("editor.testing", spec.description().resolve(Messages.locale())));
        viewModel.check(spec, editing, check -> {
            busy(false);
            testResult.getStyleClass().add(check.passed() ? Styles.SUCCESS : Styles.DANGER);
            testResult.setText(TestResultText.of(check));
            check.ssh().failure().flatMap(HostKeyDialog::unknown).ifPresent(this::offerHostKey);
        }, error -> {
            busy(false);
            testResult.getStyleClass().add(Styles.DANGER);
            testResult.setText(error);
        });
    }

    /** Shows the unknown host key's fingerprint; accepted, it is kept with the data source and Test runs again. */
    private void offerHostKey(SshHostKey key) {
        HostKeyDialog.offer(getDialogPane().getScene().getWindow(), key, () -> {
            pane.ssh.accept(key);
            runTest();
        });
    }

    private void submit() {
        ConnectionSpec spec;
        try {
            spec = specWithPassword();
        } catch (DataSourceForm.InvalidInput e) {
            return;
        }
        boolean savePassword = pane.savePassword.isSelected();
        DataSourceProfile profile = DataSourceProfile.of(id, spec, pane.color.getValue().id(), savePassword,
                pane.ssh.saveSecret.isSelected());
        char[] sshSecret = pane.ssh.secret.getText().toCharArray();
        // an empty field while editing a profile whose password is saved keeps that password
        char[] typed = editing != null && editing.savePassword() && pane.password.getText().isEmpty()
                ? null : pane.password.getText().toCharArray();
        if (!quickConnect) {
            // the dialog closes now: a failure to write arrives later and shows in the sidebar
            viewModel.save(profile, typed, sshSecret, afterClose);
            closeDialog();
            return;
        }
        busy(true);
        testResult.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        testResult.setText(Messages.get("connect.progress", spec.description().resolve(Messages.locale())));
        if (save.isSelected()) {
            char[] forConnect = pane.password.getText().toCharArray();
            char[] sshForConnect = pane.ssh.secret.getText().toCharArray();
            DataSourceRow row = viewModel.save(profile, typed, sshSecret, this::lateProblem);
            viewModel.connect(row, forConnect, sshForConnect, this::closeDialog, this::connectFailed);
        } else {
            viewModel.connectUnsaved(spec, this::closeDialog, this::connectFailed);
        }
    }

    /** A failure to save: in the dialog while it is open, else in the sidebar. */
    private void lateProblem(String reason) {
        if (isShowing()) {
            problem.setText(reason);
        } else {
            afterClose.accept(reason);
        }
    }

    private void connectFailed(String reason) {
        busy(false);
        testResult.getStyleClass().add(Styles.DANGER);
        testResult.setText(reason);
    }

    private void busy(boolean on) {
        progress.setVisible(on);
        ok.setDisable(on);
        test.setDisable(on);
    }

    private void closeDialog() {
        setResult(null);
        close();
    }
}
