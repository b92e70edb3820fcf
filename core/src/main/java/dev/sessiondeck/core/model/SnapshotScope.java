package dev.sessiondeck.core.model;

/**
 * How much of a data source a snapshot asks for. A source that cannot narrow its listing lists
 * everything whatever the scope; a view still filters what it shows itself.
 */
public enum SnapshotScope {

    /** Every session the connected user may see. */
    ALL,

    /**
     * The sessions doing something, for a view that shows active sessions only: the source may leave
     * out client sessions that are idle outside a transaction and block nobody (PostgreSQL:
     * {@code state = 'idle'}), and then counts them in {@link Snapshot#idleLeftOut()}. Sessions idle in
     * a transaction, background processes, blockers and SessionDeck's own connections stay listed.
     */
    BUSY
}
