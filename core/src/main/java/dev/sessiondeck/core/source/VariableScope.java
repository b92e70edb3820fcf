package dev.sessiondeck.core.source;

/** Whose variables: the server's, or a session's. */
public enum VariableScope {
    /** The server's global values ({@code SHOW GLOBAL VARIABLES}; PostgreSQL: the configuration, ALTER SYSTEM). */
    GLOBAL,
    /** SessionDeck's own session's values (the pool connection that asks). */
    SESSION
}
