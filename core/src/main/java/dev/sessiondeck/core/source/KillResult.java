package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.SessionKey;
import java.time.Duration;
import java.util.Objects;

/**
 * What a kill did, as verified by listing the target again afterwards.
 *
 * @param key      the session that was killed
 * @param mode     what was asked
 * @param verified true when a later listing showed the effect: for {@link KillMode#SESSION} the
 *                 session is gone (or marked killed), for {@link KillMode#QUERY} the statement is no
 *                 longer running; false when it was still there when verification gave up
 * @param waited   how long the verification waited
 */
public record KillResult(SessionKey key, KillMode mode, boolean verified, Duration waited) {
    public KillResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(waited, "waited");
    }
}
