package dev.sessiondeck.app.variables;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.source.Variable;
import dev.sessiondeck.core.source.VariableScope;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The variables page of a data source, as ODC has it: global values or SessionDeck's own session's
 * (or another session's, read only), a search over name and value, the important ones first with a
 * pin, the value also in seconds where the server counts in micro- or milliseconds, unit and source
 * (PostgreSQL). Edit (or a double click) changes a value after a confirmation showing the old and
 * the new value, then shows what the server now says. A window of its own: it does not block the
 * session window.
 */
public final class VariablesWindow {

    private final VariablesViewModel viewModel;
    private final Stage stage = new Stage();
    private final TableView<Variable> table = new TableView<>();
    private final Button edit = new Button(Messages.get("variables.edit"), new FontIcon(Feather.EDIT_2));
    /** Why the selected variable cannot be changed here (a disabled button shows no tooltip). */
    private final Label editHint = new Label();

    public VariablesWindow(Window owner, VariablesViewModel viewModel) {
        this.viewModel = viewModel;
        stage.initOwner(owner);
        stage.setTitle(viewModel.session().map(k -> Messages.get("variables.title.session", k.id(), viewModel.dataSource()))
                .orElse(Messages.get("variables.title", viewModel.dataSource())));
        BorderPane root = new BorderPane(createTable(), createToolbar(), null, createStatus(), null);
        root.setId("variables-view");
        Scene scene = new Scene(root, 1000, 620);
        scene.getStylesheets().add(Themes.stylesheet());
        stage.setScene(scene);
        initListeners();
    }

    /** Shows the window and reads the variables. */
    public void show() {
        stage.show();
        viewModel.reload();
    }

    Stage stage() {
        return stage;
    }

    private ToolBar createToolbar() {
        ToolBar bar = new ToolBar();
        if (viewModel.session().isEmpty()) {
            ToggleGroup scope = new ToggleGroup();
            ToggleButton global = new ToggleButton(Messages.get("variables.scope.global"));
            global.setId("variables-scope-global");
            global.setUserData(VariableScope.GLOBAL);
            global.setTooltip(new Tooltip(Messages.get("variables.scope.global.tip")));
            ToggleButton own = new ToggleButton(Messages.get("variables.scope.session"));
            own.setId("variables-scope-session");
            own.setUserData(VariableScope.SESSION);
            own.setTooltip(new Tooltip(Messages.get("variables.scope.session.tip")));
            global.setToggleGroup(scope);
            own.setToggleGroup(scope);
            global.getStyleClass().add(Styles.LEFT_PILL);
            own.getStyleClass().add(Styles.RIGHT_PILL);
            scope.selectToggle(global);
            scope.selectedToggleProperty().addListener((o, was, now) -> {
                if (now == null) {
                    scope.selectToggle(was);
                } else {
                    viewModel.scopeProperty().set((VariableScope) now.getUserData());
                }
            });
            bar.getItems().add(new HBox(global, own));
        } else {
            Label readOnly = new Label(Messages.get("variables.readOnly"));
            readOnly.setId("variables-read-only");
            readOnly.getStyleClass().add(Styles.TEXT_MUTED);
            bar.getItems().add(readOnly);
        }
        CustomTextField search = new CustomTextField();
        search.setId("variables-search");
        search.setPromptText(Messages.get("variables.search"));
        search.setLeft(new FontIcon(Feather.SEARCH));
        search.setPrefColumnCount(22);
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        Button reload = new Button(null, new FontIcon(Feather.REFRESH_CW));
        reload.setId("variables-reload");
        reload.getStyleClass().add(Styles.BUTTON_ICON);
        reload.setTooltip(new Tooltip(Messages.get("variables.reload")));
        reload.setOnAction(e -> viewModel.reload());
        edit.setId("variables-edit");
        edit.setOnAction(e -> editSelected());
        edit.setVisible(viewModel.session().isEmpty());
        edit.setManaged(edit.isVisible());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(viewModel.loadingProperty());
        editHint.setId("variables-edit-why");
        editHint.getStyleClass().add(Styles.TEXT_MUTED);
        editHint.setWrapText(true);
        editHint.setMaxWidth(420);
        bar.getItems().addAll(search, reload, edit, editHint, busy);
        return bar;
    }

    private TableView<Variable> createTable() {
        table.setId("variables-table");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setItems(viewModel.shown());
        TableColumn<Variable, String> pin = column("", 34, v -> viewModel.important().contains(v.name()) ? "pinned" : "");
        pin.setId("variables-pin");
        pin.setSortable(false);
        pin.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null || item.isEmpty() ? null : new FontIcon(Feather.STAR));
            }
        });
        table.getColumns().add(pin);
        table.getColumns().add(column(Messages.get("variables.name"), 230, Variable::name));
        TableColumn<Variable, String> value = column(Messages.get("variables.value"), 200, Variable::value);
        value.setCellFactory(c -> longTextCell());
        table.getColumns().add(value);
        table.getColumns().add(column(Messages.get("variables.seconds"), 100, v -> v.inSeconds().orElse("")));
        table.getColumns().add(column(Messages.get("variables.unit"), 60, Variable::unit));
        table.getColumns().add(column(Messages.get("variables.source"), 120, Variable::origin));
        TableColumn<Variable, String> note = column(Messages.get("variables.note"), 220, Variable::note);
        note.setCellFactory(c -> longTextCell());
        table.getColumns().add(note);
        table.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth() * 0.8));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> {
            TableRow<Variable> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    editSelected();
                }
            });
            return row;
        });
        Label empty = new Label();
        empty.textProperty().bind(viewModel.errorProperty());
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        return table;
    }

    /** A cell that cuts a long value (sql_mode, a comment) and has it whole in its tooltip. */
    private static TableCell<Variable, String> longTextCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.length() < 24 ? null : new Tooltip(item));
            }
        };
    }

    private static TableColumn<Variable, String> column(String title, double width, Function<Variable, String> value) {
        TableColumn<Variable, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }

    private Region createStatus() {
        Label count = new Label();
        count.setId("variables-count");
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> Messages.get("variables.count", viewModel.shown().size()), viewModel.shown()));
        count.setMinWidth(Region.USE_PREF_SIZE);
        Label notice = new Label();
        notice.setId("variables-notice");
        notice.textProperty().bind(viewModel.noticeProperty());
        notice.getStyleClass().add(Styles.SUCCESS);
        Label error = new Label();
        error.setId("variables-error");
        error.textProperty().bind(viewModel.errorProperty());
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        HBox.setHgrow(error, Priority.ALWAYS);
        HBox box = new HBox(16, count, notice, error);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(4, 10, 6, 10));
        box.setMinHeight(Region.USE_PREF_SIZE);
        return new VBox(box);
    }

    private void initListeners() {
        table.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> updateEdit(v));
        viewModel.loadingProperty().addListener((o, a, b) -> updateEdit(table.getSelectionModel().getSelectedItem()));
        viewModel.scopeProperty().addListener((o, a, b) -> updateEdit(table.getSelectionModel().getSelectedItem()));
        updateEdit(null);
    }

    private void updateEdit(Variable v) {
        edit.setDisable(v == null || !viewModel.canEdit(v) || viewModel.loadingProperty().get());
        // a disabled button shows no tooltip of its own: the reason goes on the row's hint instead
        String why = v == null || !edit.isVisible() ? "" : viewModel.whyNotEdit(v).orElse("");
        editHint.setText(why);
        editHint.setVisible(!why.isEmpty());
        editHint.setManaged(!why.isEmpty());
    }

    private void editSelected() {
        Variable v = table.getSelectionModel().getSelectedItem();
        if (v == null || !viewModel.canEdit(v) || viewModel.loadingProperty().get()) {
            return;
        }
        EditVariableDialog.ask(stage, v, viewModel.scopeProperty().get(), viewModel.dataSource(), viewModel.startValue(v))
                .ifPresent(value -> viewModel.set(v, value, after -> table.getSelectionModel().select(after)));
    }
}
