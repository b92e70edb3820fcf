package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.sessiondeck.app.support.AfterFirstFrame;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Settings;
import dev.sessiondeck.core.source.SessionSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The session table: a column for each {@link SessionColumn} (the common values, then what the
 * connected data sources declare), each shown while the user has not hidden it and a shown data
 * source fills it; sorting on the rows' plain values with groups kept together; the remembered
 * column order, widths, visibility and sort, per data source; the SQL column takes the spare width
 * ({@link SqlColumnFill}). Cells and rows are {@link SessionCells}.
 */
final class SessionTable {

    private final SessionsViewModel viewModel;
    private final TableView<SessionRow> table = new TableView<>();
    private final Map<SessionColumn, TableColumn<SessionRow, Object>> columns = new LinkedHashMap<>();
    /** The user's choice per column id: shown or hidden; absent means the declaration's default. */
    private final Map<String, Boolean> chosen = new HashMap<>();
    /** Column ids in the order the last run left them (settings), for columns made later. */
    private List<String> savedOrder = List.of();
    private final Map<String, Double> savedWidths = new HashMap<>();
    /** Each data source's column layout and sort, by name ({@link Settings.Layout#ALL}: the merged view). */
    private final Map<String, Settings.Layout> layouts = new LinkedHashMap<>();
    /** Whose layout the table shows now; null before a data source was shown. */
    private String shownKey;
    private final SqlColumnFill sqlFill;
    private final SessionCells cells;
    /** The User column's search, which Ctrl+Shift+F opens; null until the table first joins a scene. */
    private ColumnSearch userSearch;
    private final Consumer<SessionColumn> onColumnAdded = c -> {
        if (javafx.application.Platform.isFxApplicationThread()) {
            add(c);
        } else {
            javafx.application.Platform.runLater(() -> add(c));
        }
    };

