package dev.sessiondeck.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sessiondeck.app.support.ValueText;
import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.Exports;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.StandardAttributes;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Renders a {@link BlockingTree} for the command line: an indented tree for people, JSON for programs. */
final class BlockingFormats {

    /** The output formats of {@code blocking --format}. */
    enum Format { TREE, JSON }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String NL = System.lineSeparator();

    private BlockingFormats() {
    }

    static String render(Format format, BlockingTree tree, Snapshot snapshot) {
        return format == Format.JSON ? json(tree) : tree(tree, snapshot);
    }

    /**
     * Each root blocker on a line of its own (id, user, status, how many it holds up, SQL), the
     * sessions waiting for it under it, indented by how deep they wait (id, user, how long, the lock,
     * SQL); then a summary line. "no session waits" when nobody does.
     */
    static String tree(BlockingTree tree, Snapshot snapshot) {
        if (tree.isEmpty()) {
            return "no session waits" + NL;
        }
        StringBuilder out = new StringBuilder();
        for (BlockingTree.Node root : tree.roots()) {
            line(out, root, 0);
        }
        int roots = tree.roots().size();
        int waiting = tree.waiterCount();
        out.append(roots).append(roots == 1 ? " root blocker holds up " : " root blockers hold up ")
                .append(waiting).append(waiting == 1 ? " session" : " sessions")
                .append("; fetched from ").append(snapshot.dataSource()).append(" in ")
                .append(snapshot.latency().toMillis()).append(" ms").append(NL);
        return out.toString();
    }

    private static void line(StringBuilder out, BlockingTree.Node n, int depth) {
        List<String> parts = new ArrayList<>();
        parts.add(n.id());
        Optional<Session> s = n.session();
        if (s.isEmpty()) {
            parts.add("(not listed: the user may not see this session)");
        } else {
            s.get().user().ifPresent(parts::add);
            if (depth == 0) {
                String status = s.get().state().label();
                parts.add(status.isEmpty() ? s.get().command().orElse("") : status);
            } else {
                parts.add(n.waiting().map(d -> "waits " + ValueText.of(StandardAttributes.LOCK_WAIT_TIME, d) + " s")
                        .orElse("waits"));
                waitsFor(s.get()).ifPresent(parts::add);
            }
        }
        if (n.heldUp() > 0) {
            parts.add("holds up " + n.heldUp());
        }
        if (n.inCycle()) {
            parts.add("(waits in a circle: a deadlock)");
        }
        s.flatMap(Session::sql).map(SessionFormats::preview).ifPresent(parts::add);
        out.append(depth == 0 ? "" : "  ".repeat(depth - 1) + "└ ");
        out.append(String.join("  ", parts.stream().filter(p -> !p.isEmpty()).toList())).append(NL);
        for (BlockingTree.Node w : n.waiters()) {
            line(out, w, depth + 1);
        }
    }

    /** The lock waited for in the server's terms; where the source names none, what the session waits on. */
    private static Optional<String> waitsFor(Session s) {
        return StandardAttributes.LOCK_WAITED.in(s).or(() -> StandardAttributes.WAIT_EVENT.in(s));
    }

    /**
     * One object per session in the tree, each once, in the tree's order (a root, then those waiting
     * for it, depth first): {@code dataSource}, {@code id} (a number where the id is one),
     * {@code user}, {@code state}, {@code sql}, {@code blockedBy} (always a list), {@code waitSeconds}
     * (a number, null where the source does not say), {@code lock} (null where it does not say),
     * {@code holdsUp} (how many wait for it, directly or not), {@code root}, {@code inCycle} and
     * {@code listed} (false for a blocker the user may not see; its other values are null).
     */
    static String json(BlockingTree tree) {
        List<Map<String, Object>> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (BlockingTree.Node root : tree.roots()) {
            collect(root, true, seen, all);
        }
        try {
            return JSON.writeValueAsString(all) + NL;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static void collect(BlockingTree.Node n, boolean root, Set<String> seen, List<Map<String, Object>> out) {
        if (seen.add(n.dataSource() + "\u0000" + n.id())) {
            out.add(fields(n, root));
        }
        for (BlockingTree.Node w : n.waiters()) {
            collect(w, false, seen, out);
        }
    }

    private static Map<String, Object> fields(BlockingTree.Node n, boolean root) {
        Optional<Session> s = n.session();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataSource", n.dataSource());
        m.put("id", Exports.value(StandardAttributes.ID, (Object) n.id()));
        m.put("user", s.flatMap(Session::user).orElse(null));
        m.put("state", s.map(x -> x.state().name()).orElse(null));
        m.put("sql", s.flatMap(Session::sql).orElse(null));
        m.put("blockedBy", s.map(x -> Exports.value(StandardAttributes.BLOCKED_BY, (Object) x.blockingIds())).orElse(List.of()));
        m.put("waitSeconds", n.waiting().map(BlockingFormats::seconds).orElse(null));
        m.put("lock", s.flatMap(StandardAttributes.LOCK_WAITED::in).orElse(null));
        m.put("holdsUp", n.heldUp());
        m.put("root", root);
        m.put("inCycle", n.inCycle());
        m.put("listed", s.isPresent());
        return m;
    }

    /** Seconds, exact to what the source gave (milliseconds or finer). */
    static BigDecimal seconds(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
