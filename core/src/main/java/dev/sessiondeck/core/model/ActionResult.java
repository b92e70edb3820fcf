package dev.sessiondeck.core.model;

import java.util.Objects;

/**
 * What an action did to one session, as the data source verified it.
 *
 * @param key      the session it acted on
 * @param verified true when the data source saw the effect afterwards (the session gone, the
 *                 statement no longer running, the setting changed); false when it asked and the
 *                 effect did not show in time
 * @param detail   what happened in words (English, from core), empty when nothing needs saying
 */
public record ActionResult(SessionKey key, boolean verified, String detail) {
    public ActionResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(detail, "detail");
    }
}
