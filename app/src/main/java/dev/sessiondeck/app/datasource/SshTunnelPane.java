package dev.sessiondeck.app.datasource;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Converters;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.profile.SshSettings;
import dev.sessiondeck.core.ssh.SshAuth;
import dev.sessiondeck.core.ssh.SshHostKey;
import java.io.File;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The "SSH tunnel" section of the data-source editor: off by default; when on, the bastion (host,
 * port, user), how to log in (private key with its passphrase, the SSH agent, or a password; the
 * secret optionally in the keychain), the known_hosts file, and the host key accepted so far with a
 * way to forget it. Node ids {@code ds-ssh-*}.
 */
final class SshTunnelPane {

    final CheckBox enabled = new CheckBox(Messages.get("editor.ssh"));
    private final TextField host = new TextField();
    private final TextField port = new TextField();
    private final TextField user = new TextField();
    private final ComboBox<SshAuth> auth = new ComboBox<>();
    private final TextField keyFile = new TextField();
    private final Button keyBrowse = new Button(Messages.get("editor.browse"));
    final PasswordField secret = new PasswordField();
    private final Label secretLabel = new Label();
    final CheckBox saveSecret = new CheckBox(Messages.get("editor.ssh.saveSecret"));
    private final TextField knownHosts = new TextField();
    private final Label hostKey = new Label();
    private final Button forget = new Button(Messages.get("editor.ssh.forgetHostKey"));
    private final GridPane fields = new GridPane();
    private final VBox box = new VBox(8);
    private final Node[] keyRow;
    private final Node[] secretRow;
    /** The accepted host key as saved, empty for none. */
    private String acceptedHostKey = "";
    private final Runnable changed;

    SshTunnelPane(Runnable changed) {
        this.changed = changed;
        setIds();
        ConnectionFieldsPane.labelsAndValues(fields);
        int r = 0;
        HBox hostPort = new HBox(8, host, ConnectionFieldsPane.label("editor.port", port), port);
        hostPort.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(host, Priority.ALWAYS);
        fields.addRow(r++, ConnectionFieldsPane.label("editor.ssh.host", host), hostPort);
        fields.addRow(r++, ConnectionFieldsPane.label("editor.ssh.user", user), user);
        fields.addRow(r++, ConnectionFieldsPane.label("editor.ssh.auth", auth), auth);
        HBox key = new HBox(8, keyFile, keyBrowse);
        key.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(keyFile, Priority.ALWAYS);
        Label keyLabel = ConnectionFieldsPane.label("editor.ssh.keyFile", keyFile);
        fields.addRow(r++, keyLabel, key);
        keyRow = new Node[] {keyLabel, key};
        HBox secretBox = new HBox(10, secret, saveSecret);
        secretBox.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(secret, Priority.ALWAYS);
        secretLabel.setLabelFor(secret);
        fields.addRow(r++, secretLabel, secretBox);
        secretRow = new Node[] {secretLabel, secretBox};
        fields.addRow(r++, ConnectionFieldsPane.label("editor.ssh.knownHosts", knownHosts), knownHosts);
        HBox keyLine = new HBox(8, hostKey, forget);
        keyLine.setAlignment(Pos.CENTER_LEFT);
        fields.addRow(r, ConnectionFieldsPane.label("editor.ssh.hostKey", hostKey), keyLine);
        fields.setPadding(new javafx.geometry.Insets(0, 0, 0, 24));
        box.setPadding(new javafx.geometry.Insets(12, 0, 0, 0));
        box.getChildren().addAll(enabled, fields);
        initListeners();
        auth.setValue(SshAuth.KEY);
        port.setText("22");
        showHostKey();
        showEnabled();
    }

    Node node() {
        return box;
    }

    private void setIds() {
        enabled.setId("ds-ssh");
        host.setId("ds-ssh-host");
        host.setPromptText(Messages.get("editor.ssh.host.prompt"));
        port.setId("ds-ssh-port");
        port.setPrefColumnCount(5);
        user.setId("ds-ssh-user");
        auth.setId("ds-ssh-auth");
        auth.getItems().setAll(SshAuth.values());
        auth.setConverter(Converters.showing(a -> Messages.get("editor.ssh.auth." + a.name().toLowerCase(Locale.ROOT))));
        keyFile.setId("ds-ssh-key");
        keyFile.setPromptText(Messages.get("editor.ssh.keyFile.prompt"));
        keyBrowse.setId("ds-ssh-key-browse");
        keyBrowse.setMinWidth(Region.USE_PREF_SIZE);
        keyBrowse.setOnAction(e -> chooseKeyFile());
        secret.setId("ds-ssh-secret");
        saveSecret.setId("ds-ssh-save-secret");
        knownHosts.setId("ds-ssh-known-hosts");
        knownHosts.setPromptText("~/.ssh/known_hosts");
        hostKey.setId("ds-ssh-host-key");
        hostKey.getStyleClass().add(Styles.TEXT_SMALL);
        hostKey.setWrapText(true);
        forget.setId("ds-ssh-forget-host-key");
        forget.setMinWidth(Region.USE_PREF_SIZE);
        forget.setOnAction(e -> {
            acceptedHostKey = "";
            showHostKey();
            changed.run();
        });
    }

