package dev.sessiondeck.app.datasource;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.ColorTag;
import dev.sessiondeck.app.support.Converters;
import dev.sessiondeck.app.support.FieldForm;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.source.ConnectionFields;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SourceType;
import dev.sessiondeck.core.source.SourceTypes;
import dev.sessiondeck.core.source.TlsMode;
import java.io.File;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

/**
 * The fields of the data-source editor, built from the picked kind of data source's declared
 * settings ({@link SourceType#settings()}): the standard ones it takes (host, port, user, password,
 * database, TLS, properties, timeouts: rows of the others are hidden) and its own, asked for from
 * their declarations ({@link FieldForm}, node ids {@code ds-option-<id>}). A JDBC URL pasted into the
 * URL or host field fills the fields it names.
 */
final class ConnectionFieldsPane {

    private final TextField url = new TextField();
    final TextField name = new TextField();
    final ComboBox<SourceType> type = new ComboBox<>();
    private final TextField host = new TextField();
    private final TextField port = new TextField();
    private final TextField user = new TextField();
    final PasswordField password = new PasswordField();
    final CheckBox savePassword = new CheckBox(Messages.get("editor.savePassword"));
    final Label keychainNote = new Label(Messages.get("editor.keychainMissing"));
    private final TextField database = new TextField();
    private final ComboBox<TlsMode> tls = new ComboBox<>();
    private final TextField caFile = new TextField();
    private final Button caBrowse = new Button(Messages.get("editor.browse"));
    private final TextField connectTimeout = new TextField();
    private final TextField queryTimeout = new TextField();
    private final TextArea properties = new TextArea();
    final ComboBox<ColorTag> color = new ComboBox<>();
    final SshTunnelPane ssh;
    private final Map<DataSourceForm.Field, Control> fields = new EnumMap<>(DataSourceForm.Field.class);
    /** Each standard field's row, shown only for a type that takes the field. */
    private final Map<String, Node[]> standardRows = new LinkedHashMap<>();
    private final GridPane grid = new GridPane();
    private final GridPane optionsGrid = new GridPane();
    private FieldForm options;
    private boolean portTyped;
    private boolean filling;
    /** Runs after any field changed (the dialog validates). */
    private final Runnable changed;

    ConnectionFieldsPane(Runnable changed) {
        this.changed = changed;
        this.ssh = new SshTunnelPane(changed);
        setIds();
        labelsAndValues(grid);
        optionsGrid.setHgap(10);
        optionsGrid.setVgap(8);
        int r = 0;
        grid.addRow(r++, label("editor.url", url), url);
        grid.addRow(r++, label("editor.name", name), name);
        grid.addRow(r++, label("editor.type", type), type);
        HBox hostPort = new HBox(8, host, label("editor.port", port), port);
        hostPort.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(host, Priority.ALWAYS);
        r = row(r, "host", "editor.host", host, hostPort);
        r = row(r, "user", "editor.user", user, user);
        HBox pw = new HBox(10, password, savePassword);
        pw.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(password, Priority.ALWAYS);
        r = row(r, "password", "editor.password", password, pw);
        grid.add(keychainNote, 1, r++);
        r = row(r, "database", "editor.database", database, database);
        HBox tlsRow = new HBox(8, tls, caFile, caBrowse);
        tlsRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(caFile, Priority.ALWAYS);
        r = row(r, "tls", "editor.tls", tls, tlsRow);
        HBox timeouts = new HBox(8, connectTimeout, label("editor.queryTimeout", queryTimeout), queryTimeout);
        timeouts.setAlignment(Pos.CENTER_LEFT);
        r = row(r, "connectTimeout", "editor.connectTimeout", connectTimeout, timeouts);
        r = row(r, "properties", "editor.properties", properties, properties);
        grid.add(optionsGrid, 0, r++, 2, 1);
        grid.addRow(r, label("editor.color", color), color);
        nextRow = r + 1;
        initListeners();
    }

    /** The first free row of the grid, for the dialog's own lines. */
    final int nextRow;

    GridPane grid() {
        return grid;
    }

    private int row(int r, String fieldId, String key, Control target, Node content) {
        Label l = label(key, target);
        grid.addRow(r, l, content);
        standardRows.put(fieldId, new Node[] {l, content});
        return r + 1;
    }

