package dev.sessiondeck.bench.ratios;

import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.bench.window.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * SessionDeck's AppCDS archive for {@code startup.first-frame}, made as the Linux package makes its
 * own (packaging/README.md): one start up to the first frame records the classes it loads
 * ({@code -XX:DumpLoadedClassList}, as {@code classlist.sh} does), then a static archive is dumped
 * from that list for this benchmark's class path ({@code -Xshare:dump}, as the {@code .deb}'s
 * postinst does). The timed starts then pass {@link #jvmArgs()}. JDK 17 maps the archive only at
 * the class path it was dumped with, which the child JVMs share ({@link ChildJvm}).
 *
 * @param archive   the archive file ({@code .jsa})
 * @param listed    classes in the recorded list
 * @param loaded    classes a check start with the archive loaded (it closes after its first frame)
 * @param fromArchive of those, how many came from the archive
 */
public record StartupArchive(Path archive, int listed, int loaded, int fromArchive) {

    /** The option the timed starts add: the archive, as the package's launcher passes it. */
    public List<String> jvmArgs() {
        return List.of("-XX:SharedArchiveFile=" + archive);
    }

    /**
     * Records the class list from one start of {@code mainClass} with {@code probeArgs} (the timed
     * starts' options), dumps the archive into {@code workDir/startup-cds/} and checks it with one
     * more start under {@code -Xshare:on} (which fails instead of starting without the archive).
     *
     * @throws IllegalStateException when a step fails; its output is in {@code workDir/startup-cds/}
     */
    public static StartupArchive build(Path workDir, List<String> probeArgs, String mainClass) throws Exception {
        Path dir = workDir.resolve("startup-cds");
        Files.createDirectories(dir);
        Path list = dir.resolve("sessiondeck.classlist");
        Path archive = dir.resolve("sessiondeck.jsa");
        Files.deleteIfExists(list);
        Files.deleteIfExists(archive);

        Report.progress("ratios: start-up, recording the class list (as the package's classlist.sh)");
        firstFrame(workDir, concat(probeArgs, "-XX:DumpLoadedClassList=" + list), mainClass);
        int listed = countLines(list, l -> !l.startsWith("#") && !l.startsWith("@"));

        Report.progress("ratios: start-up, dumping the AppCDS archive (as the package's postinst)");
        Path log = dir.resolve("dump.log");
        Process dump = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xshare:dump",
                "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive,
                "-cp", System.getProperty("java.class.path"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!dump.waitFor(5, TimeUnit.MINUTES) || dump.exitValue() != 0 || !Files.isRegularFile(archive)) {
            dump.destroyForcibly();
            throw new IllegalStateException("the AppCDS dump failed, see " + log);
        }

        Path loads = dir.resolve("check-class-load.log");
        Files.deleteIfExists(loads);
        firstFrame(workDir, concat(probeArgs, "-Xshare:on", "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load=info:file=" + loads), mainClass);
        // the whole start: the probe closes the application after its first frame
        List<String> lines = Files.readAllLines(loads, StandardCharsets.UTF_8);
        int fromArchive = (int) lines.stream().filter(l -> l.contains("source: shared objects file")).count();
        return new StartupArchive(archive, listed, lines.size(), fromArchive);
    }

    private static void firstFrame(Path workDir, List<String> jvmArgs, String mainClass) throws Exception {
        Process p = ChildJvm.start(workDir, jvmArgs, mainClass);
        if (ChildJvm.readAll(p, 2).stream().noneMatch(l -> l.startsWith("FIRST_FRAME "))) {
            throw new IllegalStateException(mainClass + " showed no frame with " + jvmArgs);
        }
    }

    private static List<String> concat(List<String> a, String... b) {
        return Stream.concat(a.stream(), Stream.of(b)).toList();
    }

    private static int countLines(Path file, java.util.function.Predicate<String> which) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return (int) lines.filter(which).count();
        }
    }
}