    SessionTable(SessionsViewModel viewModel, SessionCells cells) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        table.setId("session-table");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, Styles.DENSE, "session-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setTableMenuButtonVisible(false);
        this.cells = cells;
        SessionColumn.all().forEach(this::add);
        SessionColumn.onAdded(onColumnAdded);
        // each search lives in its column header (the common columns exist from the start), made when the
        // table first joins a scene: the window's first frame shows no table (docs/benchmarks.md, start-up)
        AfterFirstFrame.onceInScene(table, scene -> addColumnSearches());
        // rows of one group stay together under any sort (SessionGroups); the table's own policy would
        // refuse a comparator that is not its own, so the view model's sorted list does the sorting alone
        // Why not table.getComparator(): it reads each value through the cell value factory, which
        // would make an observable per row and column; the rows' plain values sort the same.
        viewModel.comparatorProperty().bind(Bindings.createObjectBinding(
                () -> SessionGroups.comparator(byColumns(table.getSortOrder())), table.comparatorProperty()));
        table.setSortPolicy(t -> true);
        table.setItems(viewModel.shownRows());
        table.setRowFactory(t -> cells.row());
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(viewModel.totalCountProperty().greaterThan(0))
                .then(Messages.get("table.emptyFiltered")).otherwise(Messages.get("table.empty")));
        table.setPlaceholder(placeholder);
        viewModel.shownSources().addListener((ListChangeListener<SessionSource>) c -> updateVisibility());
        viewModel.showAllProperty().addListener((o, a, b) -> updateVisibility());
        updateVisibility();
        this.sqlFill = new SqlColumnFill(table, columns.get(SessionColumn.SQL));
        viewModel.currentProperty().addListener((o, a, b) -> switchLayout());
        viewModel.showAllProperty().addListener((o, a, b) -> switchLayout());
    }

    private void addColumnSearches() {
        userSearch = new ColumnSearch(columns.get(SessionColumn.USER), "user", viewModel.userSearchProperty());
        new ColumnSearch(columns.get(SessionColumn.SOURCE), "source", viewModel.sourceSearchProperty());
        new ColumnSearch(columns.get(SessionColumn.DATABASE), "database", viewModel.databaseSearchProperty());
    }

    TableView<SessionRow> view() {
        return table;
    }

    /** Opens the search field of the User column (the first searchable one), or closes it. */
    void openFirstColumnSearch() {
        if (userSearch != null && columns.get(SessionColumn.USER).isVisible()) {
            userSearch.toggle();
        }
    }

    /** The table column of a session column, if the table has it. */
    TableColumn<SessionRow, Object> column(SessionColumn c) {
        return columns.get(c);
    }

    /** Stops listening for new columns (the window closed). */
    void dispose() {
        SessionColumn.removeListener(onColumnAdded);
    }

    private void add(SessionColumn c) {
        if (columns.containsKey(c)) {
            return;
        }
        TableColumn<SessionRow, Object> col = new TableColumn<>(c.attribute().title().resolve(Messages.locale()));
        col.setId("column-" + c.id());
        col.setUserData(c);
        col.setPrefWidth(savedWidths.getOrDefault(c.id(), c.width()));
        col.setCellValueFactory(f -> f.getValue().valueProperty(c));
        col.setComparator(VALUE_ORDER);
        col.setCellFactory(t -> cells.cell(c));
        // cells of a column shown after the rows laid out would sit at the top of their rows
        col.visibleProperty().addListener((o, was, now) -> table.refresh());
        columns.put(c, col);
        table.getColumns().add(insertionPoint(c), col);
        col.setVisible(visible(c));
    }

    /** Where a new column goes: after the columns the saved layout puts before it, else by declared order. */
    private int insertionPoint(SessionColumn c) {
        List<TableColumn<SessionRow, ?>> now = table.getColumns();
        int saved = savedOrder.indexOf(c.id());
        if (saved >= 0) {
            for (int i = now.size() - 1; i >= 0; i--) {
                int at = savedOrder.indexOf(id(now.get(i)));
                if (at >= 0 && at < saved) {
                    return i + 1;
                }
            }
            return 0;
        }
        int order = c.attribute().order();
        for (int i = 0; i < now.size(); i++) {
            SessionColumn other = (SessionColumn) now.get(i).getUserData();
            if (!savedOrder.contains(other.id()) && other.attribute().order() > order) {
                return i;
            }
        }
        return now.size();
    }

    private static String id(TableColumn<SessionRow, ?> col) {
        return ((SessionColumn) col.getUserData()).id();
    }

    /** True when a shown data source fills the column (the data source column: in the merged view). */
    boolean applicable(SessionColumn c) {
        if (c == SessionColumn.DATA_SOURCE) {
            return viewModel.showAllProperty().get();
        }
        for (SessionSource s : viewModel.shownSources()) {
            if (c.common() ? s.commonAttributes().contains(c.attribute()) : s.attributes().contains(c.attribute())) {
                return true;
            }
        }
        // with nothing shown, the common columns stand (the empty table's headers)
        return c.common() && viewModel.shownSources().isEmpty();
    }

    private boolean visible(SessionColumn c) {
        return applicable(c) && (c == SessionColumn.DATA_SOURCE
                || chosen.getOrDefault(c.id(), c.attribute().shownByDefault()));
    }

    private void updateVisibility() {
        columns.forEach((c, col) -> col.setVisible(visible(c)));
    }

    /**
     * The column chooser's items: the applicable columns in table order, each checked while shown;
     * made anew each time the menu opens.
     */
    List<MenuItem> chooserItems() {
        List<MenuItem> items = new ArrayList<>();
        for (TableColumn<SessionRow, ?> col : table.getColumns()) {
            SessionColumn c = (SessionColumn) col.getUserData();
            if (c == SessionColumn.DATA_SOURCE || !applicable(c)) {
                continue;
            }
            CheckMenuItem item = new CheckMenuItem(col.getText());
            item.setId("columns-" + c.id());
            item.setSelected(col.isVisible());
            item.selectedProperty().addListener((o, was, now) -> {
                chosen.put(c.id(), now);
                col.setVisible(visible(c));
            });
            items.add(item);
        }
        return items;
    }

    /** The shown columns, in display order. */
    List<SessionColumn> visibleColumns() {
        return table.getVisibleLeafColumns().stream().map(col -> (SessionColumn) col.getUserData()).toList();
    }

    /** A row's shown columns as a person reads them, tab-separated, in display order. */
    String rowText(SessionRow row) {
        return visibleColumns().stream().map(c -> cell(c.text(row.value(c)))).collect(Collectors.joining("\t"));
    }

    /**
     * The rows as a tab-separated table: a header line of the visible columns' titles, then one line
     * per row ({@link #rowText}); tabs and line breaks inside a value become spaces.
     */
    String shownText(List<SessionRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append(visibleColumns().stream().map(c -> cell(columns.get(c).getText())).collect(Collectors.joining("\t")));
        for (SessionRow r : rows) {
            b.append('\n').append(rowText(r));
        }
        return b.append('\n').toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    // ------------------------------------------------------------------ layout memory

    /**
     * Takes the remembered layouts: the one last shown now, each data source's own when it is shown
     * ({@link #switchLayout()}).
     */
    void applySettings(Settings s) {
        layouts.clear();
        s.layouts.forEach((name, layout) -> {
            if (name != null && layout != null) {
                layouts.put(name, layout);
            }
        });
        applyLayout(new Settings.Layout(s.columns, s.sort));
        shownKey = layoutKey();
        Settings.Layout own = shownKey == null ? null : layouts.get(shownKey);
        if (own != null) {
            applyLayout(own);
        }
    }

    /** Writes the current column layout and sort into {@code s}, and each data source's layout. */
    void captureSettings(Settings s) {
        Settings.Layout now = captureLayout();
        if (shownKey != null) {
            layouts.put(shownKey, now);
        }
        s.columns = now.columns;
        s.sort = now.sort;
        s.layouts = new LinkedHashMap<>(layouts);
    }

    /** Whose layout the table shows: the shown data source's name, {@link Settings.Layout#ALL}, or null for none. */
    private String layoutKey() {
        if (viewModel.showAllProperty().get()) {
            return Settings.Layout.ALL;
        }
        SessionSource shown = viewModel.currentProperty().get();
        return shown == null ? null : shown.name();
    }

    /**
     * The shown data source changed: keeps the layout of the one left, and takes the layout of the one
     * shown if it has one (else the current layout stays, as a start for it).
     */
    private void switchLayout() {
        String next = layoutKey();
        if (next == null || next.equals(shownKey)) {
            return;
        }
        if (shownKey != null) {
            layouts.put(shownKey, captureLayout());
        }
        shownKey = next;
        Settings.Layout own = layouts.get(next);
        if (own != null) {
            applyLayout(own);
        }
    }

    /** Takes a column order, widths, visibility and sort; columns it does not name take their defaults. */
    private void applyLayout(Settings.Layout layout) {
        savedOrder = layout.columns.stream().map(c -> c.id).toList();
        chosen.clear();
        Set<String> seen = new HashSet<>();
        List<TableColumn<SessionRow, Object>> ordered = new ArrayList<>();
        for (Settings.Column saved : layout.columns) {
            if (saved.id == null || !seen.add(saved.id)) {
                continue;
            }
            if (saved.width > 0) {
                savedWidths.put(saved.id, saved.width);
            }
            chosen.put(saved.id, saved.visible);
            SessionColumn.byId(saved.id).map(columns::get).ifPresent(col -> {
                ordered.add(col);
                if (saved.width > 0) {
                    col.setPrefWidth(saved.width);
                }
            });
        }
        List<TableColumn<SessionRow, Object>> rest = new ArrayList<>(columns.values());
        rest.removeAll(ordered);
        rest.sort(Comparator.comparingInt(col -> ((SessionColumn) col.getUserData()).attribute().order()));
        ordered.addAll(rest);
        if (!table.getColumns().equals(ordered)) {
            table.getColumns().setAll(ordered);
        }
        // the SQL column's own width, without the spare it was given (a layout without it keeps the base)
        layout.columns.stream().filter(c -> SessionColumn.SQL.id().equals(c.id) && c.width > 0).findFirst()
                .ifPresentOrElse(c -> sqlFill.setBase(c.width), sqlFill::fill);
        updateVisibility();
        List<TableColumn<SessionRow, ?>> sort = new ArrayList<>();
        for (Settings.SortKey k : layout.sort) {
            SessionColumn.byId(k.id).map(columns::get).ifPresent(col -> {
                col.setSortType(k.ascending ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
                sort.add(col);
            });
        }
        table.getSortOrder().setAll(sort);
    }

    /** The current column order, widths (the SQL column's without the spare), visibility and sort. */
    private Settings.Layout captureLayout() {
        List<Settings.Column> cols = new ArrayList<>();
        for (TableColumn<SessionRow, ?> col : table.getColumns()) {
            SessionColumn c = (SessionColumn) col.getUserData();
            double width = c == SessionColumn.SQL ? sqlFill.base() : col.getWidth() > 0 ? col.getWidth() : col.getPrefWidth();
            cols.add(new Settings.Column(c.id(), width, chosen.getOrDefault(c.id(), c.attribute().shownByDefault())));
        }
        List<Settings.SortKey> sort = new ArrayList<>();
        for (TableColumn<SessionRow, ?> col : table.getSortOrder()) {
            sort.add(new Settings.SortKey(id(col), col.getSortType() == TableColumn.SortType.ASCENDING));
        }
        return new Settings.Layout(cols, sort);
    }

    // ------------------------------------------------------------------ sorting

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

    /**
     * Absent values last; numbers before text (a column of ids some of which are numbers); text
     * without regard to case; the rest by their natural order (durations, moments, counts).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final Comparator<Object> VALUE_ORDER = (a, b) -> {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareToIgnoreCase(y);
        }
        if (a.getClass() != b.getClass()) {
            return a instanceof Number ? -1 : b instanceof Number ? 1 : a.toString().compareToIgnoreCase(b.toString());
        }
        return ((Comparable) a).compareTo(b);
    };
}
