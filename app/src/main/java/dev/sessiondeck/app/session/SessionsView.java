package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.AfterFirstFrame;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Settings;
import dev.sessiondeck.app.support.SessionExport;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.app.support.UiTimer;
import dev.sessiondeck.app.variables.VariablesWindow;
import dev.sessiondeck.core.model.SessionAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.MenuButton;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import dev.sessiondeck.app.support.ColorTag;

/**
 * The session window's content: toolbar ({@link SessionToolbar}), the active-filter chips
 * ({@link FilterChips}), the session table ({@link SessionTable}, or the welcome pane while no data
 * source is open) with the blocking view under it on demand ({@link BlockingView}) and the status bar
 * ({@link StatusBar}); the row menu and the keys. Built in code;
 * it binds to {@link SessionsViewModel} and calls its commands, and never calls core itself.
 */
public final class SessionsView extends BorderPane {

    /** How long a row that appeared in a refresh stays highlighted. */
    private static final Duration FRESH_HIGHLIGHT = Duration.ofSeconds(2);
    /** On the table while a shown data source's rows are those of an earlier refresh. */
    static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final SessionsViewModel viewModel;
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme");
    private final ObjectProperty<ColorTag> colorTag = new SimpleObjectProperty<>(this, "colorTag", ColorTag.NONE);
    private final SessionTable table;
    private final TableView<SessionRow> tableView;
    private final ActionFlow actions;
    private final ActionNotifications notifications;
    private final SessionToolbar toolbar;
    private final StatusBar statusBar;
    private final WelcomePane welcome;
    private final BlockingView blocking;
    private final HistoryChart history;
    private Runnable onConnect = () -> { };
    /** Asks where to save an export; a test replaces the native file dialog. */
    private Function<Window, Optional<Path>> saveFileChooser = SessionsView::chooseCsvFile;

    // timers, not animations: a running Timeline keeps JavaFX repainting 60 times a second (UiTimer)
    private final UiTimer autoRefreshTimer;
    private final UiTimer freshFade;
    /** Lays the table out before the pulse's CSS pass; see {@link #layTableOutBeforeCss()}. */
    private final Runnable layTableOutBeforeCss = this::layTableOutBeforeCss;
    private final TablePlace place;
    private final Map<Shortcut, Runnable> keyActions;
    private final EventHandler<KeyEvent> keyHandler;

    public SessionsView(SessionsViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.autoRefreshTimer = new UiTimer(viewModel::refresh);
        this.freshFade = new UiTimer(viewModel::clearFresh);
        this.table = new SessionTable(viewModel, new SessionCells(this::showSql));
        this.tableView = table.view();
        this.place = new TablePlace(tableView, viewModel.applyingProperty(), viewModel.refilteringProperty());
        this.notifications = new ActionNotifications(() -> getScene().getWindow());
        this.actions = new ActionFlow(viewModel, this::selection, () -> getScene().getWindow(), this::focusTable,
                notifications);
        this.toolbar = new SessionToolbar(viewModel, actions, table::chooserItems, darkTheme, () -> onConnect.run(),
                this::exportShown, this::showPlanOfSelection);
        this.statusBar = new StatusBar(viewModel);
        this.welcome = new WelcomePane(viewModel, () -> onConnect.run());
        setId("sessions-view");
        setTop(new VBox(toolbar.view(), new FilterChips(viewModel).view()));
        this.blocking = new BlockingView(viewModel, new BlockingModel(viewModel), this::selectInTable,
                tableView::requestFocus, () -> getScene().getWindow(), notifications);
        toolbar.addAfterSearch(blocking.toggle());
        this.history = new HistoryChart(viewModel, () -> getScene().getWindow());
        StackPane tableArea = new StackPane(welcome.view(), notifications.view());
        attachTableAfterFirstFrame(tableArea);
        StackPane.setAlignment(notifications.view(), Pos.BOTTOM_RIGHT);
        BorderPane center = new BorderPane(blocking.under(tableArea));
        center.setTop(history.view());
        setCenter(center);
        setBottom(statusBar.view());
        this.keyActions = createKeyActions();
        this.keyHandler = Shortcut.handler(keyActions, tableView::isFocused);
        tableView.setContextMenu(createContextMenu());
        toolbar.thresholds.setOnAction(e -> new ThresholdsDialog(getScene().getWindow(), viewModel).showAndWait());
        initListeners();
    }

