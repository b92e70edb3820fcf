package dev.sessiondeck.app.session;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Converters;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.source.SessionSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The toolbar over the session table: the data source shown, connect, refresh and auto-refresh,
 * View Active Sessions Only, the session-id search, Plan (greyed with the reason in its tooltip when
 * the selection has no plan to show), Close Session and Close Query (greyed with the reason in their
 * tooltips when the selection cannot be closed), the column chooser, export, the highlight
 * thresholds and the theme.
 */
final class SessionToolbar {

    /** The auto-refresh intervals offered, in seconds; 0 is manual. */
    static final List<Integer> REFRESH_CHOICES = List.of(0, 1, 2, 5, 10, 30);

    private final SessionsViewModel viewModel;
    private final ToolBar bar;
    final ComboBox<SourceChoice> sourceSelector = new ComboBox<>();
    final ToggleButton activeOnly = new ToggleButton(Messages.get("toolbar.activeOnly"));
    final CustomTextField idSearch = new CustomTextField();
    final MenuButton columnChooser = new MenuButton(null, new FontIcon(Feather.COLUMNS));
    final Button thresholds = new Button(null, new FontIcon(Feather.CLOCK));
    final Button export = new Button(null, new FontIcon(Feather.DOWNLOAD));
    private final Button connect = new Button(null, new FontIcon(Feather.PLUS));
    private final Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
    private final ComboBox<Integer> autoRefresh = new ComboBox<>();
    private final ToggleButton theme = new ToggleButton(null, new FontIcon(Feather.MOON));
    private final Button closeSession = new Button(Messages.get("toolbar.closeSession"), new FontIcon(Feather.X_CIRCLE));
    private final Button closeQuery = new Button(Messages.get("toolbar.closeQuery"), new FontIcon(Feather.SLASH));
    private final Button plan = new Button(null, new FontIcon(Feather.LAYERS));
    private final Tooltip planTip = new Tooltip();
    private final Tooltip closeSessionTip = new Tooltip();
    private final Tooltip closeQueryTip = new Tooltip();
    private boolean syncingSelector;
    /** The data-source selector grows with its longest name up to this width, in pixels. */
    private static final double SELECTOR_MAX_WIDTH = 280;
    /** Held here: a bidirectional binding keeps only weak references, and this one is made for it. */
    private final javafx.beans.property.ObjectProperty<Integer> refreshSeconds;

