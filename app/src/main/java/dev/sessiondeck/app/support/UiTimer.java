package dev.sessiondeck.app.support;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Runs an action on the JavaFX thread once after a delay, or every period, without a JavaFX
 * animation. A running {@code Timeline} or {@code PauseTransition} makes JavaFX pulse about 60 times
 * a second for as long as it runs, even when nothing changes; the auto-refresh timer would keep the
 * window pulsing all the time (docs/benchmarks.md, auto-refresh CPU). Here one daemon thread shared
 * by every timer waits, and the action is handed to {@link Platform#runLater}.
 *
 * <p>Used from the JavaFX thread only. {@link #stop()} guarantees the action does not run afterwards,
 * even if its time had come and it was already queued on the JavaFX thread.
 */
public final class UiTimer {

    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sessiondeck-timer");
        t.setDaemon(true);
        return t;
    });

    private final Runnable action;
    private ScheduledFuture<?> pending;
    private boolean periodic;
    /** Bumped by every start and stop; a queued run of an older generation does nothing. */
    private long generation;

    /** @param action what to run on the JavaFX thread when the timer fires */
    public UiTimer(Runnable action) {
        this.action = Objects.requireNonNull(action, "action");
    }

    /** Runs the action once, {@code delay} from now; replaces whatever was scheduled. */
    public void runOnceAfter(Duration delay) {
        stop();
        long mine = generation;
        periodic = false;
        pending = CLOCK.schedule(() -> Platform.runLater(() -> fire(mine)), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the action every {@code period}, the first time one period from now; replaces whatever was scheduled. */
    public void runEvery(Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        stop();
        long mine = generation;
        long ms = period.toMillis();
        periodic = true;
        pending = CLOCK.scheduleAtFixedRate(() -> Platform.runLater(() -> fire(mine)), ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Cancels what was scheduled; the action does not run again until the next start. */
    public void stop() {
        generation++;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** True while something is scheduled. */
    public boolean isRunning() {
        return pending != null;
    }

    private void fire(long scheduledAs) {
        if (scheduledAs != generation) {
            return;
        }
        if (!periodic) {
            pending = null;
        }
        action.run();
    }
}
