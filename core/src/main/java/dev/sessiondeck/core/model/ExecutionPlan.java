package dev.sessiondeck.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan of a session's statement, as the server gives it: the steps as an indented tree, the
 * server's own text (to copy), and whether it is the plan that runs or an estimate made now.
 * Immutable. A session without a plan to show (idle, a statement that cannot be explained, a missing
 * privilege) gives {@link #unavailable(Text)}, with the reason in words.
 *
 * @param steps       the steps in the server's order, each with its depth in the tree; empty when unavailable
 * @param text        the plan as the server printed it (a table, a tree or JSON), for Copy; empty when unavailable
 * @param format      how {@code text} is written: {@code "text"}, {@code "tree"} or {@code "json"}
 * @param running     true for the plan of the statement that runs now (MySQL {@code EXPLAIN FOR CONNECTION},
 *                    MariaDB {@code SHOW EXPLAIN}/{@code SHOW ANALYZE}, OceanBase's active plan); false for a
 *                    plan the server made now for the same text (PostgreSQL {@code EXPLAIN})
 * @param note        what the user should know about it (made now, generic for parameters, counts so far ...)
 * @param unavailable why there is no plan; empty when there is one
 * @param missing     the kind of that reason, for programs (the command line's exit code); present exactly
 *                    when {@code unavailable} is
 */
public record ExecutionPlan(List<Step> steps, String text, String format, boolean running, Optional<Text> note,
                            Optional<Text> unavailable, Optional<Missing> missing) {

    /** Why a session has no plan to show, for programs; the words are in {@link #unavailable()}. */
    public enum Missing {
        /** This kind of data source, or this server's version, shows no plans. */
        NOT_SUPPORTED,
        /** The session runs no statement now. */
        IDLE,
        /** It runs something the server cannot explain (or SessionDeck will not: PostgreSQL's non-SELECTs). */
        NOT_EXPLAINABLE,
        /** The connected user lacks a privilege, which the words name. */
        PRIVILEGE,
        /** The session has ended. */
        SESSION_GONE
    }

    /**
     * One step of a plan.
     *
     * @param depth     0 for the top, one more for each level below it
     * @param operation what the step does ("Seq Scan", "ALL", "TABLE FULL SCAN", "Nested loop inner join")
     * @param object    the table or index it works on; empty when none
     * @param rows      the rows the server expects (or has counted so far); empty when it does not say
     * @param cost      the server's cost figure, in its own unit; empty when it does not say
     * @param detail    the rest the server says of it (conditions, access type, key), in the server's
     *                  words inside ours ("estimated 60 rows"); blank when nothing
     */
    public record Step(int depth, String operation, String object, Optional<Double> rows, Optional<Double> cost,
                       Text detail) {
        public Step {
            Objects.requireNonNull(operation, "operation");
            object = object == null ? "" : object;
            rows = rows == null ? Optional.empty() : rows;
            cost = cost == null ? Optional.empty() : cost;
            detail = detail == null ? Text.verbatim("") : detail;
        }

        /** A step whose detail is all the server's words. */
        public Step(int depth, String operation, String object, Optional<Double> rows, Optional<Double> cost,
                    String detail) {
            this(depth, operation, object, rows, cost, Text.verbatim(detail == null ? "" : detail));
        }
    }

    public ExecutionPlan {
        steps = List.copyOf(steps);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        note = note == null ? Optional.empty() : note;
        unavailable = unavailable == null ? Optional.empty() : unavailable;
        missing = missing == null || unavailable.isEmpty() ? Optional.empty() : missing;
        if (unavailable.isPresent() && missing.isEmpty()) {
            missing = Optional.of(Missing.NOT_SUPPORTED);
        }
    }

    /** A plan, or (with {@code unavailable}) none of the kind {@link Missing#NOT_SUPPORTED}. */
    public ExecutionPlan(List<Step> steps, String text, String format, boolean running, Optional<Text> note,
                         Optional<Text> unavailable) {
        this(steps, text, format, running, note, unavailable, Optional.empty());
    }

    /** The plan the server gave: its steps, its own text in {@code format}, and what to know about it. */
    public static ExecutionPlan of(List<Step> steps, String text, String format, boolean running, Optional<Text> note) {
        return new ExecutionPlan(steps, text, format, running, note, Optional.empty(), Optional.empty());
    }

    /** No plan to show because this kind of data source (or this version) has none, and why in words. */
    public static ExecutionPlan unavailable(Text reason) {
        return unavailable(Missing.NOT_SUPPORTED, reason);
    }

    /** No plan to show, of the kind {@code why}, and why in words: "the session is idle", "needs PROCESS". */
    public static ExecutionPlan unavailable(Missing why, Text reason) {
        return new ExecutionPlan(List.of(), "", "text", false, Optional.empty(), Optional.of(reason), Optional.of(why));
    }

    /** The session runs no statement now ({@link Missing#IDLE}), in the common words. */
    public static ExecutionPlan idle() {
        return unavailable(Missing.IDLE, Text.of(BUNDLE, "plan.idle"));
    }

    /** The session has ended ({@link Missing#SESSION_GONE}), in the common words. */
    public static ExecutionPlan gone() {
        return unavailable(Missing.SESSION_GONE, Text.of(BUNDLE, "plan.gone"));
    }

    private static final String BUNDLE = "dev.sessiondeck.core.model.messages";

    /** True when there is a plan to show. */
    public boolean available() {
        return unavailable.isEmpty();
    }
}
