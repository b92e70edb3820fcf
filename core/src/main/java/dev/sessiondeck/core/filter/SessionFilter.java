package dev.sessiondeck.core.filter;

import dev.sessiondeck.core.model.Session;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Which sessions to show: by session id, by a case-insensitive literal substring of user, source
 * and database name (regex and SQL wildcard characters mean themselves), only active ones, and
 * with or without background threads. Immutable and pure; the window and the command line share it.
 *
 * @param id             the exact session id, or empty for any
 * @param user           substring of the user, empty for any
 * @param source         substring of the source (client host), empty for any
 * @param database       substring of the database name, empty for any
 * @param activeOnly     only sessions that run a statement now
 * @param showBackground include server threads (daemon, replication, PostgreSQL background workers)
 */
public record SessionFilter(OptionalLong id, String user, String source, String database,
                            boolean activeOnly, boolean showBackground) implements Predicate<Session> {

    /** Shows every client session, hides background threads. */
    public static final SessionFilter ALL = new SessionFilter(OptionalLong.empty(), "", "", "", false, false);

    public SessionFilter {
        user = user == null ? "" : user;
        source = source == null ? "" : source;
        database = database == null ? "" : database;
    }

    public SessionFilter withId(OptionalLong v) { return new SessionFilter(v, user, source, database, activeOnly, showBackground); }
    public SessionFilter withUser(String v) { return new SessionFilter(id, v, source, database, activeOnly, showBackground); }
    public SessionFilter withSource(String v) { return new SessionFilter(id, user, v, database, activeOnly, showBackground); }
    public SessionFilter withDatabase(String v) { return new SessionFilter(id, user, source, v, activeOnly, showBackground); }
    public SessionFilter withActiveOnly(boolean v) { return new SessionFilter(id, user, source, database, v, showBackground); }
    public SessionFilter withShowBackground(boolean v) { return new SessionFilter(id, user, source, database, activeOnly, v); }

    /**
     * Reads a session-id search field: blank is "any"; surrounding white space is ignored.
     *
     * @throws IllegalArgumentException when the text is not a whole non-negative number
     */
    public static OptionalLong parseId(String text) {
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        String t = text.strip();
        if (!t.chars().allMatch(Character::isDigit) || t.length() > 18) {
            throw new IllegalArgumentException("a session id is a whole number, not '" + t + "'");
        }
        return OptionalLong.of(Long.parseLong(t));
    }

    /** True when no condition narrows the list beyond hiding background threads. */
    public boolean isEmpty() {
        return id.isEmpty() && user.isEmpty() && source.isEmpty() && database.isEmpty() && !activeOnly;
    }

    @Override
    public boolean test(Session s) {
        if (id.isPresent() && s.id() != id.getAsLong()) {
            return false;
        }
        if (activeOnly && !s.isActive()) {
            return false;
        }
        if (!showBackground && s.background()) {
            return false;
        }
        return contains(s.user(), user) && contains(s.source(), source) && contains(s.database(), database);
    }

    /**
     * Case-insensitive literal substring, without allocating: the filter runs over every row on
     * every keystroke.
     */
    static boolean contains(Optional<String> value, String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        if (value.isEmpty()) {
            return false;
        }
        String hay = value.get();
        int last = hay.length() - needle.length();
        // Why the first-character test: regionMatches(ignoreCase) costs a call and a setup per
        // position (14 ms per keystroke over 100,000 sessions, docs/benchmarks.md); comparing the
        // first character as regionMatches does (upper case, then lower case of that) skips most.
        char upper = Character.toUpperCase(needle.charAt(0));
        char lower = Character.toLowerCase(upper);
        for (int i = 0; i <= last; i++) {
            char c = hay.charAt(i);
            if (c != upper && c != lower) {
                char u = Character.toUpperCase(c);
                if (u != upper && Character.toLowerCase(u) != lower) {
                    continue;
                }
            }
            if (hay.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }
}
