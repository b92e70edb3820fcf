package dev.sessiondeck.core.blocking;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who blocks whom among the sessions of one or more data sources, as a forest: each root blocker (a
 * session that holds up others and waits for nobody) with the sessions waiting for it nested under
 * it, and theirs under them. Built from {@link Session#blockingIds()} ({@link StandardAttributes#BLOCKED_BY}),
 * whose ids name sessions of the same data source. Immutable.
 *
 * <p>A waiter that waits for several sessions stands under each of them. Sessions that wait for one
 * another in a circle and for nobody outside it (a deadlock the server has not broken yet) have no
 * root: the one that has run longest stands as the root, marked {@link Node#inCycle()}. A blocker
 * the listing does not show (another user's session without the privilege to see it) stands as a
 * root with no session ({@link Node#session()} empty), so that its waiters are not lost.
 */
public final class BlockingTree {

    /**
     * One session in the tree.
     *
     * @param dataSource the data source of the session
     * @param id         the session's id
     * @param session    the session as listed; empty for a blocker the listing does not show
     * @param waiters    the sessions waiting for this one, longest-waiting first
     * @param heldUp     how many distinct sessions wait for this one, directly or through others
     * @param inCycle    true when this session waits, directly or not, for one of its own waiters
     */
    public record Node(String dataSource, String id, Optional<Session> session, List<Node> waiters, int heldUp,
                       boolean inCycle) {

        /** How long this session has waited for its lock, where the source says. */
        public Optional<Duration> waiting() {
            return session.flatMap(s -> StandardAttributes.LOCK_WAIT_TIME.in(s));
        }
    }

    private record Ref(String dataSource, String id) {
        static Ref of(Session s) {
            return new Ref(s.key().dataSource(), s.id());
        }
    }

    private final List<Node> roots;
    private final Map<Ref, Integer> heldUpByRoot;

    private BlockingTree(List<Node> roots) {
        this.roots = List.copyOf(roots);
        Map<Ref, Integer> m = new HashMap<>();
        for (Node r : roots) {
            m.put(new Ref(r.dataSource(), r.id()), r.heldUp());
        }
        this.heldUpByRoot = Map.copyOf(m);
    }

    /** The tree of these sessions (of any data sources); sessions that neither wait nor block are left out. */
    public static BlockingTree of(Collection<Session> sessions) {
        Map<Ref, Session> byRef = new LinkedHashMap<>();
        Map<Ref, List<Ref>> waitersOf = new LinkedHashMap<>();
        Set<Ref> waiting = new HashSet<>();
        for (Session s : sessions) {
            byRef.put(Ref.of(s), s);
        }
        for (Session s : sessions) {
            List<String> blockers = s.blockingIds();
            if (blockers.isEmpty()) {
                continue;
            }
            Ref waiter = Ref.of(s);
            waiting.add(waiter);
            for (String id : new java.util.LinkedHashSet<>(blockers)) {
                Ref blocker = new Ref(waiter.dataSource(), id);
                if (!blocker.equals(waiter)) {
                    waitersOf.computeIfAbsent(blocker, k -> new ArrayList<>()).add(waiter);
                }
            }
        }
        if (waitersOf.isEmpty()) {
            return new BlockingTree(List.of());
        }
        List<Ref> rootRefs = new ArrayList<>();
        for (Ref blocker : waitersOf.keySet()) {
            if (!waiting.contains(blocker)) {
                rootRefs.add(blocker);
            }
        }
        // what the roots do not reach waits in a circle: one root for each circle, the longest-running
        Set<Ref> reached = new HashSet<>();
        for (Ref r : rootRefs) {
            reach(r, waitersOf, reached);
        }
        Set<Ref> cycleRoots = new HashSet<>();
        List<Ref> unreached = waitersOf.keySet().stream().filter(r -> !reached.contains(r))
                .sorted(Comparator.comparing((Ref r) -> runTime(byRef.get(r))).reversed()).toList();
        for (Ref r : unreached) {
            if (!reached.contains(r)) {
                cycleRoots.add(r);
                rootRefs.add(r);
                reach(r, waitersOf, reached);
            }
        }
        List<Node> roots = new ArrayList<>();
        for (Ref r : rootRefs) {
            roots.add(node(r, waitersOf, byRef, new HashSet<>(), cycleRoots.contains(r)));
        }
        roots.sort(Comparator.comparingInt(Node::heldUp).reversed()
                .thenComparing(n -> n.dataSource() + "\u0000" + n.id()));
        return new BlockingTree(roots);
    }

    private static void reach(Ref from, Map<Ref, List<Ref>> waitersOf, Set<Ref> reached) {
        List<Ref> stack = new ArrayList<>(List.of(from));
        while (!stack.isEmpty()) {
            Ref r = stack.remove(stack.size() - 1);
            if (reached.add(r)) {
                stack.addAll(waitersOf.getOrDefault(r, List.of()));
            }
        }
    }

    private static Duration runTime(Session s) {
        return s == null ? Duration.ZERO : s.executionTime().orElse(Duration.ZERO);
    }

    /** The node of {@code r}; {@code path} holds the sessions above it, so that a circle stops where it closes. */
    private static Node node(Ref r, Map<Ref, List<Ref>> waitersOf, Map<Ref, Session> byRef, Set<Ref> path, boolean inCycle) {
        path.add(r);
        List<Node> children = new ArrayList<>();
        boolean cycle = inCycle;
        for (Ref w : waitersOf.getOrDefault(r, List.of())) {
            if (path.contains(w)) {
                cycle = true;
                continue;
            }
            children.add(node(w, waitersOf, byRef, path, false));
        }
        path.remove(r);
        children.sort(Comparator.comparing((Node n) -> n.waiting().orElse(Duration.ZERO)).reversed()
                .thenComparing(Node::id));
        Set<Ref> all = new HashSet<>();
        reach(r, waitersOf, all);
        all.remove(r);
        return new Node(r.dataSource(), r.id(), Optional.ofNullable(byRef.get(r)), List.copyOf(children), all.size(), cycle);
    }

    /** The root blockers, the one holding up most sessions first. */
    public List<Node> roots() {
        return roots;
    }

    /** True when nobody waits for anybody. */
    public boolean isEmpty() {
        return roots.isEmpty();
    }

    /** True when {@code session} is a root blocker: it holds up others and waits for nobody (or closes a circle). */
    public boolean isRoot(Session session) {
        return heldUpByRoot.containsKey(Ref.of(session));
    }

    /** How many sessions the root blocker {@code session} holds up; 0 for a session that is no root. */
    public int heldUpBy(Session session) {
        return heldUpByRoot.getOrDefault(Ref.of(session), 0);
    }

    /** How many sessions wait, directly or not, in the whole tree. */
    public int waiterCount() {
        Set<String> seen = new HashSet<>();
        for (Node r : roots) {
            count(r, seen, true);
        }
        return seen.size();
    }

    private static void count(Node n, Set<String> seen, boolean root) {
        if (!root) {
            seen.add(n.dataSource() + "\u0000" + n.id());
        }
        for (Node w : n.waiters()) {
            count(w, seen, false);
        }
    }
}
