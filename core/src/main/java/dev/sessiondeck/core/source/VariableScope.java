package dev.sessiondeck.core.source;

/** Whose variables: the server's, or a session's. */
public enum VariableScope {
    /** The server's global values ({@code SHOW GLOBAL VARIABLES}; PostgreSQL: the configuration, ALTER SYSTEM). */
    GLOBAL,
    /**
     * SessionDeck's own session's values: those of the pooled connection that answers (a data source
     * holds at most two). A change applies to that connection for as long as the pool keeps it, and so
     * to the listings it runs; the other connection keeps the server's defaults.
     */
    SESSION
}
