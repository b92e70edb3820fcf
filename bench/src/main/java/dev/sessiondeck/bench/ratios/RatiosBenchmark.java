package dev.sessiondeck.bench.ratios;

import dev.sessiondeck.app.Launcher;
import dev.sessiondeck.bench.report.Figure;
import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.bench.report.Stats;
import dev.sessiondeck.bench.servers.ServerRatios;
import dev.sessiondeck.bench.window.ChildJvm;
import dev.sessiondeck.bench.window.FirstFrameProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code ratios} part (issue 20): each figure as SessionDeck against a baseline measured in the
 * same run (JavaFX itself, the peers users would use instead, a single source), so that the ratio
 * holds on any machine where the absolute times do not. Prints one Markdown table,
 * {@code | figure | ours | baseline | ratio | target |}, then each figure's spread and what it
 * measured.
 */
public final class RatiosBenchmark {

    /** The options of a start timed to its first frame. */
    private static final List<String> PROBE = List.of("-Djavafx.preloader=" + FirstFrameProbe.class.getName());

    private final Path workDir;
    private final int iterations;
    private final boolean quick;
    private final java.util.Set<Part> parts;
    private StartupArchive archive;

    /** The parts of the run, each giving some of the figures; a run for trying one out can ask for fewer. */
    public enum Part { mariadb, postgres, window, startup }

    public RatiosBenchmark(Path workDir, int iterations, boolean quick, java.util.Set<Part> parts) {
        this.workDir = workDir;
        this.iterations = iterations;
        this.quick = quick;
        this.parts = parts;
    }

    /**
     * The AppCDS archive made as the Linux package makes its own ({@link StartupArchive}), built once
     * per run when a part first needs it: start-up and the refresh's CPU run SessionDeck as it ships.
     */
    private StartupArchive archive() throws Exception {
        if (archive == null) {
            archive = StartupArchive.build(workDir, PROBE, Launcher.class.getName());
        }
        return archive;
    }

    public void run(Report report) throws Exception {
        List<Figure> figures = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        ServerRatios servers = new ServerRatios(workDir, quick ? 20 : iterations, quick, () -> archive().jvmArgs());
        if (parts.contains(Part.mariadb)) {
            collect(figures, failures, "MariaDB figures", () -> servers.mariaDb(report));
        }
        if (parts.contains(Part.postgres)) {
            collect(figures, failures, "PostgreSQL figures", () -> servers.postgres(report));
        }
        if (parts.contains(Part.window)) {
            collect(figures, failures, "window figures", this::window);
        }
        if (parts.contains(Part.startup)) {
            collect(figures, failures, "start-up", () -> List.of(startup()));
        }
        figures.sort(java.util.Comparator.comparingInt(f -> ORDER.indexOf(f.id())));

        report.line("## Ratios: SessionDeck against a baseline in the same run (issue 20)");
        report.line("");
        report.line("| figure | ours | baseline | ratio | target |");
        report.line("|---|---:|---:|---:|---|");
        for (Figure f : figures) {
            report.line(f.row());
        }
        report.line("");
        for (Figure f : figures) {
            report.line(f.spread());
        }
        for (String failure : failures) {
            report.line("- not measured: %s", failure);
        }
        long missed = figures.stream().filter(f -> !f.met()).count();
        report.line("");
        report.line("%d of %d figures meet their target%s.", figures.size() - missed, figures.size(),
                failures.isEmpty() ? "" : "; " + failures.size() + " part(s) could not be measured");
        report.line("");
    }

    /** The order of issue 20's list. */
    private static final List<String> ORDER = List.of("snapshot.mariadb", "snapshot.postgres", "window.apply",
            "window.keystroke", "startup.first-frame", "refresh.cpu", "refresh.mytop", "merged.sources", "merged.dead-source");

    @FunctionalInterface
    private interface Measure {
        List<Figure> run() throws Exception;
    }

    /** Runs a part; a part that fails is reported as not measured, and the others still run. */
    private static void collect(List<Figure> figures, List<String> failures, String what, Measure part) {
        try {
            figures.addAll(part.run());
        } catch (Exception e) {
            Report.progress("%s failed: %s", what, e);
            failures.add(what + ": " + e.getMessage());
        }
    }

