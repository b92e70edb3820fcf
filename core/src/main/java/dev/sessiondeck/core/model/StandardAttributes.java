package dev.sessiondeck.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The attributes every kind of data source shares: first the common values of every {@link Session}
 * (the columns of the OceanBase OCP session page that every database has, in its order), then
 * declared values that several databases fill with the same meaning, so that the merged view shows
 * one column for each. A kind of data source declares its own attributes beside these.
 *
 * <p>The orders of the common columns are 10 to 100; a source puts its own columns between them
 * (OceanBase's SQL ID at 25, between SQL and User) or after them.
 */
public final class StandardAttributes {

    static final String BUNDLE = "dev.sessiondeck.core.model.messages";

    private StandardAttributes() {
    }

    private static Text title(String id) {
        return Text.of(BUNDLE, "attribute." + id);
    }

    // ---- the common values (read from the session itself)

    /** The data source the session belongs to; shown in the merged view. */
    public static final Attribute<String> DATA_SOURCE = Attribute.text("dataSource", title("dataSource"))
            .order(5).reader(s -> s.key().dataSource()).build();
    /** OCP "Session ID": the source-defined id; numeric ids sort as numbers. */
    public static final Attribute<String> ID = Attribute.text("id", title("id"))
            .shown().order(10).reader(Session::id).build();
    /** OCP "SQL": the statement, in full. */
    public static final Attribute<String> SQL = Attribute.text("sql", title("sql"))
            .shown().order(20).reader(Session::rawSql).build();
    /** OCP "User". */
    public static final Attribute<String> USER = Attribute.text("user", title("user"))
            .shown().order(40).reader(Session::rawUser).build();
    /** OCP "Source": the client's address. */
    public static final Attribute<String> SOURCE = Attribute.text("source", title("source"))
            .shown().order(50).reader(Session::rawSource).build();
    /** OCP "Database Name" (1C: the infobase). */
    public static final Attribute<String> DATABASE = Attribute.text("database", title("database"))
            .shown().order(60).reader(Session::rawDatabase).build();
    /** OCP "Command". */
    public static final Attribute<String> COMMAND = Attribute.text("command", title("command"))
            .shown().order(70).reader(Session::rawCommand).build();
    /** OCP "Execution Time (s)". */
    public static final Attribute<Duration> EXECUTION_TIME = Attribute.duration("executionTime", title("executionTime"))
            .shown().order(80).reader(Session::rawExecutionTime).build();
    /** OCP "Status": ACTIVE, SLEEP, IDLE IN TRANSACTION ... */
    public static final Attribute<String> STATUS = Attribute.text("status", title("status"))
            .shown().order(90).reader(s -> s.state().label().isEmpty() ? null : s.state().label()).build();

    /** The common values, in the order of the OCP page. */
    public static final List<Attribute<?>> COMMON = List.of(DATA_SOURCE, ID, SQL, USER, SOURCE, DATABASE, COMMAND,
            EXECUTION_TIME, STATUS);

    // ---- declared values several databases share

    /**
     * What the server says instead of the statement when the user may not see it (PostgreSQL
     * {@code <insufficient privilege>}); the SQL column then says so in words.
     */
    public static final Attribute<String> SQL_UNAVAILABLE = Attribute.text("sqlUnavailable", title("sqlUnavailable"))
            .order(1500).category("details").build();
    /** The ids of the sessions this one waits for (PostgreSQL {@code pg_blocking_pids}, 1C blocked-by). */
    public static final Attribute<List<String>> BLOCKED_BY = Attribute.sessionRefs("blockedBy", title("blockedBy"))
            .order(300).category("locks").exportKey("blockingIds").build();
    /**
     * What a waiter waits for, in the server's terms: the lock's kind, table, index and mode (MySQL
     * {@code performance_schema.data_lock_waits}, MariaDB {@code INNODB_TRX} and {@code INNODB_LOCKS}, PostgreSQL
     * {@code pg_locks}); empty for a session that waits for no lock.
     */
    public static final Attribute<String> LOCK_WAITED = Attribute.text("lockWaited", title("lockWaited"))
            .order(302).category("locks").exportKey("lock").build();
    /** How long the waiter has waited for that lock, in seconds with milliseconds. */
    public static final Attribute<Duration> LOCK_WAIT_TIME = Attribute.duration("lockWaitTime", title("lockWaitTime"))
            .order(304).category("locks").build();
    /** What the session waits on (PostgreSQL {@code wait_event_type:wait_event}). */
    public static final Attribute<String> WAIT_EVENT = Attribute.text("waitEvent", title("waitEvent"))
            .order(310).category("locks").build();
    /** The server's words for what the statement does now (MySQL and MariaDB {@code STATE}). */
    public static final Attribute<String> STAGE = Attribute.text("stage", title("stage"))
            .order(320).category("statement").build();
    /** The statement's id: MariaDB {@code QUERY_ID} (one execution), PostgreSQL {@code query_id} (the normalised text). */
    public static final Attribute<Long> QUERY_ID = Attribute.count("queryId", title("queryId"))
            .order(330).category("statement").build();
    /** Memory the session uses (MariaDB {@code MEMORY_USED}). */
    public static final Attribute<Long> MEMORY = Attribute.bytes("memory", title("memory"))
            .order(400).category("resources").build();
    /** Rows the statement has examined (MariaDB {@code EXAMINED_ROWS}). */
    public static final Attribute<Long> ROWS_EXAMINED = Attribute.count("rowsExamined", title("rowsExamined"))
            .order(410).category("resources").build();
    /** Progress of a long statement in percent (MariaDB {@code PROGRESS}). */
    public static final Attribute<Double> PROGRESS = Attribute.percent("progress", title("progress"))
            .order(420).category("resources").build();
    /** The client program (PostgreSQL {@code application_name}). */
    public static final Attribute<String> PROGRAM = Attribute.text("program", title("program"))
            .order(500).category("client").exportKey("programName").build();
    /** When the session connected (PostgreSQL {@code backend_start}). */
    public static final Attribute<Instant> SESSION_START = Attribute.instant("sessionStart", title("sessionStart"))
            .order(510).category("client").build();
    /** The open transaction's state (OceanBase {@code TRANS_STATE}). */
    public static final Attribute<String> TRANSACTION_STATE = Attribute.text("transaction", title("transaction"))
            .order(600).category("transaction").exportKey("transactionState").build();
    /** When the open transaction began (PostgreSQL {@code xact_start}). */
    public static final Attribute<Instant> TRANSACTION_START = Attribute.instant("transactionStart", title("transactionStart"))
            .order(610).category("transaction").build();
    /**
     * The number people call a session by within its database, beside its id (1C's session number
     * per infobase); the session-id search finds a session by it too.
     */
    public static final Attribute<Long> SESSION_NUMBER = Attribute.count("sessionNumber", title("sessionNumber"))
            .shown().order(11).build();
    /**
     * The id of the session's database where the data source has one besides its name (1C's infobase
     * UUID); the Database Name search finds a session by it too.
     */
    public static final Attribute<String> DATABASE_ID = Attribute.text("databaseId", title("databaseId"))
            .order(61).category("details").build();

    /**
     * The leader of a parallel worker (PostgreSQL {@code leader_pid}): rows of one leader are kept
     * together in the table under any sort.
     */
    public static final Attribute<String> LEADER_ID = Attribute.text("leaderId", title("leaderId"))
            .order(700).category("details").build();
}
