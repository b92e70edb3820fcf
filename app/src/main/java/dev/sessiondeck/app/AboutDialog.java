package dev.sessiondeck.app;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.AppVersion;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.SettingsStore;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.profile.LogDirectory;
import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Help &gt; About: the version (the one {@code --version} prints, {@link AppVersion}), the Java and
 * JavaFX running it, the configuration folder ({@link SettingsStore#configDirectory()}) and the log
 * folder ({@link LogDirectory}), the folders in fields the user can select and copy, and a button that
 * opens the log folder in the file manager. The file manager is asked on a thread of its own
 * ({@link Desktop#open} can take seconds); what went wrong is said under the button.
 */
final class AboutDialog extends Dialog<Void> {

    private static final Logger LOG = LoggerFactory.getLogger(AboutDialog.class);

    private final Label openStatus = new Label();

    private AboutDialog(Window owner, Path config, Path logs) {
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        setTitle(Messages.get("about.title"));
        String version = AppVersion.current().orElse(Messages.get("about.development"));
        setHeaderText(Messages.get("about.header", version));

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        int row = 0;
        row = line(grid, row, "about.version", "about-version", version);
        row = line(grid, row, "about.java", "about-java",
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        row = line(grid, row, "about.javafx", "about-javafx",
                Optional.ofNullable(System.getProperty("javafx.runtime.version")).orElse("?"));
        row = line(grid, row, "about.os", "about-os", System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")");
        row = line(grid, row, "about.config", "about-config", config.toString());
        line(grid, row, "about.logs", "about-logs", logs.toString());

        Button open = new Button(Messages.get("about.openLogs"), new FontIcon(Feather.FOLDER));
        open.setId("about-open-logs");
        open.setTooltip(new Tooltip(Messages.get("about.openLogs.tip")));
        open.setOnAction(e -> openFolder(logs));
        openStatus.setId("about-open-logs-status");
        openStatus.setWrapText(true);
        openStatus.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(12, grid, open, openStatus);
        box.setPadding(new Insets(4, 0, 0, 0));
        box.setPrefWidth(620);
        getDialogPane().setContent(box);
        getDialogPane().setId("about-dialog");
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().lookupButton(ButtonType.CLOSE).setId("about-close");
    }

    /** Opens About for this process's folders; does not wait. */
    static void show(Window owner) {
        new AboutDialog(owner, SettingsStore.configDirectory(), LogDirectory.resolve()).show();
    }

    /** A name and a value the user can select (a read-only field); the next free row. */
    private static int line(GridPane grid, int row, String nameKey, String id, String value) {
        Label name = new Label(Messages.get(nameKey));
        TextField field = new TextField(value);
        field.setId(id);
        field.setEditable(false);
        field.getStyleClass().add(Styles.FLAT);
        GridPane.setHgrow(field, Priority.ALWAYS);
        grid.addRow(row, name, field);
        return row + 1;
    }

    private void openFolder(Path dir) {
        openStatus.setText(Messages.get("about.openLogs.opening", dir));
        Thread t = new Thread(() -> {
            String problem = open(dir);
            Platform.runLater(() -> openStatus.setText(problem));
        }, "sessiondeck-open-logs");
        t.setDaemon(true);
        t.start();
    }

    /** Asks the desktop to show {@code dir}; what went wrong, worded for the user, or "" when it went. */
    static String open(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Messages.get("about.openLogs.missing", dir);
        }
        if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            return Messages.get("about.openLogs.unsupported", dir);
        }
        try {
            Desktop.getDesktop().open(dir.toFile());
            return "";
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot open the log folder {}", dir, e);
            return Messages.get("about.openLogs.failed", dir, e.getMessage());
        }
    }
}
