package dev.sessiondeck.app.support;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.core.model.InputField;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

/**
 * A form built from {@link InputField} declarations: a data source's own connection settings, an
 * action's parameters. Each field gets the control its kind asks for, its hint beside it, and the
 * field's own {@link InputField#check} as its validation, shown in words next to it. Node ids are
 * {@code <prefix><field id>} for the control and {@code <prefix><field id>-message} for its words.
 */
public final class FieldForm {

    private final String prefix;
    private final Map<InputField, Control> controls = new LinkedHashMap<>();
    private final Map<InputField, Label> messages = new LinkedHashMap<>();

    /**
     * Adds one row per field to {@code grid}, from row {@code firstRow} on.
     *
     * @param prefix the node ids' start, e.g. {@code action-field-}
     */
    public FieldForm(List<InputField> fields, String prefix, GridPane grid, int firstRow) {
        this.prefix = prefix;
        int r = firstRow;
        for (InputField f : fields) {
            Control c = control(f);
            c.setId(prefix + f.id());
            Label label = new Label(f.label().resolve(Messages.locale()));
            label.setLabelFor(c);
            label.setMinWidth(Region.USE_PREF_SIZE);
            Label message = new Label(f.hint() == null ? "" : f.hint().resolve(Messages.locale()));
            message.setId(prefix + f.id() + "-message");
            message.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            message.setWrapText(true);
            message.setPrefWidth(260);
            message.setMinHeight(Region.USE_PREF_SIZE);
            controls.put(f, c);
            messages.put(f, message);
            grid.addRow(r++, label, f.kind() == InputField.Kind.FILE ? withBrowse((TextField) c) : c, message);
            set(f, f.initial());
        }
    }

    /** The number of rows it added. */
    public int rows() {
        return controls.size();
    }

    private static Control control(InputField f) {
        return switch (f.kind()) {
            case SECRET -> new PasswordField();
            case FLAG -> new CheckBox();
            case CHOICE -> {
                ComboBox<InputField.Choice> box = new ComboBox<>();
                box.getItems().setAll(f.choices());
                box.setConverter(Converters.showing(c -> c.label().resolve(Messages.locale())));
                box.setMaxWidth(Double.MAX_VALUE);
                yield box;
            }
            case MULTILINE -> {
                TextArea area = new TextArea();
                area.setPrefRowCount(3);
                yield area;
            }
            case INTEGER, DECIMAL -> {
                TextField t = new TextField();
                t.setPrefColumnCount(8);
                t.setMaxWidth(Region.USE_PREF_SIZE);
                yield t;
            }
            default -> new TextField();
        };
    }

    private Node withBrowse(TextField path) {
        Button browse = new Button(Messages.get("editor.browse"));
        browse.setId(path.getId() + "-browse");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            File chosen = new FileChooser().showOpenDialog(path.getScene().getWindow());
            if (chosen != null) {
                path.setText(chosen.getAbsolutePath());
            }
        });
        HBox row = new HBox(8, path, browse);
        HBox.setHgrow(path, Priority.ALWAYS);
        return row;
    }

    /** Sets a field's value as text ("true"/"false" for a flag, the choice's value for a choice). */
    public void set(InputField f, String value) {
        Control c = controls.get(f);
        String v = value == null ? "" : value;
        if (c instanceof CheckBox box) {
            box.setSelected(Boolean.parseBoolean(v));
        } else if (c instanceof ComboBox<?> box) {
            @SuppressWarnings("unchecked")
            ComboBox<InputField.Choice> choices = (ComboBox<InputField.Choice>) box;
            choices.setValue(f.choices().stream().filter(ch -> ch.value().equalsIgnoreCase(v)).findFirst().orElse(null));
        } else if (c instanceof TextInputControl t) {
            t.setText(v);
        }
    }

    /** Sets the values given by field id; fields not named keep theirs. */
    public void setAll(Map<String, String> values) {
        controls.keySet().forEach(f -> {
            if (values.containsKey(f.id())) {
                set(f, values.get(f.id()));
            }
        });
    }

    /** A field's value as text. */
    public String get(InputField f) {
        Control c = controls.get(f);
        if (c instanceof CheckBox box) {
            return Boolean.toString(box.isSelected());
        }
        if (c instanceof ComboBox<?> box) {
            return box.getValue() instanceof InputField.Choice ch ? ch.value() : "";
        }
        return c instanceof TextInputControl t ? t.getText().strip() : "";
    }

    /** Every field's value by field id. */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        controls.keySet().forEach(f -> out.put(f.id(), get(f)));
        return out;
    }

    /**
     * Checks every field; marks the refused ones and says why next to each.
     *
     * @return the first refusal in words, empty when every field is fine
     */
    public Optional<String> validate() {
        Optional<String> first = Optional.empty();
        for (Map.Entry<InputField, Control> e : controls.entrySet()) {
            InputField f = e.getKey();
            Optional<String> problem = f.check(get(f)).map(t -> t.resolve(Messages.locale()));
            Label message = messages.get(f);
            e.getValue().pseudoClassStateChanged(Styles.STATE_DANGER, problem.isPresent());
            message.getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.DANGER);
            message.getStyleClass().add(problem.isPresent() ? Styles.DANGER : Styles.TEXT_MUTED);
            message.setText(problem.orElse(f.hint() == null ? "" : f.hint().resolve(Messages.locale())));
            if (first.isEmpty()) {
                first = problem;
            }
        }
        return first;
    }

    /** The node id prefix. */
    public String prefix() {
        return prefix;
    }
}
