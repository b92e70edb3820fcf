package dev.sessiondeck.app.session;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.sessiondeck.app.demo.DemoServer;
import dev.sessiondeck.app.support.ColorTag;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Settings;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.app.support.UiTimer;
import dev.sessiondeck.core.filter.SessionFilter;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.source.SessionSource;
import java.text.DecimalFormat;
import java.time.Duration;
import java.text.NumberFormat;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The session window's content: toolbar, the active-filter chips, the session table (or the welcome
 * pane while no data source is open) and the status bar. Built in code; it binds to
 * {@link SessionsViewModel} and calls its commands, and never calls core itself.
 */
public final class SessionsView extends BorderPane {

    /** How long a row that appeared in a refresh stays highlighted. */
    private static final Duration FRESH_HIGHLIGHT = Duration.ofSeconds(2);
    /** How long a refresh runs before the status bar says "Refreshing...". */
    private static final Duration SLOW_REFRESH = Duration.ofMillis(400);
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private static final PseudoClass FRESH = PseudoClass.getPseudoClass("fresh");
    private static final PseudoClass OWN = PseudoClass.getPseudoClass("own");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass BLOCKED = PseudoClass.getPseudoClass("blocked");
    private static final PseudoClass GROUP_MEMBER = PseudoClass.getPseudoClass("group-member");
    private static final PseudoClass IDLE_IN_TRANSACTION = PseudoClass.getPseudoClass("idle-in-transaction");
    private static final PseudoClass NOT_SQL = PseudoClass.getPseudoClass("not-sql");
    private static final List<Integer> REFRESH_CHOICES = List.of(0, 1, 2, 5, 10, 30);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final SessionsViewModel viewModel;
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme");

    private final TableView<SessionRow> table = new TableView<>();
    /** The rows the table shows, in its order (sorted and filtered by the view model). */
    private final ObservableList<SessionRow> shown;
    private final Map<SessionColumn, TableColumn<SessionRow, Object>> columns = new EnumMap<>(SessionColumn.class);

    private final ComboBox<SourceChoice> sourceSelector = new ComboBox<>();
    private boolean syncingSelector;
    private final ObjectProperty<ColorTag> colorTag = new SimpleObjectProperty<>(this, "colorTag", ColorTag.NONE);
    private Runnable onConnect = () -> { };
    private final Button connectButton = new Button(null, new FontIcon(Feather.PLUS));
    private final Button refreshButton = new Button(null, new FontIcon(Feather.REFRESH_CW));
    private final ComboBox<Integer> autoRefresh = new ComboBox<>();
    private final ObjectProperty<Integer> refreshSecondsObject;
    private final ToggleButton activeOnly = new ToggleButton(Messages.get("toolbar.activeOnly"));
    private final CustomTextField idSearch = new CustomTextField();
    private final Button closeSession = new Button(Messages.get("toolbar.closeSession"), new FontIcon(Feather.X_CIRCLE));
    private final Button closeQuery = new Button(Messages.get("toolbar.closeQuery"), new FontIcon(Feather.SLASH));
    private final StackPane closeSessionHolder = new StackPane(closeSession);
    private final StackPane closeQueryHolder = new StackPane(closeQuery);
    private final Tooltip closeSessionTip = new Tooltip();
    private final Tooltip closeQueryTip = new Tooltip();
    private final MenuButton columnChooser = new MenuButton(null, new FontIcon(Feather.COLUMNS));
    private final Button thresholdsButton = new Button(null, new FontIcon(Feather.CLOCK));
    private final ToggleButton themeToggle = new ToggleButton(null, new FontIcon(Feather.MOON));
    private final HBox chips = new HBox(6);

    // timers, not animations: a running Timeline keeps JavaFX repainting 60 times a second (UiTimer)
    private final UiTimer autoRefreshTimer;
    private final UiTimer freshFade;
    private final UiTimer slowRefresh;
    /** True once a refresh has run longer than {@link #SLOW_REFRESH}; the status bar says so only then. */
    private final BooleanProperty refreshingSlowly = new SimpleBooleanProperty(this, "refreshingSlowly");
    /** Lays the table out before the pulse's CSS pass; see {@link #layTableOutBeforeCss()}. */
    private final Runnable layTableOutBeforeCss = this::layTableOutBeforeCss;
    private List<SessionRow> keptSelection = List.of();

    public SessionsView(SessionsViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.autoRefreshTimer = new UiTimer(viewModel::refresh);
        this.freshFade = new UiTimer(viewModel::clearFresh);
        this.slowRefresh = new UiTimer(() -> refreshingSlowly.set(viewModel.refreshingProperty().get()));
        this.shown = viewModel.shownRows();
        this.refreshSecondsObject = viewModel.refreshSecondsProperty().asObject();
        setId("sessions-view");
        createView();
        initListeners();
    }

    // ------------------------------------------------------------------ view

    private void createView() {
        setTop(new VBox(createToolbar(), createChips()));
        StackPane center = new StackPane(createTable(), createWelcome());
        setCenter(center);
        setBottom(createStatusBar());
    }