    /** {@code window.apply} and {@code window.keystroke} from one child JVM ({@link WindowRatioProbe}). */
    private List<Figure> window() throws Exception {
        Report.progress("ratios: window.apply and window.keystroke");
        Process p = ChildJvm.start(workDir, List.of(), WindowRatioProbe.class.getName(), Integer.toString(quick ? 8 : 40));
        List<Figure> out = new ArrayList<>();
        int columns = 0;
        for (String line : ChildJvm.readAll(p, 15)) {
            if (line.startsWith("COLUMNS ")) {
                columns = Integer.parseInt(line.substring(8).trim());
            }
            if (line.startsWith("PAIRS ")) {
                String[] f = line.split(" ");
                List<Double> ours = new ArrayList<>();
                List<Double> bare = new ArrayList<>();
                List<Double> perPair = new ArrayList<>();
                for (String pair : f[2].split(";")) {
                    String[] v = pair.split(",");
                    ours.add(Double.parseDouble(v[0]));
                    bare.add(Double.parseDouble(v[1]));
                    perPair.add(ours.get(ours.size() - 1) / bare.get(bare.size() - 1));
                }
                String note = f[1].equals("window.apply")
                        ? "a 10,000-session snapshot applied with CSS and layout (1600 x 1000, software rendering) against a bare"
                                + " TableView of the same " + columns + " visible columns given the same sessions with setAll"
                        : "one keystroke of the user column's search over 100,000 sessions with CSS and layout against a bare"
                                + " TableView over a FilteredList whose predicate is a plain contains";
                // the two sides of a pair were timed a moment apart, under the same load
                Stats pairs = Stats.of(perPair);
                note += String.format(Locale.ROOT, "; the ratio of each pair: min / median / max %.2f / %.2f / %.2f",
                        pairs.min(), pairs.median(), pairs.max());
                out.add(new Figure(f[1], Stats.of(ours), Stats.of(bare), "ms", 1.5, note));
            }
        }
        return out;
    }

    /**
     * {@code startup.first-frame}: SessionDeck as it ships (with its AppCDS archive, {@link StartupArchive}),
     * SessionDeck without the archive (a plain {@code java -cp} start, in the note) and a bare JavaFX
     * application with an empty table (the JDK's default CDS archive), started in turn.
     */
    private Figure startup() throws Exception {
        int runs = quick ? 2 : 10;
        String ours = Launcher.class.getName();
        String bare = BareTableLauncher.class.getName();
        StartupArchive cds = archive();
        List<Double> shipped = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Report.progress("ratios: start-up, run %d of %d", i + 1, runs);
            // each of the three first, second and last in turn
            for (int k = 0; k < 3; k++) {
                switch ((i + k) % 3) {
                    case 0 -> shipped.add(firstFrame(ours, cds.jvmArgs()));
                    case 1 -> plain.add(firstFrame(ours, List.of()));
                    default -> baseline.add(firstFrame(bare, List.of()));
                }
            }
        }
        Stats without = Stats.of(plain);
        Stats base = Stats.of(baseline);
        return new Figure("startup.first-frame", Stats.of(shipped), base, "ms", 1.5, String.format(java.util.Locale.ROOT,
                "process start to the first frame (a preloader that watches the first window's first layout pulse), "
                        + "%d starts each, in turn, against a bare JavaFX application showing an empty TableView (the JDK's "
                        + "default CDS archive); ours with an AppCDS archive made as the package makes it (%,d classes listed "
                        + "by one start, %,d of the %,d classes a start loads come from it); without the archive (plain "
                        + "java -cp) ours %s ms, ratio %.2f", runs, cds.listed(), cds.fromArchive(), cds.loaded(),
                without.format(0), without.median() / base.median()));
    }

    /** Milliseconds from spawning {@code mainClass} to its first frame. */
    private double firstFrame(String mainClass, List<String> jvmArgs) throws Exception {
        List<String> args = new ArrayList<>(PROBE);
        args.addAll(jvmArgs);
        long spawned = System.currentTimeMillis();
        Process p = ChildJvm.start(workDir, args, mainClass);
        for (String line : ChildJvm.readAll(p, 2)) {
            if (line.startsWith("FIRST_FRAME ")) {
                return Long.parseLong(line.split(" ")[1]) - spawned;
            }
        }
        throw new IllegalStateException(mainClass + " showed no frame");
    }
}
