package dev.sessiondeck.core.filter;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which sessions to show: by session id, by a case-insensitive literal substring of user, source
 * and database name (regex and SQL wildcard characters mean themselves), only active ones, and
 * with or without background threads. Immutable and pure; the window and the command line share it.
 *
 * <br>{@code id}: the exact session id (as the data source words it, case aside) or session number
 * ({@link StandardAttributes#SESSION_NUMBER}, 1C), or empty for any
 * <br>{@code user}: substring of the user, empty for any
 * <br>{@code source}: substring of the source (client host), empty for any
 * <br>{@code database}: substring of the database name, or of the database's id where the source has
 * one ({@link StandardAttributes#DATABASE_ID}: a 1C infobase UUID), empty for any
 * <br>{@code activeOnly}: only sessions that run a statement now
 * <br>{@code showBackground}: include server threads (daemon, replication, PostgreSQL background workers)
 */
public final class SessionFilter implements Predicate<Session> {

    /** Shows every client session, hides background threads. */
    public static final SessionFilter ALL = new SessionFilter(Optional.empty(), "", "", "", false, false);

    private final Optional<String> id;
    private final String user;
    private final String source;
    private final String database;
    private final boolean activeOnly;
    private final boolean showBackground;
    // The needles folded once, so that a keystroke's evaluation over every row allocates nothing.
    private final Needle userNeedle;
    private final Needle sourceNeedle;
    private final Needle databaseNeedle;

    public SessionFilter(Optional<String> id, String user, String source, String database,
                         boolean activeOnly, boolean showBackground) {
        this.id = Objects.requireNonNull(id, "id").map(String::strip).filter(t -> !t.isEmpty());
        this.user = user == null ? "" : user;
        this.source = source == null ? "" : source;
        this.database = database == null ? "" : database;
        this.activeOnly = activeOnly;
        this.showBackground = showBackground;
        this.userNeedle = new Needle(this.user);
        this.sourceNeedle = new Needle(this.source);
        this.databaseNeedle = new Needle(this.database);
    }

    public Optional<String> id() { return id; }
    public String user() { return user; }
    public String source() { return source; }
    public String database() { return database; }
    public boolean activeOnly() { return activeOnly; }
    public boolean showBackground() { return showBackground; }

    public SessionFilter withId(Optional<String> v) { return new SessionFilter(v, user, source, database, activeOnly, showBackground); }
    public SessionFilter withUser(String v) { return new SessionFilter(id, v, source, database, activeOnly, showBackground); }
    public SessionFilter withSource(String v) { return new SessionFilter(id, user, v, database, activeOnly, showBackground); }
    public SessionFilter withDatabase(String v) { return new SessionFilter(id, user, source, v, activeOnly, showBackground); }
    public SessionFilter withActiveOnly(boolean v) { return new SessionFilter(id, user, source, database, v, showBackground); }
    public SessionFilter withShowBackground(boolean v) { return new SessionFilter(id, user, source, database, activeOnly, v); }

    /**
     * Reads a session-id search field: blank is "any"; surrounding white space is ignored. Any text
     * is an id some data source may have (a number, a UUID): one that no session has matches none.
     */
    public static Optional<String> parseId(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    /** True when no condition narrows the list beyond hiding background threads. */
    public boolean isEmpty() {
        return id.isEmpty() && user.isEmpty() && source.isEmpty() && database.isEmpty() && !activeOnly;
    }

    @Override
    public boolean test(Session s) {
        return passesFlags(s) && userNeedle.in(s.user()) && sourceNeedle.in(s.source())
                && databaseMatches(s.database().orElse(null), databaseId(s));
    }

    /** The tests that read no text: the session id, active only, background threads. */
    private boolean passesFlags(Session s) {
        return (id.isEmpty() || idMatches(s.id(), number(s))) && (!activeOnly || s.isActive())
                && (showBackground || !s.background());
    }

    private boolean idMatches(String sessionId, String sessionNumber) {
        return id.get().equalsIgnoreCase(sessionId) || id.get().equals(sessionNumber);
    }

    private boolean databaseMatches(String sessionDatabase, String databaseId) {
        return databaseNeedle.inNullable(sessionDatabase) || databaseId != null && databaseNeedle.inNullable(databaseId);
    }

    /** A session's number as text, {@code null} for none. */
    public static String number(Session s) {
        Object n = s.attributes().get(StandardAttributes.SESSION_NUMBER);
        return n == null ? null : n.toString();
    }

    /** A session's database id, {@code null} for none. */
    public static String databaseId(Session s) {
        return (String) s.attributes().get(StandardAttributes.DATABASE_ID);
    }

    /**
     * The same test as {@link #test(Session)} on a session's values held elsewhere (a table row's
     * plain fields), without reaching into the session: {@code null} for an absent value
     * ({@link #number(Session)}, {@link #databaseId(Session)} give the two the session does not hold itself).
     */
    public boolean test(String sessionId, String sessionNumber, boolean active, boolean background, String sessionUser,
                        String sessionSource, String sessionDatabase, String databaseId) {
        if (id.isPresent() && !idMatches(sessionId, sessionNumber)) {
            return false;
        }
        if (activeOnly && !active) {
            return false;
        }
        if (!showBackground && background) {
            return false;
        }
        return userNeedle.inNullable(sessionUser) && sourceNeedle.inNullable(sessionSource)
                && databaseMatches(sessionDatabase, databaseId);
    }

    /**
     * Tests every session of {@code sessions} as {@link #test(Session)} does: bit {@code i} of the
     * result is set when {@code sessions.get(i)} passes. With a search text this is faster than
     * {@code test} in a loop: for a block of sessions it first reads the texts searched (after the
     * id, active and background tests), then searches them, so that the memory loads of many sessions
     * overlap instead of each one waiting behind the last one's comparisons (a user search over
     * 100,000 sessions: 7.4 to 8 ms in a loop of {@code test}, docs/benchmarks.md).
     */
    public BitSet testAll(List<Session> sessions) {
        int n = sessions.size();
        BitSet passed = new BitSet(n);
        boolean byUser = !user.isEmpty();
        boolean bySource = !source.isEmpty();
        boolean byDatabase = !database.isEmpty();
        if (!byUser && !bySource && !byDatabase) {
            for (int i = 0; i < n; i++) {
                if (test(sessions.get(i))) {
                    passed.set(i);
                }
            }
            return passed;
        }
        int block = Math.min(n, 4096);
        int[] at = new int[block];
        String[] users = new String[block];
        String[] sources = new String[block];
        String[] databases = new String[block];
        String[] databaseIds = new String[block];
        for (int from = 0; from < n; from += block) {
            int to = Math.min(n, from + block);
            int kept = 0;
            for (int i = from; i < to; i++) {
                Session s = sessions.get(i);
                if (!passesFlags(s)) {
                    continue;
                }
                at[kept] = i;
                users[kept] = byUser ? s.user().orElse(null) : null;
                sources[kept] = bySource ? s.source().orElse(null) : null;
                databases[kept] = byDatabase ? s.database().orElse(null) : null;
                databaseIds[kept] = byDatabase ? databaseId(s) : null;
                kept++;
            }
            for (int k = 0; k < kept; k++) {
                if (userNeedle.inNullable(users[k]) && sourceNeedle.inNullable(sources[k])
                        && databaseMatches(databases[k], databaseIds[k])) {
                    passed.set(at[k]);
                }
            }
        }
        return passed;
    }

    /**
     * True when every session this filter lets through, {@code wider} lets through too: the same
     * or no id, active-only and background as strict or stricter, and each search text containing
     * the wider one's (a character typed onto a search). A table can then test again only the
     * rows {@code wider} showed.
     */
    public boolean narrows(SessionFilter wider) {
        return (wider.id.isEmpty() || wider.id.equals(id))
                && (activeOnly || !wider.activeOnly)
                && (!showBackground || wider.showBackground)
                && user.contains(wider.user) && source.contains(wider.source) && database.contains(wider.database);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionFilter f && id.equals(f.id) && user.equals(f.user) && source.equals(f.source)
                && database.equals(f.database) && activeOnly == f.activeOnly && showBackground == f.showBackground;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, user, source, database, activeOnly, showBackground);
    }

    @Override
    public String toString() {
        return "SessionFilter[id=" + id + ", user=" + user + ", source=" + source + ", database=" + database
                + ", activeOnly=" + activeOnly + ", showBackground=" + showBackground + "]";
    }

    /**
     * A case-insensitive literal substring, folded once: each character's upper and lower case, as
     * {@link String#regionMatches(boolean, int, String, int, int)} compares them. The filter runs over
     * every row on every keystroke, so {@link #in} allocates nothing and calls nothing per position
     * (regionMatches per position cost 14 to 18 ms over 100,000 sessions, docs/benchmarks.md).
     */
    static final class Needle {
        private final char[] upper;
        private final char[] lower;
        /** Both cases of this needle character are ASCII: an ASCII character that is neither differs. */
        private final boolean[] ascii;

        Needle(String text) {
            upper = new char[text.length()];
            lower = new char[text.length()];
            ascii = new boolean[text.length()];
            for (int i = 0; i < text.length(); i++) {
                upper[i] = Character.toUpperCase(text.charAt(i));
                lower[i] = Character.toLowerCase(upper[i]);
                ascii[i] = upper[i] < 128 && lower[i] < 128;
            }
        }

        /** True when the needle is empty, or {@code value} is present and contains it. */
        boolean in(Optional<String> value) {
            if (upper.length == 0) {
                return true;
            }
            return value.isPresent() && in(value.get());
        }

        /** True when the needle is empty, or {@code value} is not null and contains it. */
        boolean inNullable(String value) {
            return upper.length == 0 || value != null && in(value);
        }

        boolean in(String hay) {
            int n = upper.length;
            int last = hay.length() - n;
            outer:
            for (int i = 0; i <= last; i++) {
                for (int j = 0; j < n; j++) {
                    char c = hay.charAt(i + j);
                    if (c == upper[j] || c == lower[j]) {
                        continue;
                    }
                    // Why: an ASCII character folds within ASCII, so against an all-ASCII needle
                    // character the two comparisons above decide (the Kelvin sign K, whose lower case
                    // is 'k', keeps the full folding below).
                    if (c < 128 && ascii[j]) {
                        continue outer;
                    }
                    char u = Character.toUpperCase(c);
                    if (u != upper[j] && Character.toLowerCase(u) != lower[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
