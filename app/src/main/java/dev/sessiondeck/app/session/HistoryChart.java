package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.history.HistoryPoint;
import dev.sessiondeck.core.history.SessionHistory;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A strip chart over the table: total, active and blocked sessions of the one shown data source over
 * the last 15 minutes of refreshes ({@link SessionHistory}), drawn by JavaFX's own {@link LineChart}.
 * Hovering says the values of the nearest refresh (and its longest running statement where the data
 * source gives execution times); clicking shows that refresh's sessions while the history still keeps
 * them. Hidden by a button on it, Ctrl+H, or the column menu; while hidden it draws nothing.
 */
final class HistoryChart {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final double WINDOW_SECONDS = SessionHistory.DEFAULT_WINDOW.toSeconds();

    private final SessionsViewModel viewModel;
    private final Supplier<Window> owner;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);
    private final NumberAxis x = new NumberAxis(-WINDOW_SECONDS, 0, 60);
    private final NumberAxis y = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private final XYChart.Series<Number, Number> total = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> active = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> blocked = new XYChart.Series<>();
    private final Label hover = new Label();
    private final BorderPane box = new BorderPane();
    /** The points drawn, oldest first, and the newest one's time (x = 0). */
    private List<HistoryPoint> points = List.of();

    HistoryChart(SessionsViewModel viewModel, Supplier<Window> owner) {
        this.viewModel = viewModel;
        this.owner = owner;
        createView();
        initListeners();
    }

    private void createView() {
        total.setName(Messages.get("history.total"));
        active.setName(Messages.get("history.active"));
        blocked.setName(Messages.get("history.blocked"));
        chart.setId("history-chart");
        chart.getData().setAll(List.of(total, active, blocked));
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        chart.setLegendSide(javafx.geometry.Side.RIGHT);
        chart.setMinHeight(0);
        chart.setPrefHeight(150);
        chart.getStyleClass().add("history-chart");
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                long seconds = Math.round(-n.doubleValue());
                return seconds == 0 ? Messages.get("history.now")
                        : seconds % 60 == 0 ? Messages.get("history.minutesAgo", seconds / 60)
                        : Messages.get("history.secondsAgo", seconds);
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        y.setTickLabelFormatter(new NumberAxis.DefaultFormatter(y) {
            @Override
            public String toString(Number n) {
                // counts: whole numbers only
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : "";
            }
        });
        hover.setId("history-hover");
        hover.getStyleClass().add(Styles.TEXT_SMALL);
        hover.setText(Messages.get("history.hint"));
        hover.setMinWidth(0);
        Button hide = new Button(null, new FontIcon(Feather.X));
        hide.setId("history-hide");
        hide.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        hide.setAccessibleText(Messages.get("history.hide"));
        hide.setTooltip(new javafx.scene.control.Tooltip(Messages.get("history.hide")));
        hide.setOnAction(e -> shown.set(false));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, hover, spacer, hide);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(2, 8, 0, 10));
        box.setTop(top);
        box.setCenter(chart);
        box.setId("history-box");
        box.getStyleClass().add("history-box");
        box.visibleProperty().bind(shown.and(javafx.beans.binding.Bindings.isNotEmpty(viewModel.dataSources())));
        box.managedProperty().bind(shown);
    }

    private void initListeners() {
        viewModel.lastRefreshProperty().addListener((o, a, b) -> update());
        viewModel.currentProperty().addListener((o, a, b) -> update());
        viewModel.showAllProperty().addListener((o, a, b) -> update());
        shown.addListener((o, a, now) -> update());
        chart.addEventHandler(MouseEvent.MOUSE_MOVED, e -> pointAt(e).ifPresent(p -> hover.setText(describe(p))));
        chart.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> pointAt(e).ifPresent(this::showSessions));
    }

    Node view() {
        return box;
    }

    /** True while the chart is shown; the toggle in the column menu and Ctrl+H flip it. */
    BooleanProperty shownProperty() {
        return shown;
    }

    /** Draws the shown data source's history anew; nothing while hidden. */
    void update() {
        if (!shown.get()) {
            return;
        }
        points = viewModel.history();
        if (points.isEmpty()) {
            total.getData().clear();
            active.getData().clear();
            blocked.getData().clear();
            hover.setText(Messages.get(viewModel.showAllProperty().get() ? "history.pickOne" : "history.hint"));
            return;
        }
        List<XYChart.Data<Number, Number>> t = new ArrayList<>(points.size());
        List<XYChart.Data<Number, Number>> a = new ArrayList<>(points.size());
        List<XYChart.Data<Number, Number>> b = new ArrayList<>(points.size());
        for (HistoryPoint p : points) {
            double s = secondsBeforeNewest(p);
            t.add(new XYChart.Data<>(s, p.total()));
            a.add(new XYChart.Data<>(s, p.active()));
            b.add(new XYChart.Data<>(s, p.blocked()));
        }
        // the axis spans what there is, a minute at least, the window at most: ticks of 15 s up to two minutes
        double span = -secondsBeforeNewest(points.get(0));
        double lower = Math.min(WINDOW_SECONDS, Math.max(60, Math.ceil(span / 60) * 60));
        x.setLowerBound(-lower);
        x.setTickUnit(lower <= 120 ? 15 : 60);
        total.getData().setAll(FXCollections.observableList(t));
        active.getData().setAll(FXCollections.observableList(a));
        blocked.getData().setAll(FXCollections.observableList(b));
    }

    private double secondsBeforeNewest(HistoryPoint p) {
        HistoryPoint newest = points.get(points.size() - 1);
        return -Duration.between(p.at(), newest.at()).toMillis() / 1000.0;
    }

    /** The refresh nearest the pointer, by the x axis's own conversion; empty off the plot or with no points. */
    private Optional<HistoryPoint> pointAt(MouseEvent e) {
        Point2D local = x.sceneToLocal(e.getSceneX(), e.getSceneY());
        if (local == null || points.isEmpty()) {
            return Optional.empty();
        }
        return nearest(x.getValueForDisplay(local.getX()).doubleValue());
    }

    /** The refresh nearest {@code seconds} before the newest one. */
    Optional<HistoryPoint> nearest(double seconds) {
        HistoryPoint best = null;
        double distance = Double.MAX_VALUE;
        for (HistoryPoint p : points) {
            double d = Math.abs(secondsBeforeNewest(p) - seconds);
            if (d < distance) {
                distance = d;
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "06:01:02  total 120 · active 7 · blocked 2 · longest 35.2 s". */
    static String describe(HistoryPoint p) {
        String at = TIME.format(LocalTime.ofInstant(p.at(), ZoneId.systemDefault()));
        String counts = Messages.get("history.values", at, p.total(), p.active(), p.blocked());
        return p.longest().map(d -> counts + Messages.get("history.longest",
                String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0))).orElse(counts);
    }

    /** That refresh's sessions in a window that does not block, or why they are gone. */
    void showSessions(HistoryPoint p) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner.get());
        alert.initModality(Modality.NONE);
        alert.setTitle(Messages.get("history.sessions.title"));
        alert.setHeaderText(describe(p));
        if (p.sessions().isPresent()) {
            alert.getDialogPane().setContent(ActionDialog.sessionList(p.sessions().get(), "history-sessions"));
        } else {
            Label gone = new Label(Messages.get("history.sessions.gone"));
            gone.setId("history-sessions-gone");
            gone.setWrapText(true);
            alert.getDialogPane().setContent(gone);
        }
        alert.getDialogPane().setId("history-sessions-dialog");
        alert.getDialogPane().getStylesheets().add(Themes.stylesheet());
        alert.getDialogPane().lookupButton(ButtonType.OK).setId("history-sessions-ok");
        alert.setResizable(true);
        alert.show();
    }
}
