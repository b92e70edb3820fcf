package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.ValueText;
import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.StandardAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The blocking view under the session table: every root blocker of the shown data sources at the
 * top level, the sessions waiting for it nested under it (and theirs under them), with what each
 * waits for and how long, and how many each blocker holds up; a line for each data source that
 * cannot tell who blocks whom. Updated with each refresh, keeping what the user expanded and
 * selected. Enter (or a double-click) selects the session in the table; Close Root Blocker closes
 * the session or the statement of the selected line's root blocker, through the same confirmation
 * as the table ({@link ActionFlow}).
 */
final class BlockingView {

    /** A line of the tree: a session, and whether it stands at the top (a root blocker). */
    record Entry(BlockingTree.Node node, boolean root) {
    }

    /** A line with the path that leads to it, so that it is found again after a refresh. */
    private static final class Item extends TreeItem<Entry> {
        final String key;

        Item(String key) {
            this.key = key;
        }
    }

    static final PseudoClass ROOT = PseudoClass.getPseudoClass("root-blocker");
    private static final PseudoClass WAITING = PseudoClass.getPseudoClass("waiting");

    private final BlockingModel model;
    private final SessionsViewModel viewModel;
    private final Predicate<SessionRow> selectInTable;
    private final Runnable focusTable;
    private final ActionFlow flow;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    private final VBox pane = new VBox();
    private final TreeTableView<Entry> tree = new TreeTableView<>();
    private final Item top = new Item("");
    /** The lines the user collapsed, by path; every other line is open. */
    private final Set<String> collapsed = new HashSet<>();
    private final ToggleButton toggle = new ToggleButton(null, new FontIcon(Feather.LOCK));
    private final Label summary = new Label();
    private final Label notice = new Label();
    private final VBox notes = new VBox(2);
    private final Button select = new Button(Messages.get("blocking.select"), new FontIcon(Feather.CROSSHAIR));
    private final Button closeSession = new Button(Messages.get("blocking.closeSession"), new FontIcon(Feather.X_CIRCLE));
    private final Button closeQuery = new Button(Messages.get("blocking.closeQuery"), new FontIcon(Feather.SLASH));
    private final Tooltip closeSessionTip = new Tooltip();
    private final Tooltip closeQueryTip = new Tooltip();
    private final TreeTableColumn<Entry, Entry> dataSourceColumn;

    /**
     * @param selectInTable selects a row in the session table and moves the focus there; false when
     *                      the table's filters hide it
     * @param focusTable    moves the focus back to the session table
     * @param owner         the window the confirmation belongs to
     * @param notifications where the results of Close Session and Close Query go
     */
    BlockingView(SessionsViewModel viewModel, BlockingModel model, Predicate<SessionRow> selectInTable,
                 Runnable focusTable, Supplier<Window> owner, ActionNotifications notifications) {
        this.viewModel = viewModel;
        this.model = model;
        this.selectInTable = selectInTable;
        this.focusTable = focusTable;
        this.flow = new ActionFlow(viewModel, this::rootOfSelection, owner, tree::requestFocus, notifications);
        this.dataSourceColumn = column("data-source", StandardAttributes.DATA_SOURCE.title().resolve(Messages.locale()), 110,
                e -> e.node().dataSource(), false);
        createView();
        initListeners();
    }

    // ------------------------------------------------------------------ view

