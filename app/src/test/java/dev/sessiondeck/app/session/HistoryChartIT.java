package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The history chart over three refreshes of a fake data source five seconds apart: one point per
 * refresh in each series, the values of the moment under the pointer, that refresh's sessions on a
 * click, and hiding it.
 */
class HistoryChartIT extends WindowTestSupport {

    private static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");

    private final FakeSessionSource source = new FakeSessionSource("fake");

    @Start
    void start(Stage stage) {
        open(stage);
    }

    /** {@code n} sessions, the first {@code active} of them running (the first for {@code n} seconds), {@code blocked} of those waiting. */
    private static List<Session> sessions(int n, int active, int blocked) {
        List<Session> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Session s = FakeSessionSource.session("fake", i, "app" + i, "shop", i <= active, "SELECT " + i, i == 1 ? n : 0.5);
            if (i > 1 && i <= 1 + blocked) {
                s = s.toBuilder().set(StandardAttributes.BLOCKED_BY, List.of("1")).build();
            }
            out.add(s);
        }
        return out;
    }

    /** Adds the data source, listing {@code sessions} at T0: shown at once, and so listed, the first refresh. */
    private void firstRefresh(List<Session> sessions) throws Exception {
        source.clock = T0;
        source.list(sessions);
        fx(() -> {
            vm.addDataSource(source);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> vm.history().size()) == 1);
    }

    private void refreshAt(int second, List<Session> sessions) throws Exception {
        source.clock = T0.plusSeconds(second);
        source.list(sessions);
        fx(() -> {
            vm.refresh();
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> vm.history().size()) > 0
                && fx(() -> vm.history().get(vm.history().size() - 1).at()).equals(T0.plusSeconds(second)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private LineChart<Number, Number> chart() {
        return lookup("#history-chart").queryAs(LineChart.class);
    }

    /** Where on the screen the chart draws {@code seconds} before the newest refresh, mid-height. */
    private Point2D screenPointOf(double seconds) throws Exception {
        return fx(() -> {
            NumberAxis x = (NumberAxis) chart().getXAxis();
            double px = x.getDisplayPosition(x.getUpperBound() + seconds);
            Point2D onAxis = x.localToScreen(px, 0);
            Point2D plot = chart().getYAxis().localToScreen(0, chart().getYAxis().getHeight() / 2);
            return new Point2D(onAxis.getX(), plot.getY());
        });
    }

    @Test
    void threeRefreshesDrawThreePointsPerSeriesHoverTellsTheValuesAndAClickListsTheSessions() throws Exception {
        firstRefresh(sessions(3, 1, 0));
        refreshAt(5, sessions(5, 3, 1));
        refreshAt(10, sessions(4, 2, 0));

        List<List<Number>> ys = fx(() -> chart().getData().stream()
                .map(series -> series.getData().stream().map(XYChart.Data::getYValue).toList()).toList());
        assertThat(ys).containsExactly(List.of(3, 5, 4), List.of(1, 3, 2), List.of(0, 1, 0));
        // x: seconds on the chart's own scale; the newest refresh at the axis's upper bound
        List<Double> xs = fx(() -> chart().getData().get(0).getData().stream()
                .map(d -> d.getXValue().doubleValue() - ((NumberAxis) chart().getXAxis()).getUpperBound()).toList());
        assertThat(xs).containsExactly(-10.0, -5.0, 0.0);
        Screenshots.write(stage.getScene(), Path.of("target", "screenshots", "history-chart.png"));

        moveTo(screenPointOf(-5.5));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#history-hover").queryAs(Label.class).getText())
                .contains("total 5", "active 3", "blocked 1", "longest statement 5.0 s");

        clickOn(screenPointOf(-4.5));
        await().atMost(Duration.ofSeconds(5)).until(() -> lookup("#history-sessions").tryQuery().isPresent());
        assertThat(lookup("#history-sessions").queryAs(TableView.class).getItems()).hasSize(5);
        Screenshots.write(lookup("#history-sessions").query().getScene(),
                Path.of("target", "screenshots", "history-sessions.png"));
        clickOn("#history-sessions-ok");

        clickOn("#history-hide");
        assertThat(lookup("#history-box").query().isVisible()).isFalse();
        refreshAt(12, sessions(2, 1, 0));
        openRowMenu(fx(() -> table().getItems().get(0)));
        clickOn("#menu-history");
        assertThat(lookup("#history-box").query().isVisible()).isTrue();
        // shown again, it catches up with the refresh made while hidden; the next one adds a point to each series
        assertThat(fx(() -> chart().getData().get(0).getData().stream().map(XYChart.Data::getYValue).toList()))
                .containsExactly(3, 5, 4, 2);
        refreshAt(15, sessions(6, 2, 1));
        assertThat(fx(() -> chart().getData().stream()
                .map(series -> series.getData().stream().map(XYChart.Data::getYValue).toList()).toList()))
                .containsExactly(List.of(3, 5, 4, 2, 6), List.of(1, 3, 2, 1, 2), List.of(0, 1, 0, 0, 1));
        // 15 minutes later the oldest refreshes leave the window and the chart
        refreshAt(907, sessions(1, 0, 0));
        assertThat(fx(() -> chart().getData().get(0).getData().stream().map(XYChart.Data::getYValue).toList()))
                .containsExactly(4, 2, 6, 1);
        assertThat(fx(() -> ((NumberAxis) chart().getXAxis()).getUpperBound() - ((NumberAxis) chart().getXAxis()).getLowerBound()))
                .isEqualTo(900.0);
    }

    @Test
    void refreshesThatKeepTheScaleMoveThePointsAndLeaveTheAxesTickLabelsAlone() throws Exception {
        firstRefresh(sessions(3, 1, 0));
        refreshAt(5, sessions(4, 2, 0));
        List<Object> xTicks = fx(() -> new ArrayList<>(chart().getXAxis().getTickMarks()));
        List<Object> yTicks = fx(() -> new ArrayList<>(chart().getYAxis().getTickMarks()));
        assertThat(xTicks).isNotEmpty();
        assertThat(yTicks).isNotEmpty();

        refreshAt(10, sessions(4, 1, 1));

        // the points moved left by the five seconds; the axes and their tick marks (labels) are the same objects
        assertThat(fx(() -> chart().getData().get(0).getData().stream().map(d -> d.getXValue().doubleValue()).toList()))
                .containsExactly(-10.0, -5.0, 0.0);
        assertThat(fx(() -> new ArrayList<Object>(chart().getXAxis().getTickMarks())))
                .usingElementComparator((a, b) -> a == b ? 0 : 1).containsExactlyElementsOf(xTicks);
        assertThat(fx(() -> new ArrayList<Object>(chart().getYAxis().getTickMarks())))
                .usingElementComparator((a, b) -> a == b ? 0 : 1).containsExactlyElementsOf(yTicks);
        // a count that needs more room ranges y anew
        refreshAt(15, sessions(40, 2, 0));
        NumberAxis y = (NumberAxis) chart().getYAxis();
        assertThat(fx(y::getUpperBound)).isGreaterThan(40.0);
    }
}
