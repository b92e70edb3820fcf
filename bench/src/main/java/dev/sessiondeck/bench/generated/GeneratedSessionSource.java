package dev.sessiondeck.bench.generated;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A data source of our own that lists {@link GeneratedSessions} instead of asking a server: the
 * window benchmarks measure the application, not a database. Each {@link #snapshot()} is the next
 * generation, built anew (as a real adapter builds every session from its result set) or, for
 * micro-benchmarks that must time only the consumer, taken from a few prepared ones in turn.
 */
public final class GeneratedSessionSource implements SessionSource {

    private static final List<Attribute<?>> ATTRIBUTES = List.of(StandardAttributes.STAGE, StandardAttributes.QUERY_ID,
            StandardAttributes.MEMORY, StandardAttributes.ROWS_EXAMINED);

    private final String name;
    private final int count;
    private final List<Snapshot> prepared;
    private int generation;

    private GeneratedSessionSource(String name, int count, List<Snapshot> prepared) {
        this.name = name;
        this.count = count;
        this.prepared = prepared;
    }

    /** Builds {@code count} new sessions on every snapshot. */
    public static GeneratedSessionSource fresh(String name, int count) {
        return new GeneratedSessionSource(name, count, List.of());
    }

    /** Cycles through {@code generations} snapshots of {@code count} sessions, built once here. */
    public static GeneratedSessionSource prepared(String name, int count, int generations) {
        List<Snapshot> snapshots = new java.util.ArrayList<>();
        for (int g = 0; g < generations; g++) {
            snapshots.add(new Snapshot(name, GeneratedSessions.generate(name, count, g), Instant.now(), Duration.ZERO));
        }
        return new GeneratedSessionSource(name, count, List.copyOf(snapshots));
    }

    @Override
    public String describe() {
        return "generated sessions";
    }

    /** What a MariaDB source declares: the generated sessions fill the same values. */
    @Override
    public List<Attribute<?>> attributes() {
        return ATTRIBUTES;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized Snapshot snapshot() {
        int g = generation++;
        if (!prepared.isEmpty()) {
            return prepared.get(g % prepared.size());
        }
        long start = System.nanoTime();
        return new Snapshot(name, GeneratedSessions.generate(name, count, g), Instant.now(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public KillResult kill(SessionKey key, KillMode mode) throws SourceException {
        throw new SourceException(SourceException.Kind.UNSUPPORTED, "generated sessions cannot be killed");
    }

    @Override
    public void close() {
        // nothing to release
    }
}
