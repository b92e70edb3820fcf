package dev.sessiondeck.core.model;

import java.util.Locale;

/**
 * The state of a session, normalised across databases.
 *
 * <p>MySQL, MariaDB and OceanBase know only {@link #ACTIVE} (a command other than {@code Sleep}) and
 * {@link #IDLE} ({@code Sleep}); OCP words these "ACTIVE" and "SLEEP". PostgreSQL's
 * {@code pg_stat_activity.state} values map one to one onto the rest (see the PostgreSQL manual,
 * "The Cumulative Statistics System", table pg_stat_activity).
 */
public enum SessionState {
    /** Running a statement (MySQL: {@code COMMAND <> 'Sleep'}; PostgreSQL: {@code active}). */
    ACTIVE("ACTIVE"),
    /** Connected and waiting for the client (MySQL: {@code Sleep}; PostgreSQL: {@code idle}). */
    IDLE("SLEEP"),
    /** PostgreSQL {@code idle in transaction}: holds a transaction open while doing nothing. */
    IDLE_IN_TRANSACTION("IDLE IN TRANSACTION"),
    /** PostgreSQL {@code idle in transaction (aborted)}. */
    IDLE_IN_TRANSACTION_ABORTED("IDLE IN TRANSACTION (ABORTED)"),
    /** PostgreSQL {@code fastpath function call}. */
    FASTPATH_FUNCTION_CALL("FASTPATH FUNCTION CALL"),
    /** PostgreSQL {@code disabled}: {@code track_activities} is off for this backend. */
    DISABLED("DISABLED"),
    /** The database reported nothing we recognise (for example a PostgreSQL background process). */
    UNKNOWN("");

    private final String label;

    SessionState(String label) {
        this.label = label;
    }

    /** The status as the OCP session page words it: "ACTIVE", "SLEEP", ... (empty for {@link #UNKNOWN}). */
    public String label() {
        return label;
    }

    /** True when the session runs a statement now. */
    public boolean isActive() {
        return this == ACTIVE || this == FASTPATH_FUNCTION_CALL;
    }

    /** True for the states that hold a transaction open while the client does nothing. */
    public boolean isIdleInTransaction() {
        return this == IDLE_IN_TRANSACTION || this == IDLE_IN_TRANSACTION_ABORTED;
    }

    /**
     * Maps a PostgreSQL {@code pg_stat_activity.state} value.
     *
     * @param state the value, possibly {@code null} (background processes have none)
     * @return the state, {@link #UNKNOWN} for {@code null} or a value this version does not know
     */
    public static SessionState fromPostgres(String state) {
        if (state == null) {
            return UNKNOWN;
        }
        // the server words them in lower case; lowered only when not found as they came
        return switch (state) {
            case "active" -> ACTIVE;
            case "idle" -> IDLE;
            case "idle in transaction" -> IDLE_IN_TRANSACTION;
            case "idle in transaction (aborted)" -> IDLE_IN_TRANSACTION_ABORTED;
            case "fastpath function call" -> FASTPATH_FUNCTION_CALL;
            case "disabled" -> DISABLED;
            default -> {
                String lower = state.toLowerCase(Locale.ROOT);
                yield lower.equals(state) ? UNKNOWN : fromPostgres(lower);
            }
        };
    }
}