    /**
     * @param flow       runs Close Session and Close Query
     * @param chooser    the column chooser's items, made when it opens
     * @param darkTheme  the theme toggle's state
     * @param onPlan     shows the plan of the selected session's statement
     */
    SessionToolbar(SessionsViewModel viewModel, ActionFlow flow, Supplier<List<javafx.scene.control.MenuItem>> chooser,
                   BooleanProperty darkTheme, Runnable onConnect, Runnable onExport, Runnable onPlan) {
        this.viewModel = viewModel;
        this.refreshSeconds = viewModel.refreshSecondsProperty().asObject();
        sourceSelector.setId("data-source-selector");
        sourceSelector.setPromptText(Messages.get("toolbar.dataSource.none"));
        sourceSelector.setConverter(Converters.showing(SessionToolbar::choiceText));
        // as wide as its longest name, within bounds; a name cut at the bound shows whole in the tooltips
        sourceSelector.setMinWidth(170);
        sourceSelector.setMaxWidth(SELECTOR_MAX_WIDTH);
        sourceSelector.setCellFactory(l -> new ChoiceCell(true));
        // the button names the data source only (what it is stays in the list and the tooltip), so that
        // the name fits and the toolbar keeps room for its buttons
        sourceSelector.setButtonCell(new ChoiceCell(false));
        sourceSelector.setAccessibleText(Messages.get("toolbar.dataSource"));
        tip(sourceSelector, "toolbar.dataSource.tip", Shortcut.DATA_SOURCES);

        setUp(connect, "connect-button", "toolbar.connect", "toolbar.connect.tip", Shortcut.CONNECT);
        connect.setOnAction(e -> onConnect.run());
        setUp(refresh, "refresh-button", "toolbar.refresh", "toolbar.refresh.tip", Shortcut.REFRESH);
        refresh.setOnAction(e -> viewModel.refresh());

        autoRefresh.setId("auto-refresh-selector");
        autoRefresh.getItems().setAll(REFRESH_CHOICES);
        autoRefresh.setConverter(Converters.showing(s -> s == 0 ? Messages.get("toolbar.autoRefresh.off")
                : Messages.get("toolbar.autoRefresh.every", s)));
        autoRefresh.setPrefWidth(124);
        tip(autoRefresh, "toolbar.autoRefresh.tip", Shortcut.AUTO_REFRESH);
        activeOnly.setId("active-only-toggle");
        tip(activeOnly, "toolbar.activeOnly.tip", Shortcut.ACTIVE_ONLY);
        idSearch.setId("session-id-search");
        idSearch.setPromptText(Messages.get("toolbar.idSearch.prompt"));
        idSearch.setLeft(new FontIcon(Feather.SEARCH));
        idSearch.setPrefColumnCount(6);
        tip(idSearch, "toolbar.idSearch.tip", Shortcut.SEARCH);

        // an icon, as export: the toolbar is full (its tooltip and the row menu's Plan... say what it does)
        plan.setId("plan-button");
        plan.setAccessibleText(Messages.get("toolbar.plan"));
        plan.getStyleClass().add(Styles.BUTTON_ICON);
        plan.setOnAction(e -> onPlan.run());
        closeSession.setId("close-session-button");
        closeSession.getStyleClass().add(Styles.DANGER);
        closeSession.setOnAction(e -> flow.request(SessionAction.CLOSE_SESSION));
        closeQuery.setId("close-query-button");
        closeQuery.setOnAction(e -> flow.request(SessionAction.CLOSE_QUERY));

        setUp(columnChooser, "column-chooser", "toolbar.columns.tip", "toolbar.columns.tip", Shortcut.COLUMNS);
        CheckMenuItem background = new CheckMenuItem(Messages.get("toolbar.showBackground"));
        background.setId("show-background");
        background.selectedProperty().bindBidirectional(viewModel.showBackgroundProperty());
        columnChooser.setOnShowing(e -> {
            List<javafx.scene.control.MenuItem> items = new ArrayList<>(List.of(background, new SeparatorMenuItem()));
            items.addAll(chooser.get());
            columnChooser.getItems().setAll(items);
        });
        columnChooser.getItems().setAll(background);
        setUp(export, "export-button", "toolbar.export", "toolbar.export.tip", Shortcut.EXPORT);
        export.setOnAction(e -> onExport.run());
        setUp(thresholds, "thresholds-button", "toolbar.thresholds.tip", "toolbar.thresholds.tip", Shortcut.THRESHOLDS);
        setUp(theme, "theme-toggle", "toolbar.theme.tip", "toolbar.theme.tip", Shortcut.THEME);
        theme.selectedProperty().bindBidirectional(darkTheme);
        darkTheme.addListener((o, a, dark) -> theme.setGraphic(new FontIcon(dark ? Feather.SUN : Feather.MOON)));

        // the two that close early: a narrow window moves the last items into the overflow menu first;
        // then the filters, and Plan beside the blocking button (the two ask what sessions do)
        bar = new ToolBar(sourceSelector, connect, refresh, autoRefresh, new Separator(), holder(closeSession, closeSessionTip),
                holder(closeQuery, closeQueryTip), new Separator(), activeOnly, idSearch, holder(plan, planTip),
                new Separator(), columnChooser, export, thresholds, theme);
        bar.setId("toolbar");
        // a button never shrinks to "Close Ses...": what does not fit moves into the overflow menu
        for (Control c : List.of(closeSession, closeQuery, activeOnly, autoRefresh, connect, refresh)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        bind();
    }

    /**
     * A disabled button shows no tooltip, so the tooltip that gives the reason sits on a holder around
     * it, whose id is the button's with {@code -holder} for {@code -button}.
     */
    private static StackPane holder(Button button, Tooltip tip) {
        StackPane holder = new StackPane(button);
        holder.setId(button.getId().replace("-button", "-holder"));
        Tooltip.install(holder, tip);
        return holder;
    }

    private static void setUp(Control c, String id, String accessibleKey, String tipKey, Shortcut key) {
        c.setId(id);
        c.setAccessibleText(Messages.get(accessibleKey));
        tip(c, tipKey, key);
        c.getStyleClass().add(Styles.BUTTON_ICON);
    }

    /** "All data sources", or a data source's name and what it is ("Demo (MariaDB)  (MariaDB 11.4.5)"). */
    private static String choiceText(SourceChoice c) {
        return c.isAll() ? Messages.get("toolbar.dataSource.all") : c.source().name() + "  (" + c.source().describe() + ")";
    }

    /**
     * An entry of the data-source selector: the name and, in the list, what the data source is; its
     * tooltip gives both whole (a long name is cut in the middle).
     */
    private static final class ChoiceCell extends javafx.scene.control.ListCell<SourceChoice> {
        private final Tooltip tooltip = new Tooltip();
        private final boolean described;

        ChoiceCell(boolean described) {
            this.described = described;
            setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
        }

        @Override
        protected void updateItem(SourceChoice item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(described || item.isAll() ? choiceText(item) : item.source().name());
            tooltip.setText(item.isAll() ? Messages.get("toolbar.dataSource.tip")
                    : Messages.get("toolbar.dataSource.choiceTip", item.source().name(), item.source().describe()));
            setTooltip(tooltip);
        }
    }

    /** The tooltip {@code tipKey} says, with the key that does the same ("... (F5)"). */
    private static void tip(Control control, String tipKey, Shortcut key) {
        control.setTooltip(new Tooltip(key.tip(Messages.get(tipKey))));
    }

    Node view() {
        return bar;
    }

    /** Puts a view's own toggle after the session-id search. */
    void addAfterSearch(Node toggle) {
        bar.getItems().add(bar.getItems().indexOf(idSearch) + 1, toggle);
    }

    private void bind() {
        viewModel.dataSources().addListener((ListChangeListener<SessionSource>) c -> syncSelector());
        viewModel.currentProperty().addListener((o, a, b) -> syncSelector());
        viewModel.showAllProperty().addListener((o, a, b) -> syncSelector());
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
        autoRefresh.valueProperty().bindBidirectional(refreshSeconds);
        activeOnly.selectedProperty().bindBidirectional(viewModel.activeOnlyProperty());
        idSearch.textProperty().bindBidirectional(viewModel.idSearchProperty());
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

    /**
     * Greys Plan with the reason when the selection has no plan to show, and Close Session and Close
     * Query when it cannot be closed. Asks no server.
     */
    void updateSelectionButtons(List<SessionRow> selection) {
        Optional<String> noPlan = viewModel.whyNoPlan(selection);
        plan.setDisable(noPlan.isPresent());
        planTip.setText(noPlan.orElse(Shortcut.PLAN.tip(Messages.get("toolbar.plan.tip"))));
        Optional<String> noSession = viewModel.whyNot(SessionAction.CLOSE_SESSION, selection);
        Optional<String> noQuery = viewModel.whyNot(SessionAction.CLOSE_QUERY, selection);
        closeSession.setDisable(noSession.isPresent());
        closeQuery.setDisable(noQuery.isPresent());
        closeSessionTip.setText(noSession.orElse(Shortcut.CLOSE_SESSION.tip(Messages.get("toolbar.closeSession.tip"))));
        closeQueryTip.setText(noQuery.orElse(Shortcut.CLOSE_QUERY.tip(Messages.get("toolbar.closeQuery.tip"))));
    }
}
