package dev.sessiondeck.app.datasource;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.sessiondeck.app.session.SessionsViewModel;
import dev.sessiondeck.app.support.ColorTag;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.source.SourceTypes;
import java.io.File;
import java.util.List;
import java.util.Objects;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The data-source sidebar: saved and connected data sources with their state, and the actions on
 * them (add, edit, duplicate, delete, test, connect, disconnect, export, import). Double-click
 * connects and shows the sessions. It binds to {@link DataSourcesViewModel} and calls its commands.
 */
public final class DataSourcesView extends VBox {

    private final DataSourcesViewModel viewModel;
    private final SessionsViewModel sessions;
    private final ListView<DataSourceRow> list = new ListView<>();
    private final Label message = new Label();

    public DataSourcesView(DataSourcesViewModel viewModel, SessionsViewModel sessions) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        setId("data-sources-view");
        getStyleClass().add("data-sources-view");
        createView();
        initListeners();
    }

    private void createView() {
        Label title = new Label(Messages.get("sidebar.title"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        BooleanBinding none = list.getSelectionModel().selectedItemProperty().isNull();
        BooleanBinding unsaved = Bindings.createBooleanBinding(() -> selected() == null || !selected().isSaved(),
                list.getSelectionModel().selectedItemProperty());
        Button add = iconButton("ds-add", Feather.PLUS, "sidebar.add", this::add);
        Button connect = iconButton("ds-connect", Feather.PLAY, "sidebar.connect", this::connectSelected);
        connect.disableProperty().bind(none);
        Button disconnect = iconButton("ds-disconnect", Feather.POWER, "sidebar.disconnect", this::disconnectSelected);
        disconnect.disableProperty().bind(none);

        MenuItem edit = menuItem("ds-edit", "sidebar.edit", this::edit);
        MenuItem duplicate = menuItem("ds-duplicate", "sidebar.duplicate", this::duplicate);
        MenuItem test = menuItem("ds-test-selected", "sidebar.test", this::testSelected);
        MenuItem delete = menuItem("ds-delete", "sidebar.delete", this::deleteSelected);
        MenuItem exportAll = menuItem("ds-export", "sidebar.export", this::exportProfiles);
        MenuItem importAll = menuItem("ds-import", "sidebar.import", this::importProfiles);
        edit.disableProperty().bind(unsaved);
        duplicate.disableProperty().bind(unsaved);
        test.disableProperty().bind(unsaved);
        delete.disableProperty().bind(unsaved);
        MenuButton more = new MenuButton(null, new FontIcon(Feather.MORE_HORIZONTAL), edit, duplicate, test, delete,
                new SeparatorMenuItem(), exportAll, importAll);
        more.setId("ds-more");
        more.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        more.setAccessibleText(Messages.get("sidebar.more"));
        more.setTooltip(new Tooltip(Messages.get("sidebar.more")));

        HBox bar = new HBox(0, title, spacer, add, connect, disconnect, more);
        bar.setId("ds-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 4, 6, 10));
        bar.getStyleClass().add("data-sources-bar");

        list.setId("ds-list");
        list.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        list.setItems(viewModel.rows());
        list.setCellFactory(l -> new RowCell());
        Label empty = new Label(Messages.get("sidebar.empty"));
        empty.setWrapText(true);
        empty.setPadding(new Insets(12));
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setContextMenu(createContextMenu());

        message.setId("ds-message");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.TEXT_SMALL);
        message.setPadding(new Insets(4, 8, 4, 8));
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        message.setOnMouseClicked(e -> message.setText(""));

        getChildren().addAll(bar, list, message);
        setMinWidth(160);
        setPrefWidth(250);
    }

    private ContextMenu createContextMenu() {
        MenuItem connect = menuItem("ds-menu-connect", "sidebar.connect", this::connectSelected);
        MenuItem disconnect = menuItem("ds-menu-disconnect", "sidebar.disconnect", this::disconnectSelected);
        MenuItem test = menuItem("ds-menu-test", "sidebar.test", this::testSelected);
        MenuItem edit = menuItem("ds-menu-edit", "sidebar.edit", this::edit);
        MenuItem duplicate = menuItem("ds-menu-duplicate", "sidebar.duplicate", this::duplicate);
        MenuItem delete = menuItem("ds-menu-delete", "sidebar.delete", this::deleteSelected);
        ContextMenu menu = new ContextMenu(connect, disconnect, test, new SeparatorMenuItem(), edit, duplicate, delete);
        menu.setOnShowing(e -> {
            DataSourceRow r = selected();
            boolean saved = r != null && r.isSaved();
            boolean connected = r != null && r.getState() == DataSourceRow.State.CONNECTED;
            connect.setDisable(r == null || (!saved && !connected));
            disconnect.setDisable(!connected);
            for (MenuItem m : List.of(test, edit, duplicate, delete)) {
                m.setDisable(!saved);
            }
        });
        return menu;
    }

    private static Button iconButton(String id, Feather icon, String key, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setAccessibleText(Messages.get(key));
        b.setTooltip(new Tooltip(Messages.get(key)));
        b.setOnAction(e -> action.run());
        return b;
    }

    private static MenuItem menuItem(String id, String key, Runnable action) {
        MenuItem m = new MenuItem(Messages.get(key));
        m.setId(id);
        m.setOnAction(e -> action.run());
        return m;
    }

    private void initListeners() {
        viewModel.setPasswordPrompt(p -> PasswordDialog.ask(getScene().getWindow(), p,
                viewModel.keychainMissingProperty().get()));
        viewModel.setSshSecretPrompt(p -> PasswordDialog.askSsh(getScene().getWindow(), p));
        viewModel.setHostKeyPrompt((p, key) -> HostKeyDialog.ask(getScene().getWindow(), key));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                connectSelected();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                deleteSelected();
                e.consume();
            }
        });
        // the sidebar follows what the table shows
        sessions.currentProperty().addListener((o, a, source) -> {
            if (source != null) {
                viewModel.rows().stream().filter(r -> r.source().orElse(null) == source).findFirst()
                        .ifPresent(r -> list.getSelectionModel().select(r));
            }
        });
    }

    // ------------------------------------------------------------------ actions

    private DataSourceRow selected() {
        return list.getSelectionModel().getSelectedItem();
    }

    /** Selects the data source named {@code name}, if listed. */
    public void select(String name) {
        viewModel.row(name).ifPresent(r -> list.getSelectionModel().select(r));
    }

    /** Opens the editor for a new data source. */
    public void add() {
        new DataSourceDialog(getScene().getWindow(), viewModel, null, false, error -> show(error, Styles.DANGER)).showAndWait();
    }

    /** Opens the quick connect: the editor whose main button connects, with a choice to save. */
    public void quickConnect() {
        new DataSourceDialog(getScene().getWindow(), viewModel, null, true, error -> show(error, Styles.DANGER)).showAndWait();
    }

    private void edit() {
        DataSourceRow r = selected();
        if (r != null && r.isSaved()) {
            new DataSourceDialog(getScene().getWindow(), viewModel, r.profile().orElseThrow(), false, error -> show(error, Styles.DANGER)).showAndWait();
        }
    }

    private void duplicate() {
        DataSourceRow r = selected();
        if (r != null && r.isSaved()) {
            list.getSelectionModel().select(viewModel.duplicate(r, message::setText));
        }
    }

    private void deleteSelected() {
        DataSourceRow r = selected();
        if (r == null || !r.isSaved()) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, Messages.get("sidebar.delete.text"),
                ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(getScene().getWindow());
        confirm.setTitle(Messages.get("sidebar.delete"));
        confirm.setHeaderText(Messages.get("sidebar.delete.header", r.getName()));
        confirm.getDialogPane().setId("ds-delete-confirm");
        confirm.getDialogPane().lookupButton(ButtonType.OK).setId("ds-delete-ok");
        if (confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
            viewModel.delete(r, message::setText);
        }
    }

    private void connectSelected() {
        DataSourceRow r = selected();
        if (r != null) {
            viewModel.connect(r, null, () -> { }, reason -> { });
        }
    }

    private void disconnectSelected() {
        DataSourceRow r = selected();
        if (r != null) {
            viewModel.disconnect(r);
        }
    }

    private void testSelected() {
        DataSourceRow r = selected();
        if (r != null && r.isSaved()) {
            message.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            message.setText(Messages.get("editor.testing", r.getName()));
            viewModel.test(r, text -> show(text, Styles.SUCCESS), error -> show(error, Styles.DANGER));
        }
    }

    private void show(String text, String style) {
        message.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        message.getStyleClass().add(style);
        message.setText(text);
    }

    private FileChooser profileChooser(String titleKey) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get(titleKey));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get("sidebar.jsonFiles"), "*.json"));
        chooser.setInitialFileName("sessiondeck-datasources.json");
        return chooser;
    }

    private void exportProfiles() {
        File file = profileChooser("sidebar.export").showSaveDialog(getScene().getWindow());
        if (file != null) {
            viewModel.exportTo(file.toPath(), text -> show(text, Styles.SUCCESS), error -> show(error, Styles.DANGER));
        }
    }

    private void importProfiles() {
        File file = profileChooser("sidebar.import").showOpenDialog(getScene().getWindow());
        if (file != null) {
            viewModel.importFrom(file.toPath(), text -> show(text, Styles.SUCCESS), error -> show(error, Styles.DANGER));
        }
    }

    // ------------------------------------------------------------------ cells

    /** Colour swatch, name, and the state in words (product and version, or the reason). */
    private final class RowCell extends ListCell<DataSourceRow> {
        private final Region swatch = new Region();
        private final Label name = new Label();
        private final Label state = new Label();
        private final FontIcon icon = new FontIcon();
        private final VBox text = new VBox(1, name, state);
        private final HBox box = new HBox(8, swatch, icon, text);
        private final InvalidationListener restyle = o -> restyle();
        private DataSourceRow observed;

        RowCell() {
            name.getStyleClass().add(Styles.TEXT_BOLD);
            state.getStyleClass().add(Styles.TEXT_SMALL);
            state.setWrapText(true);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            box.setAlignment(Pos.CENTER_LEFT);
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() != null) {
                    viewModel.connect(getItem(), null, () -> { }, reason -> { });
                }
            });
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(DataSourceRow item, boolean empty) {
            super.updateItem(item, empty);
            if (observed != null) {
                observed.stateProperty().removeListener(restyle);
                observed.detailProperty().removeListener(restyle);
                observed.refreshErrorProperty().removeListener(restyle);
                observed.profileProperty().removeListener(restyle);
            }
            observed = empty ? null : item;
            if (observed != null) {
                observed.stateProperty().addListener(restyle);
                observed.detailProperty().addListener(restyle);
                observed.refreshErrorProperty().addListener(restyle);
                observed.profileProperty().addListener(restyle);
            }
            restyle();
        }

        private void restyle() {
            if (observed == null) {
                setGraphic(null);
                setText(null);
                setTooltip(null);
                setId(null);
                return;
            }
            setText(null);
            swatch.getStyleClass().setAll("color-swatch", observed.colorTag().styleClass());
            swatch.setVisible(observed.colorTag() != ColorTag.NONE);
            name.setText(observed.getName() + (observed.isSaved() ? "" : "  " + Messages.get("sidebar.unsaved")));
            String refreshError = observed.refreshErrorProperty().get();
            String words = switch (observed.getState()) {
                case DISCONNECTED -> Messages.get("sidebar.state.disconnected");
                case CONNECTING -> Messages.get("sidebar.state.connecting");
                case CONNECTED -> refreshError.isEmpty() ? Messages.get("sidebar.state.connected", observed.getDetail())
                        : Messages.get("sidebar.state.stale", refreshError);
                case FAILED -> Messages.get("sidebar.state.failed", observed.getDetail());
            };
            state.setText(words);
            state.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS, Styles.TEXT_MUTED, Styles.WARNING);
            Feather glyph;
            switch (observed.getState()) {
                case CONNECTED -> {
                    glyph = refreshError.isEmpty() ? Feather.CHECK_CIRCLE : Feather.ALERT_TRIANGLE;
                    state.getStyleClass().add(refreshError.isEmpty() ? Styles.SUCCESS : Styles.WARNING);
                }
                case FAILED -> {
                    glyph = Feather.X_OCTAGON;
                    state.getStyleClass().add(Styles.DANGER);
                }
                case CONNECTING -> {
                    glyph = Feather.LOADER;
                    state.getStyleClass().add(Styles.TEXT_MUTED);
                }
                default -> {
                    glyph = Feather.CIRCLE;
                    state.getStyleClass().add(Styles.TEXT_MUTED);
                }
            }
            icon.setIconCode(glyph);
            setGraphic(box);
            // the whole name (the cell cuts a long one), what and where it is, and its state
            String where = observed.profile().map(p -> Messages.get("sidebar.tip.where",
                    SourceTypes.installed().find(p.type()).map(t -> t.displayName().resolve(Messages.locale()))
                            .orElse(p.type()), p.host(), Integer.toString(p.port()))).orElse("");
            setTooltip(new Tooltip(observed.getName() + (where.isEmpty() ? "" : "\n" + where) + "\n" + words));
            setId("ds-row-" + observed.getName());
        }
    }
}
