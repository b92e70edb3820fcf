package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Messages;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javafx.event.EventHandler;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Every keyboard shortcut of the window, each once: its key, its name (the bundle's
 * {@code shortcut.<id>}) and whether it acts only while the session table has the focus. The keys
 * the window reacts to ({@link #handler}), the menus' accelerators ({@link #menuItem}), the "(Ctrl+X)"
 * of the tooltips ({@link #tip}) and Help &gt; Keyboard Shortcuts are all made from this table, so
 * they cannot disagree. Keys follow DBeaver's where it has one (F5, Ctrl+F, Delete, Shift+Delete,
 * Ctrl+Shift+C, Alt+Enter for the properties of the selection).
 */
public enum Shortcut {
    REFRESH("refresh", key(KeyCode.F5), false),
    AUTO_REFRESH("autoRefresh", key(KeyCode.R, KeyCombination.SHORTCUT_DOWN), false),
    CONNECT("connect", key(KeyCode.N, KeyCombination.SHORTCUT_DOWN), false),
    DATA_SOURCES("dataSources", key(KeyCode.D, KeyCombination.SHORTCUT_DOWN), false),
    SEARCH("search", key(KeyCode.F, KeyCombination.SHORTCUT_DOWN), false),
    COLUMN_SEARCH("columnSearch", key(KeyCode.F, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), false),
    CLEAR_SEARCHES("clearSearches", key(KeyCode.X, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), false),
    ACTIVE_ONLY("activeOnly", key(KeyCode.L, KeyCombination.SHORTCUT_DOWN), false),
    SELECT_ALL("selectAll", key(KeyCode.A, KeyCombination.SHORTCUT_DOWN), true),
    SHOW_SQL("showSql", key(KeyCode.ENTER), true),
    DETAILS("details", key(KeyCode.ENTER, KeyCombination.ALT_DOWN), false),
    COPY("copy", key(KeyCode.C, KeyCombination.SHORTCUT_DOWN), true),
    COPY_SQL("copySql", key(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), false),
    CLOSE_SESSION("closeSession", key(KeyCode.DELETE), true),
    CLOSE_QUERY("closeQuery", key(KeyCode.DELETE, KeyCombination.SHIFT_DOWN), true),
    PLAN("plan", key(KeyCode.E, KeyCombination.SHORTCUT_DOWN), false),
    TRACE("trace", key(KeyCode.T, KeyCombination.SHORTCUT_DOWN), false),
    VARIABLES("variables", key(KeyCode.V, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), false),
    BLOCKING("blocking", key(KeyCode.B, KeyCombination.SHORTCUT_DOWN), false),
    HISTORY("history", key(KeyCode.H, KeyCombination.SHORTCUT_DOWN), false),
    EXPORT("export", key(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), false),
    COLUMNS("columns", key(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), false),
    THRESHOLDS("thresholds", key(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), false),
    THEME("theme", key(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), false),
    SHORTCUTS("shortcuts", key(KeyCode.F1), false),
    ABOUT("about", key(KeyCode.F1, KeyCombination.SHIFT_DOWN), false);

    private final String id;
    private final KeyCombination combination;
    private final boolean tableOnly;

    Shortcut(String id, KeyCombination combination, boolean tableOnly) {
        this.id = id;
        this.combination = combination;
        this.tableOnly = tableOnly;
    }

    private static KeyCombination key(KeyCode code, KeyCombination.Modifier... modifiers) {
        return new KeyCodeCombination(code, modifiers);
    }

    public String id() {
        return id;
    }

    public KeyCombination combination() {
        return combination;
    }

    /**
     * True when the key acts only while the session table has the focus: Enter, Delete and Ctrl+C
     * mean other things in a text field, a list or a button.
     */
    public boolean tableOnly() {
        return tableOnly;
    }

    /** What the key does, in the window's language ("Refresh", "Close the selected sessions"). */
    public String title() {
        return Messages.get("shortcut." + id);
    }

    /**
     * The key as the platform writes it: "F5", "Ctrl+Shift+C" ("⇧⌘C" on macOS); JavaFX's "↵" is
     * written "Enter" outside macOS, where keyboards and DBeaver's menus say so.
     */
    public String keyText() {
        String text = combination.getDisplayText();
        return MAC ? text : text.replace("\u21b5", "Enter");
    }

    private static final boolean MAC = System.getProperty("os.name", "").startsWith("Mac");

    /** {@code text} followed by the key: "List the sessions again (F5)". */
    public String tip(String text) {
        return text + " (" + keyText() + ")";
    }

    /** A menu item named {@code text} that shows this key and runs {@code action}; its id is {@code id}. */
    public MenuItem menuItem(String id, String text, Runnable action) {
        return accelerated(new MenuItem(text), id, action);
    }

    /**
     * Gives {@code item} this key as its accelerator and {@code action} as what it does. The key
     * itself is handled by {@link #handler}, which consumes it before the menu's accelerator sees
     * it: the menu only shows it.
     */
    public <T extends MenuItem> T accelerated(T item, String id, Runnable action) {
        item.setId(id);
        item.setAccelerator(combination);
        item.setOnAction(e -> action.run());
        return item;
    }

    /**
     * A key handler for a scene: runs the action of the shortcut a key press is, a table-only one
     * only while {@code tableFocused}. It consumes every key of {@code actions} (also a table-only
     * key pressed elsewhere), so that the menus' copies of the accelerators never run them a second
     * time or outside the table. Added to the scene, it sees a key after the focused control did
     * (a text field keeps its Ctrl+C and Delete) and before the scene's accelerators.
     */
    public static EventHandler<KeyEvent> handler(Map<Shortcut, Runnable> actions, BooleanSupplier tableFocused) {
        return e -> {
            for (Map.Entry<Shortcut, Runnable> a : actions.entrySet()) {
                Shortcut s = a.getKey();
                if (s.combination.match(e)) {
                    e.consume();
                    if (!s.tableOnly || tableFocused.getAsBoolean()) {
                        a.getValue().run();
                    }
                    return;
                }
            }
        };
    }
}