    private ContextMenu createContextMenu() {
        MenuItem viewSql = Shortcut.SHOW_SQL.accelerated(item("menu-view-sql", "menu.viewSql", Feather.FILE_TEXT, null),
                "menu-view-sql", this::showSqlOfSelection);
        MenuItem details = Shortcut.DETAILS.accelerated(item("menu-details", "menu.details", Feather.INFO, null),
                "menu-details", this::showDetailsOfSelection);
        MenuItem plan = planItem(List.of());
        MenuItem copyRow = Shortcut.COPY.accelerated(item("menu-copy-row", "menu.copyRow", Feather.COPY, null),
                "menu-copy-row", this::copySelection);
        MenuItem copySql = Shortcut.COPY_SQL.accelerated(item("menu-copy-sql", "menu.copySql", null, null),
                "menu-copy-sql", this::copySqlOfSelection);
        MenuItem copyId = item("menu-copy-id", "menu.copyId", null,
                () -> copy(selection().stream().map(r -> r.getSession().id()).collect(Collectors.joining("\n"))));
        MenuItem closeSession = Shortcut.CLOSE_SESSION.accelerated(
                item("menu-close-session", "menu.closeSession", Feather.X_CIRCLE, null), "menu-close-session",
                () -> actions.request(SessionAction.CLOSE_SESSION));
        MenuItem closeQuery = Shortcut.CLOSE_QUERY.accelerated(
                item("menu-close-query", "menu.closeQuery", Feather.SLASH, null), "menu-close-query",
                () -> actions.request(SessionAction.CLOSE_QUERY));
        MenuItem variables = Shortcut.VARIABLES.accelerated(item("menu-variables", "menu.variables", Feather.SLIDERS, null),
                "menu-variables", this::showVariables);
        // what acts on every shown row (after the filters), whatever is selected; above More, so that the
        // pointer on its way into More's submenu crosses no other submenu
        MenuItem closeAllSessions = item("close-all-shown-sessions", "shown.closeSessions", Feather.X_CIRCLE,
                () -> actions.requestAllShown(SessionAction.CLOSE_SESSION));
        MenuItem closeAllQueries = item("close-all-shown-queries", "shown.closeQueries", Feather.SLASH,
                () -> actions.requestAllShown(SessionAction.CLOSE_QUERY));
        Menu shown = new Menu(Messages.get("menu.shown"), new FontIcon(Feather.LAYERS), closeAllSessions, closeAllQueries,
                new SeparatorMenuItem(), Shortcut.EXPORT.accelerated(item("export-shown", "menu.export", Feather.DOWNLOAD, null),
                        "export-shown", this::exportShown),
                item("copy-shown", "shown.copy", Feather.COPY, this::copyShown));
        shown.setId("menu-shown");
        CheckMenuItem showHistory = Shortcut.HISTORY.accelerated(new CheckMenuItem(Messages.get("menu.history")),
                "menu-history", () -> { });
        showHistory.selectedProperty().bindBidirectional(history.shownProperty());
        Menu more = new Menu(Messages.get("menu.more"));
        more.setId("menu-more");
        ContextMenu menu = new ContextMenu(viewSql, details, plan, copyRow, copySql, copyId, new SeparatorMenuItem(), closeSession,
                closeQuery, new SeparatorMenuItem(), shown, variables, showHistory, more);
        menu.setOnShowing(e -> {
            List<SessionRow> sel = selection();
            viewSql.setDisable(sel.size() != 1);
            details.setDisable(sel.size() != 1);
            // made anew: its reason sits in a tooltip, which a disabled item would not show
            menu.getItems().replaceAll(i -> "menu-plan".equals(i.getId()) ? planItem(sel) : i);
            copyRow.setDisable(sel.isEmpty());
            copySql.setDisable(sel.stream().allMatch(r -> r.getSession().sql().isEmpty()));
            copyId.setDisable(sel.isEmpty());
            closeSession.setDisable(viewModel.whyNot(SessionAction.CLOSE_SESSION, sel).isPresent());
            closeQuery.setDisable(viewModel.whyNot(SessionAction.CLOSE_QUERY, sel).isPresent());
            List<MenuItem> others = actions.moreItems();
            more.getItems().setAll(others);
            more.setDisable(others.isEmpty());
            variables.setDisable(variablesSource().flatMap(viewModel::variables).isEmpty());
            boolean acting = viewModel.actingProperty().get();
            closeAllSessions.setDisable(acting || viewModel.allShownTargets(SessionAction.CLOSE_SESSION).isEmpty());
            closeAllQueries.setDisable(acting || viewModel.allShownTargets(SessionAction.CLOSE_QUERY).isEmpty());
        });
        return menu;
    }