    /** Lays {@code g} out as the editor's forms are: labels as wide as they need, values taking the rest. */
    static void labelsAndValues(GridPane g) {
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(360);
        g.getColumnConstraints().addAll(labels, values);
    }

    /** A label from the bundle for {@code target}. */
    static Label label(String key, Node target) {
        Label l = new Label(Messages.get(key));
        l.setLabelFor(target);
        return l;
    }

    private void setIds() {
        url.setId("ds-url");
        url.setPromptText(Messages.get("editor.url.prompt"));
        name.setId("ds-name");
        name.setPromptText(Messages.get("editor.name.prompt"));
        type.setId("ds-type");
        type.getItems().setAll(SourceTypes.installed().all());
        type.setConverter(Converters.showing(t -> t.displayName().resolve(Messages.locale())));
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
        tls.setConverter(Converters.showing(m -> Messages.get("editor.tls." + m.name().toLowerCase(Locale.ROOT))));
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
        fields.put(DataSourceForm.Field.NAME, name);
        fields.put(DataSourceForm.Field.HOST, host);
        fields.put(DataSourceForm.Field.PORT, port);
        fields.put(DataSourceForm.Field.USER, user);
        fields.put(DataSourceForm.Field.CA_FILE, caFile);
        fields.put(DataSourceForm.Field.CONNECT_TIMEOUT, connectTimeout);
        fields.put(DataSourceForm.Field.QUERY_TIMEOUT, queryTimeout);
        fields.put(DataSourceForm.Field.PROPERTIES, properties);
    }

    private void initListeners() {
        for (TextInputControl t : new TextInputControl[] {name, host, port, user, database, caFile, connectTimeout,
                queryTimeout, properties}) {
            t.textProperty().addListener((o, a, b) -> changed.run());
        }
        port.textProperty().addListener((o, a, b) -> {
            if (!filling) {
                portTyped = true;
            }
        });
        type.valueProperty().addListener((o, a, t) -> {
            if (t != null) {
                showFieldsOf(t);
                if (!portTyped) {
                    filling = true;
                    port.setText(String.valueOf(t.defaultPort()));
                    filling = false;
                }
            }
            changed.run();
        });
        tls.valueProperty().addListener((o, a, t) -> {
            boolean verifying = t == TlsMode.VERIFY_CA || t == TlsMode.VERIFY_IDENTITY;
            caFile.setDisable(!verifying);
            caBrowse.setDisable(!verifying);
            changed.run();
        });
        url.textProperty().addListener((o, a, text) -> pasted(text));
        host.textProperty().addListener((o, a, text) -> pasted(text));
    }

    /** Shows the rows of the standard fields {@code t} takes and builds the form of its own. */
    private void showFieldsOf(SourceType t) {
        standardRows.forEach((id, nodes) -> {
            boolean takes = ConnectionFields.takes(t, id);
            for (Node n : nodes) {
                n.setVisible(takes);
                n.setManaged(takes);
            }
        });
        Map<String, String> kept = options == null ? Map.of() : options.values();
        optionsGrid.getChildren().clear();
        List<InputField> own = t.settings().stream().filter(f -> !ConnectionFields.standard(f)).toList();
        options = new FieldForm(own, "ds-option-", optionsGrid, 0);
        options.setAll(kept);
        for (InputField f : own) {
            Node control = optionsGrid.lookup("#ds-option-" + f.id());
            if (control instanceof TextInputControl text) {
                text.textProperty().addListener((o, a, b) -> changed.run());
            }
        }
        optionsGrid.setManaged(!own.isEmpty());
        optionsGrid.setVisible(!own.isEmpty());
    }

    /** A JDBC URL pasted into the URL or host field fills the fields it names. */
    private void pasted(String text) {
        if (filling) {
            return;
        }
        Optional<DataSourceForm.PastedUrl> read;
        try {
            read = DataSourceForm.readJdbcUrl(text);
        } catch (DataSourceForm.InvalidInput e) {
            changed.run();
            return;
        }
        if (read.isEmpty()) {
            return;
        }
        ConnectionSpec spec = read.get().spec();
        filling = true;
        try {
            type.setValue(SourceTypes.installed().require(spec.type()));
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
            properties.setText(DataSourceForm.formatProperties(read.get().properties()));
            url.setText("");
        } finally {
            filling = false;
        }
        changed.run();
    }

