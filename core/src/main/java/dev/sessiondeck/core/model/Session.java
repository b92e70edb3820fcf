package dev.sessiondeck.core.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One session as a snapshot saw it. Immutable.
 *
 * <p>A small common core that every kind of data source fills (the columns of the OceanBase OCP
 * session page that every database has), plus the typed {@link #attributes() attributes} that the
 * kind of data source declares ({@link Attribute}). Absent values are empty, never magic strings or
 * zero. Equality is from the data: two sessions are equal when every value is.
 *
 * <p>Text values are kept as plain (nullable) strings and wrapped in an {@link Optional} only when
 * asked for: a filter over 100,000 sessions then reaches each value in one step instead of two
 * (docs/benchmarks.md, the filter).
 */
public final class Session {

    private final SessionKey key;
    private final SessionState state;
    private final String user;
    private final String source;
    private final String database;
    private final String command;
    private final String sql;
    private final Duration executionTime;
    private final boolean background;
    private final boolean own;
    private final AttributeValues attributes;

    private Session(Builder b) {
        this.key = b.key;
        this.state = b.state;
        this.user = b.user;
        this.source = b.source;
        this.database = b.database;
        this.command = b.command;
        this.sql = b.sql;
        this.executionTime = b.executionTime;
        this.background = b.background;
        this.own = b.own;
        this.attributes = b.attributes == null ? AttributeValues.NONE : b.attributes.build();
    }

    /** What identifies the session for kills and snapshot diffs. */
    public SessionKey key() {
        return key;
    }

    /** The session id as the data source words it ({@code key().id()}): a thread id, a pid, a UUID. */
    public String id() {
        return key.id();
    }

    /** The normalised state; {@link SessionState#label()} gives OCP's "Status". */
    public SessionState state() {
        return state;
    }

    /** The database user (1C: the infobase user). */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The client's address as the data source reports it ({@code host:port}, "local socket"): OCP's "Source". */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The session's current database, schema or infobase. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /**
     * What the session does as the server words it (MySQL {@code COMMAND}, PostgreSQL
     * {@code backend_type}, 1C the connection's application).
     */
    public Optional<String> command() {
        return Optional.ofNullable(command);
    }

    /** The full text of the running (or, on PostgreSQL, the last) statement, never cut. */
    public Optional<String> sql() {
        return Optional.ofNullable(sql);
    }

    /**
     * How long the current statement (or state) has lasted; millisecond precision where the server
     * offers it (MariaDB {@code TIME_MS}), else seconds.
     */
    public Optional<Duration> executionTime() {
        return Optional.ofNullable(executionTime);
    }

    /** A server thread rather than a client session (daemon, replication, background worker); hidden by default. */
    public boolean background() {
        return background;
    }

    /** SessionDeck's own monitoring connection: shown, never killable. */
    public boolean own() {
        return own;
    }

    /** The values of the attributes the data source declares. */
    public AttributeValues attributes() {
        return attributes;
    }

    /** One declared (or common) value, empty when absent. */
    public <T> Optional<T> attribute(Attribute<T> attribute) {
        return attribute.in(this);
    }

    /** The ids of the sessions this one waits for ({@link StandardAttributes#BLOCKED_BY}); empty when none. */
    public List<String> blockingIds() {
        return StandardAttributes.BLOCKED_BY.in(this).orElse(List.of());
    }

    // the values as held, null when absent: the common attributes read these, without an Optional per
    // value (a refresh of 10,000 rows reads some of them for every row)
    String rawUser() { return user; }
    String rawSource() { return source; }
    String rawDatabase() { return database; }
    String rawCommand() { return command; }
    String rawSql() { return sql; }
    Duration rawExecutionTime() { return executionTime; }

    /** True when the session runs a statement now. */
    public boolean isActive() {
        return state.isActive();
    }

    /** Execution time in seconds with millisecond precision, 0 when unknown. */
    public double executionSeconds() {
        return executionTime == null ? 0.0 : executionTime.toMillis() / 1000.0;
    }

    /**
     * True when {@code other} equals this session in everything but {@link #executionTime()}: what
     * a listing a moment later shows of a statement (or an idle spell) that goes on. A table can then
     * update the one value instead of comparing every column; every second on every row adds up
     * (docs/benchmarks.md, applying a snapshot).
     */
    public boolean sameApartFromExecutionTime(Session other) {
        return other != null && state == other.state && background == other.background && own == other.own
                && key.equals(other.key) && Objects.equals(user, other.user) && Objects.equals(source, other.source)
                && Objects.equals(database, other.database) && Objects.equals(command, other.command)
                && Objects.equals(sql, other.sql) && attributes.equals(other.attributes);
    }

    @Override
    public boolean equals(Object other) {
        // the execution time first: it is what differs between two listings of most sessions
        return this == other || other instanceof Session o && Objects.equals(executionTime, o.executionTime)
                && sameApartFromExecutionTime(o);
    }

    /**
     * How many characters the session's texts hold (id, identity, SQL, user, source, database,
     * command), absent ones counting 0: for memory estimates, without an {@link Optional} per text.
     */
    public int textLength() {
        return key.id().length() + key.identity().length() + length(sql) + length(user) + length(source)
                + length(database) + length(command);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, state, user, source, database, command, sql, executionTime, background, own, attributes);
    }

    @Override
    public String toString() {
        return "Session[" + key + ", " + state + ", user=" + user + ", source=" + source + ", database=" + database
                + ", command=" + command + ", executionTime=" + executionTime + ", sql=" + sql
                + (background ? ", background" : "") + (own ? ", own" : "") + ", " + attributes + "]";
    }

    /** A builder for a session with the given key and every other value absent. */
    public static Builder builder(SessionKey key) {
        return new Builder(key);
    }

    /** A builder seeded with this session's values. */
    public Builder toBuilder() {
        Builder b = new Builder(key);
        b.state = state;
        b.user = user;
        b.source = source;
        b.database = database;
        b.command = command;
        b.sql = sql;
        b.executionTime = executionTime;
        b.background = background;
        b.own = own;
        b.attributes = attributes.isEmpty() ? null : new AttributeValues.Builder(attributes);
        return b;
    }

    /**
     * Builds a {@link Session}. Setters take nullable values (as JDBC returns them) and treat
     * {@code null} and, for text, the empty string as absent.
     */
    public static final class Builder {
        private SessionKey key;
        private SessionState state = SessionState.UNKNOWN;
        private String user;
        private String source;
        private String database;
        private String command;
        private String sql;
        private Duration executionTime;
        private boolean background;
        private boolean own;
        private AttributeValues.Builder attributes;

        private Builder(SessionKey key) {
            this.key = Objects.requireNonNull(key, "key");
        }

        private static String text(String s) {
            return s == null || s.isEmpty() ? null : s;
        }

        public Builder key(SessionKey v) { key = Objects.requireNonNull(v, "key"); return this; }
        public Builder state(SessionState v) { state = Objects.requireNonNull(v, "state"); return this; }
        public Builder user(String v) { user = text(v); return this; }
        public Builder source(String v) { source = text(v); return this; }
        public Builder database(String v) { database = text(v); return this; }
        public Builder command(String v) { command = text(v); return this; }
        public Builder sql(String v) { sql = text(v); return this; }
        public Builder executionTime(Duration v) { executionTime = v; return this; }
        public Builder background(boolean v) { background = v; return this; }
        public Builder own(boolean v) { own = v; return this; }

        /**
         * Sets one declared attribute; {@code null} (or an empty text or list) leaves it absent.
         *
         * @throws IllegalArgumentException when the value does not fit the attribute's type
         */
        public <T> Builder set(Attribute<T> attribute, T value) {
            if (attributes == null) {
                if (value == null) {
                    return this;
                }
                attributes = new AttributeValues.Builder();
            }
            attributes.set(attribute, value);
            return this;
        }

        public Session build() {
            return new Session(this);
        }
    }
}
