package dev.sessiondeck.app.session;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.SnapshotScope;
import dev.sessiondeck.core.model.SqlDialect;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A plain fake of our own {@link SessionSource}: lists what the test sets and records kills. */
final class FakeSessionSource implements SessionSource {

    private final String name;
    private List<Session> sessions = List.of();
    private SourceException failure;
    /** While set, {@link #snapshot()} waits for it to open (a slow server); at most 30 s. */
    volatile CountDownLatch gate;
    final List<SessionKey> killed = new ArrayList<>();
    final Map<String, SourceException> killFailures = new HashMap<>();
    /** Runs after each kill (a test cancels a batch from here); null for nothing. */
    volatile Runnable afterKill;
    /** When the next snapshots are taken; null for now. */
    volatile Instant clock;
    /** What {@link #blockingUnknown()} says; null for "blocking is known". */
    volatile Text blockingUnknown;
    /** What {@link #sqlDialect()} says; null for "not SQL". */
    volatile SqlDialect sqlDialect;
    /** True: a {@link SnapshotScope#BUSY} listing leaves idle sessions out and counts them, as PostgreSQL's does. */
    volatile boolean narrows;
    /** The scope of every listing asked for, in order. */
    final List<SnapshotScope> scopes = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeSessionSource(String name) {
        this.name = name;
    }

    static Session session(String source, long id, String user, String db, boolean active, String sql, double seconds) {
        return Session.builder(new SessionKey(source, "", id, user + "@h", active ? OptionalLong.of(id * 10) : OptionalLong.empty()))
                .user(user).source("10.0.0." + (id % 250) + ":" + (40000 + id)).database(db)
                .command(active ? "Query" : "Sleep").state(active ? SessionState.ACTIVE : SessionState.IDLE)
                .sql(active ? sql : null).set(StandardAttributes.QUERY_ID, active ? id * 10 : null)
                .executionTime(Duration.ofMillis((long) (seconds * 1000)))
                .build();
    }

    void list(List<Session> next) {
        sessions = List.copyOf(next);
        failure = null;
    }

    void fail(SourceException e) {
        failure = e;
    }

    @Override
    public String describe() {
        return "MariaDB 11.4.5";
    }

    /** What a MariaDB lists beside the common values: the statement's id. */
    @Override
    public List<Attribute<?>> attributes() {
        return List.of(StandardAttributes.QUERY_ID);
    }

    @Override
    public java.util.Optional<Text> blockingUnknown() {
        return java.util.Optional.ofNullable(blockingUnknown);
    }

    @Override
    public java.util.Optional<SqlDialect> sqlDialect() {
        return java.util.Optional.ofNullable(sqlDialect);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Snapshot snapshot() throws SourceException {
        return snapshot(SnapshotScope.ALL);
    }

    @Override
    public Snapshot snapshot(SnapshotScope scope) throws SourceException {
        scopes.add(scope);
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw failure;
        }
        List<Session> listed = sessions;
        if (narrows && scope == SnapshotScope.BUSY) {
            listed = sessions.stream().filter(s -> s.state() != SessionState.IDLE).toList();
        }
        return new Snapshot(name, listed, clock == null ? Instant.now() : clock, Duration.ofMillis(3),
                sessions.size() - listed.size());
    }

    @Override
    public KillResult kill(SessionKey key, KillMode mode) throws SourceException {
        SourceException e = killFailures.get(key.id());
        if (e != null) {
            throw e;
        }
        killed.add(key);
        Runnable after = afterKill;
        if (after != null) {
            after.run();
        }
        return new KillResult(key, mode, true, Duration.ZERO);
    }

    @Override
    public void close() {
    }
}
