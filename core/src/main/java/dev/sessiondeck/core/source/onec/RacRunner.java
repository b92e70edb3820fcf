package dev.sessiondeck.core.source.onec;

import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs 1C's administration client {@code rac} as a subprocess and returns what it printed: bounded by
 * a timeout, after which the process and every process it started are killed; its output decoded in
 * the character set rac writes on this system ({@link #systemCharset()}); a failure (exit code not 0)
 * turned into a {@link SourceException} by {@link RacErrors}. Thread-safe. The arguments are logged
 * with the values of {@code --cluster-pwd} and {@code --infobase-pwd} hidden (rac has no other way to
 * take a password than its command line).
 */
final class RacRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RacRunner.class);
    /** How long the output of a killed or finished rac may take to drain. */
    private static final long DRAIN_SECONDS = 2;

    /** Reads rac's output streams; daemon threads, so a stuck stream never keeps the JVM alive. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sessiondeck-rac-reader-" + Counter.NEXT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private static final class Counter {
        static final AtomicInteger NEXT = new AtomicInteger();
    }

    private final Path rac;
    private final Duration timeout;
    private final Charset charset;
    private final Map<String, String> environment;

    /**
     * @param rac         the rac executable
     * @param timeout     how long one run may take
     * @param charset     how rac's output is encoded
     * @param environment variables added to rac's environment (tests, a locale); never secrets
     */
    RacRunner(Path rac, Duration timeout, Charset charset, Map<String, String> environment) {
        this.rac = rac;
        this.timeout = timeout;
        this.charset = charset;
        this.environment = Map.copyOf(environment);
    }

    Path executable() {
        return rac;
    }

    /**
     * Runs {@code rac args...} and returns its standard output.
     *
     * @param context what is being done, for the words of a failure ("Cannot list the sessions of X")
     * @throws SourceException {@code TIMEOUT} when rac did not end within the timeout (it is killed
     *                         with its children), {@code UNSUPPORTED} when rac cannot be started, or
     *                         rac's own failure as {@link RacErrors} words it
     */
    String run(Text context, List<String> args) throws SourceException {
        return execute(context, args, in -> decode(readAll(in)), text -> text);
    }

    /** As {@link #run(Text, List)} with words that are the same in every language. */
    String run(String context, List<String> args) throws SourceException {
        return run(Text.verbatim(context), args);
    }

    /**
     * Runs rac, reading its output with {@code reader} on a thread of its own while it runs.
     *
     * @param asText what of the output to show when rac failed without a word on stderr
     */
    private <T> T execute(Text context, List<String> args, java.util.function.Function<InputStream, T> reader,
                          java.util.function.Function<T, String> asText) throws SourceException {
        List<String> command = new ArrayList<>();
        command.add(rac.toString());
        command.addAll(args);
        if (LOG.isDebugEnabled()) {
            // argument by argument: a password may hold spaces
            LOG.debug("rac {}", RacErrors.redact(args));
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SourceException(Kind.UNSUPPORTED, OneCAttributes.text("rac.cannotStart").with(context, rac.toString(),
                    String.valueOf(e.getMessage())), e);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // rac reads nothing from us; a stream that cannot be closed changes nothing
        }
        CompletableFuture<T> out = CompletableFuture.supplyAsync(() -> reader.apply(p.getInputStream()), READERS);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), READERS);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(p);
                throw new SourceException(Kind.TIMEOUT, OneCAttributes.text("rac.timeout").with(context, seconds(timeout)));
            }
            T stdout = out.get(DRAIN_SECONDS, TimeUnit.SECONDS);
            String stderr = decode(err.get(DRAIN_SECONDS, TimeUnit.SECONDS));
            if (p.exitValue() != 0) {
                // rac may repeat an argument in its words (a bad option): hide the passwords it was given
                List<String> secrets = RacErrors.secrets(args);
                String text = stderr.isBlank() ? asText.apply(stdout) : stderr;
                LOG.debug("rac ended with {}: {}", p.exitValue(), RacErrors.redact(RacErrors.hide(text.strip(), secrets)));
                throw RacErrors.translate(context, p.exitValue(), text, secrets);
            }
            return stdout;
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new SourceException(Kind.TIMEOUT, OneCAttributes.text("rac.interrupted").with(context), e);
        } catch (ExecutionException | TimeoutException e) {
            killTree(p);
            throw new SourceException(Kind.TIMEOUT, OneCAttributes.text("rac.outputLate").with(context), e);
        }
    }

    /**
     * Runs {@code rac args...} and returns its output's blocks ({@link RacOutput}), read while rac
     * still writes them: a session list of 10,000 sessions is 20 MB, and reading it after rac ended
     * would add its whole parsing time to rac's.
     *
     * @throws SourceException as {@link #run}
     */
    List<java.util.Map<String, String>> runBlocks(String context, List<String> args) throws SourceException {
        return runBlocks(Text.verbatim(context), args);
    }

    /** As {@link #runBlocks(String, List)} with words the window shows in its language. */
    List<java.util.Map<String, String>> runBlocks(Text context, List<String> args) throws SourceException {
        return execute(context, args, in -> {
            RacOutput.Blocks blocks = new RacOutput.Blocks();
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in, charset), 1 << 16)) {
                String line;
                while ((line = r.readLine()) != null) {
                    blocks.line(line, 0, line.length());
                }
            } catch (IOException e) {
                // what was read stands; the exit code tells whether rac failed
            }
            return blocks.done();
        }, blocks -> blocks.isEmpty() ? "" : "(output)");
    }

    /** Kills the process and every process it started, youngest first. */
    static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** rac's bytes as text, Windows line ends as '\n'. */
    private String decode(byte[] bytes) {
        String text = new String(bytes, charset);
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * The character set rac writes on this system: UTF-8 on Linux and macOS; on Windows the console's
     * OEM code page, which belongs to the system's ANSI code page ({@code native.encoding}): CP866 for
     * Cyrillic (1251), CP850 for Western European (1252), and so on.
     */
    static Charset systemCharset() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("win")) {
            return StandardCharsets.UTF_8;
        }
        return oemFor(System.getProperty("native.encoding", System.getProperty("sun.jnu.encoding", "Cp1252")));
    }

    /** The OEM code page that goes with a Windows ANSI code page. */
    static Charset oemFor(String ansi) {
        String oem = switch (ansi.toLowerCase(Locale.ROOT).replace("windows-", "cp")) {
            case "cp1251" -> "IBM866";
            case "cp1250" -> "IBM852";
            case "cp1253" -> "x-IBM737";
            case "cp1254" -> "IBM857";
            case "cp1257" -> "IBM775";
            default -> "IBM850";
        };
        return Charset.isSupported(oem) ? Charset.forName(oem) : StandardCharsets.UTF_8;
    }
}
