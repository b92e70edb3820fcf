package dev.sessiondeck.app.datasource;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.ColorTag;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.DatabaseType;
import dev.sessiondeck.core.source.TlsMode;
import java.io.File;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The data-source editor: every field of a {@link DataSourceProfile}, checked as it is typed (the
 * bounds are {@link ConnectionSpec}'s), a JDBC URL pasted into the URL or host field fills the
 * fields, and Test connection reports the server or the worded error without losing anything
 * typed. In the quick-connect form (Connect…) the main button connects, with a choice to save.
 */
final class DataSourceDialog extends Dialog<Void> {

    private final DataSourcesViewModel viewModel;
    private final DataSourceProfile editing;
    private final boolean quickConnect;
    /** The profile's id: the edited one's, else a new one kept across attempts. */
    private final String id;
    private boolean portTyped;
    private boolean filling;

    private final TextField url = new TextField();
    private final TextField name = new TextField();
    private final ComboBox<DatabaseType> type = new ComboBox<>();
    private final TextField host = new TextField();
    private final TextField port = new TextField();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final CheckBox savePassword = new CheckBox(Messages.get("editor.savePassword"));
    private final Label keychainNote = new Label(Messages.get("editor.keychainMissing"));
    private final TextField database = new TextField();
    private final ComboBox<TlsMode> tls = new ComboBox<>();
    private final TextField caFile = new TextField();
    private final Button caBrowse = new Button(Messages.get("editor.browse"));
    private final TextField connectTimeout = new TextField();
    private final TextField queryTimeout = new TextField();
    private final TextArea properties = new TextArea();
    private final ComboBox<ColorTag> color = new ComboBox<>();
    private final CheckBox save = new CheckBox(Messages.get("editor.save"));
    private final Label problem = new Label();
    private final Label testResult = new Label();
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Map<DataSourceForm.Field, Control> fields = new EnumMap<>(DataSourceForm.Field.class);
    private Button ok;
    private Button test;

    /**
     * @param editing      the profile to change, or {@code null} for a new one
     * @param quickConnect true for Connect…: the main button connects, saving only when chosen
     */
    DataSourceDialog(Window owner, DataSourcesViewModel viewModel, DataSourceProfile editing, boolean quickConnect) {
        this.viewModel = viewModel;
        this.editing = editing;
        this.quickConnect = quickConnect;
        this.id = editing == null ? UUID.randomUUID().toString() : editing.id();
        initOwner(owner);
        setTitle(Messages.get(quickConnect ? "editor.title.connect" : editing == null ? "editor.title.add" : "editor.title.edit"));
        setResizable(true);
        createView();
        initListeners();
        if (editing != null) {
            fill(editing);
        } else {
            type.setValue(DatabaseType.AUTO);
            tls.setValue(TlsMode.PREFERRED);
            port.setText(String.valueOf(DatabaseType.AUTO.defaultPort()));
            connectTimeout.setText(DataSourceForm.seconds(ConnectionSpec.DEFAULT_CONNECT_TIMEOUT.toMillis()));
            queryTimeout.setText(DataSourceForm.seconds(ConnectionSpec.DEFAULT_QUERY_TIMEOUT.toMillis()));
            color.setValue(ColorTag.NONE);
        }
        validate();
    }

    // ------------------------------------------------------------------ view

    private void createView() {
        url.setId("ds-url");
        url.setPromptText(Messages.get("editor.url.prompt"));
        name.setId("ds-name");
        name.setPromptText(Messages.get("editor.name.prompt"));
        type.setId("ds-type");
        type.getItems().setAll(DatabaseType.values());
        type.setConverter(labels("editor.type."));
        host.setId("ds-host");
        host.setPromptText(Messages.get("editor.host.prompt"));
        port.setId("ds-port");
        port.setPrefColumnCount(6);
        user.setId("ds-user");
        password.setId("ds-password");
        savePassword.setId("ds-save-password");
        keychainNote.setId("ds-keychain-note");
        keychainNote.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        keychainNote.setWrapText(true);
        database.setId("ds-database");
        database.setPromptText(Messages.get("editor.optional"));
        tls.setId("ds-tls");
        tls.getItems().setAll(TlsMode.values());
        tls.setConverter(labels("editor.tls."));
        caFile.setId("ds-ca-file");
        caFile.setPromptText(Messages.get("editor.caFile.prompt"));
        caBrowse.setId("ds-ca-browse");
        caBrowse.setMinWidth(Region.USE_PREF_SIZE);
        caBrowse.setOnAction(e -> chooseCaFile());
        connectTimeout.setId("ds-connect-timeout");
        connectTimeout.setPrefColumnCount(6);
        queryTimeout.setId("ds-query-timeout");
        queryTimeout.setPrefColumnCount(6);
        properties.setId("ds-properties");
        properties.setPromptText(Messages.get("editor.properties.prompt"));
        properties.setPrefRowCount(3);
        color.setId("ds-color");
        color.getItems().setAll(ColorTag.values());
        color.setCellFactory(l -> new ColorCell());
        color.setButtonCell(new ColorCell());
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

        fields.put(DataSourceForm.Field.NAME, name);
        fields.put(DataSourceForm.Field.HOST, host);
        fields.put(DataSourceForm.Field.PORT, port);
        fields.put(DataSourceForm.Field.USER, user);
        fields.put(DataSourceForm.Field.CA_FILE, caFile);
        fields.put(DataSourceForm.Field.CONNECT_TIMEOUT, connectTimeout);
        fields.put(DataSourceForm.Field.QUERY_TIMEOUT, queryTimeout);
        fields.put(DataSourceForm.Field.PROPERTIES, properties);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(360);
        grid.getColumnConstraints().addAll(labels, values);
        int r = 0;
        grid.addRow(r++, label("editor.url", url), url);
        grid.addRow(r++, label("editor.name", name), name);
        grid.addRow(r++, label("editor.type", type), type);
        HBox hostPort = new HBox(8, host, label("editor.port", port), port);
        hostPort.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(host, Priority.ALWAYS);
        grid.addRow(r++, label("editor.host", host), hostPort);
        grid.addRow(r++, label("editor.user", user), user);
        HBox pw = new HBox(10, password, savePassword);
        pw.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(password, Priority.ALWAYS);
        grid.addRow(r++, label("editor.password", password), pw);
        grid.add(keychainNote, 1, r++);
        grid.addRow(r++, label("editor.database", database), database);
        HBox tlsRow = new HBox(8, tls, caFile, caBrowse);
        tlsRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(caFile, Priority.ALWAYS);
        grid.addRow(r++, label("editor.tls", tls), tlsRow);
        HBox timeouts = new HBox(8, connectTimeout, label("editor.queryTimeout", queryTimeout), queryTimeout);
        timeouts.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(r++, label("editor.connectTimeout", connectTimeout), timeouts);
        grid.addRow(r++, label("editor.properties", properties), properties);
        grid.addRow(r++, label("editor.color", color), color);
        if (quickConnect) {
            grid.add(save, 1, r++);
        }
        grid.add(problem, 1, r++);
        HBox testRow = new HBox(8, progress, testResult);
        testRow.setAlignment(Pos.CENTER_LEFT);
        grid.add(testRow, 1, r);

        ButtonType main = new ButtonType(Messages.get(quickConnect ? "editor.connect" : "editor.saveButton"),
                ButtonBar.ButtonData.OK_DONE);
        ButtonType testType = new ButtonType(Messages.get("editor.test"), ButtonBar.ButtonData.LEFT);
        getDialogPane().getButtonTypes().addAll(testType, main, ButtonType.CANCEL);
        getDialogPane().setContent(grid);
        getDialogPane().setId("ds-editor");
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        ok = (Button) getDialogPane().lookupButton(main);
        ok.setId("ds-ok");
        test = (Button) getDialogPane().lookupButton(testType);
        test.setId("ds-test");
        getDialogPane().lookupButton(ButtonType.CANCEL).setId("ds-cancel");
    }

    private static Label label(String key, Node target) {
        Label l = new Label(Messages.get(key));
        l.setLabelFor(target);
        return l;
    }

    private static <T extends Enum<T>> StringConverter<T> labels(String prefix) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : Messages.get(prefix + value.name().toLowerCase(Locale.ROOT));
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        };
    }

    /** A colour tag as a swatch and its name. */
    private static final class ColorCell extends ListCell<ColorTag> {
        @Override
        protected void updateItem(ColorTag tag, boolean empty) {
            super.updateItem(tag, empty);
            if (empty || tag == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Region swatch = new Region();
            swatch.getStyleClass().addAll("color-swatch", tag.styleClass());
            setGraphic(swatch);
            setText(tag.label());
        }
    }

    // ------------------------------------------------------------------ behaviour

    private void initListeners() {
        for (TextInputControl t : new TextInputControl[] {name, host, port, user, database, caFile, connectTimeout,
                queryTimeout, properties}) {
            t.textProperty().addListener((o, a, b) -> validate());
        }
        port.textProperty().addListener((o, a, b) -> {
            if (!filling) {
                portTyped = true;
            }
        });
        type.valueProperty().addListener((o, a, t) -> {
            if (t != null && !portTyped) {
                filling = true;
                port.setText(String.valueOf(t.defaultPort()));
                filling = false;
            }
            validate();
        });
        tls.valueProperty().addListener((o, a, t) -> {
            boolean verifying = t == TlsMode.VERIFY_CA || t == TlsMode.VERIFY_IDENTITY;
            caFile.setDisable(!verifying);
            caBrowse.setDisable(!verifying);
            validate();
        });
        url.textProperty().addListener((o, a, text) -> pasted(text));
        host.textProperty().addListener((o, a, text) -> pasted(text));
        keychainNote.visibleProperty().bind(viewModel.keychainMissingProperty());
        keychainNote.managedProperty().bind(keychainNote.visibleProperty());
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

    /** A JDBC URL pasted into the URL or host field fills the fields it names. */
    private void pasted(String text) {
        if (filling) {
            return;
        }
        Optional<ConnectionSpec> read;
        try {
            read = DataSourceForm.readJdbcUrl(text);
        } catch (DataSourceForm.InvalidInput e) {
            problem.setText(e.problem().message());
            return;
        }
        if (read.isEmpty()) {
            return;
        }
        ConnectionSpec spec = read.get();
        filling = true;
        try {
            type.setValue(spec.type());
            host.setText(spec.host());
            port.setText(String.valueOf(spec.port()));
            portTyped = true;
            if (!spec.user().equals(DataSourceForm.NO_USER)) {
                user.setText(spec.user());
            }
            char[] secret = spec.password();
            if (secret.length > 0) {
                password.setText(new String(secret));
                Arrays.fill(secret, '\0');
            }
            database.setText(spec.database().orElse(""));
            properties.setText(DataSourceForm.formatProperties(spec.properties()));
            url.setText("");
        } finally {
            filling = false;
        }
        validate();
    }

    private void fill(DataSourceProfile p) {
        filling = true;
        try {
            DataSourceForm.Input in = DataSourceForm.inputOf(p);
            name.setText(in.name());
            type.setValue(in.type());
            host.setText(in.host());
            port.setText(in.port());
            portTyped = p.port() != p.type().defaultPort();
            user.setText(in.user());
            database.setText(in.database());
            tls.setValue(in.tlsMode());
            caFile.setText(in.caFile());
            connectTimeout.setText(in.connectTimeoutSeconds());
            queryTimeout.setText(in.queryTimeoutSeconds());
            properties.setText(in.properties());
            color.setValue(ColorTag.of(p.colorTag()));
            savePassword.setSelected(p.savePassword());
            if (p.savePassword()) {
                password.setPromptText(Messages.get("editor.password.saved"));
            }
        } finally {
            filling = false;
        }
    }

    private DataSourceForm.Input input(char[] secret) {
        return new DataSourceForm.Input(name.getText(), type.getValue(), host.getText(), port.getText(), user.getText(),
                secret, database.getText(), tls.getValue(), caFile.getText(), connectTimeout.getText(),
                queryTimeout.getText(), properties.getText());
    }

    /** Checks the fields now; shows the first problem next to its field and disables the main button. */
    private Optional<ConnectionSpec> validate() {
        fields.values().forEach(c -> c.pseudoClassStateChanged(Styles.STATE_DANGER, false));
        try {
            ConnectionSpec spec = DataSourceForm.build(input(new char[0]));
            if ((!quickConnect || save.isSelected()) && viewModel.nameTaken(spec.name(), id)) {
                throw new DataSourceForm.InvalidInput(new DataSourceForm.Problem(DataSourceForm.Field.NAME,
                        Messages.get("editor.invalid.nameTaken", spec.name())));
            }
            problem.setText("");
            ok.setDisable(false);
            test.setDisable(false);
            return Optional.of(spec);
        } catch (DataSourceForm.InvalidInput e) {
            Control c = fields.get(e.problem().field());
            if (c != null) {
                c.pseudoClassStateChanged(Styles.STATE_DANGER, true);
            }
            problem.setText(e.problem().message());
            ok.setDisable(true);
            test.setDisable(true);
            return Optional.empty();
        }
    }

    private ConnectionSpec specWithPassword() throws DataSourceForm.InvalidInput {
        char[] secret = password.getText().toCharArray();
        try {
            return DataSourceForm.build(input(secret));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private void runTest() {
        ConnectionSpec spec;
        try {
            spec = specWithPassword();
        } catch (DataSourceForm.InvalidInput e) {
            return;
        }
        busy(true);
        testResult.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        testResult.setText(Messages.get("editor.testing", spec.describe()));
        String savedOf = editing != null && editing.savePassword() && password.getText().isEmpty() ? editing.id() : null;
        viewModel.test(spec, savedOf, text -> {
            busy(false);
            testResult.getStyleClass().add(Styles.SUCCESS);
            testResult.setText(text);
        }, error -> {
            busy(false);
            testResult.getStyleClass().add(Styles.DANGER);
            testResult.setText(error);
        });
    }

    private void submit() {
        ConnectionSpec spec;
        try {
            spec = specWithPassword();
        } catch (DataSourceForm.InvalidInput e) {
            return;
        }
        DataSourceProfile profile = DataSourceProfile.of(id, spec, color.getValue().id(), savePassword.isSelected());
        // an empty field while editing a profile whose password is saved keeps that password
        char[] typed = editing != null && editing.savePassword() && password.getText().isEmpty()
                ? null : password.getText().toCharArray();
        if (!quickConnect) {
            viewModel.save(profile, typed, this::showProblem);
            closeDialog();
            return;
        }
        busy(true);
        testResult.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        testResult.setText(Messages.get("connect.progress", spec.describe()));
        if (save.isSelected()) {
            char[] forConnect = password.getText().toCharArray();
            DataSourceRow row = viewModel.save(profile, typed, this::showProblem);
            viewModel.connect(row, forConnect, this::closeDialog, this::connectFailed);
        } else {
            viewModel.connectUnsaved(spec, this::closeDialog, this::connectFailed);
        }
    }

    private void connectFailed(String reason) {
        busy(false);
        testResult.getStyleClass().add(Styles.DANGER);
        testResult.setText(reason);
    }

    private void showProblem(String text) {
        problem.setText(text);
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

    private void chooseCaFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("editor.caFile.choose"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(Messages.get("editor.caFile.filter"),
                "*.pem", "*.crt", "*.cer"), new FileChooser.ExtensionFilter(Messages.get("editor.allFiles"), "*"));
        File chosen = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
        if (chosen != null) {
            caFile.setText(chosen.getAbsolutePath());
        }
    }
}
