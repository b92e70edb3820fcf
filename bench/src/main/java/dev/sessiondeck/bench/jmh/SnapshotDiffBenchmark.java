package dev.sessiondeck.bench.jmh;

import dev.sessiondeck.app.session.SessionsViewModel;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.bench.generated.GeneratedSessionSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The diff of two 10,000-session snapshots by {@code SessionKey} (target: under 5 ms). Core has no
 * diff of its own: the window's view model does it when it applies a snapshot (rows matched by
 * {@code SessionKey.sessionOnly()}, updated in place, ended ones removed, new ones appended), so
 * this times {@link SessionsViewModel#refresh()} with the work run on the calling thread and no
 * table attached. Each refresh applies the other of two snapshots that differ as a listing one
 * second later does (1 % of the sessions replaced, some changing state, every time grown).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SnapshotDiffBenchmark {

    static final int SESSIONS = 10_000;

    private SessionsViewModel viewModel;

    @Setup
    public void setUp() {
        viewModel = new SessionsViewModel(spec -> {
            throw new UnsupportedOperationException("the benchmark opens no data source");
        }, new Background(Runnable::run, Runnable::run));
        viewModel.addDataSource(GeneratedSessionSource.prepared("bench", SESSIONS, 2));
    }

    @Benchmark
    public int applyNextSnapshot() {
        viewModel.refresh();
        return viewModel.totalCountProperty().get();
    }
}
