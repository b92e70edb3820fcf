package dev.sessiondeck.app.support;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs blocking work off the JavaFX thread and hands its outcome back on it. The window passes a
 * thread pool and {@code Platform::runLater}; tests pass {@code Runnable::run} for both and so run
 * everything on the calling thread.
 *
 * @param worker where the blocking work runs
 * @param ui     where the outcome is delivered (the JavaFX thread)
 */
public record Background(Executor worker, Executor ui) {

    public Background {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(ui, "ui");
    }

    /** A running piece of work; {@link #cancel()} makes sure neither callback runs. */
    public static final class Job {
        private volatile boolean cancelled;
        private volatile boolean done;

        public void cancel() {
            cancelled = true;
        }

        public boolean isCancelled() {
            return cancelled;
        }

        /** True once a callback ran or the job was cancelled. */
        public boolean isFinished() {
            return done || cancelled;
        }
    }

    /**
     * Starts {@code work} on the worker; then, unless cancelled meanwhile, calls {@code onSuccess}
     * with its result or {@code onFailure} with what it threw, on the UI executor.
     */
    public <T> Job run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        Job job = new Job();
        CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, worker).whenComplete((result, error) -> ui.execute(() -> {
            if (job.cancelled) {
                return;
            }
            job.done = true;
            if (error == null) {
                onSuccess.accept(result);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (!(cause instanceof CancellationException)) {
                    onFailure.accept(cause);
                }
            }
        }));
        return job;
    }
}
