package dev.sessiondeck.core.history;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recent refreshes of one data source, for the history chart: a ring of {@link HistoryPoint}s
 * over a time window (15 minutes by default). Counts are kept for every refresh in the window (a few
 * dozen bytes each, at most {@link #MAX_POINTS}); the sessions of a refresh are kept while the
 * estimated memory of all kept sessions stays within a budget (48 MiB by default), the oldest
 * refresh giving its sessions up first. A session equal to the one the previous refresh listed under
 * the same key is kept once, shared by both refreshes (an idle session of a connection pool costs
 * one reference per refresh, not one copy).
 *
 * <p>Thread-safe: the window adds on the worker that read the snapshot (1 to 2 ms at 5,000 sessions,
 * kept off the UI thread) and reads on the UI thread; each method holds this object's lock.
 */
public final class SessionHistory {

    /** The most points kept whatever the window: one refresh a second for an hour. */
    public static final int MAX_POINTS = 3_600;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    public static final long DEFAULT_BUDGET_BYTES = 48L << 20;

    /** Estimated bytes of a session beyond its text: its object, key, optionals, attribute values. */
    static final int SESSION_BYTES = 480;
    /** Estimated bytes of one reference in a kept list (8: without compressed references). */
    static final int REFERENCE_BYTES = 8;

    private final Duration window;
    private final long budgetBytes;
    /** Oldest first. */
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long bytes;
    /** The last refresh's sessions by key, to share unchanged ones. */
    private Map<SessionKey, Session> last = Map.of();

    /**
     * A refresh: its counts, its sessions while kept, and the estimated bytes charged to it: its
     * references and every session object it is the oldest kept holder of.
     */
    private static final class Entry {
        final HistoryPoint counts;
        List<Session> sessions;
        long bytes;

        Entry(HistoryPoint counts, List<Session> sessions, long bytes) {
            this.counts = counts;
            this.sessions = sessions;
            this.bytes = bytes;
        }
    }

    public SessionHistory() {
        this(DEFAULT_WINDOW, DEFAULT_BUDGET_BYTES);
    }

    /**
     * @param window      how far back points are kept (older ones go at the next {@link #add})
     * @param budgetBytes how much estimated memory the kept sessions may take; the newest refresh
     *                    keeps its sessions whatever the budget
     */
    public SessionHistory(Duration window, long budgetBytes) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the history window must be positive, not " + window);
        }
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("the memory budget cannot be negative: " + budgetBytes);
        }
        this.window = window;
        this.budgetBytes = budgetBytes;
    }

    /** Records a refresh: its counts, and its sessions within the budget. */
    public synchronized void add(Snapshot snapshot) {
        List<Session> kept = new ArrayList<>(snapshot.sessions().size());
        Map<SessionKey, Session> byKey = new HashMap<>(snapshot.sessions().size() * 2);
        Entry previous = entries.peekLast();
        boolean canShare = previous != null && previous.sessions != null;
        int total = 0;
        int active = 0;
        int blocked = 0;
        Duration longest = null;
        long added = (long) REFERENCE_BYTES * snapshot.sessions().size();
        for (Session s : snapshot.sessions()) {
            Session before = canShare ? last.get(s.key()) : null;
            Session k = before != null && before.equals(s) ? before : s;
            if (k != before) {
                added += estimate(s);
            }
            kept.add(k);
            byKey.put(k.key(), k);
            if (s.background() || s.own()) {
                continue;
            }
            total++;
            if (s.isActive()) {
                active++;
                Optional<Duration> t = s.executionTime();
                if (t.isPresent() && (longest == null || t.get().compareTo(longest) > 0)) {
                    longest = t.get();
                }
            }
            if (!s.blockingIds().isEmpty()) {
                blocked++;
            }
        }
        // idle client sessions a busy listing left out count as sessions, though not kept
        total += snapshot.idleLeftOut();
        last = byKey;
        entries.addLast(new Entry(new HistoryPoint(snapshot.fetchedAt(), total, active, blocked,
                Optional.ofNullable(longest), null), List.copyOf(kept), added));
        bytes += added;
        trim(snapshot);
    }

    private void trim(Snapshot newest) {
        while (entries.size() > MAX_POINTS || entries.peekFirst().counts.at().isBefore(newest.fetchedAt().minus(window))) {
            dropSessions(entries.peekFirst());
            entries.removeFirst();
        }
        // over budget: the oldest refreshes still holding sessions give them up (their counts stay)
        for (Entry e : entries) {
            if (bytes <= budgetBytes || e == entries.peekLast()) {
                break;
            }
            dropSessions(e);
        }
    }

    /**
     * Lets an entry's sessions go. The sessions it shared with the next refresh now have that one as
     * their oldest holder, so that one is charged for all of its sessions.
     */
    private void dropSessions(Entry e) {
        if (e.sessions == null) {
            return;
        }
        bytes -= e.bytes;
        e.sessions = null;
        e.bytes = 0;
        Entry next = null;
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            if (it.next() == e) {
                next = it.hasNext() ? it.next() : null;
                break;
            }
        }
        if (next != null && next.sessions != null) {
            bytes -= next.bytes;
            next.bytes = (long) REFERENCE_BYTES * next.sessions.size()
                    + next.sessions.stream().mapToLong(SessionHistory::estimate).sum();
            bytes += next.bytes;
        }
    }

    /**
     * A rough size of a session that is not shared with the previous refresh: a fixed part and its
     * texts at two bytes a character (an over-estimate for Latin-1 strings, which Java stores in one).
     */
    static long estimate(Session s) {
        return SESSION_BYTES + 2L * s.textLength();
    }

    /** The points in the window, oldest first, each with its sessions while they are kept. */
    public synchronized List<HistoryPoint> points() {
        List<HistoryPoint> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            HistoryPoint c = e.counts;
            out.add(new HistoryPoint(c.at(), c.total(), c.active(), c.blocked(), c.longest(), e.sessions));
        }
        return out;
    }

    /** How many of the points still hold their sessions (the newest ones). */
    public synchronized int pointsWithSessions() {
        return (int) entries.stream().filter(e -> e.sessions != null).count();
    }

    /** The estimated bytes of the kept sessions (within the budget, but for the newest refresh). */
    public synchronized long estimatedBytes() {
        return bytes;
    }

    /** Session objects kept, each once however many refreshes share it: for tests. */
    synchronized int distinctSessions() {
        Map<Session, Boolean> seen = new IdentityHashMap<>();
        entries.forEach(e -> {
            if (e.sessions != null) {
                e.sessions.forEach(s -> seen.put(s, Boolean.TRUE));
            }
        });
        return seen.size();
    }
}
