package dev.sessiondeck.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What an action did to one session, as the data source verified it.
 *
 * @param key      the session it acted on
 * @param verified true when the data source saw the effect afterwards (the session gone, the
 *                 statement no longer running, the setting changed); false when it asked and the
 *                 effect did not show in time
 * @param detail   what happened in words (the window words them in its language, the command line in
 *                 English), empty when nothing needs saying
 */
public record ActionResult(SessionKey key, boolean verified, Optional<Text> detail) {
    public ActionResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(detail, "detail");
    }

    /** A result with nothing to add. */
    public ActionResult(SessionKey key, boolean verified) {
        this(key, verified, Optional.empty());
    }

    /** A result with words. */
    public ActionResult(SessionKey key, boolean verified, Text detail) {
        this(key, verified, Optional.of(detail));
    }
}