    /** A new data source's fields: the first type, its port, the default timeouts. */
    void fillNew() {
        type.setValue(SourceTypes.installed().all().get(0));
        tls.setValue(TlsMode.PREFERRED);
        port.setText(String.valueOf(type.getValue().defaultPort()));
        connectTimeout.setText(DataSourceForm.seconds(ConnectionSpec.DEFAULT_CONNECT_TIMEOUT.toMillis()));
        queryTimeout.setText(DataSourceForm.seconds(ConnectionSpec.DEFAULT_QUERY_TIMEOUT.toMillis()));
        color.setValue(ColorTag.NONE);
    }

    void fill(DataSourceProfile p) {
        filling = true;
        try {
            DataSourceForm.Input in = DataSourceForm.inputOf(p);
            name.setText(in.name());
            // a profile of a type this build does not know keeps its fields; saving it needs a known type
            SourceTypes.installed().find(in.type()).ifPresent(type::setValue);
            host.setText(in.host());
            port.setText(in.port());
            portTyped = type.getValue() == null || p.port() != type.getValue().defaultPort();
            user.setText(in.user());
            database.setText(in.database());
            tls.setValue(in.tlsMode());
            caFile.setText(in.caFile());
            connectTimeout.setText(in.connectTimeoutSeconds());
            queryTimeout.setText(in.queryTimeoutSeconds());
            properties.setText(in.properties());
            if (options != null) {
                options.setAll(in.options());
            }
            color.setValue(ColorTag.of(p.colorTag()));
            savePassword.setSelected(p.savePassword());
            if (p.savePassword()) {
                password.setPromptText(Messages.get("editor.password.saved"));
            }
            ssh.fill(p);
        } finally {
            filling = false;
        }
    }

    /** The fields as typed, with {@code secret} as the password and no SSH secret. */
    DataSourceForm.Input input(char[] secret) {
        return input(secret, new char[0]);
    }

    /**
     * The fields as typed, with {@code secret} as the password and {@code sshSecret} as the tunnel's
     * passphrase or password. Fields the type does not take are left empty.
     */
    DataSourceForm.Input input(char[] secret, char[] sshSecret) {
        SourceType t = type.getValue();
        boolean jdbc = t != null && ConnectionFields.takes(t, "database");
        return new DataSourceForm.Input(name.getText(), t == null ? "" : t.id(), host.getText(), port.getText(),
                user.getText(), secret, jdbc ? database.getText() : "", tls.getValue(), jdbc ? caFile.getText() : "",
                connectTimeout.getText(), queryTimeout.getText(), jdbc ? properties.getText() : "",
                ownValues(t), ssh.input(sshSecret));
    }

    /** The type's own settings typed, without secrets (those never go into a profile or a spec's options). */
    private Map<String, String> ownValues(SourceType t) {
        Map<String, String> out = new LinkedHashMap<>();
        if (options == null || t == null) {
            return out;
        }
        Map<String, String> typed = options.values();
        for (InputField f : t.settings()) {
            if (!ConnectionFields.standard(f) && f.kind() != InputField.Kind.SECRET && typed.containsKey(f.id())) {
                out.put(f.id(), typed.get(f.id()));
            }
        }
        return out;
    }

    /** Marks the SSH field {@code problem} names (the SSH tab's fields), clearing the other marks. */
    void markSsh(String problem) {
        mark(Optional.empty());
        ssh.mark(Optional.of(problem));
    }

    /** Marks the field a problem names; clears the others. */
    void mark(Optional<DataSourceForm.Field> field) {
        fields.values().forEach(c -> c.pseudoClassStateChanged(Styles.STATE_DANGER, false));
        if (field.isPresent() && field.get() == DataSourceForm.Field.OPTIONS && options != null) {
            options.validate();
        }
        field.map(fields::get).ifPresent(c -> c.pseudoClassStateChanged(Styles.STATE_DANGER, true));
        ssh.mark(Optional.empty());
    }

    private void chooseCaFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("editor.caFile.choose"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(Messages.get("editor.caFile.filter"),
                "*.pem", "*.crt", "*.cer"), new FileChooser.ExtensionFilter(Messages.get("editor.allFiles"), "*"));
        File chosen = chooser.showOpenDialog(grid.getScene().getWindow());
        if (chosen != null) {
            caFile.setText(chosen.getAbsolutePath());
        }
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
}
