package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.source.SourceText;
import dev.sessiondeck.core.source.SqlErrors;
import java.sql.SQLException;

/**
 * Words the errors of PostgreSQL by their SQLState (PostgreSQL manual, Appendix A "PostgreSQL
 * Error Codes"). pgjdbc reports no vendor code; the SQLState is all there is.
 */
public final class PostgresErrors implements SqlErrors {

    /** invalid_authorization_specification: no pg_hba.conf entry, or a role that may not log in. */
    public static final String INVALID_AUTHORIZATION = "28000";
    /** invalid_password. */
    public static final String INVALID_PASSWORD = "28P01";
    /** insufficient_privilege, e.g. signalling another role's backend without pg_signal_backend. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** query_canceled: our statement hit its query timeout (pgjdbc cancels it) or was cancelled. */
    public static final String QUERY_CANCELED = "57014";
    /** admin_shutdown: our backend was terminated ({@code pg_terminate_backend}) or the server shuts down. */
    public static final String ADMIN_SHUTDOWN = "57P01";
    /** cannot_connect_now: the server is starting up or in recovery without hot standby. */
    public static final String CANNOT_CONNECT_NOW = "57P03";
    /** invalid_catalog_name: the database named in the connection does not exist. */
    public static final String INVALID_CATALOG_NAME = "3D000";
    /** too_many_connections: max_connections or the role's connection limit is reached. */
    public static final String TOO_MANY_CONNECTIONS = "53300";

    @Override
    public SourceException translate(SQLException e, Text context) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = SqlErrors.firstLine(e.getMessage());
        switch (state) {
            case INVALID_PASSWORD:
            case INVALID_AUTHORIZATION:
                return new SourceException(Kind.AUTHENTICATION, SourceText.of("failure.credentials", context, server), e);
            case INSUFFICIENT_PRIVILEGE:
                return new SourceException(Kind.PRIVILEGE, SourceText.of("failure.privilege", context, server), e);
            case QUERY_CANCELED:
                return new SourceException(Kind.TIMEOUT, SourceText.of("failure.cancelled", context), e);
            case ADMIN_SHUTDOWN:
            case CANNOT_CONNECT_NOW:
                return new SourceException(Kind.UNREACHABLE, SourceText.of("failure.notAccepting", context, server), e);
            case INVALID_CATALOG_NAME:
                return new SourceException(Kind.SERVER_ERROR, SourceText.of("failure.noDatabase", context, server), e);
            case TOO_MANY_CONNECTIONS:
                return new SourceException(Kind.SERVER_ERROR, SourceText.of("failure.tooManyConnections", context, server), e);
            default:
                break;
        }
        return SqlErrors.network(e, context)
                .orElseGet(() -> new SourceException(Kind.SERVER_ERROR, SourceText.of("failure.postgresError", context, server,
                        String.valueOf(e.getSQLState())), e));
    }
}