    private void createView() {
        toggle.setId("blocking-toggle");
        toggle.setAccessibleText(Messages.get("blocking.title"));
        toggle.setTooltip(new Tooltip(Shortcut.BLOCKING.tip(Messages.get("blocking.toggle.tip"))));

        Label title = new Label(Messages.get("blocking.title"), new FontIcon(Feather.LOCK));
        title.getStyleClass().add(Styles.TITLE_4);
        summary.setId("blocking-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.setMinWidth(Region.USE_PREF_SIZE);
        notice.setId("blocking-notice");
        notice.getStyleClass().add(Styles.WARNING);
        notice.setMinWidth(0);
        HBox.setHgrow(notice, Priority.ALWAYS);
        notice.setMaxWidth(Double.MAX_VALUE);

        select.setId("blocking-select");
        select.setTooltip(new Tooltip(Messages.get("blocking.select.tip")));
        select.setOnAction(e -> selectInTable());
        closeSession.setId("blocking-close-session");
        closeSession.getStyleClass().add(Styles.DANGER);
        closeSession.setOnAction(e -> flow.request(SessionAction.CLOSE_SESSION));
        closeQuery.setId("blocking-close-query");
        closeQuery.setOnAction(e -> flow.request(SessionAction.CLOSE_QUERY));
        Button hide = new Button(null, new FontIcon(Feather.X));
        hide.setId("blocking-hide");
        hide.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        hide.setAccessibleText(Messages.get("blocking.hide.tip"));
        hide.setTooltip(new Tooltip(Shortcut.BLOCKING.tip(Messages.get("blocking.hide.tip"))));
        hide.setOnAction(e -> hide());
        for (Button b : List.of(select, closeSession, closeQuery)) {
            b.getStyleClass().add(Styles.SMALL);
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        // a disabled button shows no tooltip: the reason sits on a holder around it
        HBox header = new HBox(10, title, summary, notice, select, holder(closeSession, closeSessionTip),
                holder(closeQuery, closeQueryTip), hide);
        header.setId("blocking-header");
        header.getStyleClass().add("blocking-header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(4, 6, 4, 10));

        notes.setId("blocking-unknown");
        notes.setPadding(new Insets(0, 10, 4, 10));
        notes.managedProperty().bind(Bindings.isNotEmpty(notes.getChildren()));

        tree.setId("blocking-tree");
        tree.setAccessibleText(Messages.get("blocking.title"));
        tree.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "blocking-tree");
        tree.setRoot(top);
        tree.setShowRoot(false);
        tree.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.setRowFactory(t -> new EntryRow());
        tree.getColumns().add(sessionColumn());
        tree.getColumns().add(dataSourceColumn);
        tree.getColumns().add(column("user", title(StandardAttributes.USER), 100, e -> e.node().session()
                .flatMap(Session::user).orElse(""), false));
        tree.getColumns().add(column("status", title(StandardAttributes.STATUS), 175, BlockingView::status, false));
        tree.getColumns().add(column("waits-for", Messages.get("blocking.column.waitsFor"), 230, BlockingView::waitsFor, false));
        tree.getColumns().add(column("waiting", title(StandardAttributes.LOCK_WAIT_TIME), 120, e -> e.node().waiting()
                .map(d -> ValueText.of(StandardAttributes.LOCK_WAIT_TIME, d)).orElse(""), true));
        tree.getColumns().add(column("holds-up", Messages.get("blocking.column.holdsUp"), 85, e -> e.node().heldUp() == 0 ? ""
                : Integer.toString(e.node().heldUp()), true));
        TreeTableColumn<Entry, Entry> sql = column("sql", title(StandardAttributes.SQL), 320, e -> e.node().session()
                .map(s -> (String) SessionColumn.SQL.valueOf(s)).map(SqlText::preview).orElse(""), false);
        tree.getColumns().add(sql);
        tree.setContextMenu(createContextMenu());
        Label empty = new Label();
        empty.setId("blocking-empty");
        empty.setWrapText(true);
        empty.textProperty().bind(Bindings.when(Bindings.isEmpty(model.unknown()))
                .then(Messages.get("blocking.empty")).otherwise(Messages.get("blocking.emptyUnknown")));
        tree.setPlaceholder(empty);
        VBox.setVgrow(tree, Priority.ALWAYS);

        pane.setId("blocking-pane");
        pane.getStyleClass().add("blocking-pane");
        pane.getChildren().addAll(header, notes, tree);
        pane.setMinHeight(120);
    }

    private static StackPane holder(Button button, Tooltip tip) {
        StackPane holder = new StackPane(button);
        holder.setId(button.getId() + "-holder");
        Tooltip.install(holder, tip);
        return holder;
    }

    private static String title(Attribute<?> a) {
        return a.title().resolve(Messages.locale());
    }

    private ContextMenu createContextMenu() {
        MenuItem selectItem = item("blocking-menu-select", "blocking.select", Feather.CROSSHAIR, this::selectInTable);
        MenuItem copyId = item("blocking-menu-copy-id", "menu.copyId", Feather.COPY, () -> selected().ifPresent(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(e.node().id());
            Clipboard.getSystemClipboard().setContent(content);
        }));
        MenuItem closeSessionItem = item("blocking-menu-close-session", "blocking.closeSession", Feather.X_CIRCLE,
                () -> flow.request(SessionAction.CLOSE_SESSION));
        MenuItem closeQueryItem = item("blocking-menu-close-query", "blocking.closeQuery", Feather.SLASH,
                () -> flow.request(SessionAction.CLOSE_QUERY));
        ContextMenu menu = new ContextMenu(selectItem, copyId, new SeparatorMenuItem(), closeSessionItem, closeQueryItem);
        menu.setOnShowing(e -> {
            selectItem.setDisable(selected().flatMap(s -> model.rowOf(s.node())).isEmpty());
            copyId.setDisable(selected().isEmpty());
            closeSessionItem.setDisable(whyNot(SessionAction.CLOSE_SESSION).isPresent());
            closeQueryItem.setDisable(whyNot(SessionAction.CLOSE_QUERY).isPresent());
        });
        return menu;
    }

    private static MenuItem item(String id, String key, Feather icon, Runnable action) {
        MenuItem item = new MenuItem(Messages.get(key), new FontIcon(icon));
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    /** The tree column: the session's id, marked as a root blocker, a circle or a blocker not listed. */
    private TreeTableColumn<Entry, Entry> sessionColumn() {
        TreeTableColumn<Entry, Entry> col = column("session", Messages.get("blocking.column.session"), 120,
                e -> e.node().id(), false);
        col.setCellFactory(c -> new SessionCell());
        return col;
    }

    private static TreeTableColumn<Entry, Entry> column(String id, String title, double width, Function<Entry, String> text,
                                                       boolean right) {
        TreeTableColumn<Entry, Entry> col = new TreeTableColumn<>(title);
        col.setId("blocking-column-" + id);
        col.setPrefWidth(width);
        col.setSortable(false);
        col.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().getValue()));
        col.setCellFactory(c -> new TextCell(text, right, id));
        return col;
    }

