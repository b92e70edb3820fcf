package dev.sessiondeck.core.source;

import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.testing.EmbeddedPostgres;
import dev.sessiondeck.core.testing.Victim;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault scenarios of {@link FaultSuiteIT} against a real PostgreSQL server (each bound is the
 * connect or query timeout's, not pgjdbc's old backstop of the query timeout plus 10 s), and what is
 * PostgreSQL's own: that a spec cannot carry the driver properties that load classes or write files;
 * that a kill after {@code pg_signal_backend} or {@code pg_read_all_stats} was revoked names that role
 * instead of calling the session ended; and that the limited view names {@code pg_read_all_stats}.
 */
class PostgresFaultIT extends FaultSuiteIT {

    @RegisterExtension
    static final EmbeddedPostgres PG = EmbeddedPostgres.fromClassPath();

    @Override
    String type() {
        return "postgresql";
    }

    @Override
    int port() {
        return PG.port();
    }

    @Override
    Connection connectAsSuperuser() throws SQLException {
        return PG.connectSuper();
    }

    @Override
    ConnectionSpec spec(String name, String account, String password) {
        return PG.spec(name, account, password);
    }

    @Override
    ConnectionSpec adminSpec() {
        return PG.adminSpec();
    }

    @Override
    ConnectionSpec plainSpec() {
        return PG.plainSpec();
    }

    @Override
    String jdbcUrl(String query) {
        return "jdbc:postgresql://127.0.0.1:" + PG.port() + "/" + EmbeddedPostgres.DATABASE + "?" + query;
    }

    @Override
    String listing() {
        return "FROM pg_stat_activity a";
    }

    @Override
    String sleep() {
        return "SELECT pg_sleep(60)";
    }

    @Override
    Victim startAsPlain(String sql) throws SQLException {
        return Victim.start(PG, EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD, sql);
    }

    @Override
    String createAccountSql(String account, String password) {
        return "CREATE ROLE " + account + " LOGIN PASSWORD '" + password + "'";
    }

    /** {@code privileges} are roles: the account becomes their member. */
    @Override
    String grantSql(String privileges, String account) {
        return "GRANT " + privileges + " TO " + account;
    }

    @Override
    String revokeSql(String privileges, String account) {
        return "REVOKE " + privileges + " FROM " + account;
    }

    @Override
    String dropAccountSql(String account) {
        return "DROP ROLE IF EXISTS " + account;
    }

    @Override
    String terminateSql(long id) {
        return "SELECT pg_terminate_backend(" + id + ")";
    }

    @Override
    String countSessionsOfAccountSql() {
        return "SELECT COUNT(*) FROM pg_stat_activity WHERE usename = ?";
    }

    @Override
    String countSessionsWithIdSql() {
        return "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?";
    }

    /** The watcher lists every session, without their details. */
    @Override
    String watcherPrivileges() {
        return "";
    }

    @Override
    String viewPrivilege() {
        return "pg_read_all_stats";
    }

    @Override
    Stream<String> firstStatementsAfterLogin() {
        return Stream.of(
                // pgjdbc's first statement after authentication: SET application_name
                "application_name",
                // SessionDeck's first question: what the server is (PostgresProtocol.DETECT)
                "server_version_num");
    }

    @Override
    Set<Kind> kindsOfAStallAfterLogin() {
        return EnumSet.of(Kind.UNREACHABLE, Kind.TIMEOUT);
    }

    /** Properties that make pgjdbc load a class named in the spec, or write a log file. */
    @Override
    Stream<String> refusedDriverProperties() {
        return Stream.of("socketFactory", "socketFactoryArg", "sslfactory", "sslhostnameverifier",
                "authenticationPluginClassName", "loggerFile", "loggerLevel");
    }

    /**
     * A role that could see and signal every session, until it lost the right to signal them, or the
     * right to see them: each kill names the role it lacks.
     */
    @Override
    Stream<Revocation> revocationsWhileListing() {
        String both = "pg_read_all_stats, pg_signal_backend";
        return Stream.of(
                new Revocation(both, "pg_signal_backend", "pg_signal_backend"),
                new Revocation(both, "pg_read_all_stats", "pg_read_all_stats"));
    }
}