    /** Plan… for {@code sel}: greyed with the reason in its tooltip when it has no plan to show. */
    private MenuItem planItem(List<SessionRow> sel) {
        MenuItem item = ActionFlow.blockable("menu-plan", Messages.get("menu.plan"), new FontIcon(Feather.LAYERS),
                viewModel.whyNoPlan(sel), Shortcut.PLAN.tip(Messages.get("toolbar.plan.tip")), this::showPlanOfSelection);
        item.setAccelerator(Shortcut.PLAN.combination());
        return item;
    }

    private static MenuItem item(String id, String key, Feather icon, Runnable action) {
        MenuItem item = new MenuItem(Messages.get(key), icon == null ? null : new FontIcon(icon));
        item.setId(id);
        if (action != null) {
            item.setOnAction(e -> action.run());
        }
        return item;
    }

    /** The session table, also before it joins the scene (after the first frame, see the constructor). */
    TableView<SessionRow> table() {
        return tableView;
    }

    /** What Connect… (toolbar, welcome pane, Ctrl+N) does: the window opens its data-source editor. */
    public void setOnConnect(Runnable action) {
        onConnect = Objects.requireNonNull(action, "action");
    }

    /**
     * Offers a local server on the welcome pane (Start demo server); {@code null} for none. Whoever
     * has one registers it here, so that this package needs to know nothing of it.
     */
    public void offerLocalServer(LocalServer.Starter starter) {
        welcome.localServerProperty().set(starter);
    }

    /** Replaces the dialog that asks where to save an export (for tests: no native dialog). */
    public void setSaveFileChooser(Function<Window, Optional<Path>> chooser) {
        saveFileChooser = Objects.requireNonNull(chooser, "chooser");
    }

    /**
     * The colour tag of the shown data source, drawn as a stripe under the table header;
     * {@link ColorTag#NONE} for none.
     */
    public ObjectProperty<ColorTag> colorTagProperty() {
        return colorTag;
    }

    /** True for Primer Dark; the toggle and Ctrl+Shift+T switch it. */
    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    // ------------------------------------------------------------------ listeners

    private void initListeners() {
        colorTag.addListener((o, previous, next) -> {
            tableView.getStyleClass().remove(previous.styleClass());
            if (next != ColorTag.NONE) {
                tableView.getStyleClass().add(next.styleClass());
            }
        });
        darkTheme.addListener((o, a, dark) -> Themes.apply(dark));
        // the selection, focus and scroll position are kept across refreshes and filter changes (TablePlace)
        tableView.getSelectionModel().getSelectedItems().addListener((ListChangeListener<SessionRow>) c ->
                toolbar.updateSelectionButtons(selection()));
        viewModel.lastRefreshProperty().addListener((o, a, b) -> {
            toolbar.updateSelectionButtons(selection());
            freshFade.runOnceAfter(FRESH_HIGHLIGHT);
        });
        viewModel.currentProperty().addListener((o, a, b) -> toolbar.updateSelectionButtons(selection()));
        // a pseudo-class, not a style class: a style class changed on the table has JavaFX match the
        // styles of every cell in it anew, a pulse of 100-250 ms on 2 cores (FaultWindowIT)
        viewModel.staleProperty().addListener((o, a, stale) -> tableView.pseudoClassStateChanged(STALE, stale));
        viewModel.refreshSecondsProperty().addListener((o, a, s) -> scheduleAutoRefresh(s.intValue()));
        scheduleAutoRefresh(viewModel.refreshSecondsProperty().get());
        sceneProperty().addListener((o, a, scene) -> {
            if (a != null) {
                a.removePreLayoutPulseListener(layTableOutBeforeCss);
                a.removeEventHandler(KeyEvent.KEY_PRESSED, keyHandler);
            }
            if (scene != null) {
                scene.addEventHandler(KeyEvent.KEY_PRESSED, keyHandler);
                scene.addPreLayoutPulseListener(layTableOutBeforeCss);
            }
        });
        toolbar.updateSelectionButtons(selection());
        // a toolbar button leaves the keyboard on the table (Delete, Enter... go on working); a field,
        // a drop-down or a menu keeps the focus the user gave it
        toolbar.view().addEventHandler(ActionEvent.ACTION, e -> {
            if (e.getTarget() instanceof ButtonBase && !(e.getTarget() instanceof MenuButton)) {
                focusTable();
            }
        });
    }

