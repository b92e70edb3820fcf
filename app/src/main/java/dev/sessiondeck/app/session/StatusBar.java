package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.UiTimer;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The line under the table: how many sessions, active and shown; the last refresh and how long it
 * took ("Refreshing..." only for a refresh that takes a while); a failure with Retry, marked stale
 * while the rows are those of an earlier refresh.
 */
final class StatusBar {

    /** How long a refresh runs before the status bar says "Refreshing...". */
    private static final Duration SLOW_REFRESH = Duration.ofMillis(400);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final HBox bar;
    /** True once a refresh has run longer than {@link #SLOW_REFRESH}; the status bar says so only then. */
    private final BooleanProperty refreshingSlowly = new SimpleBooleanProperty(this, "refreshingSlowly");
    private final UiTimer slowRefresh;

    StatusBar(SessionsViewModel viewModel) {
        slowRefresh = new UiTimer(() -> refreshingSlowly.set(viewModel.refreshingProperty().get()));
        Label counts = new Label();
        counts.setId("status-counts");
        counts.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("status.counts",
                        viewModel.totalCountProperty().get(), viewModel.activeCountProperty().get(),
                        viewModel.shownCountProperty().get()),
                viewModel.totalCountProperty(), viewModel.activeCountProperty(), viewModel.shownCountProperty()));

        // the counts and the refresh time keep their width; a long note (a limited view, an error) is cut first
        counts.setMinWidth(Region.USE_PREF_SIZE);
        Label refreshed = new Label();
        refreshed.setId("status-refresh");
        refreshed.setMinWidth(Region.USE_PREF_SIZE);
        refreshed.textProperty().bind(Bindings.createStringBinding(() -> {
            if (refreshingSlowly.get()) {
                return Messages.get("status.refreshing");
            }
            if (viewModel.lastRefreshProperty().get() == null) {
                return Messages.get("status.never");
            }
            LocalTime at = LocalTime.ofInstant(viewModel.lastRefreshProperty().get(), ZoneId.systemDefault());
            Duration latency = viewModel.latencyProperty().get();
            return Messages.get("status.refreshed", TIME.format(at), latency == null ? 0 : latency.toMillis());
        }, refreshingSlowly, viewModel.lastRefreshProperty(), viewModel.latencyProperty()));

        Label error = new Label();
        error.setId("status-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        error.textProperty().bind(Bindings.createStringBinding(() -> viewModel.staleProperty().get()
                        ? Messages.get("status.stale", viewModel.errorProperty().get()) : viewModel.errorProperty().get(),
                viewModel.staleProperty(), viewModel.errorProperty()));
        error.setMinWidth(0);
        HBox.setHgrow(error, Priority.SOMETIMES);
        Button retry = new Button(Messages.get("status.retry"), new FontIcon(Feather.ROTATE_CW));
        retry.setId("retry-button");
        retry.getStyleClass().addAll(Styles.SMALL);
        retry.setTooltip(new Tooltip(Shortcut.REFRESH.tip(Messages.get("status.retry.tip"))));
        retry.setOnAction(e -> viewModel.refresh());
        HBox problem = new HBox(8, error, retry);
        problem.setAlignment(Pos.CENTER_LEFT);
        problem.visibleProperty().bind(viewModel.errorProperty().isNotEmpty().and(Bindings.isNotEmpty(viewModel.dataSources())));
        problem.managedProperty().bind(problem.visibleProperty());

        Label notice = new Label();
        notice.setId("status-notice");
        notice.getStyleClass().add(Styles.TEXT_MUTED);
        notice.textProperty().bind(viewModel.noticeProperty());
        notice.setMinWidth(0);
        Label limited = new Label();
        limited.setId("status-limited");
        limited.getStyleClass().add(Styles.WARNING);
        limited.setGraphic(new FontIcon(Feather.EYE_OFF));
        limited.textProperty().bind(viewModel.limitationProperty());
        limited.tooltipProperty().bind(Bindings.createObjectBinding(
                () -> viewModel.limitationProperty().get().isEmpty() ? null : new Tooltip(viewModel.limitationProperty().get()),
                viewModel.limitationProperty()));
        limited.visibleProperty().bind(viewModel.limitationProperty().isNotEmpty());
        limited.managedProperty().bind(limited.visibleProperty());
        limited.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bar = new HBox(16, counts, problem, limited, notice, spacer, actionProgress(viewModel), refreshed);
        bar.setId("status-bar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));

        // "Refreshing..." only for a refresh the user waits for: at 1 s auto-refresh the status bar
        // would otherwise flicker, and each flicker is a repaint (docs/benchmarks.md, auto-refresh CPU)
        viewModel.refreshingProperty().addListener((o, was, now) -> {
            if (now) {
                slowRefresh.runOnceAfter(SLOW_REFRESH);
            } else {
                slowRefresh.stop();
                refreshingSlowly.set(false);
            }
        });
    }

    /**
     * While an action runs on several sessions: how far it is ("12 of 100") with a bar and a Cancel
     * button that stops it before its next session. Hidden otherwise.
     */
    private static Node actionProgress(SessionsViewModel viewModel) {
        ProgressBar progress = new ProgressBar();
        progress.setId("action-progress");
        progress.setPrefWidth(120);
        progress.progressProperty().bind(Bindings.createDoubleBinding(() -> viewModel.actionTotalProperty().get() == 0 ? 0
                        : (double) viewModel.actionDoneProperty().get() / viewModel.actionTotalProperty().get(),
                viewModel.actionDoneProperty(), viewModel.actionTotalProperty()));
        Label text = new Label();
        text.setId("action-progress-text");
        text.setMinWidth(Region.USE_PREF_SIZE);
        text.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("status.acting",
                        viewModel.actionDoneProperty().get(), viewModel.actionTotalProperty().get()),
                viewModel.actionDoneProperty(), viewModel.actionTotalProperty()));
        Button cancel = new Button(Messages.get("status.acting.cancel"), new FontIcon(Feather.X));
        cancel.setId("action-cancel-batch");
        cancel.getStyleClass().add(Styles.SMALL);
        cancel.setOnAction(e -> viewModel.cancelAction());
        HBox box = new HBox(8, text, progress, cancel);
        box.setId("action-progress-box");
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(viewModel.actingProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    Node view() {
        return bar;
    }

    void dispose() {
        slowRefresh.stop();
    }
}
