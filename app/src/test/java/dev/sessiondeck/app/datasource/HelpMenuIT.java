package dev.sessiondeck.app.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.app.session.Shortcut;
import dev.sessiondeck.app.support.AppVersion;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.SettingsStore;
import dev.sessiondeck.core.profile.LogDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's menu bar as the application builds it: Help &gt; Keyboard Shortcuts lists every
 * entry of {@link Shortcut} with its key, and Help &gt; About tells the version, Java and JavaFX,
 * the configuration and log folders, and answers the Open Log Folder button without holding the
 * window.
 */
class HelpMenuIT extends MainWindowTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        open(stage, "help-menu.json");
    }

    @Test
    void keyboardShortcutsListsEveryEntryWithItsKeyInTheWindowsLanguage() throws Exception {
        clickOn("Help");
        clickOn("Keyboard Shortcuts");
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#shortcuts-table").tryQuery().isPresent());
        TableView<Shortcut> table = lookup("#shortcuts-table").queryTableView();
        assertThat(table.getItems()).containsExactly(Shortcut.values());
        TableColumn<Shortcut, ?> action = table.getColumns().get(0);
        TableColumn<Shortcut, ?> key = table.getColumns().get(1);
        for (int i = 0; i < table.getItems().size(); i++) {
            Shortcut s = table.getItems().get(i);
            assertThat(String.valueOf(key.getCellData(i))).isEqualTo(s.keyText()).isNotBlank();
            assertThat(String.valueOf(action.getCellData(i))).startsWith(Messages.get("shortcut." + s.id()));
        }
        assertThat(Shortcut.SHOW_SQL.keyText()).isEqualTo("Enter");
        assertThat(Shortcut.CLOSE_QUERY.keyText()).isEqualTo("Shift+Delete");
        picture(table.getScene(), "keyboard-shortcuts");
        clickOn("#shortcuts-close");

        // one key each, and each named in both languages
        assertThat(List.of(Shortcut.values())).extracting(Shortcut::combination).doesNotHaveDuplicates();
        for (Locale l : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            ResourceBundle b = ResourceBundle.getBundle("dev.sessiondeck.app.support.messages", l);
            for (Shortcut s : Shortcut.values()) {
                assertThat(b.containsKey("shortcut." + s.id())).as("%s in %s", s, l).isTrue();
            }
        }

        // F1 opens it too
        push(KeyCode.F1);
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#shortcuts-table").tryQuery().isPresent());
        clickOn("#shortcuts-close");
    }

    @Test
    void aKeyActsOnceThoughTheMenuBarShowsItAsItsAccelerator() throws Exception {
        assertThat(fx(() -> sessions.activeOnlyProperty().get())).isFalse();
        // into the window (no data source is open: the welcome pane stands where the table will)
        clickOn("#welcome-pane");
        push(KeyCode.CONTROL, KeyCode.L);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> sessions.activeOnlyProperty().get())).as("toggled once, not twice").isTrue();
        push(KeyCode.CONTROL, KeyCode.L);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> sessions.activeOnlyProperty().get())).isFalse();
    }

    @Test
    void theShortcutsWindowSpeaksTheWindowsLanguage() throws Exception {
        try {
            Messages.use(Locale.SIMPLIFIED_CHINESE);
            push(KeyCode.F1);
            await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#shortcuts-table").tryQuery().isPresent());
            TableView<Shortcut> table = lookup("#shortcuts-table").queryTableView();
            assertThat(String.valueOf(table.getColumns().get(0).getCellData(0))).isEqualTo("刷新会话列表");
            assertThat(table.getColumns().get(1).getText()).isEqualTo("按键");
            assertThat(String.valueOf(table.getColumns().get(0).getCellData(Shortcut.CLOSE_SESSION.ordinal())))
                    .isEqualTo("关闭所选会话（在会话表中）");
            picture(table.getScene(), "keyboard-shortcuts-zh");
            clickOn("#shortcuts-close");
        } finally {
            Messages.use(Locale.ENGLISH);
        }
    }

    @Test
    void aboutTellsTheVersionJavaJavaFxAndTheFoldersAndOpensTheLogFolderWithoutHoldingTheWindow() throws Exception {
        picture(window.getScene(), "window-with-menu-bar");
        clickOn("Help");
        clickOn("About SessionDeck");
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#about-dialog").tryQuery().isPresent());

        assertThat(AppVersion.current()).as("the build wrote the version").isPresent();
        assertThat(text("#about-version")).isEqualTo(AppVersion.current().orElseThrow()).doesNotContain("${");
        assertThat(text("#about-java")).contains(System.getProperty("java.version"));
        assertThat(text("#about-javafx")).isEqualTo(System.getProperty("javafx.runtime.version"));
        assertThat(text("#about-config")).isEqualTo(SettingsStore.configDirectory().toString());
        assertThat(text("#about-logs")).isEqualTo(LogDirectory.resolve().toString());
        picture(lookup("#about-dialog").query().getScene(), "about");

        clickOn("#about-open-logs");
        Label status = lookup("#about-open-logs-status").query();
        String opening = Messages.get("about.openLogs.opening", LogDirectory.resolve());
        // headless here: the desktop cannot open folders, and says so with the folder's name
        await().atMost(Duration.ofSeconds(20)).until(() -> !fx(status::getText).equals(opening));
        assertThat(fx(status::getText)).satisfiesAnyOf(t -> assertThat(t).isEmpty(),
                t -> assertThat(t).contains(LogDirectory.resolve().toString()));
        clickOn("#about-close");
    }

    private String text(String query) {
        return lookup(query).queryAs(TextField.class).getText();
    }
}
