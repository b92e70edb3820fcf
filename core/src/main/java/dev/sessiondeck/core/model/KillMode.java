package dev.sessiondeck.core.model;

/**
 * What a kill ends.
 *
 * <ul>
 *   <li>{@link #QUERY}: only the statement the session is running; the session stays connected
 *       (MySQL/MariaDB {@code KILL QUERY}, PostgreSQL {@code pg_cancel_backend}). Shown as "Close Query".</li>
 *   <li>{@link #SESSION}: the whole session and its connection
 *       (MySQL/MariaDB {@code KILL CONNECTION}, PostgreSQL {@code pg_terminate_backend}). Shown as "Close Session".</li>
 * </ul>
 */
public enum KillMode {
    QUERY,
    SESSION
}
