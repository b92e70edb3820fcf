package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.filter.SessionFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The active filters as chips under the toolbar; a click on one clears it, and "Clear filters" all. */
final class FilterChips {

    private final SessionsViewModel viewModel;
    private final HBox chips = new HBox(6);
    /** The chips made so far, by filter: each is made once and shown while its filter is set. */
    private final Map<String, Button> made = new HashMap<>();

    FilterChips(SessionsViewModel viewModel) {
        this.viewModel = viewModel;
        chips.setId("filter-chips");
        chips.setAlignment(Pos.CENTER_LEFT);
        chips.setPadding(new Insets(4, 8, 4, 8));
        chips.getStyleClass().add("filter-chips");
        viewModel.filterProperty().addListener((o, a, f) -> update(f));
        update(viewModel.filterProperty().get());
    }

    Node view() {
        return chips;
    }

    private void update(SessionFilter f) {
        List<Node> now = new ArrayList<>();
        f.id().ifPresent(id -> add(now, "id", SessionColumn.ID, id, () -> viewModel.idSearchProperty().set("")));
        if (!f.user().isEmpty()) {
            add(now, "user", SessionColumn.USER, f.user(), () -> viewModel.userSearchProperty().set(""));
        }
        if (!f.source().isEmpty()) {
            add(now, "source", SessionColumn.SOURCE, f.source(), () -> viewModel.sourceSearchProperty().set(""));
        }
        if (!f.database().isEmpty()) {
            add(now, "database", SessionColumn.DATABASE, f.database(), () -> viewModel.databaseSearchProperty().set(""));
        }
        if (f.activeOnly()) {
            chip(now, "activeOnly", Messages.get("search.activeOnly.chip"), () -> viewModel.activeOnlyProperty().set(false));
        }
        boolean any = !now.isEmpty();
        if (any) {
            now.add(clearAll());
        }
        // the same chips with new text (a keystroke in a search) keep their nodes: a new button with
        // its tooltip and icon per keystroke cost more than the CSS of the whole change
        if (!now.equals(chips.getChildren())) {
            chips.getChildren().setAll(now);
        }
        chips.setVisible(any);
        chips.setManaged(any);
    }

    private Button clearAll() {
        return made.computeIfAbsent("clear-filters", k -> {
            Button all = new Button(Messages.get("search.clearAll"));
            all.setId("clear-filters-button");
            all.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
            all.setTooltip(new Tooltip(Shortcut.CLEAR_SEARCHES.tip(Messages.get("search.clearAll.tip"))));
            all.setOnAction(e -> {
                viewModel.clearSearches();
                viewModel.activeOnlyProperty().set(false);
            });
            return all;
        });
    }

    private void add(List<Node> now, String id, SessionColumn column, String text, Runnable clear) {
        chip(now, id, Messages.get("search.chip", column.attribute().title().resolve(Messages.locale()), text), clear);
    }

    /** One active filter, shown as a chip; clicking it clears that filter. Made once per filter. */
    private void chip(List<Node> now, String id, String text, Runnable clear) {
        Button b = made.computeIfAbsent(id, k -> {
            Button c = new Button(text, new FontIcon(Feather.X));
            c.setId("chip-" + id);
            c.getStyleClass().addAll(Styles.SMALL, Styles.ROUNDED, "filter-chip");
            c.setContentDisplay(ContentDisplay.RIGHT);
            c.setTooltip(new Tooltip(Messages.get("search.chip.tip")));
            c.setOnAction(e -> clear.run());
            return c;
        });
        b.setText(text);
        now.add(b);
    }
}
