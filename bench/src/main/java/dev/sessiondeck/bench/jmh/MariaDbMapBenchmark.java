package dev.sessiondeck.bench.jmh;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessiondeck.bench.generated.GeneratedSessions;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.SqlErrors;
import dev.sessiondeck.core.source.mariadb.MariaDbSessionSource;
import dev.sessiondeck.core.source.mysql.MySqlProtocol;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Mapping a result set: the MariaDB adapter's {@code map} over the 15 columns of
 * {@link MariaDbSessionSource#LIST_SESSIONS}, for 16,000 rows held in memory (one listing of the
 * largest server of section 1), so that neither network nor driver decoding is in the figure.
 *
 * <p>Why reflection: {@code map} is the adapter's protected step and an adapter is only built around
 * an open connection pool; rather than widen core's API for a benchmark, the benchmark reaches the
 * method through a private lookup and builds the source around a pool that never connects.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MariaDbMapBenchmark {

    static final int ROWS = 16_000;

    private static final MethodHandle MAP;
    private static final MethodHandle NEW_POOL;

    static {
        try {
            MAP = MethodHandles.privateLookupIn(MariaDbSessionSource.class, MethodHandles.lookup())
                    .findVirtual(MariaDbSessionSource.class, "map", MethodType.methodType(Session.class, ResultSet.class));
            NEW_POOL = MethodHandles.privateLookupIn(ConnectionPool.class, MethodHandles.lookup())
                    .findConstructor(ConnectionPool.class, MethodType.methodType(void.class,
                            HikariDataSource.class, SqlErrors.class, int.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private HikariDataSource unopened;
    private MariaDbSessionSource source;
    private ArrayResultSet rows;

    @Setup
    public void setUp() throws Throwable {
        unopened = new HikariDataSource();
        ConnectionPool pool = (ConnectionPool) NEW_POOL.invoke(unopened, MySqlProtocol.INSTANCE.errors(), 10, "bench");
        source = new MariaDbSessionSource("bench", ServerInfo.detectMySqlFamily("11.4.5-MariaDB", null, false), pool);
        rows = new ArrayResultSet(GeneratedSessions.generate("bench", ROWS, 0).stream().map(MariaDbMapBenchmark::row)
                .toArray(Object[][]::new));
    }

    /** The row information_schema.PROCESSLIST would give for the session, typed as Connector/J returns it. */
    private static Object[] row(Session s) {
        return new Object[] {
            s.key().numericId(), s.user().orElse(null), s.source().orElse(null), s.database().orElse(null),
            s.command().orElse(null), (long) s.executionSeconds(), s.attribute(StandardAttributes.STAGE).orElse(null),
            s.sql().orElse(null), BigDecimal.valueOf(s.executionTime().orElseThrow().toNanos(), 6), 0, 0, 0.0,
            s.attribute(StandardAttributes.MEMORY).orElse(0L), s.attribute(StandardAttributes.ROWS_EXAMINED).orElse(0L),
            s.attribute(StandardAttributes.QUERY_ID).orElse(0L),
        };
    }

    @TearDown
    public void tearDown() {
        unopened.close();
    }

    @Benchmark
    public List<Session> mapListing() throws Throwable {
        rows.beforeFirst();
        List<Session> out = new ArrayList<>(ROWS);
        while (rows.next()) {
            out.add((Session) MAP.invokeExact(source, (ResultSet) rows));
        }
        return out;
    }
}
