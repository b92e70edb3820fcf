package dev.sessiondeck.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The benchmark's output: Markdown printed to standard output as it is measured and appended to
 * {@code benchmark-results.md} beside the jar ({@code bench/target/}), for {@code docs/benchmarks.md}.
 * Progress goes to standard error.
 */
public final class Report {

    /** The benchmark's logging, a resource of its own, for child JVMs: app's logback.xml is on the class path too. */
    public static final String LOGBACK = "-Dlogback.configurationFile=bench-logback.xml";

    private final Path file;

    public Report(Path file) {
        this.file = file;
    }

    /** A line of the results. */
    public synchronized void line(String text) {
        System.out.println(text);
        System.out.flush();
        try {
            Files.writeString(file, text + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A formatted line of the results. */
    public void line(String format, Object... args) {
        line(String.format(format, args));
    }

    /** Progress for the person waiting, not part of the results. */
    public static void progress(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }

    /** "met" or "MISSED". */
    public static String verdict(boolean met) {
        return met ? "met" : "**MISSED**";
    }

    public Path file() {
        return file;
    }
}
