package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.filter.SessionFilter;
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
        chips.getChildren().clear();
        f.id().ifPresent(id -> add("id", SessionColumn.ID, id, () -> viewModel.idSearchProperty().set("")));
        if (!f.user().isEmpty()) {
            add("user", SessionColumn.USER, f.user(), () -> viewModel.userSearchProperty().set(""));
        }
        if (!f.source().isEmpty()) {
            add("source", SessionColumn.SOURCE, f.source(), () -> viewModel.sourceSearchProperty().set(""));
        }
        if (!f.database().isEmpty()) {
            add("database", SessionColumn.DATABASE, f.database(), () -> viewModel.databaseSearchProperty().set(""));
        }
        if (f.activeOnly()) {
            chip("activeOnly", Messages.get("search.activeOnly.chip"), () -> viewModel.activeOnlyProperty().set(false));
        }
        boolean any = !chips.getChildren().isEmpty();
        if (any) {
            Button all = new Button(Messages.get("search.clearAll"));
            all.setId("clear-filters-button");
            all.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
            all.setTooltip(new Tooltip(Shortcut.CLEAR_SEARCHES.tip(Messages.get("search.clearAll.tip"))));
            all.setOnAction(e -> {
                viewModel.clearSearches();
                viewModel.activeOnlyProperty().set(false);
            });
            chips.getChildren().add(all);
        }
        chips.setVisible(any);
        chips.setManaged(any);
    }

    private void add(String id, SessionColumn column, String text, Runnable clear) {
        chip(id, Messages.get("search.chip", column.attribute().title().resolve(Messages.locale()), text), clear);
    }

    /** One active filter, shown as a chip; clicking it clears that filter. */
    private void chip(String id, String text, Runnable clear) {
        Button b = new Button(text, new FontIcon(Feather.X));
        b.setId("chip-" + id);
        b.getStyleClass().addAll(Styles.SMALL, Styles.ROUNDED, "filter-chip");
        b.setContentDisplay(ContentDisplay.RIGHT);
        b.setTooltip(new Tooltip(Messages.get("search.chip.tip")));
        b.setOnAction(e -> clear.run());
        chips.getChildren().add(b);
    }
}
