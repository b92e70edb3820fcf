package dev.sessiondeck.core.model;

/** What a server lets SessionDeck do; the UI enables actions by these, not by product names. */
public enum Capability {
    /** Close a whole session ({@code KILL CONNECTION}, {@code pg_terminate_backend}). */
    KILL_SESSION,
    /** Cancel the running statement only ({@code KILL QUERY}, {@code pg_cancel_backend}). */
    KILL_QUERY,
    /** Cancel one statement by its id (MariaDB {@code KILL QUERY ID}, 10.0.5+). */
    KILL_QUERY_BY_ID,
    /** Execution time with millisecond precision (MariaDB {@code PROCESSLIST.TIME_MS}). */
    MILLISECOND_TIME,
    /** The plan of another session's statement (MySQL {@code EXPLAIN FOR CONNECTION}, MariaDB {@code SHOW EXPLAIN FOR}). */
    EXPLAIN_FOR_CONNECTION,
    /** OceanBase end-to-end (full-link) tracing per session, 4.2.1+. */
    TRACE,
    /**
     * Who blocks whom (PostgreSQL {@code pg_blocking_pids}; MySQL and MariaDB InnoDB's lock views and
     * {@code performance_schema.metadata_locks}; OceanBase {@code GV$OB_LOCKS}).
     */
    BLOCKING
}