    /**
     * Puts the table into {@code area}, under the welcome pane, after the first frame of the scene this
     * view joins, or at once when a data source opens before that. The first frame always shows the welcome
     * pane over the whole area (the saved data sources open after it), and a table outside the scene is
     * neither skinned, styled nor laid out: its columns, headers and their search buttons are made ready in
     * the frames after, under the welcome pane.
     */
    private void attachTableAfterFirstFrame(StackPane area) {
        boolean[] attached = {false};
        Runnable attach = () -> {
            if (!attached[0]) {
                attached[0] = true;
                area.getChildren().add(0, tableView);
            }
        };
        if (!viewModel.dataSources().isEmpty()) {
            attach.run();
            return;
        }
        viewModel.dataSources().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable o) {
                viewModel.dataSources().removeListener(this);
                attach.run();
            }
        });
        AfterFirstFrame.run(this, attach);
    }

    private void scheduleAutoRefresh(int seconds) {
        autoRefreshTimer.stop();
        if (seconds > 0) {
            autoRefreshTimer.runEvery(Duration.ofSeconds(seconds));
        }
    }

    /**
     * What each key of {@link Shortcut} does in this view (Help and About are the window's). Each
     * action that is not meant to move the focus leaves it on the table.
     */
    private Map<Shortcut, Runnable> createKeyActions() {
        Map<Shortcut, Runnable> keys = new EnumMap<>(Shortcut.class);
        keys.put(Shortcut.REFRESH, viewModel::refresh);
        keys.put(Shortcut.AUTO_REFRESH, () -> {
            List<Integer> choices = SessionToolbar.REFRESH_CHOICES;
            int i = choices.indexOf(viewModel.refreshSecondsProperty().get());
            viewModel.refreshSecondsProperty().set(choices.get((i + 1) % choices.size()));
        });
        keys.put(Shortcut.CONNECT, () -> onConnect.run());
        keys.put(Shortcut.DATA_SOURCES, () -> {
            toolbar.sourceSelector.requestFocus();
            toolbar.sourceSelector.show();
        });
        keys.put(Shortcut.SEARCH, () -> {
            toolbar.idSearch.requestFocus();
            toolbar.idSearch.selectAll();
        });
        keys.put(Shortcut.COLUMN_SEARCH, table::openFirstColumnSearch);
        keys.put(Shortcut.CLEAR_SEARCHES, viewModel::clearSearches);
        keys.put(Shortcut.ACTIVE_ONLY, () -> viewModel.activeOnlyProperty().set(!viewModel.activeOnlyProperty().get()));
        keys.put(Shortcut.SELECT_ALL, () -> tableView.getSelectionModel().selectAll());
        keys.put(Shortcut.SHOW_SQL, this::showSqlOfSelection);
        keys.put(Shortcut.DETAILS, this::showDetailsOfSelection);
        keys.put(Shortcut.COPY, this::copySelection);
        keys.put(Shortcut.COPY_SQL, this::copySqlOfSelection);
        keys.put(Shortcut.CLOSE_SESSION, () -> actions.request(SessionAction.CLOSE_SESSION));
        keys.put(Shortcut.CLOSE_QUERY, () -> actions.request(SessionAction.CLOSE_QUERY));
        keys.put(Shortcut.PLAN, this::showPlanOfSelection);
        keys.put(Shortcut.TRACE, () -> actions.requestById(Shortcut.TRACE.id()));
        keys.put(Shortcut.VARIABLES, this::showVariables);
        keys.put(Shortcut.BLOCKING, blocking::toggleFromKeyboard);
        keys.put(Shortcut.HISTORY, () -> history.shownProperty().set(!history.shownProperty().get()));
        keys.put(Shortcut.EXPORT, this::exportShown);
        keys.put(Shortcut.COLUMNS, toolbar.columnChooser::show);
        keys.put(Shortcut.THRESHOLDS, toolbar.thresholds::fire);
        keys.put(Shortcut.THEME, () -> darkTheme.set(!darkTheme.get()));
        Set<Shortcut> movingFocus = EnumSet.of(Shortcut.DATA_SOURCES, Shortcut.SEARCH, Shortcut.COLUMN_SEARCH,
                Shortcut.BLOCKING, Shortcut.COLUMNS, Shortcut.CONNECT);
        keys.replaceAll((key, action) -> movingFocus.contains(key) ? action : () -> {
            action.run();
            focusTable();
        });
        return keys;
    }

    /**
     * What {@code key} does in this view, for the window's menus; empty for the window's own keys
     * (Help, About).
     */
    public Optional<Runnable> action(Shortcut key) {
        return Optional.ofNullable(keyActions.get(key));
    }

    /** Gives the table the keyboard focus back (after a dialog or a toolbar button), unless it shows nothing. */
    private void focusTable() {
        if (tableView.isVisible() && getScene() != null) {
            tableView.requestFocus();
        }
    }

    // ------------------------------------------------------------------ actions

    private List<SessionRow> selection() {
        return place.selection();
    }

    /** Selects {@code row} alone in the table, scrolls to it and focuses the table; false when the filters hide it. */
    private boolean selectInTable(SessionRow row) {
        int i = tableView.getItems().indexOf(row);
        if (i < 0) {
            return false;
        }
        tableView.getSelectionModel().clearAndSelect(i);
        tableView.scrollTo(i);
        tableView.requestFocus();
        return true;
    }

    private void showSqlOfSelection() {
        SessionRow row = tableView.getSelectionModel().getSelectedItem();
        if (row != null) {
            showSql(row);
        }
    }

    private void showSql(SessionRow row) {
        SqlDetailDialog dialog = new SqlDetailDialog(getScene().getWindow(), row.getSession());
        if (row.getSession().sql().isPresent()) {
            Background.Job job = viewModel.prepareSql(row, dialog::show);
            dialog.setOnHidden(e -> job.cancel());
        }
        dialog.show();
    }

    private void showDetailsOfSelection() {
        SessionRow row = tableView.getSelectionModel().getSelectedItem();
        if (row != null) {
            new SessionDetailsDialog(getScene().getWindow(), row.getSession()).show();
        }
    }

    /**
     * Opens the plan of the one selected session's statement, read in the background while the dialog
     * shows a progress indicator; when the listing already tells there is none (an idle session, a kind
     * of data source without plans), the dialog says why at once. Nothing with several rows selected.
     */
    private void showPlanOfSelection() {
        List<SessionRow> sel = selection();
        if (sel.size() != 1) {
            return;
        }
        PlanDialog dialog = new PlanDialog(getScene().getWindow(), sel.get(0).getSession());
        Optional<String> none = viewModel.whyNoPlan(sel);
        if (none.isPresent()) {
            dialog.showMessage(none.get());
        } else {
            Background.Job job = viewModel.readPlan(sel.get(0), dialog::showPlan, dialog::showFailure);
            dialog.setOnHidden(e -> job.cancel());
        }
        dialog.show();
    }

    /** Ctrl+C: the selected rows as the table shows them, tab-separated, one line each. */
    private void copySelection() {
        List<SessionRow> sel = selection();
        if (!sel.isEmpty()) {
            copy(sel.stream().map(table::rowText).collect(Collectors.joining("\n")));
        }
    }

    /** Ctrl+Shift+C: the whole SQL of the selected sessions that run one, one statement after another. */
    private void copySqlOfSelection() {
        String sql = selection().stream().map(r -> r.getSession().sql().orElse("")).filter(t -> !t.isEmpty())
                .collect(Collectors.joining("\n\n"));
        if (!sql.isEmpty()) {
            copy(sql);
        }
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** The data source whose variables the menu shows: the selected row's, else the one shown. */
    private Optional<dev.sessiondeck.core.source.SessionSource> variablesSource() {
        List<SessionRow> sel = selection();
        if (!sel.isEmpty()) {
            return viewModel.sourceOf(sel.get(0));
        }
        return Optional.ofNullable(viewModel.currentProperty().get());
    }

    /** Opens the variables page of {@link #variablesSource()}, in a window of its own. */
    private void showVariables() {
        variablesSource().flatMap(viewModel::variables)
                .ifPresent(vm -> new VariablesWindow(getScene().getWindow(), vm).show());
    }

    /** Writes the shown rows, shown columns in their order, exact values, to a CSV file the user picks. */
    private void exportShown() {
        Optional<Path> file = saveFileChooser.apply(getScene().getWindow());
        if (file.isEmpty()) {
            return;
        }
        List<dev.sessiondeck.core.model.Attribute<?>> columns = table.visibleColumns().stream()
                .<dev.sessiondeck.core.model.Attribute<?>>map(SessionColumn::attribute).toList();
        List<dev.sessiondeck.core.model.Session> sessions = viewModel.shownRows().stream().map(SessionRow::getSession).toList();
        viewModel.export(file.get(), () -> SessionExport.csv(columns, sessions));
    }

    /**
     * Puts the shown rows on the clipboard as the table shows them: a header of the visible columns'
     * titles, then one line per row, tab-separated, in the table's column order and sort.
     */
    private void copyShown() {
        copy(table.shownText(List.copyOf(viewModel.shownRows())));
    }

    private static Optional<Path> chooseCsvFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("export.title"));
        chooser.setInitialFileName("sessions.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get("export.filter"), "*.csv"));
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(java.io.File::toPath);
    }

    // ------------------------------------------------------------------ layout memory

    /** Takes the remembered column layout, sort, theme, interval, thresholds and the active-only and background toggles. */
    public void applySettings(Settings s) {
        table.applySettings(s);
        viewModel.refreshSecondsProperty().set(SessionToolbar.REFRESH_CHOICES.contains(s.refreshSeconds) ? s.refreshSeconds : 5);
        viewModel.warningSecondsProperty().set(s.warningSeconds);
        viewModel.dangerSecondsProperty().set(Math.max(s.warningSeconds, s.dangerSeconds));
        viewModel.activeOnlyProperty().set(s.activeOnly);
        viewModel.showBackgroundProperty().set(s.showBackground);
        darkTheme.set(s.darkTheme);
    }

    /** Writes the current column layout, sort, theme, interval, thresholds and toggles into {@code s}. */
    public void captureSettings(Settings s) {
        table.captureSettings(s);
        s.refreshSeconds = viewModel.refreshSecondsProperty().get();
        s.warningSeconds = viewModel.warningSecondsProperty().get();
        s.dangerSeconds = viewModel.dangerSecondsProperty().get();
        s.activeOnly = viewModel.activeOnlyProperty().get();
        s.showBackground = viewModel.showBackgroundProperty().get();
        s.darkTheme = darkTheme.get();
    }

    /**
     * Runs before each pulse's CSS pass. When rows changed, the table lays its cells out again and
     * cells that now show another session change their pseudo-classes (warning, danger, fresh...).
     * Done in the pulse's layout pass, after its CSS pass, that left CSS pending and JavaFX ran one
     * more pulse for it, which found nothing to repaint and so repainted the whole window, once per
     * refresh (docs/benchmarks.md, auto-refresh CPU). Laid out here, the same pulse styles them.
     */
    private void layTableOutBeforeCss() {
        place.beforeLayout();
        if (tableView.isNeedsLayout() && tableView.getSkin() != null) {
            tableView.layout();
        }
    }

    /** Stops the view's timers. */
    public void dispose() {
        statusBar.dispose();
        autoRefreshTimer.stop();
        freshFade.stop();
        table.dispose();
    }
}