    private void initListeners() {
        for (TextInputControl t : new TextInputControl[] {host, port, user, keyFile, knownHosts}) {
            t.textProperty().addListener((o, a, b) -> changed.run());
        }
        enabled.selectedProperty().addListener((o, a, b) -> {
            showEnabled();
            changed.run();
        });
        auth.valueProperty().addListener((o, a, b) -> {
            showAuth();
            changed.run();
        });
    }

    private void showEnabled() {
        fields.setVisible(enabled.isSelected());
        fields.setManaged(enabled.isSelected());
    }

    private void showAuth() {
        SshAuth a = auth.getValue();
        for (Node n : keyRow) {
            n.setVisible(a == SshAuth.KEY);
            n.setManaged(a == SshAuth.KEY);
        }
        for (Node n : secretRow) {
            n.setVisible(a != SshAuth.AGENT);
            n.setManaged(a != SshAuth.AGENT);
        }
        secretLabel.setText(Messages.get(a == SshAuth.PASSWORD ? "editor.ssh.password" : "editor.ssh.passphrase"));
    }

    private void showHostKey() {
        hostKey.setText(acceptedHostKey.isEmpty() ? Messages.get("editor.ssh.hostKey.none") : acceptedHostKey);
        forget.setDisable(acceptedHostKey.isEmpty());
    }

    /** Takes the host key the user accepted: it is saved with the data source. */
    void accept(SshHostKey key) {
        acceptedHostKey = key.toString();
        showHostKey();
        changed.run();
    }

    /** The saved tunnel's fields (never its secret: a saved one shows as a prompt). */
    void fill(DataSourceProfile p) {
        SshSettings t = p.sshTunnel().orElse(null);
        enabled.setSelected(t != null);
        if (t == null) {
            return;
        }
        host.setText(t.host());
        port.setText(String.valueOf(t.port()));
        user.setText(t.user());
        auth.setValue(t.auth());
        keyFile.setText(t.keyFile());
        knownHosts.setText(t.knownHosts());
        saveSecret.setSelected(t.saveSecret());
        if (t.saveSecret()) {
            secret.setPromptText(Messages.get("editor.password.saved"));
        }
        acceptedHostKey = t.hostKey();
        showHostKey();
    }

    /** The fields as typed with {@code typedSecret} as the passphrase or password; null when the tunnel is off. */
    DataSourceForm.SshInput input(char[] typedSecret) {
        if (!enabled.isSelected()) {
            return null;
        }
        return new DataSourceForm.SshInput(host.getText(), port.getText(), user.getText(), auth.getValue(),
                keyFile.getText(), typedSecret, knownHosts.getText(), acceptedHostKey);
    }

    /**
     * Marks the field an SSH problem names (the spec's words start with it: "SSH host", "SSH port",
     * "SSH user", "SSH key file"), or the whole section when it names none; empty clears the marks.
     */
    void mark(java.util.Optional<String> problem) {
        Node[] marked = {host, port, user, keyFile};
        String[] names = {"SSH host", "SSH port", "SSH user", "SSH key file"};
        boolean named = false;
        for (int i = 0; i < marked.length; i++) {
            boolean here = problem.isPresent() && (problem.get().startsWith(names[i])
                    || marked[i] == port && problem.get().equals(Messages.get("editor.invalid.sshPort")));
            named |= here;
            marked[i].pseudoClassStateChanged(Styles.STATE_DANGER, here);
        }
        if (problem.isPresent() && !named) {
            for (Node n : marked) {
                n.pseudoClassStateChanged(Styles.STATE_DANGER, true);
            }
        }
    }

    private void chooseKeyFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("editor.ssh.keyFile.choose"));
        File sshDir = new File(System.getProperty("user.home"), ".ssh");
        if (sshDir.isDirectory()) {
            chooser.setInitialDirectory(sshDir);
        }
        File chosen = chooser.showOpenDialog(box.getScene().getWindow());
        if (chosen != null) {
            keyFile.setText(chosen.getAbsolutePath());
        }
    }
}
