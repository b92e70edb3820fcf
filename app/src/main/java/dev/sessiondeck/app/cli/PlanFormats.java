package dev.sessiondeck.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.ExecutionPlan.Step;
import dev.sessiondeck.core.model.Text;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders a plan for the command line: the server's own text for people, JSON for programs. */
final class PlanFormats {

    /** The output formats of {@code plan --format}. */
    enum Format { TEXT, JSON }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private PlanFormats() {
    }

    /**
     * A heading naming the session and what kind of plan it is, the note, then the server's text
     * (the steps indented where the server gave no text). Empty when there is no plan: the reason goes
     * to standard error.
     */
    static String text(String id, String where, ExecutionPlan plan) {
        if (!plan.available()) {
            return "";
        }
        StringBuilder b = new StringBuilder("Plan of session ").append(id).append(" on ").append(where).append(": ")
                .append(plan.running() ? "the plan it runs" : "an estimate made now for the same statement").append('\n');
        plan.note().ifPresent(n -> b.append(n.english()).append('\n'));
        b.append('\n');
        if (!plan.text().isBlank()) {
            b.append(plan.text());
            if (!plan.text().endsWith("\n")) {
                b.append('\n');
            }
        } else {
            for (Step s : plan.steps()) {
                b.append("  ".repeat(s.depth())).append(s.operation());
                if (!s.object().isEmpty()) {
                    b.append(" on ").append(s.object());
                }
                s.rows().ifPresent(r -> b.append("  rows=").append(plain(r).toPlainString()));
                s.cost().ifPresent(c -> b.append("  cost=").append(plain(c).toPlainString()));
                if (!s.detail().english().isEmpty()) {
                    b.append("  (").append(s.detail().english()).append(')');
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /**
     * One object: {@code dataSource}, {@code id} (a number where it is one), {@code available},
     * {@code running}, {@code format} of {@code text}, {@code note}, {@code reason} (why there is no
     * plan, else null), {@code steps} (each {@code depth}, {@code operation}, {@code object},
     * {@code rows}, {@code cost}, {@code detail}; numbers exact or null) and {@code text}, the server's own.
     */
    static String json(String dataSource, String id, ExecutionPlan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataSource", dataSource);
        out.put("id", id.matches("\\d{1,18}") ? (Object) Long.parseLong(id) : id);
        out.put("available", plan.available());
        out.put("running", plan.running());
        out.put("format", plan.format());
        out.put("note", plan.note().map(Text::english).orElse(null));
        out.put("reason", plan.unavailable().map(Text::english).orElse(null));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Step s : plan.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("depth", s.depth());
            step.put("operation", s.operation());
            step.put("object", s.object());
            step.put("rows", number(s.rows()));
            step.put("cost", number(s.cost()));
            step.put("detail", s.detail().english());
            steps.add(step);
        }
        out.put("steps", steps);
        out.put("text", plan.text());
        try {
            return JSON.writeValueAsString(out) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static BigDecimal number(Optional<Double> v) {
        return v.map(PlanFormats::plain).orElse(null);
    }

    /** 30.0 as 30, 1.15 as 1.15: the shortest exact decimal of the double. */
    private static BigDecimal plain(double v) {
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
