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
 * them. Hidden by a button on it, Ctrl+H, or the row menu; while hidden it draws nothing. The chart is
 * made when there is a first point to draw.
 *
 * <p>The axes stay put while the refreshes come: x is seconds before the newest refresh (the points
 * move left, the axis from {@code -width} to 0 changes only when the width does), y is 0 to a round
 * number above the highest count shown (changed only when that count needs another). JavaFX's
 * {@code Axis} makes every tick label anew whenever its range changes; with an axis that moved every
 * second (and a y axis ranged anew at every point) the labels' nodes, their CSS and text were most of
 * what the window did between refreshes (docs/benchmarks.md, {@code refresh.cpu}).
 */
final class HistoryChart {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final double WINDOW_SECONDS = SessionHistory.DEFAULT_WINDOW.toSeconds();

    private final SessionsViewModel viewModel;
    private final Supplier<Window> owner;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);
    // the chart itself is made when there is a first point to draw: a window without data sources
    // (the welcome pane, start-up) neither loads nor styles it
    private NumberAxis x;
    private NumberAxis y;
    private LineChart<Number, Number> chart;
    private XYChart.Series<Number, Number> total;
    private XYChart.Series<Number, Number> active;
    private XYChart.Series<Number, Number> blocked;
    private final Label hover = new Label();
    private final BorderPane box = new BorderPane();
    /** The points drawn, oldest first, one data item per point in each series. */
    private List<HistoryPoint> points = List.of();
    /** What x = 0 is: the time of the newest point drawn; the others are at minus their seconds before it. */
    private java.time.Instant newest;

    HistoryChart(SessionsViewModel viewModel, Supplier<Window> owner) {
        this.viewModel = viewModel;
        this.owner = owner;
        createView();
        initListeners();
    }

    private void createView() {
        hover.setId("history-hover");
        hover.getStyleClass().add(Styles.TEXT_SMALL);
        hover.setText(Messages.get("history.hint"));
        hover.setMinWidth(0);
        Button hide = new Button(null, new FontIcon(Feather.X));
        hide.setId("history-hide");
        hide.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        hide.setAccessibleText(Messages.get("history.hide"));
        hide.setTooltip(new javafx.scene.control.Tooltip(Shortcut.HISTORY.tip(Messages.get("history.hide"))));
        hide.setOnAction(e -> shown.set(false));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, hover, spacer, hide);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(2, 8, 0, 10));
        box.setTop(top);
        box.setId("history-box");
        box.getStyleClass().add("history-box");
        box.visibleProperty().bind(shown.and(javafx.beans.binding.Bindings.isNotEmpty(viewModel.dataSources())));
        box.managedProperty().bind(box.visibleProperty());
    }

    /** Makes the chart, once: JavaFX's LineChart over two NumberAxis, the three series, no symbols. */
    private void createChart() {
        x = new NumberAxis(-60, 0, 15);
        y = new NumberAxis(0, 1, 1);
        chart = new LineChart<>(x, y);
        total = new XYChart.Series<>();
        active = new XYChart.Series<>();
        blocked = new XYChart.Series<>();
        total.setName(Messages.get("history.total"));
        active.setName(Messages.get("history.active"));
        blocked.setName(Messages.get("history.blocked"));
        chart.setId("history-chart");
        chart.getData().setAll(List.of(total, active, blocked));
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        // x = 0 is the newest refresh, at the right edge: no line there
        chart.setVerticalZeroLineVisible(false);
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
                // x counts seconds before the newest refresh
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
        // ranged here, not by the axis (see the class comment)
        y.setAutoRanging(false);
        y.setMinorTickVisible(false);
        y.setTickLabelFormatter(new NumberAxis.DefaultFormatter(y) {
            @Override
            public String toString(Number n) {
                // counts: whole numbers only
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : "";
            }
        });
        chart.addEventHandler(MouseEvent.MOUSE_MOVED, e -> pointAt(e).ifPresent(p -> hover.setText(describe(p))));
        chart.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> pointAt(e).ifPresent(this::showSessions));
        box.setCenter(chart);
    }

    private void initListeners() {
        viewModel.lastRefreshProperty().addListener((o, a, b) -> update());
        viewModel.currentProperty().addListener((o, a, b) -> update());
        viewModel.showAllProperty().addListener((o, a, b) -> update());
        shown.addListener((o, a, now) -> update());
    }

    Node view() {
        return box;
    }

    /** True while the chart is shown; the toggle in the row menu and Ctrl+H flip it. */
    BooleanProperty shownProperty() {
        return shown;
    }

    /**
     * Brings the chart up to the shown data source's history: the new refreshes appended, the ones
     * that left the window removed and the others moved left (a new x each, no new data items or
     * nodes; it runs on the JavaFX thread after every refresh); built anew when another data source
     * is shown or the history does not continue what is drawn. Nothing while hidden.
     */
    void update() {
        if (!shown.get()) {
            return;
        }
        List<HistoryPoint> next = viewModel.history();
        if (next.isEmpty()) {
            points = List.of();
            newest = null;
            if (chart != null) {
                total.getData().clear();
                active.getData().clear();
                blocked.getData().clear();
            }
            hover.setText(Messages.get(viewModel.showAllProperty().get() ? "history.pickOne" : "history.hint"));
            return;
        }
        if (chart == null) {
            createChart();
        }
        int continued = continuedFrom(next);
        newest = next.get(next.size() - 1).at();
        if (continued < 0) {
            total.getData().setAll(items(next, HistoryPoint::total));
            active.getData().setAll(items(next, HistoryPoint::active));
            blocked.getData().setAll(items(next, HistoryPoint::blocked));
        } else {
            // the history dropped its oldest points and added new ones; the drawn ones keep their x
            List<HistoryPoint> added = next.subList(continued + 1, next.size());
            int gone = points.size() + added.size() - next.size();
            for (XYChart.Series<Number, Number> series : List.of(total, active, blocked)) {
                if (gone > 0) {
                    series.getData().remove(0, gone);
                }
            }
            total.getData().addAll(items(added, HistoryPoint::total));
            active.getData().addAll(items(added, HistoryPoint::active));
            blocked.getData().addAll(items(added, HistoryPoint::blocked));
            // the points kept move left: their seconds before the newest refresh
            for (XYChart.Series<Number, Number> series : List.of(total, active, blocked)) {
                List<XYChart.Data<Number, Number>> data = series.getData();
                for (int i = 0; i < data.size() - added.size(); i++) {
                    data.get(i).setXValue(xOf(next.get(i)));
                }
            }
        }
        points = next;
        // the axis spans what there is, a minute at least, the window at most: ticks of 15 s up to two minutes
        double span = -xOf(next.get(0));
        double width = Math.min(WINDOW_SECONDS, Math.max(60, Math.ceil(span / 60) * 60));
        x.setLowerBound(-width);
        x.setTickUnit(width <= 120 ? 15 : 60);
        int highest = 0;
        for (HistoryPoint p : next) {
            highest = Math.max(highest, Math.max(p.total(), Math.max(p.active(), p.blocked())));
        }
        double step = tickUnit(highest);
        y.setTickUnit(step);
        // a step above the highest count: the line never runs along the top edge
        y.setUpperBound((Math.floor(highest / step) + 1) * step);
    }

    /**
     * The y axis's tick unit for counts up to {@code highest}: 1, 2 or 5 times a power of ten, giving at
     * most 5 steps to the top (at least 1: counts are whole).
     */
    static double tickUnit(int highest) {
        double unit = 1;
        while (highest / unit > 5) {
            unit = unit * (String.valueOf((long) unit).charAt(0) == '2' ? 2.5 : 2);
        }
        return unit;
    }

    /**
     * Where in {@code next} the last drawn point stands, when {@code next} continues what is drawn
     * (its drawn points still there in order, new ones after): the index of the last drawn point;
     * -1 when the chart must be built anew.
     */
    private int continuedFrom(List<HistoryPoint> next) {
        if (points.isEmpty() || newest == null) {
            return -1;
        }
        java.time.Instant last = points.get(points.size() - 1).at();
        for (int i = next.size() - 1; i >= 0; i--) {
            if (next.get(i).at().equals(last)) {
                // the points before it must be the drawn ones' tail: same count from the end, same first
                int keptFromDrawn = i + 1;
                return keptFromDrawn <= points.size()
                        && points.get(points.size() - keptFromDrawn).at().equals(next.get(0).at()) ? i : -1;
            }
        }
        return -1;
    }

    private List<XYChart.Data<Number, Number>> items(List<HistoryPoint> from,
                                                     java.util.function.ToIntFunction<HistoryPoint> value) {
        List<XYChart.Data<Number, Number>> out = new ArrayList<>(from.size());
        for (HistoryPoint p : from) {
            out.add(new XYChart.Data<>(xOf(p), value.applyAsInt(p)));
        }
        return out;
    }

    /** A point's x: seconds since the newest point drawn (0 for it, negative before it). */
    private double xOf(HistoryPoint p) {
        return Duration.between(newest, p.at()).toMillis() / 1000.0;
    }

    /** The refresh nearest the pointer, by the x axis's own conversion; empty off the plot or with no points. */
    private Optional<HistoryPoint> pointAt(MouseEvent e) {
        Point2D local = x.sceneToLocal(e.getSceneX(), e.getSceneY());
        if (local == null || points.isEmpty()) {
            return Optional.empty();
        }
        return nearest(x.getValueForDisplay(local.getX()).doubleValue());
    }

    /** The refresh nearest {@code value} on the x axis. */
    Optional<HistoryPoint> nearest(double value) {
        HistoryPoint best = null;
        double distance = Double.MAX_VALUE;
        for (HistoryPoint p : points) {
            double d = Math.abs(xOf(p) - value);
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
            javafx.scene.control.TableView<dev.sessiondeck.core.model.Session> list =
                    ActionDialog.sessionList(p.sessions().get(), "history-sessions");
            alert.getDialogPane().setContent(list);
            FittedColumns.fitWhenShown(alert, list);
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
