package dev.sessiondeck.app.session;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Rows that belong together stay together in the table whatever the user sorts by: the rows of one
 * OceanBase session id on several OBServers (keyed by id and OBServer, the active row first), and a
 * PostgreSQL parallel leader with its workers ({@code leader_pid}).
 *
 * <p>How: each row knows its group's head (the leader, else the active row; see {@link #assign}),
 * found once per snapshot in one pass. The table's sort then compares heads, not rows, and breaks
 * ties by group; inside a group the head comes first, then active rows, then by OBServer and id.
 * A single row is its own head, so for ordinary sessions the order is the user's sort with the id as
 * the last key. Cost: one hash map per refresh and O(1) per comparison, fine for 10,000 rows.
 */
final class SessionGroups {

    private SessionGroups() {
    }

    /** What rows of one group share: the data source and the leader's (or the session's own) id. */
    private record GroupKey(String dataSource, String id) {
    }

    /** The leader's id, or the session's own. */
    private static String groupId(Session s) {
        String leader = (String) s.attributes().get(StandardAttributes.LEADER_ID);
        return leader != null ? leader : s.id();
    }

    private static GroupKey key(Session s) {
        return new GroupKey(s.key().dataSource(), groupId(s));
    }

    /** Lower comes first: the leader before its workers, then active before idle. */
    private static int rank(Session s) {
        Object leader = s.attributes().get(StandardAttributes.LEADER_ID);
        boolean worker = leader != null && !leader.equals(s.id());
        return (worker ? 2 : 0) + (s.isActive() ? 0 : 1);
    }

    /** Ids in order: numbers as numbers (shorter digit strings first), the rest as text. */
    static int compareIds(String a, String b) {
        boolean na = digits(a);
        boolean nb = digits(b);
        if (na && nb) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        return na != nb ? (na ? -1 : 1) : a.compareTo(b);
    }

    /** Whether {@code s} is only ASCII digits (a loop: this runs for every comparison of a sort). */
    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Gives every row its group's head.
     *
     * @param changed the rows whose values changed in this snapshot
     * @return the rows whose head changed or whose head's values changed, so that the sorted list
     *         places them again
     */
    static List<SessionRow> assign(List<SessionRow> rows, Predicate<SessionRow> changed) {
        Map<GroupKey, SessionRow> heads = new HashMap<>(rows.size() * 2);
        for (SessionRow r : rows) {
            heads.merge(key(r.getSession()), r, (a, b) -> rank(b.getSession()) < rank(a.getSession()) ? b : a);
        }
        List<SessionRow> moved = new ArrayList<>();
        for (SessionRow r : rows) {
            SessionRow head = heads.get(key(r.getSession()));
            if (r.groupHead() != head) {
                r.setGroupHead(head);
                moved.add(r);
            } else if (head != r && changed.test(head)) {
                moved.add(r);
            }
        }
        return moved;
    }

    /**
     * The table's order with groups kept together: {@code byUser} (the columns the user sorts by,
     * or null for none) applied to the group heads, then the group, then the place in the group.
     */
    static Comparator<SessionRow> comparator(Comparator<SessionRow> byUser) {
        return new Order(byUser);
    }

    /**
     * True when {@code order} is {@link #comparator} with no column of the user's: then, with no rows
     * in groups, it orders rows by their data source and id alone, which a refresh never changes.
     */
    static boolean byKeyOnly(Comparator<?> order) {
        return order instanceof Order o && o.byUser == null;
    }

    /** The table's order: {@link #comparator}. */
    private record Order(Comparator<SessionRow> byUser) implements Comparator<SessionRow> {
        @Override
        public int compare(SessionRow a, SessionRow b) {
            if (a == b) {
                return 0;
            }
            SessionRow ha = a.groupHead();
            SessionRow hb = b.groupHead();
            if (ha != hb) {
                int c = byUser == null ? 0 : byUser.compare(ha, hb);
                return c != 0 ? c : GROUP_ORDER.compare(ha.getSession(), hb.getSession());
            }
            if (a == ha || b == hb) {
                return a == ha ? -1 : 1;
            }
            return MEMBER_ORDER.compare(a.getSession(), b.getSession());
        }
    }

    private static final Comparator<Session> GROUP_ORDER = Comparator.comparing((Session s) -> s.key().dataSource())
            .thenComparing(SessionGroups::groupId, SessionGroups::compareIds);
    private static final Comparator<Session> MEMBER_ORDER = Comparator.comparingInt(SessionGroups::rank)
            .thenComparing(s -> s.key().server())
            .thenComparing(Session::id, SessionGroups::compareIds);
}
