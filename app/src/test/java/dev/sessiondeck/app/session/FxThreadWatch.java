package dev.sessiondeck.app.session;

import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Watches the JavaFX thread while a test makes trouble. Three probes: an {@link AnimationTimer}
 * notes the longest gap between two pulses (a pulse that waits is a window that does not answer); a
 * background thread posts a {@link Platform#runLater} every {@value #PROBE_MILLIS} ms and notes the
 * longest wait for it to run; and another looks at the JavaFX thread's stack every
 * {@value #SAMPLE_MILLIS} ms for network or JDBC code, which must only ever run on workers. What the
 * JavaFX thread did during the longest gap is kept for the failure message. Start it on a shown
 * window; close it before the test tears the window down.
 */
final class FxThreadWatch implements AutoCloseable {

    /** Frames of code that may wait on a server: never on the JavaFX thread. */
    static final List<String> BLOCKING_PACKAGES = List.of("java.net.", "java.sql.", "com.mysql.", "org.mariadb.",
            "org.postgresql.");
    private static final long SAMPLE_MILLIS = 20;
    private static final long PROBE_MILLIS = 10;
    private static final int KEPT_SAMPLES = 2_000;

    private final long countFrom;
    private final AtomicLong lastPulse = new AtomicLong();
    private final AtomicLong longestGap = new AtomicLong();
    private volatile long longestGapEnd;
    private final AtomicLong pulses = new AtomicLong();
    private final AtomicLong longestRunLater = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicReference<String> blockingFrame = new AtomicReference<>();
    private final Deque<Sample> recent = new ConcurrentLinkedDeque<>();
    private final AnimationTimer timer;
    private final Thread sampler;
    private final Thread prober;
    private volatile boolean running = true;

    private record Sample(long at, Thread.State state, List<StackTraceElement> top) {
    }

    private FxThreadWatch(Duration warmUp) throws Exception {
        countFrom = System.nanoTime() + warmUp.toNanos();
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                // the time the pulse really ran, not the pulse's own time stamp
                long at = System.nanoTime();
                long previous = lastPulse.getAndSet(at);
                pulses.incrementAndGet();
                if (previous >= countFrom && at - previous > longestGap.get()) {
                    longestGap.set(at - previous);
                    longestGapEnd = at;
                }
            }
        };
        Thread fxThread = WaitForAsyncUtils.asyncFx(() -> {
            timer.start();
            return Thread.currentThread();
        }).get();
        sampler = daemon("fx-thread-sampler", () -> sample(fxThread));
        prober = daemon("fx-thread-prober", this::probe);
    }

    /** Starts watching; what happens in the first {@code warmUp} is not counted (the timer's own start). */
    static FxThreadWatch start(Duration warmUp) throws Exception {
        return new FxThreadWatch(warmUp);
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void sample(Thread fxThread) {
        while (running) {
            long at = System.nanoTime();
            StackTraceElement[] stack = fxThread.getStackTrace();
            samples.incrementAndGet();
            recent.addLast(new Sample(at, fxThread.getState(), List.of(stack).subList(0, Math.min(stack.length, 8))));
            if (recent.size() > KEPT_SAMPLES) {
                recent.pollFirst();
            }
            for (StackTraceElement frame : stack) {
                if (BLOCKING_PACKAGES.stream().anyMatch(frame.getClassName()::startsWith)) {
                    blockingFrame.compareAndSet(null, frame + " in " + List.of(stack).subList(0, Math.min(stack.length, 12)));
                    break;
                }
            }
            if (!pause(SAMPLE_MILLIS)) {
                return;
            }
        }
    }

    private void probe() {
        while (running) {
            long posted = System.nanoTime();
            CountDownLatch ran = new CountDownLatch(1);
            Platform.runLater(() -> {
                if (posted >= countFrom) {
                    longestRunLater.accumulateAndGet(System.nanoTime() - posted, Math::max);
                }
                ran.countDown();
            });
            try {
                ran.await();
            } catch (InterruptedException e) {
                return;
            }
            if (!pause(PROBE_MILLIS)) {
                return;
            }
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** The longest time between two pulses after the warm-up. */
    Duration longestGap() {
        return Duration.ofNanos(longestGap.get());
    }

    /** The longest a {@code Platform.runLater} waited to run after the warm-up. */
    Duration longestRunLater() {
        return Duration.ofNanos(longestRunLater.get());
    }

    long pulses() {
        return pulses.get();
    }

    /** How many times the JavaFX thread's stack was looked at. */
    long samples() {
        return samples.get();
    }

    /** The first network or JDBC frame seen on the JavaFX thread, with the top of its stack. */
    Optional<String> blockingFrame() {
        return Optional.ofNullable(blockingFrame.get());
    }

    /** What the JavaFX thread was doing during the longest gap, sample by sample (none: it was not scheduled). */
    String duringLongestGap() {
        long end = longestGapEnd;
        long start = end - longestGap.get();
        StringBuilder b = new StringBuilder();
        for (Sample s : recent) {
            if (s.at() >= start && s.at() <= end) {
                b.append(String.format("%n  +%d ms %s %s", (s.at() - start) / 1_000_000, s.state(), s.top()));
            }
        }
        return b.length() == 0 ? " no sample (the thread was not scheduled)" : b.toString();
    }

    /** One line for the test's output: the measured values. */
    String summary() {
        return String.format("longest gap between pulses %d ms over %d pulses; longest runLater wait %d ms; %d stack samples",
                longestGap().toMillis(), pulses(), longestRunLater().toMillis(), samples());
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        prober.interrupt();
        WaitForAsyncUtils.asyncFx(timer::stop);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
