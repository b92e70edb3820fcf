package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Text;
import java.time.Duration;

/**
 * What a PostgreSQL listing has beyond the common values and the shared attributes: how old the
 * session's transaction and its snapshot horizon are (PostgreSQL manual, "pg_stat_activity":
 * {@code xact_start}, {@code backend_xmin}). A long transaction or an old {@code backend_xmin} holds
 * back VACUUM for the whole database; PostgreSQL has no per-backend CPU or memory in SQL (a backend
 * is an OS process).
 */
public final class PostgresAttributes {

    static final String BUNDLE = "dev.sessiondeck.core.source.postgres.messages";

    private PostgresAttributes() {
    }

    private static Text title(String id) {
        return Text.of(BUNDLE, "attribute." + id);
    }

    /** {@code now() - xact_start}: how long the open transaction has run, in seconds with fractions. */
    public static final Attribute<Duration> TRANSACTION_AGE = Attribute.duration("transactionAge", title("transactionAge"))
            .order(612).category("transaction").build();
    /** {@code age(backend_xmin)}: how many transactions the session's snapshot horizon lags behind. */
    public static final Attribute<Long> XMIN_AGE = Attribute.count("xminAge", title("xminAge"))
            .order(614).category("transaction").build();
}