    private ToolBar createToolbar() {
        sourceSelector.setId("data-source-selector");
        sourceSelector.setPromptText(Messages.get("toolbar.dataSource.none"));
        sourceSelector.setConverter(new StringConverter<>() {
            @Override
            public String toString(SourceChoice c) {
                return c == null ? "" : c.isAll() ? Messages.get("toolbar.dataSource.all")
                        : c.source().name() + "  (" + c.source().serverInfo().describe() + ")";
            }

            @Override
            public SourceChoice fromString(String text) {
                return null;
            }
        });
        sourceSelector.setPrefWidth(170);
        sourceSelector.setAccessibleText(Messages.get("toolbar.dataSource"));
        tip(sourceSelector, "toolbar.dataSource.tip");

        connectButton.setId("connect-button");
        connectButton.setAccessibleText(Messages.get("toolbar.connect"));
        tip(connectButton, "toolbar.connect.tip");
        connectButton.setOnAction(e -> openConnectDialog());

        refreshButton.setId("refresh-button");
        refreshButton.setAccessibleText(Messages.get("toolbar.refresh"));
        tip(refreshButton, "toolbar.refresh.tip");
        refreshButton.setOnAction(e -> viewModel.refresh());

        autoRefresh.setId("auto-refresh-selector");
        autoRefresh.getItems().setAll(REFRESH_CHOICES);
        autoRefresh.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer s) {
                return s == null || s == 0 ? Messages.get("toolbar.autoRefresh.off") : Messages.get("toolbar.autoRefresh.every", s);
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        autoRefresh.setPrefWidth(140);
        tip(autoRefresh, "toolbar.autoRefresh.tip");

        activeOnly.setId("active-only-toggle");
        tip(activeOnly, "toolbar.activeOnly.tip");

        idSearch.setId("session-id-search");
        idSearch.setPromptText(Messages.get("toolbar.idSearch.prompt"));
        idSearch.setLeft(new FontIcon(Feather.SEARCH));
        idSearch.setPrefColumnCount(6);
        tip(idSearch, "toolbar.idSearch.tip");

        closeSession.setId("close-session-button");
        closeSession.getStyleClass().add(Styles.DANGER);
        closeSession.setOnAction(e -> requestKill(KillMode.SESSION));
        closeSessionHolder.setId("close-session-holder");
        Tooltip.install(closeSessionHolder, closeSessionTip);
        closeQuery.setId("close-query-button");
        closeQuery.setOnAction(e -> requestKill(KillMode.QUERY));
        closeQueryHolder.setId("close-query-holder");
        Tooltip.install(closeQueryHolder, closeQueryTip);

        columnChooser.setId("column-chooser");
        columnChooser.setAccessibleText(Messages.get("toolbar.columns.tip"));
        tip(columnChooser, "toolbar.columns.tip");
        thresholdsButton.setId("thresholds-button");
        thresholdsButton.setAccessibleText(Messages.get("toolbar.thresholds.tip"));
        tip(thresholdsButton, "toolbar.thresholds.tip");
        thresholdsButton.setOnAction(e -> new ThresholdsDialog(getScene().getWindow(), viewModel).showAndWait());
        themeToggle.setId("theme-toggle");
        themeToggle.setAccessibleText(Messages.get("toolbar.theme.tip"));
        tip(themeToggle, "toolbar.theme.tip");
        for (Node n : List.of(connectButton, refreshButton, columnChooser, thresholdsButton, themeToggle)) {
            n.getStyleClass().add(Styles.BUTTON_ICON);
        }

        ToolBar bar = new ToolBar(sourceSelector, connectButton, refreshButton, autoRefresh, activeOnly, idSearch,
                new Separator(), closeSessionHolder, closeQueryHolder, new Separator(), columnChooser, thresholdsButton,
                themeToggle);
        bar.setId("toolbar");
        return bar;
    }

    private Node createChips() {
        chips.setId("filter-chips");
        chips.setAlignment(Pos.CENTER_LEFT);
        chips.setPadding(new Insets(4, 8, 4, 8));
        chips.getStyleClass().add("filter-chips");
        return chips;
    }

