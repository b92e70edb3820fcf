package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.source.SourceText;
import dev.sessiondeck.core.source.SqlErrors;
import java.sql.SQLException;

/**
 * Words the errors of MySQL, MariaDB and OceanBase (MySQL mode). Codes from the MySQL "Server Error
 * Message Reference" and MariaDB's "MariaDB Error Codes".
 */
public final class MySqlErrors implements SqlErrors {

    /** ER_ACCESS_DENIED_ERROR, SQLState 28000. */
    public static final int ACCESS_DENIED = 1045;
    /** ER_DBACCESS_DENIED_ERROR: no access to the named database. */
    public static final int DATABASE_ACCESS_DENIED = 1044;
    /** ER_BAD_DB_ERROR: unknown database. */
    public static final int UNKNOWN_DATABASE = 1049;
    /** ER_NO_SUCH_THREAD, "Unknown thread id: %lu". */
    public static final int NO_SUCH_THREAD = 1094;
    /** ER_KILL_DENIED_ERROR, "You are not owner of thread %lu". */
    public static final int KILL_DENIED = 1095;
    /** ER_SPECIFIC_ACCESS_DENIED_ERROR, "you need (at least one of) the %s privilege(s)". */
    public static final int SPECIFIC_ACCESS_DENIED = 1227;
    /** ER_TABLEACCESS_DENIED_ERROR. */
    public static final int TABLE_ACCESS_DENIED = 1142;
    /** ER_QUERY_INTERRUPTED, SQLState 70100: our own statement was killed. */
    public static final int QUERY_INTERRUPTED = 1317;
    /** MariaDB ER_NO_SUCH_QUERY, "Unknown query id: %lld". */
    public static final int NO_SUCH_QUERY = 1957;
    /** MySQL ER_QUERY_TIMEOUT / MariaDB ER_STATEMENT_TIMEOUT: max_execution_time exceeded. */
    public static final int QUERY_TIMEOUT = 3024;
    public static final int STATEMENT_TIMEOUT = 1969;

    @Override
    public SourceException translate(SQLException e, Text context) {
        int code = e.getErrorCode();
        String server = SqlErrors.firstLine(e.getMessage());
        switch (code) {
            case ACCESS_DENIED:
                return new SourceException(Kind.AUTHENTICATION, SourceText.of("failure.credentials", context, server), e);
            case DATABASE_ACCESS_DENIED:
                return new SourceException(Kind.PRIVILEGE, SourceText.of("failure.databaseDenied", context, server), e);
            case NO_SUCH_THREAD:
                return new SourceException(Kind.SESSION_GONE, SourceText.of("failure.noSuchThread", context, server), e);
            case NO_SUCH_QUERY:
                return new SourceException(Kind.SESSION_GONE, SourceText.of("failure.noSuchQuery", context, server), e);
            case KILL_DENIED:
                return new SourceException(Kind.PRIVILEGE, SourceText.of("failure.killDenied", context, server), e);
            case SPECIFIC_ACCESS_DENIED:
            case TABLE_ACCESS_DENIED:
                return new SourceException(Kind.PRIVILEGE, SourceText.of("failure.privilege", context, server), e);
            case QUERY_TIMEOUT:
            case STATEMENT_TIMEOUT:
                return new SourceException(Kind.TIMEOUT, SourceText.of("failure.serverTimeLimit", context), e);
            default:
                break;
        }
        return SqlErrors.network(e, context)
                .orElseGet(() -> new SourceException(Kind.SERVER_ERROR, SourceText.of("failure.mysqlError", context, server,
                        String.valueOf(code), String.valueOf(e.getSQLState())), e));
    }
}
