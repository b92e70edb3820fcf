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
 */
public record ExecutionPlan(List<Step> steps, String text, String format, boolean running, Optional<Text> note,
                            Optional<Text> unavailable) {

    /**
     * One step of a plan.
     *
     * @param depth     0 for the top, one more for each level below it
     * @param operation what the step does ("Seq Scan", "ALL", "TABLE FULL SCAN", "Nested loop inner join")
     * @param object    the table or index it works on; empty when none
     * @param rows      the rows the server expects (or has counted so far); empty when it does not say
     * @param cost      the server's cost figure, in its own unit; empty when it does not say
     * @param detail    the rest the server says of it (conditions, access type, key); empty when nothing
     */
    public record Step(int depth, String operation, String object, Optional<Double> rows, Optional<Double> cost,
                       String detail) {
        public Step {
            Objects.requireNonNull(operation, "operation");
            object = object == null ? "" : object;
            rows = rows == null ? Optional.empty() : rows;
            cost = cost == null ? Optional.empty() : cost;
            detail = detail == null ? "" : detail;
        }
    }

    public ExecutionPlan {
        steps = List.copyOf(steps);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        note = note == null ? Optional.empty() : note;
        unavailable = unavailable == null ? Optional.empty() : unavailable;
    }

    /** No plan to show, and why: "the session is idle", "only SELECT can be explained", "needs PROCESS". */
    public static ExecutionPlan unavailable(Text reason) {
        return new ExecutionPlan(List.of(), "", "text", false, Optional.empty(), Optional.of(reason));
    }

    /** True when there is a plan to show. */
    public boolean available() {
        return unavailable.isEmpty();
    }
}
