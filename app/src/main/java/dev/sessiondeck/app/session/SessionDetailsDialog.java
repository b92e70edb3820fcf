package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Every value of one session, each once: the common values, then every attribute its data source
 * filled (hidden columns too), in column order, then where the session lives and how it is
 * identified, and its flags. Values read as in the table, but whole (the SQL in full). Copy puts it
 * all on the clipboard as {@code name<TAB>value} lines.
 */
final class SessionDetailsDialog extends Dialog<Void> {

    /** Longest value a tooltip shows, in characters (about 40 wrapped lines); Copy gives the whole. */
    private static final int TOOLTIP_LENGTH = 4_000;

    /** One line of the details. */
    record Field(String name, String value) {
    }

    SessionDetailsDialog(Window owner, Session session) {
        initOwner(owner);
        initModality(Modality.NONE);
        setResizable(true);
        setTitle(Messages.get("details.title", session.id()));

        List<Field> fields = fields(session);
        TableView<Field> table = new TableView<>(FXCollections.observableArrayList(fields));
        table.setId("details-table");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        TableColumn<Field, String> name = new TableColumn<>(Messages.get("details.field"));
        name.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().name()));
        name.setPrefWidth(190);
        name.setSortable(false);
        TableColumn<Field, String> value = new TableColumn<>(Messages.get("details.value"));
        value.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().value()));
        value.setPrefWidth(460);
        value.setSortable(false);
        value.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                // a one-line cell shows a few hundred characters at most: measuring more (a 10 MB
                // statement) held the window for seconds (HugeSqlIT)
                setText(empty || item == null ? null : SqlText.cut(item, SqlText.PREVIEW_LENGTH));
                // long values (the SQL) are cut in the cell: the tooltip has more of them
                setTooltip(empty || item == null || item.length() < 60
                        && FittedColumns.textWidth(item, getFont()) < getTableColumn().getWidth() - 12 ? null : whole(item));
            }
        });
        table.getColumns().add(name);
        table.getColumns().add(value);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefSize(680, 460);
        // the names as wide as the longest, the values up to a limit (the rest in their tooltips)
        FittedColumns.fitWhenShown(this, table);
        VBox.setVgrow(table, Priority.ALWAYS);

        Button copy = CopyButton.of("details-copy", "details.copy", "details.copy.tip",
                () -> fields.stream().map(f -> f.name() + "\t" + f.value()).collect(Collectors.joining("\n")));

        VBox box = new VBox(8, table, new HBox(copy));
        box.setPadding(new Insets(4, 0, 0, 0));
        getDialogPane().setId("details-dialog");
        getDialogPane().setContent(box);
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().lookupButton(ButtonType.CLOSE).setId("details-close");
    }

    private static Tooltip whole(String text) {
        String shown = SqlText.cut(text, TOOLTIP_LENGTH);
        Tooltip t = new Tooltip(shown.length() < text.length() ? shown + "\u2026" : text);
        t.setWrapText(true);
        t.setMaxWidth(640);
        return t;
    }

    /** The session's fields with a value, in the order the dialog lists them. */
    static List<Field> fields(Session session) {
        // each once: a data source may list a common attribute (the data source) among its own too
        Set<Attribute<?>> unique = new LinkedHashSet<>(StandardAttributes.COMMON);
        unique.addAll(session.attributes().attributes());
        List<Attribute<?>> attributes = new ArrayList<>(unique);
        attributes.sort(Comparator.comparingInt(Attribute::order));
        Set<String> named = new HashSet<>();
        List<Field> out = new ArrayList<>();
        for (Attribute<?> a : attributes) {
            SessionColumn c = SessionColumn.of(a);
            Object v = c.valueOf(session);
            // and by name: two attributes of one title ("Data source") would read as one said twice
            if (v != null && named.add(a.title().resolve(Messages.locale()))) {
                // the SQL in full, never the one-line preview of the table
                out.add(new Field(a.title().resolve(Messages.locale()), c == SessionColumn.SQL ? (String) v : c.text(v)));
            }
        }
        if (!session.key().identity().isEmpty()) {
            out.add(new Field(Messages.get("details.identity"), session.key().identity()));
        }
        if (session.background()) {
            out.add(new Field(Messages.get("details.background"), Messages.get("details.yes")));
        }
        if (session.own()) {
            out.add(new Field(Messages.get("details.own"), Messages.get("details.yes")));
        }
        return out;
    }
}
