package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.FieldForm;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Asks before an action runs: the sessions it will act on (for a destructive action, or several
 * sessions) and the parameters the action declares, each checked by its own declaration. A
 * destructive action needs a deliberate click: Enter cancels. Returns the parameters typed.
 */
final class ActionDialog extends Dialog<Map<String, String>> {

    private final FieldForm form;

    private ActionDialog(Window owner, SessionAction action, List<Session> targets, Map<String, String> defaults,
                         Optional<String> note) {
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        setResizable(true);
        setTitle(action.title().resolve(Messages.locale()));
        setHeaderText(header(action, targets));

        VBox box = new VBox(10);
        box.setPadding(new Insets(4, 0, 0, 0));
        if (action.destructive() || targets.size() > 1) {
            TableView<Session> list = sessionList(targets, "action-targets");
            box.getChildren().add(list);
            FittedColumns.fitWhenShown(this, list);
        }
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        form = new FieldForm(action.parameters(), "action-field-", grid, 0);
        form.setAll(defaults);
        if (form.rows() > 0) {
            box.getChildren().add(grid);
        }
        note.ifPresent(words -> {
            Label notice = new Label(words);
            notice.setId("action-note");
            notice.getStyleClass().add(Styles.WARNING);
            notice.setWrapText(true);
            box.getChildren().add(notice);
        });
        Label problem = new Label();
        problem.setId("action-problem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        box.getChildren().add(problem);

        ButtonType run = new ButtonType(action.title().resolve(Messages.locale()).replace("\u2026", ""),
                ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(run, ButtonType.CANCEL);
        getDialogPane().setContent(box);
        getDialogPane().setId("action-dialog");
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        Button ok = (Button) getDialogPane().lookupButton(run);
        ok.setId("action-ok");
        Button cancel = (Button) getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("action-cancel");
        if (action.destructive()) {
            ok.getStyleClass().add(Styles.DANGER);
            // a destructive action: Enter cancels, the action needs a deliberate click
            ok.setDefaultButton(false);
            cancel.setDefaultButton(true);
        } else {
            ok.getStyleClass().add(Styles.ACCENT);
        }
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            Optional<String> refused = form.validate();
            problem.setText(refused.orElse(""));
            if (refused.isPresent()) {
                e.consume();
            }
        });
        setResultConverter(b -> b == run ? form.values() : null);
    }

    /**
     * Asks for {@code action} on {@code targets}; the parameters typed when the user confirms, empty
     * when they cancel.
     *
     * @param defaults what the parameters start with, by id
     * @param note     a warning to show above the buttons (the current values could not be read)
     */
    static Optional<Map<String, String>> ask(Window owner, SessionAction action, List<Session> targets,
                                             Map<String, String> defaults, Optional<String> note) {
        return new ActionDialog(owner, action, targets, defaults, note).showAndWait();
    }

    /** "Close these 3 sessions and their connections?" for the kills; "Action: 3 sessions" otherwise. */
    private static String header(SessionAction action, List<Session> targets) {
        if (action.equals(SessionAction.CLOSE_SESSION) || action.equals(SessionAction.CLOSE_QUERY)) {
            return Messages.get("action.confirm.header." + action.id(), targets.size());
        }
        return targets.size() == 1
                ? Messages.get("action.header.one", action.title().resolve(Messages.locale()).replace("\u2026", ""),
                        targets.get(0).id(), targets.get(0).key().dataSource())
                : Messages.get("action.header.many", action.title().resolve(Messages.locale()).replace("\u2026", ""),
                        targets.size());
    }

    /**
     * Sessions as a short table (id, user, client host, SQL on one line), as a confirmation lists
     * them; each column as wide as its text up to a limit ({@link FittedColumns}) once the dialog
     * holding it shows.
     */
    static TableView<Session> sessionList(List<Session> targets, String id) {
        TableView<Session> list = new TableView<>(FXCollections.observableArrayList(targets));
        list.setId(id);
        list.getStyleClass().add(Styles.DENSE);
        list.getColumns().add(column(SessionColumn.ID, Session::id));
        list.getColumns().add(column(SessionColumn.USER, s -> s.user().orElse("")));
        list.getColumns().add(column(SessionColumn.SOURCE, s -> s.source().orElse("")));
        list.getColumns().add(column(SessionColumn.SQL, s -> s.sql().map(SqlText::preview).orElse("")));
        list.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        list.setPrefSize(680, Math.min(300, 44 + 34 * targets.size()));
        return list;
    }

    private static TableColumn<Session, String> column(SessionColumn c, Function<Session, String> value) {
        TableColumn<Session, String> col = FittedColumns.column(c.attribute().title().resolve(Messages.locale()), value);
        col.setId(id(c));
        return col;
    }

    private static String id(SessionColumn c) {
        return "target-" + c.id();
    }
}
