package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.ExecutionPlan.Step;
import dev.sessiondeck.core.model.Session;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The plan of one session's statement: while it is read, a progress indicator; then the steps as an
 * indented tree (operation, object, rows, cost, detail), whether it is the plan that runs or an
 * estimate made now, the data source's note (counts so far, generic plan ...), and Copy, which puts
 * the server's own text on the clipboard. Without a plan, the reason in plain words.
 */
final class PlanDialog extends Dialog<Void> {

    private static final int DETAIL_TOOLTIP_FROM = 60;
    private static final double WIDTH = 1000;
    private static final double MESSAGE_WIDTH = 600;
    private static final double MESSAGE_HEIGHT = 90;
    private static final double MIN_BODY_HEIGHT = 160;
    private static final double MAX_BODY_HEIGHT = 420;
    private static final double LOADING_HEIGHT = 240;
    /** The header's and a dense row's height, about, to fit a short plan without empty space under it. */
    private static final double HEADER_HEIGHT = 40;
    private static final double ROW_HEIGHT = 30;

    private final VBox box;
    private final StackPane body = new StackPane();
    private final VBox loading;
    private final TreeTableView<Step> tree = new TreeTableView<>();
    private final Label message = new Label();
    private final Label kind = new Label();
    private final Label note = new Label();
    private String text = "";
    private final Button copy = CopyButton.of("copy-plan-button", "plan.copy", "plan.copy.tip", () -> text);

    PlanDialog(Window owner, Session session) {
        initOwner(owner);
        initModality(Modality.NONE);
        setResizable(true);
        setTitle(Messages.get("plan.title", session.id()));

        Label statement = new Label(session.sql().map(SqlText::preview).orElse(""));
        statement.setId("plan-statement");
        statement.getStyleClass().addAll("sql-text", Styles.TEXT_MUTED);
        statement.setMaxWidth(Double.MAX_VALUE);
        statement.setTooltip(session.sql().map(s -> wrapped(SqlText.cut(s, 2_000))).orElse(null));
        statement.setVisible(session.sql().isPresent());
        statement.setManaged(statement.isVisible());

        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("plan-progress");
        progress.setPrefSize(36, 36);
        loading = new VBox(10, progress, new Label(Messages.get("plan.loading")));
        loading.setAlignment(Pos.CENTER);

        createTree();
        message.setId("plan-unavailable");
        message.setWrapText(true);
        message.setMaxWidth(MESSAGE_WIDTH - 40);
        message.setGraphic(new FontIcon(Feather.INFO));
        message.setGraphicTextGap(10);
        message.getStyleClass().add(Styles.TEXT);
        StackPane.setAlignment(message, Pos.CENTER);
        body.getChildren().setAll(loading);
        body.setPrefHeight(LOADING_HEIGHT);
        body.setMinHeight(MESSAGE_HEIGHT);
        VBox.setVgrow(body, Priority.ALWAYS);

        kind.setId("plan-kind");
        kind.getStyleClass().add(Styles.TEXT_BOLD);
        kind.setWrapText(true);
        note.setId("plan-note");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_SMALL);
        for (Label l : List.of(kind, note)) {
            l.setVisible(false);
            l.setManaged(false);
        }

        copy.setDisable(true);

