package dev.sessiondeck.bench.window;

import dev.sessiondeck.bench.report.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ServerWindowProbe} in a child JVM ({@link ChildJvm}), asked one command at a time.
 */
public final class CommandChild implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private double[] lastCpu = new double[2];

    private CommandChild(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts the probe for a server of {@code type} on 127.0.0.1 as {@code user}, {@code database} or null. */
    public static CommandChild start(Path workDir, String type, String user, String database) throws IOException {
        return start(workDir, List.of(), type, user, database);
    }

    /** {@link #start(Path, String, String, String)} with these JVM options besides the heap's (an AppCDS archive). */
    public static CommandChild start(Path workDir, List<String> jvmArgs, String type, String user, String database)
            throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("-Xmx2g"));
        args.addAll(jvmArgs);
        Process p = ChildJvm.start(workDir, args, ServerWindowProbe.class.getName(), type, "127.0.0.1", user,
                database == null ? "" : database);
        CommandChild c = new CommandChild(p);
        c.await("READY");
        return c;
    }

    /** The child's process id, for reading its CPU time. */
    public long pid() {
        return process.pid();
    }

    /**
     * Sends {@code command} and returns the child's answer.
     *
     * @throws IllegalStateException when the child answers ERROR or ends
     */
    public String ask(String command) throws IOException {
        in.println(command);
        return await(null);
    }

    /**
     * The wall time of a {@code refresh} command, in milliseconds (the number after {@code MS}); the
     * CPU times it reported are then {@link #lastCpu()}.
     */
    public double refreshMillis(String view, int snapshots) throws IOException {
        String[] answer = ask("refresh " + view + " " + snapshots).split(" ");
        lastCpu = new double[] {Double.parseDouble(answer[3]), Double.parseDouble(answer[5])};
        return Double.parseDouble(answer[1]);
    }

    /**
     * The CPU time, in milliseconds, of the child's JavaFX thread ([0]) and of its refresh workers
     * ([1]) during the last {@link #refreshMillis} refresh.
     */
    public double[] lastCpu() {
        return lastCpu.clone();
    }

    private String await(String expected) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ERROR")) {
                throw new IllegalStateException("the probe: " + line);
            }
            if (expected == null || line.startsWith(expected)) {
                return line;
            }
            Report.progress("probe: %s", line);
        }
        throw new IllegalStateException("the probe ended");
    }

    @Override
    public void close() throws InterruptedException {
        in.println("exit");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
