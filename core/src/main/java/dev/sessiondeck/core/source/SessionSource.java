package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;

/**
 * One connected data source: lists its sessions and kills them. Blocking, and safe to call from
 * several threads; it owns a small connection pool (at most 2 connections) and every statement it
 * runs has the {@link ConnectionSpec#queryTimeout() query timeout}.
 *
 * <p>Obtain one from {@link SessionSources#open(ConnectionSpec)}; close it when done.
 */
public interface SessionSource extends AutoCloseable {

    /** What the server is, detected when the source was opened. */
    ServerInfo serverInfo();

    /** The data source's name, as in {@link SessionKey#dataSource()}. */
    String name();

    /**
     * Lists every session the connected user may see, with the full SQL text. SessionDeck's own
     * monitoring connections are in it, flagged {@link dev.sessiondeck.core.model.Session#own()}.
     *
     * @throws SourceException {@code UNREACHABLE}, {@code AUTHENTICATION} or {@code TIMEOUT} when the
     *                         server cannot be asked; {@code PRIVILEGE} when the listing is refused
     */
    Snapshot snapshot() throws SourceException;

    /**
     * Kills exactly the session {@code key} names: first it reads the target again and refuses when
     * the id is gone or its identity (user and host, backend start) changed; then it kills; then it
     * lists the target again with a short backoff (up to about 2 s) to verify.
     *
     * @return what the verification saw
     * @throws SourceException {@code REFUSED} for SessionDeck's own connection, {@code SESSION_GONE}
     *                         when the session (or, for a query kill, the statement) has ended or
     *                         the id now names another session, {@code PRIVILEGE} when the user may
     *                         not kill it, {@code UNSUPPORTED} when the server cannot
     */
    KillResult kill(SessionKey key, KillMode mode) throws SourceException;

    /** Closes the pool. Never throws. */
    @Override
    void close();
}
