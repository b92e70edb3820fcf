package dev.sessiondeck.bench.jmh;

import dev.sessiondeck.bench.generated.GeneratedSessions;
import dev.sessiondeck.core.filter.SessionFilter;
import dev.sessiondeck.core.model.Session;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One full evaluation of a {@link SessionFilter} over 100,000 sessions (target: under 5 ms). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SessionFilterBenchmark {

    static final int SESSIONS = 100_000;

    /** Which filter: a user substring, active only, or user + database + active together. */
    @Param({"user", "activeOnly", "combined"})
    public String filter;

    private List<Session> sessions;
    private SessionFilter chosen;

    @Setup
    public void setUp() {
        sessions = GeneratedSessions.generate("bench", SESSIONS, 0);
        chosen = switch (filter) {
            case "user" -> SessionFilter.ALL.withUser("ORDERS");
            case "activeOnly" -> SessionFilter.ALL.withActiveOnly(true);
            case "combined" -> SessionFilter.ALL.withUser("svc").withDatabase("shop").withActiveOnly(true);
            default -> throw new IllegalArgumentException(filter);
        };
    }

    /** How many sessions pass: {@link SessionFilter#testAll}, the evaluation over many sessions. */
    @Benchmark
    public int evaluate() {
        return chosen.testAll(sessions).cardinality();
    }

    /**
     * The same with {@link SessionFilter#test(Session)} called for each session in turn; no target,
     * it shows what {@code testAll} saves (docs/benchmarks.md).
     */
    @Benchmark
    public int evaluateOneByOne() {
        int passed = 0;
        for (Session s : sessions) {
            if (chosen.test(s)) {
                passed++;
            }
        }
        return passed;
    }
}
