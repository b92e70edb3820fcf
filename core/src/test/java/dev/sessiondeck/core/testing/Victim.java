package dev.sessiondeck.core.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test connection of its own that runs one long statement in the background, to be listed and
 * killed. Closing it closes the connection.
 */
public final class Victim implements AutoCloseable {

    private final Connection connection;
    private final long threadId;
    private final CompletableFuture<Void> running;

    private Victim(Connection connection, long threadId, String sql) {
        this.connection = connection;
        this.threadId = threadId;
        this.running = CompletableFuture.runAsync(() -> {
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /** Connects as {@code user} and starts {@code sql} in the background. */
    public static Victim start(EmbeddedMariaDb db, String user, String password, String sql) throws SQLException {
        Connection c = db.connect(user, password);
        return start(c, EmbeddedMariaDb.threadId(c), sql);
    }

    /** Starts {@code sql} in the background on a connection of the test's own, whose session id is {@code id}. */
    public static Victim start(Connection connection, long id, String sql) {
        return new Victim(connection, id, sql);
    }

    /** Connects to PostgreSQL as {@code user} and starts {@code sql} in the background. */
    public static Victim start(EmbeddedPostgres db, String user, String password, String sql) throws SQLException {
        Connection c = db.connect(user, password);
        return start(c, EmbeddedPostgres.backendPid(c), sql);
    }

    /** The session id of the victim's connection: the server thread id, or PostgreSQL's backend pid. */
    public long threadId() {
        return threadId;
    }

    public boolean isRunning() {
        return !running.isDone();
    }

    /** Waits up to 10 s for the statement to fail, and returns how. */
    public SQLException awaitFailure() throws InterruptedException, TimeoutException {
        try {
            running.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.util.concurrent.CompletionException ce && ce.getCause() instanceof SQLException s) {
                return s;
            }
            if (e.getCause() instanceof SQLException s) {
                return s;
            }
            throw new AssertionError("the victim failed with something else", e.getCause());
        }
        throw new AssertionError("the victim's statement finished without an error");
    }

    /** Runs {@code SELECT 1} on the victim's connection: proves that it still works. */
    public int selectOne() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Waits at most {@code d} for the statement to end, however it ends. */
    public void awaitEnd(Duration d) {
        try {
            running.get(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // ended with an error, or still running: the caller checks what it needs
        }
    }

    /** Closes the connection at once, even while its statement runs (a plain close would wait for it). */
    @Override
    public void close() throws SQLException {
        if (!connection.isClosed()) {
            connection.abort(Runnable::run);
        }
        awaitEnd(Duration.ofSeconds(5));
    }
}