    /** The status, or the command where the source has no status; "not listed" for a blocker the user may not see. */
    private static String status(Entry e) {
        return e.node().session().map(s -> s.state().label().isEmpty() ? s.command().orElse("") : s.state().label())
                .orElse(Messages.get("blocking.unseen"));
    }

    /** The lock waited for, in the server's terms; where the source names none, what it waits on. */
    private static String waitsFor(Entry e) {
        return e.node().session().flatMap(s -> StandardAttributes.LOCK_WAITED.in(s)
                        .or(() -> s.blockingIds().isEmpty() ? Optional.empty() : StandardAttributes.WAIT_EVENT.in(s)))
                .orElse("");
    }

    private static final class TextCell extends TreeTableCell<Entry, Entry> {
        private final Function<Entry, String> text;
        /** The whole text where a long one is cut (the lock, the SQL); null for the others. */
        private final Tooltip tip;

        TextCell(Function<Entry, String> text, boolean right, String id) {
            this.text = text;
            this.tip = id.equals("waits-for") || id.equals("sql") ? new Tooltip() : null;
            getStyleClass().add("blocking-" + id + "-cell");
            setTextOverrun(OverrunStyle.ELLIPSIS);
            if (right) {
                setAlignment(Pos.CENTER_RIGHT);
            }
        }

        @Override
        protected void updateItem(Entry item, boolean empty) {
            super.updateItem(item, empty);
            String words = empty || item == null ? null : text.apply(item);
            setText(words);
            if (tip != null) {
                tip.setText(words);
                setTooltip(words == null || words.isEmpty() ? null : tip);
            }
        }
    }

    /** The id with a mark: a lock for a root blocker, a circle for a deadlock, an eye for a blocker not listed. */
    private static final class SessionCell extends TreeTableCell<Entry, Entry> {
        private final Tooltip tip = new Tooltip();

        SessionCell() {
            getStyleClass().add("blocking-session-cell");
        }

        @Override
        protected void updateItem(Entry item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            BlockingTree.Node n = item.node();
            setText(n.id());
            Feather icon;
            String words;
            if (n.session().isEmpty()) {
                icon = Feather.EYE_OFF;
                words = Messages.get("blocking.unseen.tip");
            } else if (n.inCycle()) {
                icon = Feather.REFRESH_CW;
                words = Messages.get("blocking.cycle.tip");
            } else if (item.root()) {
                icon = Feather.LOCK;
                words = Messages.get("blocking.root.tip", n.heldUp());
            } else {
                icon = Feather.CORNER_DOWN_RIGHT;
                words = n.heldUp() > 0 ? Messages.get("blocking.middle.tip", n.heldUp()) : Messages.get("blocking.waiter.tip");
            }
            FontIcon graphic = new FontIcon(icon);
            graphic.getStyleClass().add("blocking-mark");
            setGraphic(graphic);
            tip.setText(words);
            setTooltip(tip);
        }
    }

