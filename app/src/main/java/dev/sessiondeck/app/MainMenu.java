package dev.sessiondeck.app;

import dev.sessiondeck.app.session.SessionsView;
import dev.sessiondeck.app.session.Shortcut;
import dev.sessiondeck.app.support.Messages;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyEvent;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * The window's menu bar, as DBeaver has one: File, View, Session and Help. Every item that has a
 * key shows it ({@link Shortcut}) and does what the key does; Help lists the keys
 * ({@link ShortcutsWindow}) and tells the version and the folders ({@link AboutDialog}). The window's
 * own keys (F1, Shift+F1) are handled here.
 */
final class MainMenu {

    private final SessionsView sessions;
    private final MenuBar bar = new MenuBar();
    private final Map<Shortcut, Runnable> ownKeys = new EnumMap<>(Shortcut.class);
    private final EventHandler<KeyEvent> keys = Shortcut.handler(ownKeys, () -> false);

    /**
     * @param activeOnly the view model's View Active Sessions Only
     */
    MainMenu(SessionsView sessions, BooleanProperty activeOnly) {
        this.sessions = sessions;
        ownKeys.put(Shortcut.SHORTCUTS, () -> ShortcutsWindow.show(window()));
        ownKeys.put(Shortcut.ABOUT, () -> AboutDialog.show(window()));

        MenuItem quit = new MenuItem(Messages.get("menubar.quit"));
        quit.setId("menubar-quit");
        quit.setOnAction(e -> quit());
        Menu file = menu("menubar-file", "menubar.file", item(Shortcut.CONNECT, "menubar.connect"),
                item(Shortcut.EXPORT, "menubar.export"), new SeparatorMenuItem(), quit);

        CheckMenuItem active = Shortcut.ACTIVE_ONLY.accelerated(new CheckMenuItem(Messages.get("menubar.activeOnly")),
                "menubar-activeOnly", () -> { });
        active.selectedProperty().bindBidirectional(activeOnly);
        CheckMenuItem dark = Shortcut.THEME.accelerated(new CheckMenuItem(Messages.get("menubar.theme")),
                "menubar-theme", () -> { });
        dark.selectedProperty().bindBidirectional(sessions.darkThemeProperty());
        Menu view = menu("menubar-view", "menubar.view", item(Shortcut.REFRESH, "menubar.refresh"),
                item(Shortcut.AUTO_REFRESH, "menubar.autoRefresh"), item(Shortcut.DATA_SOURCES, "menubar.dataSources"),
                new SeparatorMenuItem(), active, item(Shortcut.SEARCH, "menubar.search"),
                item(Shortcut.COLUMN_SEARCH, "menubar.columnSearch"), item(Shortcut.CLEAR_SEARCHES, "menubar.clearSearches"),
                new SeparatorMenuItem(), item(Shortcut.BLOCKING, "menubar.blocking"),
                item(Shortcut.HISTORY, "menubar.history"), item(Shortcut.COLUMNS, "menubar.columns"),
                item(Shortcut.THRESHOLDS, "menubar.thresholds"), dark);

        Menu session = menu("menubar-session", "menubar.session", item(Shortcut.SHOW_SQL, "menubar.viewSql"),
                item(Shortcut.DETAILS, "menubar.details"), item(Shortcut.PLAN, "menubar.plan"), new SeparatorMenuItem(),
                item(Shortcut.SELECT_ALL, "menubar.selectAll"), item(Shortcut.COPY, "menubar.copy"),
                item(Shortcut.COPY_SQL, "menubar.copySql"), new SeparatorMenuItem(),
                item(Shortcut.CLOSE_SESSION, "menubar.closeSession"), item(Shortcut.CLOSE_QUERY, "menubar.closeQuery"),
                item(Shortcut.TRACE, "menubar.trace"), item(Shortcut.VARIABLES, "menubar.variables"));

        Menu help = menu("menubar-help", "menubar.help", item(Shortcut.SHORTCUTS, "menubar.shortcuts"),
                item(Shortcut.ABOUT, "menubar.about"));
        bar.getMenus().addAll(file, view, session, help);
        bar.setId("menu-bar");
        // the keys of the window itself, where the session view's are (SessionsView)
        bar.sceneProperty().addListener((o, was, scene) -> {
            if (was != null) {
                was.removeEventHandler(KeyEvent.KEY_PRESSED, keys);
            }
            if (scene != null) {
                scene.addEventHandler(KeyEvent.KEY_PRESSED, keys);
            }
        });
    }

    MenuBar view() {
        return bar;
    }

    private static Menu menu(String id, String key, MenuItem... items) {
        Menu m = new Menu(Messages.get(key), null, items);
        m.setId(id);
        return m;
    }

    /** The item that does what {@code key} does; ids are {@code menubar-<shortcut id>}. */
    private MenuItem item(Shortcut key, String textKey) {
        return key.menuItem("menubar-" + key.id(), Messages.get(textKey), () -> run(key));
    }

    private void run(Shortcut key) {
        Runnable own = ownKeys.get(key);
        if (own != null) {
            own.run();
        } else {
            sessions.action(key).ifPresent(Runnable::run);
        }
    }

    private Window window() {
        Scene scene = bar.getScene();
        return scene == null ? null : scene.getWindow();
    }

    /** Closes the window as its close button does (the layout is saved on the way). */
    private void quit() {
        Window w = window();
        if (w == null) {
            return;
        }
        WindowEvent close = new WindowEvent(w, WindowEvent.WINDOW_CLOSE_REQUEST);
        w.fireEvent(close);
        if (!close.isConsumed()) {
            w.hide();
        }
    }
}
