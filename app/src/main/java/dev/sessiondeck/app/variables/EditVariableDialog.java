package dev.sessiondeck.app.variables;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.source.Variable;
import dev.sessiondeck.core.source.VariableScope;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Asks for a variable's new value: a picker for a boolean or enumerated variable, a text field
 * otherwise; the confirmation states the old and the new value and the scope (global changes reach
 * every new session). Enter cancels: the change needs a deliberate click.
 */
final class EditVariableDialog extends Dialog<String> {

    private EditVariableDialog(Window owner, Variable v, VariableScope scope, String dataSource, String start) {
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        setTitle(Messages.get("variables.edit.title", v.name()));
        setHeaderText(Messages.get(scope == VariableScope.GLOBAL ? "variables.edit.header.global"
                : "variables.edit.header.session", v.name(), dataSource));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        Label old = new Label(v.value() + v.inSeconds().map(s -> "  (" + s + ")").orElse("")
                + (v.unit().isEmpty() ? "" : "  " + v.unit()));
        old.setId("variable-old-value");
        grid.addRow(0, new Label(Messages.get("variables.edit.old")), old);
        Control editor;
        javafx.beans.value.ObservableStringValue typed;
        if (!v.choices().isEmpty()) {
            ComboBox<String> pick = new ComboBox<>();
            pick.getItems().setAll(v.choices());
            if (v.choices().stream().noneMatch(c -> c.equalsIgnoreCase(v.value()))) {
                pick.getItems().add(0, v.value());
            }
            pick.setValue(v.choices().stream().filter(c -> c.equalsIgnoreCase(start)).findFirst().orElse(v.value()));
            pick.setId("variable-new-choice");
            editor = pick;
            typed = Bindings.createStringBinding(() -> pick.getValue() == null ? "" : pick.getValue(), pick.valueProperty());
        } else {
            TextField field = new TextField(start);
            field.setId("variable-new-value");
            field.setPrefColumnCount(28);
            editor = field;
            typed = field.textProperty();
        }
        grid.addRow(1, new Label(Messages.get("variables.edit.new")), editor);
        Label confirm = new Label();
        confirm.setId("variable-confirm");
        confirm.setWrapText(true);
        confirm.getStyleClass().add(Styles.WARNING);
        confirm.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("variables.edit.confirm", v.name(),
                v.value(), typed.get()), typed));
        grid.add(confirm, 0, 2, 2, 1);
        if (!v.note().isEmpty()) {
            Label note = new Label(v.note());
            note.setWrapText(true);
            note.getStyleClass().add(Styles.TEXT_MUTED);
            grid.add(note, 0, 3, 2, 1);
        }
        ButtonType change = new ButtonType(Messages.get("variables.edit.change"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(change, ButtonType.CANCEL);
        getDialogPane().setContent(grid);
        getDialogPane().setId("variable-edit-dialog");
        getDialogPane().setPrefWidth(560);
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        Button ok = (Button) getDialogPane().lookupButton(change);
        ok.setId("variable-change");
        ok.getStyleClass().add(Styles.DANGER);
        ok.setDefaultButton(false);
        ok.disableProperty().bind(Bindings.createBooleanBinding(() -> typed.get().equals(v.value()), typed));
        Button cancel = (Button) getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("variable-cancel");
        cancel.setDefaultButton(true);
        setResultConverter(b -> b == change ? typed.get() : null);
    }

    /**
     * The new value when the user confirms; empty when they cancel.
     *
     * @param start what the field starts with: the value now, or the one the server refused last time
     */
    static Optional<String> ask(Window owner, Variable v, VariableScope scope, String dataSource, String start) {
        return new EditVariableDialog(owner, v, scope, dataSource, start).showAndWait();
    }
}