    /** Root blockers stand out; a double-click selects the session in the table. */
    private final class EntryRow extends TreeTableRow<Entry> {
        EntryRow() {
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() != null) {
                    selectInTable();
                }
            });
        }

        @Override
        protected void updateItem(Entry item, boolean empty) {
            super.updateItem(item, empty);
            pseudoClassStateChanged(ROOT, !empty && item != null && item.root());
        }
    }

    // ------------------------------------------------------------------ listeners

    private void initListeners() {
        model.treeProperty().addListener((o, a, next) -> update(next));
        model.unknown().addListener((ListChangeListener<String>) c -> updateNotes());
        model.waitingProperty().addListener((o, a, n) -> updateToggle(n.intValue()));
        viewModel.showAllProperty().addListener((o, a, all) -> dataSourceColumn.setVisible(all));
        dataSourceColumn.setVisible(viewModel.showAllProperty().get());
        toggle.selectedProperty().bindBidirectional(shown);
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            notice.setText("");
            updateButtons();
        });
        viewModel.actingProperty().addListener((o, a, b) -> updateButtons());
        tree.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                selectInTable();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                flow.request(e.isShiftDown() ? SessionAction.CLOSE_QUERY : SessionAction.CLOSE_SESSION);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                focusTable.run();
                e.consume();
            }
        });
        update(model.treeProperty().get());
        updateNotes();
        updateToggle(model.waitingProperty().get());
    }

    /** The number of waiting sessions on the toolbar button, marked while anyone waits. */
    private void updateToggle(int waiting) {
        toggle.setText(waiting == 0 ? null : Integer.toString(waiting));
        toggle.pseudoClassStateChanged(WAITING, waiting > 0);
    }

    private void updateNotes() {
        List<Node> lines = new ArrayList<>();
        for (String words : model.unknown()) {
            Label line = new Label(words, new FontIcon(Feather.EYE_OFF));
            line.getStyleClass().addAll(Styles.WARNING, "blocking-unknown-line");
            line.setWrapText(true);
            lines.add(line);
        }
        notes.getChildren().setAll(lines);
    }

    /**
     * Shows the new tree, keeping the lines that stay: their expansion, the selection and the scroll
     * position (a line is the same when the path of sessions to it is).
     */
    private void update(BlockingTree next) {
        Optional<String> selectedKey = selectedItem().map(i -> i.key);
        sync(top, next.roots(), "", true);
        selectedKey.flatMap(k -> find(top, k)).ifPresent(i -> {
            if (tree.getSelectionModel().getSelectedItem() != i) {
                tree.getSelectionModel().select(i);
            }
        });
        int roots = next.roots().size();
        summary.setText(roots == 0 ? Messages.get("blocking.summary.none")
                : Messages.get("blocking.summary", roots, next.waiterCount()));
        updateButtons();
    }

    private void sync(TreeItem<Entry> parent, List<BlockingTree.Node> nodes, String parentKey, boolean roots) {
        Map<String, Item> existing = new HashMap<>();
        for (TreeItem<Entry> child : parent.getChildren()) {
            existing.put(((Item) child).key, (Item) child);
        }
        List<TreeItem<Entry>> next = new ArrayList<>(nodes.size());
        for (BlockingTree.Node n : nodes) {
            String key = parentKey + "/" + BlockingModel.key(n.dataSource(), n.id());
            Item item = existing.get(key);
            if (item == null) {
                item = new Item(key);
                item.setExpanded(!collapsed.contains(key));
                Item made = item;
                item.expandedProperty().addListener((o, was, open) -> {
                    if (open) {
                        collapsed.remove(made.key);
                    } else {
                        collapsed.add(made.key);
                    }
                });
            }
            Entry entry = new Entry(n, roots);
            if (!entry.equals(item.getValue())) {
                item.setValue(entry);
            }
            sync(item, n.waiters(), key, false);
            next.add(item);
        }
        if (!parent.getChildren().equals(next)) {
            parent.getChildren().setAll(next);
        }
    }

    private static Optional<Item> find(TreeItem<Entry> parent, String key) {
        for (TreeItem<Entry> child : parent.getChildren()) {
            Item item = (Item) child;
            if (item.key.equals(key)) {
                return Optional.of(item);
            }
            if (key.startsWith(item.key + "/")) {
                return find(item, key);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ commands

    private Optional<Item> selectedItem() {
        return Optional.ofNullable((Item) tree.getSelectionModel().getSelectedItem());
    }

    private Optional<Entry> selected() {
        return selectedItem().map(TreeItem::getValue);
    }

    /** The row of the root blocker above the selected line (the line itself at the top); empty when none or not listed. */
    private List<SessionRow> rootOfSelection() {
        Optional<Item> item = selectedItem();
        if (item.isEmpty()) {
            return List.of();
        }
        TreeItem<Entry> root = item.get();
        while (root.getParent() != null && root.getParent() != top) {
            root = root.getParent();
        }
        return model.rowOf(root.getValue().node()).map(List::of).orElse(List.of());
    }

    /** Why the selected line's root blocker cannot be closed this way, worded for a tooltip; empty when it can. */
    private Optional<String> whyNot(SessionAction action) {
        if (selectedItem().isEmpty()) {
            return Optional.of(Messages.get("blocking.blocked.noSelection"));
        }
        List<SessionRow> root = rootOfSelection();
        if (root.isEmpty()) {
            return Optional.of(Messages.get("blocking.unseen.tip"));
        }
        if (viewModel.actingProperty().get()) {
            return Optional.of(Messages.get("blocking.blocked.acting"));
        }
        return viewModel.whyNot(action, root);
    }

    private void updateButtons() {
        Optional<String> noSession = whyNot(SessionAction.CLOSE_SESSION);
        Optional<String> noQuery = whyNot(SessionAction.CLOSE_QUERY);
        closeSession.setDisable(noSession.isPresent());
        closeQuery.setDisable(noQuery.isPresent());
        closeSessionTip.setText(noSession.orElse(Messages.get("blocking.closeSession.tip")));
        closeQueryTip.setText(noQuery.orElse(Messages.get("blocking.closeQuery.tip")));
        select.setDisable(selected().flatMap(e -> model.rowOf(e.node())).isEmpty());
    }

    /** Selects the selected line's session in the table, or says why it cannot. */
    private void selectInTable() {
        Optional<Entry> entry = selected();
        if (entry.isEmpty()) {
            return;
        }
        Optional<SessionRow> row = model.rowOf(entry.get().node());
        if (row.isEmpty()) {
            notice.setText(Messages.get("blocking.unseen.tip"));
        } else if (!selectInTable.test(row.get())) {
            notice.setText(Messages.get("blocking.hidden", entry.get().node().id()));
        } else {
            notice.setText("");
        }
    }

    // ------------------------------------------------------------------ showing

    /** The pane under the table. */
    Node view() {
        return pane;
    }

    /**
     * {@code table}, with this view under it while {@link #shownProperty() shown}: a split whose
     * divider the user drags, remembered while the window is open; the table takes what the window
     * gains when it grows. While hidden the table stands alone, a plain child: a split pane holds its
     * items as children only once it has a skin, and a view not yet shown is looked into.
     */
    Node under(Node table) {
        StackPane holder = new StackPane(table);
        SplitPane split = new SplitPane();
        split.setId("sessions-split");
        split.getStyleClass().add("sessions-split");
        split.setOrientation(Orientation.VERTICAL);
        SplitPane.setResizableWithParent(pane, false);
        double[] divider = {0.6};
        shown.addListener((o, was, now) -> {
            if (now) {
                holder.getChildren().clear();
                split.getItems().setAll(table, pane);
                split.setDividerPositions(divider[0]);
                holder.getChildren().add(split);
                // the split's skin puts the items in the scene: made now, the tree can take the focus at once
                split.applyCss();
            } else {
                divider[0] = split.getDividerPositions()[0];
                split.getItems().clear();
                holder.getChildren().setAll(table);
            }
        });
        return holder;
    }

    /** The toolbar's toggle: shows the number of waiting sessions. */
    ToggleButton toggle() {
        return toggle;
    }

    /** True while the view is shown. */
    BooleanProperty shownProperty() {
        return shown;
    }

    /** Ctrl+B: shows the view and moves the focus into it, or hides it and moves the focus back to the table. */
    void toggleFromKeyboard() {
        if (shown.get()) {
            hide();
        } else {
            shown.set(true);
            focus();
        }
    }

    private void hide() {
        shown.set(false);
        focusTable.run();
    }

    /** Moves the focus into the tree, onto its first line when none is selected. */
    void focus() {
        if (tree.getSelectionModel().isEmpty() && !top.getChildren().isEmpty()) {
            tree.getSelectionModel().select(0);
        }
        tree.requestFocus();
        tree.getFocusModel().focus(tree.getSelectionModel().getSelectedIndex());
    }
}