    private Node createTable() {
        table.setId("session-table");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setTableMenuButtonVisible(false);
        for (SessionColumn c : SessionColumn.values()) {
            TableColumn<SessionRow, Object> col = new TableColumn<>(Messages.get("column." + c.id()));
            col.setId("column-" + c.id());
            col.setUserData(c);
            col.setPrefWidth(c.width());
            col.setVisible(c.shownByDefault());
            col.setCellValueFactory(f -> f.getValue().valueProperty(c));
            col.setComparator(VALUE_ORDER);
            col.setCellFactory(c == SessionColumn.SQL ? t -> new SqlCell() : t -> new ValueCell(c));
            // cells of a column shown after the rows laid out would sit at the top of their rows
            col.visibleProperty().addListener((o, was, now) -> table.refresh());
            columns.put(c, col);
            table.getColumns().add(col);

            CheckMenuItem item = new CheckMenuItem(col.getText());
            item.setId("columns-" + c.id());
            item.selectedProperty().bindBidirectional(col.visibleProperty());
            columnChooser.getItems().add(item);
        }
        CheckMenuItem background = new CheckMenuItem(Messages.get("toolbar.showBackground"));
        background.setId("show-background");
        background.selectedProperty().bindBidirectional(viewModel.showBackgroundProperty());
        columnChooser.getItems().addAll(0, List.of(background, new SeparatorMenuItem()));
        // each search lives in its column header from here on
        new ColumnSearch(columns.get(SessionColumn.USER), "user", viewModel.userSearchProperty());
        new ColumnSearch(columns.get(SessionColumn.SOURCE), "source", viewModel.sourceSearchProperty());
        new ColumnSearch(columns.get(SessionColumn.DATABASE), "database", viewModel.databaseSearchProperty());

        // rows of one group stay together under any sort (SessionGroups); the table's own policy would
        // refuse a comparator that is not its own, so the view model's sorted list does the sorting alone
        // Why not table.getComparator(): it reads each value through the cell value factory, which
        // would make an observable per row and column; the rows' plain values sort the same.
        viewModel.comparatorProperty().bind(Bindings.createObjectBinding(
                () -> SessionGroups.comparator(byColumns(table.getSortOrder())), table.comparatorProperty()));
        table.setSortPolicy(t -> true);
        table.setItems(shown);
        table.setRowFactory(t -> new SessionTableRow());
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(viewModel.totalCountProperty().greaterThan(0))
                .then(Messages.get("table.emptyFiltered")).otherwise(Messages.get("table.empty")));
        table.setPlaceholder(placeholder);
        table.setContextMenu(createContextMenu());
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                showSqlOfSelection();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                requestKill(e.isShiftDown() ? KillMode.QUERY : KillMode.SESSION);
                e.consume();
            }
        });
        return table;
    }

    private ContextMenu createContextMenu() {
        MenuItem viewSql = new MenuItem(Messages.get("menu.viewSql"), new FontIcon(Feather.FILE_TEXT));
        viewSql.setId("menu-view-sql");
        viewSql.setOnAction(e -> showSqlOfSelection());
        MenuItem copyRow = new MenuItem(Messages.get("menu.copyRow"), new FontIcon(Feather.COPY));
        copyRow.setId("menu-copy-row");
        copyRow.setOnAction(e -> copy(selection().stream().map(this::rowText).collect(Collectors.joining("\n"))));
        MenuItem copyId = new MenuItem(Messages.get("menu.copyId"));
        copyId.setId("menu-copy-id");
        copyId.setOnAction(e -> copy(selection().stream().map(r -> String.valueOf(r.getSession().id()))
                .collect(Collectors.joining("\n"))));
        MenuItem killSession = new MenuItem(Messages.get("menu.closeSession"), new FontIcon(Feather.X_CIRCLE));
        killSession.setId("menu-close-session");
        killSession.setOnAction(e -> requestKill(KillMode.SESSION));
        MenuItem killQuery = new MenuItem(Messages.get("menu.closeQuery"), new FontIcon(Feather.SLASH));
        killQuery.setId("menu-close-query");
        killQuery.setOnAction(e -> requestKill(KillMode.QUERY));
        MenuItem details = new MenuItem(Messages.get("menu.details"), new FontIcon(Feather.INFO));
        details.setId("menu-details");
        details.setOnAction(e -> showDetailsOfSelection());
        TraceMenuItem trace = new TraceMenuItem();
        Menu more = new Menu(Messages.get("menu.more"), null, trace);
        more.setId("menu-more");
        ContextMenu menu = new ContextMenu(viewSql, details, copyRow, copyId, new SeparatorMenuItem(), killSession,
                killQuery, new SeparatorMenuItem(), more);
        menu.setOnShowing(e -> {
            List<SessionRow> sel = selection();
            viewSql.setDisable(sel.size() != 1);
            details.setDisable(sel.size() != 1);
            trace.update(sel);
            copyRow.setDisable(sel.isEmpty());
            copyId.setDisable(sel.isEmpty());
            killSession.setDisable(viewModel.whyNotKill(sel, KillMode.SESSION).isPresent());
            killQuery.setDisable(viewModel.whyNotKill(sel, KillMode.QUERY).isPresent());
        });
        return menu;
    }

    private Node createWelcome() {
        Label title = new Label(Messages.get("welcome.title"));
        title.getStyleClass().add(Styles.TITLE_2);
        Label text = new Label(Messages.get("welcome.text"));
        text.setWrapText(true);
        Button demo = new Button(Messages.get("welcome.demo"), new FontIcon(Feather.PLAY));
        demo.setId("start-demo-button");
        demo.getStyleClass().add(Styles.ACCENT);
        demo.setDefaultButton(true);
        boolean demoAvailable = DemoServer.isAvailable();
        demo.setTooltip(new Tooltip(Messages.get(demoAvailable ? "welcome.demo.tip" : "welcome.demo.unavailable")));
        demo.disableProperty().bind(viewModel.busyProperty().or(Bindings.createBooleanBinding(() -> !demoAvailable)));
        demo.setOnAction(e -> viewModel.startDemo(DemoServer::start));
        Button connect = new Button(Messages.get("welcome.connect"), new FontIcon(Feather.LINK));
        connect.setId("welcome-connect-button");
        connect.disableProperty().bind(viewModel.busyProperty());
        connect.setOnAction(e -> openConnectDialog());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("welcome-progress");
        progress.setPrefSize(28, 28);
        progress.visibleProperty().bind(viewModel.busyProperty());
        Label message = new Label();
        message.setId("welcome-message");
        message.textProperty().bind(viewModel.busyMessageProperty());
        message.visibleProperty().bind(viewModel.busyProperty());
        Label error = new Label();
        error.setId("welcome-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());

        HBox busyRow = new HBox(10, progress, message);
        busyRow.setAlignment(Pos.CENTER_LEFT);
        busyRow.managedProperty().bind(busyRow.visibleProperty());
        busyRow.visibleProperty().bind(viewModel.busyProperty());
        error.managedProperty().bind(error.visibleProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        VBox box = new VBox(14, title, text, new HBox(10, demo, connect), busyRow, error);
        box.setId("welcome-pane");
        box.getStyleClass().add("welcome-pane");
        box.setMaxSize(560, Region.USE_PREF_SIZE);
        box.setPadding(new Insets(28));
        StackPane holder = new StackPane(box);
        holder.getStyleClass().add("welcome-holder");
        holder.visibleProperty().bind(Bindings.isEmpty(viewModel.dataSources()));
        return holder;
    }

    private Node createStatusBar() {
        Label counts = new Label();
        counts.setId("status-counts");
        counts.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("status.counts",
                        viewModel.totalCountProperty().get(), viewModel.activeCountProperty().get(),
                        viewModel.shownCountProperty().get()),
                viewModel.totalCountProperty(), viewModel.activeCountProperty(), viewModel.shownCountProperty()));

        Label refreshed = new Label();
        refreshed.setId("status-refresh");
        refreshed.textProperty().bind(Bindings.createStringBinding(() -> {
            if (refreshingSlowly.get()) {
                return Messages.get("status.refreshing");
            }
            if (viewModel.lastRefreshProperty().get() == null) {
                return Messages.get("status.never");
            }
            LocalTime at = LocalTime.ofInstant(viewModel.lastRefreshProperty().get(), ZoneId.systemDefault());
            Duration latency = viewModel.latencyProperty().get();
            return Messages.get("status.refreshed", TIME.format(at), latency == null ? 0 : latency.toMillis());
        }, refreshingSlowly, viewModel.lastRefreshProperty(), viewModel.latencyProperty()));

        Label error = new Label();
        error.setId("status-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        error.textProperty().bind(Bindings.createStringBinding(() -> viewModel.staleProperty().get()
                        ? Messages.get("status.stale", viewModel.errorProperty().get()) : viewModel.errorProperty().get(),
                viewModel.staleProperty(), viewModel.errorProperty()));
        error.setMinWidth(0);
        HBox.setHgrow(error, Priority.SOMETIMES);
        Button retry = new Button(Messages.get("status.retry"), new FontIcon(Feather.ROTATE_CW));
        retry.setId("retry-button");
        retry.getStyleClass().addAll(Styles.SMALL);
        tip(retry, "status.retry.tip");
        retry.setOnAction(e -> viewModel.refresh());
        HBox problem = new HBox(8, error, retry);
        problem.setAlignment(Pos.CENTER_LEFT);
        problem.visibleProperty().bind(viewModel.errorProperty().isNotEmpty().and(Bindings.isNotEmpty(viewModel.dataSources())));
        problem.managedProperty().bind(problem.visibleProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(16, counts, problem, spacer, refreshed);
        bar.setId("status-bar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        return bar;
    }

    private static void tip(javafx.scene.control.Control control, String key) {
        control.setTooltip(new Tooltip(Messages.get(key)));
    }

    // ------------------------------------------------------------------ listeners

    private void initListeners() {
        viewModel.dataSources().addListener((ListChangeListener<SessionSource>) c -> syncSelector());
        viewModel.currentProperty().addListener((o, a, b) -> syncSelector());
        viewModel.showAllProperty().addListener((o, a, all) -> {
            syncSelector();
            columns.get(SessionColumn.DATA_SOURCE).setVisible(all);
        });
        sourceSelector.valueProperty().addListener((o, a, choice) -> {
            if (syncingSelector || choice == null) {
                return;
            }
            if (choice.isAll()) {
                viewModel.showAllProperty().set(true);
            } else {
                viewModel.currentProperty().set(choice.source());
            }
        });
        colorTag.addListener((o, previous, next) -> {
            table.getStyleClass().remove(previous.styleClass());
            if (next != ColorTag.NONE) {
                table.getStyleClass().add(next.styleClass());
            }
        });
        autoRefresh.valueProperty().bindBidirectional(refreshSecondsObject);
        activeOnly.selectedProperty().bindBidirectional(viewModel.activeOnlyProperty());
        idSearch.textProperty().bindBidirectional(viewModel.idSearchProperty());
        viewModel.idSearchValidProperty().addListener((o, a, valid) -> {
            idSearch.pseudoClassStateChanged(Styles.STATE_DANGER, !valid);
            idSearch.getTooltip().setText(Messages.get(valid ? "toolbar.idSearch.tip" : "toolbar.idSearch.invalid"));
        });
        themeToggle.selectedProperty().bindBidirectional(darkTheme);
        darkTheme.addListener((o, a, dark) -> {
            Themes.apply(dark);
            themeToggle.setGraphic(new FontIcon(dark ? Feather.SUN : Feather.MOON));
        });

        // the selection the user made, kept across filter changes (which rebuild the shown list)
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<SessionRow>) c -> {
            if (!viewModel.refilteringProperty().get()) {
                keptSelection = selection();
            }
            updateKillActions();
        });
        viewModel.refilteringProperty().addListener((o, was, now) -> {
            if (!now) {
                restoreSelection();
            }
        });
        viewModel.lastRefreshProperty().addListener((o, a, b) -> {
            updateKillActions();
            freshFade.runOnceAfter(FRESH_HIGHLIGHT);
        });
        viewModel.currentProperty().addListener((o, a, b) -> updateKillActions());
        viewModel.filterProperty().addListener((o, a, f) -> updateChips(f));
        updateChips(viewModel.filterProperty().get());
        viewModel.emptyColumnsProperty().addListener((o, a, empty) -> columns.forEach((c, col) -> {
            if (c.hiddenWhenEmpty()) {
                col.setVisible(!empty.contains(c));
            }
        }));
        table.getStyleClass().add("session-table");
        viewModel.staleProperty().addListener((o, a, stale) -> {
            if (stale) {
                table.getStyleClass().add("stale");
            } else {
                table.getStyleClass().remove("stale");
            }
        });

        viewModel.refreshSecondsProperty().addListener((o, a, s) -> scheduleAutoRefresh(s.intValue()));
        scheduleAutoRefresh(viewModel.refreshSecondsProperty().get());

        // "Refreshing..." only for a refresh the user waits for: at 1 s auto-refresh the status bar
        // would otherwise flicker, and each flicker is a repaint (docs/benchmarks.md, auto-refresh CPU)
        viewModel.refreshingProperty().addListener((o, was, now) -> {
            if (now) {
                slowRefresh.runOnceAfter(SLOW_REFRESH);
            } else {
                slowRefresh.stop();
                refreshingSlowly.set(false);
            }
        });

        sceneProperty().addListener((o, a, scene) -> {
            if (a != null) {
                a.removePreLayoutPulseListener(layTableOutBeforeCss);
            }
            if (scene != null) {
                installShortcuts(scene);
                scene.addPreLayoutPulseListener(layTableOutBeforeCss);
            }
        });
        updateKillActions();
    }

    /** The selector lists All data sources, then each open one, and shows what the view model shows. */
    private void syncSelector() {
        syncingSelector = true;
        try {
            List<SourceChoice> choices = new ArrayList<>();
            if (!viewModel.dataSources().isEmpty()) {
                choices.add(SourceChoice.ALL);
            }
            viewModel.dataSources().forEach(s -> choices.add(new SourceChoice(s)));
            sourceSelector.getItems().setAll(choices);
            SessionSource one = viewModel.currentProperty().get();
            sourceSelector.setValue(viewModel.showAllProperty().get() ? SourceChoice.ALL
                    : one == null ? null : new SourceChoice(one));
        } finally {
            syncingSelector = false;
        }
    }

    private void scheduleAutoRefresh(int seconds) {
        autoRefreshTimer.stop();
        if (seconds > 0) {
            autoRefreshTimer.runEvery(Duration.ofSeconds(seconds));
        }
    }

    private void installShortcuts(Scene scene) {
        Map<KeyCombination, Runnable> keys = scene.getAccelerators();
        keys.put(new KeyCodeCombination(KeyCode.F5), viewModel::refresh);
        keys.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::openConnectDialog);
        keys.put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN), () -> {
            sourceSelector.requestFocus();
            sourceSelector.show();
        });
        keys.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), () -> {
            int i = REFRESH_CHOICES.indexOf(viewModel.refreshSecondsProperty().get());
            viewModel.refreshSecondsProperty().set(REFRESH_CHOICES.get((i + 1) % REFRESH_CHOICES.size()));
        });
        keys.put(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> activeOnly.setSelected(!activeOnly.isSelected()));
        keys.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            idSearch.requestFocus();
            idSearch.selectAll();
        });
        keys.put(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), columnChooser::show);
        keys.put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), thresholdsButton::fire);
        keys.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> darkTheme.set(!darkTheme.get()));
        keys.put(new KeyCodeCombination(KeyCode.X, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                viewModel::clearSearches);
    }

    // ------------------------------------------------------------------ actions

    private List<SessionRow> selection() {
        return table.getSelectionModel().getSelectedItems().stream().filter(Objects::nonNull).toList();
    }

    private void restoreSelection() {
        if (selection().equals(keptSelection)) {
            return;
        }
        List<SessionRow> keep = keptSelection;
        table.getSelectionModel().clearSelection();
        for (SessionRow r : keep) {
            int i = shown.indexOf(r);
            if (i >= 0) {
                table.getSelectionModel().select(i);
            }
        }
    }

    private void updateKillActions() {
        List<SessionRow> sel = selection();
        Optional<String> noSession = viewModel.whyNotKill(sel, KillMode.SESSION);
        Optional<String> noQuery = viewModel.whyNotKill(sel, KillMode.QUERY);
        closeSession.setDisable(noSession.isPresent());
        closeQuery.setDisable(noQuery.isPresent());
        closeSessionTip.setText(noSession.orElse(Messages.get("toolbar.closeSession.tip")));
        closeQueryTip.setText(noQuery.orElse(Messages.get("toolbar.closeQuery.tip")));
    }

    private void requestKill(KillMode mode) {
        List<SessionRow> sel = selection();
        if (viewModel.whyNotKill(sel, mode).isPresent() || viewModel.killingProperty().get()) {
            return;
        }
        List<SessionRow> targets = mode == KillMode.QUERY ? sel.stream().filter(SessionRow::isActive).toList() : sel;
        List<Session> seen = targets.stream().map(SessionRow::getSession).toList();
        if (KillDialog.confirm(getScene().getWindow(), seen, mode)) {
            viewModel.kill(targets, mode, outcomes -> KillDialog.showResults(getScene().getWindow(), outcomes));
        }
    }

    private void showDetailsOfSelection() {
        SessionRow row = table.getSelectionModel().getSelectedItem();
        if (row != null) {
            new SessionDetailsDialog(getScene().getWindow(), row.getSession()).show();
        }
    }

    /**
     * "Full link tracking configuration…": a menu item that stays able to show its tooltip when the
     * action is blocked (a disabled menu item shows none), greyed and inert then.
     */
    private final class TraceMenuItem extends CustomMenuItem {
        private final Label label = new Label(Messages.get("menu.trace"), new FontIcon(Feather.ACTIVITY));
        private final Tooltip tip = new Tooltip();
        private Optional<String> blocked = Optional.of("");

        TraceMenuItem() {
            setId("menu-trace");
            label.setId("menu-trace-label");
            label.setTooltip(tip);
            setContent(label);
            setOnAction(e -> {
                SessionRow row = table.getSelectionModel().getSelectedItem();
                if (blocked.isEmpty() && row != null) {
                    new TraceDialog(getScene().getWindow(), viewModel, row).show();
                }
            });
        }

        void update(List<SessionRow> selection) {
            blocked = viewModel.whyNotTrace(selection);
            label.pseudoClassStateChanged(BLOCKED, blocked.isPresent());
            tip.setText(blocked.orElse(Messages.get("menu.trace.tip")));
        }
    }

    private void showSqlOfSelection() {
        SessionRow row = table.getSelectionModel().getSelectedItem();
        if (row != null) {
            showSql(row);
        }
    }

    private void showSql(SessionRow row) {
        new SqlDetailDialog(getScene().getWindow(), row.getSession()).show();
    }

    private void openConnectDialog() {
        onConnect.run();
    }

    /** What Connect… (toolbar, welcome pane, Ctrl+N) does: the window opens its data-source editor. */
    public void setOnConnect(Runnable action) {
        onConnect = Objects.requireNonNull(action, "action");
    }

    /**
     * The colour tag of the shown data source, drawn as a stripe under the table header;
     * {@link ColorTag#NONE} for none.
     */
    public ObjectProperty<ColorTag> colorTagProperty() {
        return colorTag;
    }

    private void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** The row's visible columns, tab-separated, in display order. */
    private String rowText(SessionRow row) {
        return table.getVisibleLeafColumns().stream()
                .map(col -> format((SessionColumn) col.getUserData(), row.value((SessionColumn) col.getUserData())))
                .collect(Collectors.joining("\t"));
    }

    private void updateChips(SessionFilter f) {
        chips.getChildren().clear();
        String id = viewModel.idSearchProperty().get().strip();
        if (!id.isEmpty()) {
            addChip("id", Messages.get("search.chip", Messages.get("column.id"), id), () -> viewModel.idSearchProperty().set(""));
        }
        if (!f.user().isEmpty()) {
            addChip("user", Messages.get("search.chip", Messages.get("column.user"), f.user()),
                    () -> viewModel.userSearchProperty().set(""));
        }
        if (!f.source().isEmpty()) {
            addChip("source", Messages.get("search.chip", Messages.get("column.source"), f.source()),
                    () -> viewModel.sourceSearchProperty().set(""));
        }
        if (!f.database().isEmpty()) {
            addChip("database", Messages.get("search.chip", Messages.get("column.database"), f.database()),
                    () -> viewModel.databaseSearchProperty().set(""));
        }
        if (f.activeOnly()) {
            addChip("activeOnly", Messages.get("search.activeOnly.chip"), () -> viewModel.activeOnlyProperty().set(false));
        }
        boolean any = !chips.getChildren().isEmpty();
        if (any) {
            Button all = new Button(Messages.get("search.clearAll"));
            all.setId("clear-filters-button");
            all.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
            all.setTooltip(new Tooltip(Messages.get("search.clearAll.tip")));
            all.setOnAction(e -> {
                viewModel.clearSearches();
                viewModel.activeOnlyProperty().set(false);
            });
            chips.getChildren().add(all);
        }
        chips.setVisible(any);
        chips.setManaged(any);
    }

    /** One active filter, shown as a chip; clicking it clears that filter. */
    private void addChip(String id, String text, Runnable clear) {
        Button b = new Button(text, new FontIcon(Feather.X));
        b.setId("chip-" + id);
        b.getStyleClass().addAll(Styles.SMALL, Styles.ROUNDED, "filter-chip");
        b.setContentDisplay(ContentDisplay.RIGHT);
        b.setTooltip(new Tooltip(Messages.get("search.chip.tip")));
        b.setOnAction(e -> clear.run());
        chips.getChildren().add(b);
    }

    // ------------------------------------------------------------------ layout memory

    /** Takes the remembered column order, widths, visibility and sort, the theme and the interval. */
    public void applySettings(Settings s) {
        Map<String, TableColumn<SessionRow, Object>> byId = new LinkedHashMap<>();
        columns.forEach((c, col) -> byId.put(c.id(), col));
        List<TableColumn<SessionRow, Object>> ordered = new ArrayList<>();
        for (Settings.Column c : s.columns) {
            TableColumn<SessionRow, Object> col = byId.remove(c.id);
            if (col != null) {
                ordered.add(col);
                if (c.width > 0) {
                    col.setPrefWidth(c.width);
                }
                col.setVisible(c.visible);
            }
        }
        ordered.addAll(byId.values());
        table.getColumns().setAll(ordered);
        // the merged view decides, not the last run
        columns.get(SessionColumn.DATA_SOURCE).setVisible(viewModel.showAllProperty().get());
        table.getSortOrder().clear();
        for (Settings.SortKey k : s.sort) {
            columns.values().stream().filter(col -> ((SessionColumn) col.getUserData()).id().equals(k.id)).findFirst()
                    .ifPresent(col -> {
                        col.setSortType(k.ascending ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
                        table.getSortOrder().add(col);
                    });
        }
        viewModel.refreshSecondsProperty().set(REFRESH_CHOICES.contains(s.refreshSeconds) ? s.refreshSeconds : 5);
        viewModel.warningSecondsProperty().set(s.warningSeconds);
        viewModel.dangerSecondsProperty().set(Math.max(s.warningSeconds, s.dangerSeconds));
        darkTheme.set(s.darkTheme);
    }

    /** Writes the current column layout, sort, theme, interval and thresholds into {@code s}. */
    public void captureSettings(Settings s) {
        s.columns = new ArrayList<>();
        for (TableColumn<SessionRow, ?> col : table.getColumns()) {
            s.columns.add(new Settings.Column(((SessionColumn) col.getUserData()).id(), col.getWidth(), col.isVisible()));
        }
        s.sort = new ArrayList<>();
        for (TableColumn<SessionRow, ?> col : table.getSortOrder()) {
            s.sort.add(new Settings.SortKey(((SessionColumn) col.getUserData()).id(),
                    col.getSortType() == TableColumn.SortType.ASCENDING));
        }
        s.refreshSeconds = viewModel.refreshSecondsProperty().get();
        s.warningSeconds = viewModel.warningSecondsProperty().get();
        s.dangerSeconds = viewModel.dangerSecondsProperty().get();
        s.darkTheme = darkTheme.get();
    }

    /** True for Primer Dark; the toggle and Ctrl+Shift+T switch it. */
    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    /**
     * Runs before each pulse's CSS pass. When rows changed, the table lays its cells out again and
     * cells that now show another session change their pseudo-classes (warning, danger, fresh...).
     * Done in the pulse's layout pass, after its CSS pass, that left CSS pending and JavaFX ran one
     * more pulse for it, which found nothing to repaint and so repainted the whole window, once per
     * refresh (docs/benchmarks.md, auto-refresh CPU). Laid out here, the same pulse styles them.
     */
    private void layTableOutBeforeCss() {
        if (table.isNeedsLayout() && table.getSkin() != null) {
            table.layout();
        }
    }

    /** Stops the view's timers. */
    public void dispose() {
        slowRefresh.stop();
        autoRefreshTimer.stop();
    }

    // ------------------------------------------------------------------ cells

    /** Absent values last, then the natural order of the values (text, whole numbers, decimals). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    /** The user's sort: the sort-order columns in turn, each ascending or descending, on plain row values. */
    private static Comparator<SessionRow> byColumns(List<TableColumn<SessionRow, ?>> order) {
        Comparator<SessionRow> result = null;
        for (TableColumn<SessionRow, ?> col : List.copyOf(order)) {
            if (!(col.getUserData() instanceof SessionColumn c)) {
                continue;
            }
            Comparator<SessionRow> one = (a, b) -> VALUE_ORDER.compare(a.value(c), b.value(c));
            if (col.getSortType() == TableColumn.SortType.DESCENDING) {
                one = one.reversed();
            }
            result = result == null ? one : result.thenComparing(one);
        }
        return result;
    }

    private static final Comparator<Object> VALUE_ORDER = (a, b) -> {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareToIgnoreCase(y);
        }
        return ((Comparable) a).compareTo(b);
    };

    private static final ThreadLocal<NumberFormat> SECONDS = ThreadLocal.withInitial(() -> new DecimalFormat("0.000"));
    private static final ThreadLocal<NumberFormat> GROUPED = ThreadLocal.withInitial(() -> new DecimalFormat("#,##0"));
    private static final ThreadLocal<NumberFormat> PERCENT = ThreadLocal.withInitial(() -> new DecimalFormat("0.0"));

    /** A value as its cell shows it; empty for none. */
    static String format(SessionColumn column, Object value) {
        if (value == null) {
            return "";
        }
        return switch (column) {
            case EXECUTION_TIME, CPU_TIME -> SECONDS.get().format(value);
            case MEMORY, ROWS_EXAMINED, BYTES_IN, BYTES_OUT -> GROUPED.get().format(value);
            case PROGRESS -> PERCENT.get().format(value);
            case SQL -> SqlText.preview((String) value);
            default -> value.toString();
        };
    }

    private static final class ValueCell extends TableCell<SessionRow, Object> {
        private final SessionColumn column;

        ValueCell(SessionColumn column) {
            this.column = column;
            if (column == SessionColumn.ID) {
                getStyleClass().add("id-cell");
            }
            if (value(column)) {
                setAlignment(Pos.CENTER_RIGHT);
            }
        }

        private static boolean value(SessionColumn c) {
            return switch (c) {
                case ID, EXECUTION_TIME, QUERY_ID, MEMORY, ROWS_EXAMINED, PROGRESS, LEADER_ID, TRANSACTION_ID,
                     PROXY_SESSION_ID, CPU_TIME, RETRY_COUNT, BYTES_IN, BYTES_OUT -> true;
                default -> false;
            };
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : format(column, item));
            if (column == SessionColumn.STATUS) {
                pseudoClassStateChanged(IDLE_IN_TRANSACTION, !empty && (SessionState.IDLE_IN_TRANSACTION.label().equals(item)
                        || SessionState.IDLE_IN_TRANSACTION_ABORTED.label().equals(item)));
            }
        }
    }

    /** A one-line preview with an ellipsis; a click on an active session's SQL opens the full text. */
    private final class SqlCell extends TableCell<SessionRow, Object> {
        SqlCell() {
            setTextOverrun(OverrunStyle.ELLIPSIS);
            getStyleClass().add("sql-cell");
            setOnMouseClicked(e -> {
                SessionRow row = getTableRow() == null ? null : getTableRow().getItem();
                if (isEmpty() || row == null || e.getButton() != MouseButton.PRIMARY || !row.isActive()) {
                    return;
                }
                e.consume();
                if (e.getClickCount() == 1) {
                    showSql(row);
                }
            });
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : SqlText.preview((String) item));
            SessionRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            // "<insufficient privilege>" is what the server says instead of the SQL, not SQL
            pseudoClassStateChanged(NOT_SQL, row != null && row.getSession().sql().isEmpty() && item != null);
        }
    }

    /** Highlights long-running, new and own sessions; double-click shows the SQL. */
    private final class SessionTableRow extends TableRow<SessionRow> {
        private final InvalidationListener restyle = o -> restyle();
        private final Tooltip ownTip = new Tooltip(Messages.get("table.own.tip"));
        private final Tooltip staleTip = new Tooltip();
        private SessionRow observed;

        SessionTableRow() {
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() != null) {
                    showSql(getItem());
                }
            });
        }

        @Override
        protected void updateItem(SessionRow item, boolean empty) {
            super.updateItem(item, empty);
            if (observed != null) {
                observed.highlightProperty().removeListener(restyle);
                observed.freshProperty().removeListener(restyle);
                observed.staleReasonProperty().removeListener(restyle);
                observed.groupMemberProperty().removeListener(restyle);
            }
            observed = empty ? null : item;
            if (observed != null) {
                observed.highlightProperty().addListener(restyle);
                observed.freshProperty().addListener(restyle);
                observed.staleReasonProperty().addListener(restyle);
                observed.groupMemberProperty().addListener(restyle);
            }
            restyle();
        }

        private void restyle() {
            SessionRow.Highlight h = observed == null ? SessionRow.Highlight.NONE : observed.getHighlight();
            pseudoClassStateChanged(WARNING, h == SessionRow.Highlight.WARNING);
            pseudoClassStateChanged(DANGER, h == SessionRow.Highlight.DANGER);
            pseudoClassStateChanged(FRESH, observed != null && observed.isFresh());
            // a row under its group's head (same id on another OBServer, a parallel worker) is marked
            pseudoClassStateChanged(GROUP_MEMBER, observed != null && observed.groupMemberProperty().get());
            boolean own = observed != null && observed.isOwn();
            pseudoClassStateChanged(OWN, own);
            boolean stale = observed != null && observed.isStale();
            pseudoClassStateChanged(STALE, stale);
            if (stale) {
                staleTip.setText(Messages.get("status.stale", observed.staleReasonProperty().get()));
            }
            setTooltip(stale ? staleTip : own ? ownTip : null);
        }
    }
}
