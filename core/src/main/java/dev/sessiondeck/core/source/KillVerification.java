package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Text;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a kill by reading its target again, with a short backoff, until the effect shows or
 * {@link #VERIFY_FOR} passes. Servers end a killed session (or statement) asynchronously: MySQL's
 * {@code KILL} and PostgreSQL's {@code pg_terminate_backend} only send the signal.
 */
public final class KillVerification {

    /** How long a kill's effect is waited for before the result says it was not verified. */
    public static final Duration VERIFY_FOR = Duration.ofSeconds(2);

    /** Reads the session a key names again; empty when it is no longer listed. */
    @FunctionalInterface
    public interface Reader {
        Optional<Session> read(SessionKey key) throws SQLException, SourceException;
    }

    private KillVerification() {
    }

    /**
     * The words every failure of this kill starts with ("Cannot close session 42 on prod"), after
     * refusing a key of another data source.
     *
     * @throws SourceException {@code REFUSED} when {@code key} names another data source than {@code dataSource}
     */
    public static Text describe(String dataSource, SessionKey key, KillMode mode) throws SourceException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mode, "mode");
        Text what = SourceText.of(mode == KillMode.QUERY ? "what.cancelQuery" : "what.closeSession", key.id(), dataSource);
        if (!key.dataSource().equals(dataSource)) {
            throw new SourceException(SourceException.Kind.REFUSED, SourceText.of("failure.otherDataSource", what,
                    key.dataSource()));
        }
        return what;
    }

    /**
     * The key's id as the number a SQL server's session id is.
     *
     * @param what the words the failure starts with ({@link #describe})
     * @throws SourceException {@code REFUSED} when the id is not a whole number of 0 or more (a
     *                         negative or worded id is never sent to the server)
     */
    public static long numericId(SessionKey key, Text what) throws SourceException {
        try {
            return key.numericId();
        } catch (SessionKey.SourceIdException e) {
            throw new SourceException(SourceException.Kind.REFUSED, SourceText.of("failure.withReason", what, e.getMessage()));
        }
    }

    /**
     * @param key    the session that was killed
     * @param mode   what was asked
     * @param before the target as read just before the kill, empty when it could not be read
     * @param reader reads the target again (on the caller's connection, with the query timeout)
     * @return the result, {@code verified} false when the effect did not show in time or the
     *         thread was interrupted (its interrupt flag then stays set)
     */
    public static KillResult await(SessionKey key, KillMode mode, Optional<Session> before, Reader reader)
            throws SQLException, SourceException {
        long start = System.nanoTime();
        long deadline = start + VERIFY_FOR.toNanos();
        long pauseMillis = 20;
        while (true) {
            Optional<Session> now = reader.read(key);
            if (done(mode, before, now)) {
                return new KillResult(key, mode, true, Duration.ofNanos(System.nanoTime() - start));
            }
            if (System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
                return new KillResult(key, mode, false, Duration.ofNanos(System.nanoTime() - start));
            }
            try {
                // Why sleep: this is the backoff of the verification, on the caller's (background) thread.
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new KillResult(key, mode, false, Duration.ofNanos(System.nanoTime() - start));
            }
            pauseMillis = Math.min(pauseMillis * 2, 400);
        }
    }

    /** True when {@code now} shows the effect of the kill on the session that was {@code before}. */
    static boolean done(KillMode mode, Optional<Session> before, Optional<Session> now) {
        if (now.isEmpty()) {
            return true;
        }
        Session after = now.get();
        if (before.isPresent() && !before.get().key().identity().equals(after.key().identity())) {
            return true;
        }
        if (mode == KillMode.SESSION) {
            return false;
        }
        if (!after.isActive()) {
            return true;
        }
        if (before.isEmpty()) {
            return false;
        }
        Session was = before.get();
        // Only a per-statement id (MariaDB QUERY_ID, carried in the key) names one execution;
        // PostgreSQL's query_id is the same for every run of the same normalised statement.
        if (was.key().queryId().isPresent() && after.key().queryId().isPresent()) {
            return was.key().queryId().getAsLong() != after.key().queryId().getAsLong();
        }
        // Without such an id: a different text, or a clock that started again, is another statement.
        return !was.sql().equals(after.sql())
                || after.executionTime().orElse(Duration.ZERO).compareTo(was.executionTime().orElse(Duration.ZERO)) < 0;
    }
}
