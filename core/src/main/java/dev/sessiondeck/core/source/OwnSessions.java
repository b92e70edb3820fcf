package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Text;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session ids of a {@link SessionSource}'s own pool connections (MySQL thread ids, PostgreSQL
 * backend pids), recorded as the connections are used: listings flag them and kills refuse them.
 * Thread-safe.
 */
public final class OwnSessions {

    private final Set<Long> ids = ConcurrentHashMap.newKeySet();

    /** Records the id of a connection SessionDeck is about to use. */
    public void note(long id) {
        ids.add(id);
    }

    public boolean contains(long id) {
        return ids.contains(id);
    }

    /**
     * @throws SourceException {@code REFUSED} when {@code key} names one of our own connections
     */
    public void refuse(SessionKey key, Text what) throws SourceException {
        if (key.id().chars().allMatch(Character::isDigit) && ids.contains(key.numericId())) {
            throw new SourceException(SourceException.Kind.REFUSED, SourceText.of("failure.own", what));
        }
    }

    /**
     * Forgets ids a complete listing no longer shows (the pool closed those connections), so that
     * the server may reuse them for other sessions.
     */
    public void retainListed(List<Session> sessions) {
        if (ids.size() <= 1) {
            return;
        }
        Set<Long> listed = new HashSet<>();
        for (Session s : sessions) {
            if (s.own()) {
                listed.add(s.key().numericId());
            }
        }
        ids.retainAll(listed);
    }
}
