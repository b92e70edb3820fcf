package dev.sessiondeck.app;

import dev.sessiondeck.app.datasource.DataSourceRow;
import dev.sessiondeck.app.datasource.DataSourcesView;
import dev.sessiondeck.app.datasource.DataSourcesViewModel;
import dev.sessiondeck.app.session.SessionsView;
import dev.sessiondeck.app.session.SessionsViewModel;
import dev.sessiondeck.app.support.ColorTag;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Settings;
import dev.sessiondeck.core.source.SessionSource;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.Alert;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;

/**
 * The window's content: the data-source sidebar beside the session table, under the menu bar
 * ({@link #withMenuBar()}). It wires the two: Connect…
 * opens the data-source editor, the shown data source's colour tag marks the table header and the
 * title, and the last data source is remembered.
 */
public final class MainWindow extends SplitPane {

    private final SessionsViewModel sessions;
    private final DataSourcesViewModel dataSources;
    private final SessionsView sessionsView;
    private final DataSourcesView sidebar;
    private final MainMenu menu;

    public MainWindow(SessionsViewModel sessions, DataSourcesViewModel dataSources) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.dataSources = Objects.requireNonNull(dataSources, "dataSources");
        this.sessionsView = new SessionsView(sessions);
        this.sidebar = new DataSourcesView(dataSources, sessions);
        setId("main-window");
        getItems().addAll(sidebar, sessionsView);
        setDividerPositions(0.19);
        SplitPane.setResizableWithParent(sidebar, false);
        sessionsView.setOnConnect(sidebar::quickConnect);
        this.menu = new MainMenu(sessionsView, sessions.activeOnlyProperty());
        sessionsView.colorTagProperty().bind(Bindings.createObjectBinding(this::shownColorTag,
                sessions.currentProperty(), dataSources.rows()));
    }

    public SessionsView sessionsView() {
        return sessionsView;
    }

    public DataSourcesView sidebar() {
        return sidebar;
    }

    /** The menu bar (File, View, Session, Help), to put above this window's content. */
    public MenuBar menuBar() {
        return menu.view();
    }

    /** This window under its menu bar: the scene's root. */
    public BorderPane withMenuBar() {
        BorderPane root = new BorderPane(this);
        root.setTop(menuBar());
        return root;
    }

    private ColorTag shownColorTag() {
        SessionSource shown = sessions.currentProperty().get();
        return shown == null ? ColorTag.NONE : dataSources.rows().stream()
                .filter(r -> r.source().orElse(null) == shown).findFirst()
                .map(DataSourceRow::colorTag).orElse(ColorTag.NONE);
    }

    /** "SessionDeck — production (red)", "SessionDeck — All data sources", "SessionDeck". */
    public StringBinding title() {
        return Bindings.createStringBinding(() -> {
            SessionSource shown = sessions.currentProperty().get();
            if (sessions.showAllProperty().get()) {
                return Messages.get("app.titleWith", Messages.get("toolbar.dataSource.all"));
            }
            if (shown == null) {
                return Messages.get("app.title");
            }
            ColorTag tag = sessionsView.colorTagProperty().get();
            return tag == ColorTag.NONE ? Messages.get("app.titleWith", shown.name())
                    : Messages.get("app.titleTagged", shown.name(), tag.label());
        }, sessions.currentProperty(), sessions.showAllProperty(), sessionsView.colorTagProperty());
    }

    /**
     * Reads the saved data sources; tells the user once when the file was corrupt (and where it
     * was set aside); then selects the last data source and connects it when that needs no prompt.
     */
    public void start(Settings settings) {
        dataSources.load(() -> {
            if (!settings.lastDataSource.isEmpty()) {
                sidebar.select(settings.lastDataSource);
                dataSources.row(settings.lastDataSource).ifPresent(dataSources::reconnect);
            }
        }, problem -> {
            Alert alert = new Alert(Alert.AlertType.WARNING, problem);
            alert.initOwner(getScene().getWindow());
            alert.setTitle(Messages.get("sidebar.loadProblem.title"));
            alert.setHeaderText(Messages.get("sidebar.loadProblem.header"));
            alert.getDialogPane().setId("ds-load-problem");
            alert.show();
        });
    }

    /** Takes the remembered layout (see {@link SessionsView#applySettings}) and the sidebar's width. */
    public void applySettings(Settings s) {
        sessionsView.applySettings(s);
        if (s.sidebarWidth > 0) {
            keepSidebarWidth(s.sidebarWidth);
        }
    }

    /**
     * Puts the divider {@code width} pixels from the left once the window has its width (a divider sits at a share
     * of the width; the sidebar then keeps its pixels when the window is resized).
     */
    private void keepSidebarWidth(double width) {
        javafx.beans.value.ChangeListener<Number> once = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
                if (now.doubleValue() > 0) {
                    widthProperty().removeListener(this);
                    setDividerPositions(Math.min(0.8, width / now.doubleValue()));
                }
            }
        };
        if (getWidth() > 0) {
            once.changed(widthProperty(), 0, getWidth());
        } else {
            widthProperty().addListener(once);
        }
    }

    /** Writes the layout, the sidebar's width and the shown data source into {@code s}. */
    public void captureSettings(Settings s) {
        sessionsView.captureSettings(s);
        if (getWidth() > 0 && getDividerPositions().length > 0) {
            s.sidebarWidth = getDividerPositions()[0] * getWidth();
        }
        SessionSource shown = sessions.currentProperty().get();
        s.lastDataSource = shown == null ? "" : shown.name();
    }

    public void dispose() {
        sessionsView.dispose();
    }
}
