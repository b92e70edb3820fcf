package dev.sessiondeck.bench.jmh;

import dev.sessiondeck.bench.report.Report;
import java.util.Collection;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Section 2 of docs/benchmarks.md: the core micro-benchmarks, run by JMH in a forked JVM, in
 * sample-time mode so that every figure has a minimum, a median and a maximum (milliseconds per
 * operation).
 */
public final class JmhBenchmarks {

    /** Targets in milliseconds per operation, by benchmark method; absent: no target, reported only. */
    private static final Map<String, Double> TARGETS = Map.of("evaluate", 5.0, "applyNextSnapshot", 5.0);

    private JmhBenchmarks() {
    }

    public static void run(Report report, boolean quick) throws Exception {
        Options options = new OptionsBuilder()
                .include(MariaDbMapBenchmark.class.getSimpleName())
                .include(SessionFilterBenchmark.class.getSimpleName())
                .include(SnapshotDiffBenchmark.class.getSimpleName())
                .forks(1)
                .jvmArgsAppend("-Xmx2g", Report.LOGBACK)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 3))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        report.line("## 2. Core micro-benchmarks (JMH %s, 1 fork, sample time)", org.openjdk.jmh.util.Version.getPlainVersion());
        report.line("");
        report.line("| benchmark | ms per operation (min / median / max) | samples | target | |");
        report.line("|---|---:|---:|---|---|");
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            String klass = r.getParams().getBenchmark().replaceAll("^.*\\.(\\w+)\\.\\w+$", "$1");
            String params = r.getParams().getParamsKeys().stream()
                    .map(k -> k + "=" + r.getParams().getParam(k)).reduce((a, b) -> a + ", " + b).map(p -> " (" + p + ")")
                    .orElse("");
            Statistics st = r.getPrimaryResult().getStatistics();
            Double target = TARGETS.get(method);
            report.line("| %s.%s%s | %.3f / %.3f / %.3f | %d | %s | %s |", klass, method, params, st.getMin(),
                    st.getPercentile(50), st.getMax(), st.getN(), target == null ? "none" : "median < " + target + " ms",
                    target == null ? "" : Report.verdict(st.getPercentile(50) < target));
        }
        report.line("");
    }
}