        box = new VBox(8, statement, kind, note, body, new HBox(copy));
        box.setPadding(new Insets(8, 12, 0, 12));
        // wide enough for the columns; sessiondeck.css lifts the theme's 600-pixel cap on dialogs for it
        box.setPrefWidth(WIDTH);
        getDialogPane().setId("plan-dialog");
        getDialogPane().setContent(box);
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().lookupButton(ButtonType.CLOSE).setId("plan-close-button");
    }

    private void createTree() {
        tree.setId("plan-tree");
        tree.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        tree.setShowRoot(false);
        TreeTableColumn<Step, String> operation = column("plan.column.operation", Step::operation, 280, false);
        TreeTableColumn<Step, String> object = column("plan.column.object", Step::object, 120, false);
        TreeTableColumn<Step, String> rows = column("plan.column.rows", s -> s.rows().map(PlanDialog::rows).orElse(""), 80, true);
        TreeTableColumn<Step, String> cost = column("plan.column.cost", s -> s.cost().map(PlanDialog::cost).orElse(""), 90, true);
        TreeTableColumn<Step, String> detail = column("plan.column.detail", s -> s.detail().resolve(Messages.locale()), 420, false);
        detail.setMaxWidth(Double.MAX_VALUE);
        operation.setId("plan-column-operation");
        detail.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.length() < DETAIL_TOOLTIP_FROM ? null : wrapped(item));
            }
        });
        tree.getColumns().setAll(List.of(operation, object, rows, cost, detail));
        object.setId("plan-column-object");
        rows.setId("plan-column-rows");
        cost.setId("plan-column-cost");
        detail.setId("plan-column-detail");
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.setTreeColumn(operation);
    }

    private static TreeTableColumn<Step, String> column(String title, Function<Step, String> value, double width, boolean number) {
        TreeTableColumn<Step, String> c = new TreeTableColumn<>(Messages.get(title));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().getValue() == null ? ""
                : value.apply(f.getValue().getValue())));
        c.setPrefWidth(width);
        // the rest of the width goes to the detail, not to the short columns
        c.setMaxWidth(number ? width : width * 1.4);
        c.setSortable(false);
        if (number) {
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        return c;
    }

    private static Tooltip wrapped(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(640);
        return t;
    }

    /** Shows the plan, or the reason there is none. */
    void showPlan(ExecutionPlan plan) {
        Optional<String> none = plan.unavailable().map(t -> t.resolve(Messages.locale()));
        if (none.isPresent()) {
            showMessage(none.get());
            return;
        }
        text = plan.text();
        copy.setDisable(text.isBlank());
        tree.setRoot(treeOf(plan.steps()));
        show(kind, Messages.get(plan.running() ? "plan.running" : "plan.estimate"));
        kind.getStyleClass().remove(Styles.WARNING);
        if (!plan.running()) {
            kind.getStyleClass().add(Styles.WARNING);
        }
        plan.note().ifPresent(n -> show(note, n.resolve(Messages.locale())));
        // a column no step fills (MariaDB gives no cost) is left out
        for (TreeTableColumn<Step, ?> c : tree.getColumns()) {
            c.setVisible(c == tree.getTreeColumn() || plan.steps().stream()
                    .anyMatch(step -> !String.valueOf(c.getCellObservableValue(new TreeItem<>(step)).getValue()).isEmpty()));
        }
        body.setPrefHeight(Math.max(MIN_BODY_HEIGHT, Math.min(MAX_BODY_HEIGHT, HEADER_HEIGHT + ROW_HEIGHT * plan.steps().size())));
        body.getChildren().setAll(tree);
        box.setPrefWidth(WIDTH);
        fit();
    }

    /** Shows why there is no plan (or why it could not be read), in words. */
    void showMessage(String words) {
        message.setText(words);
        body.getChildren().setAll(message);
        body.setPrefHeight(MESSAGE_HEIGHT);
        box.setPrefWidth(MESSAGE_WIDTH);
        copy.setVisible(false);
        copy.setManaged(false);
        fit();
    }

    /** Shows that the plan could not be read, and why. */
    void showFailure(String words) {
        showMessage(Messages.get("plan.failed", words));
    }

    /** Once shown, the window takes the size of what it shows now (a short plan, a message). */
    private void fit() {
        if (isShowing()) {
            getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    private static void show(Label label, String words) {
        label.setText(words);
        label.setVisible(true);
        label.setManaged(true);
    }

    /** The steps as a tree: each under the nearest step before it of a smaller depth. */
    static TreeItem<Step> treeOf(List<Step> steps) {
        TreeItem<Step> root = new TreeItem<>();
        Deque<TreeItem<Step>> open = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        for (Step s : steps) {
            while (!depths.isEmpty() && depths.peek() >= s.depth()) {
                depths.pop();
                open.pop();
            }
            TreeItem<Step> item = new TreeItem<>(s);
            item.setExpanded(true);
            (open.isEmpty() ? root : open.peek()).getChildren().add(item);
            open.push(item);
            depths.push(s.depth());
        }
        root.setExpanded(true);
        return root;
    }

    private static final ThreadLocal<NumberFormat> ROWS = ThreadLocal.withInitial(() -> new DecimalFormat("#,##0.##"));
    private static final ThreadLocal<NumberFormat> COST = ThreadLocal.withInitial(() -> new DecimalFormat("#,##0.00"));

    static String rows(double v) {
        return ROWS.get().format(v);
    }

    static String cost(double v) {
        return COST.get().format(v);
    }
}
