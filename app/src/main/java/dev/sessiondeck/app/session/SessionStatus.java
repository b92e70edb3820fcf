package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Messages;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the status bar says of the shown data sources: counts, the last refresh and its latency,
 * whether one is refreshing or stale, and the failures worded for a person (each data source's own,
 * or one that belongs to none: an action, the demo, an export). Touched on the UI thread only.
 */
final class SessionStatus {

    /** The error joins the failures of several data sources with this. */
    private static final String ERROR_SEPARATOR = "; ";

    final ReadOnlyIntegerWrapper totalCount = new ReadOnlyIntegerWrapper(this, "totalCount");
    final ReadOnlyIntegerWrapper activeCount = new ReadOnlyIntegerWrapper(this, "activeCount");
    final ReadOnlyIntegerWrapper shownCount = new ReadOnlyIntegerWrapper(this, "shownCount");
    final ReadOnlyObjectWrapper<Instant> lastRefresh = new ReadOnlyObjectWrapper<>(this, "lastRefresh");
    final ReadOnlyObjectWrapper<Duration> latency = new ReadOnlyObjectWrapper<>(this, "latency");
    final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper(this, "refreshing");
    final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale");
    /** True while a snapshot is being applied to the rows (the view keeps its place across). */
    final ReadOnlyBooleanWrapper applying = new ReadOnlyBooleanWrapper(this, "applying");
    final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    /** Why the shown sources list less than their servers have (a missing privilege); empty when they list all. */
    final ReadOnlyStringWrapper limitation = new ReadOnlyStringWrapper(this, "limitation", "");
    /** A failure that belongs to no data source's refresh; cleared by the next refresh. */
    private String generalError = "";
    private List<SourceFeed> shown = List.of();
    private SessionRows rows;

    /** Counts, refresh time, staleness and error of the shown data sources. */
    void update(List<SourceFeed> shownFeeds, SessionRows sessionRows) {
        this.shown = shownFeeds;
        this.rows = sessionRows;
        // the idle sessions a busy listing left out are sessions of the server all the same
        totalCount.set(rows.shownSourceRows().size() + shown.stream().mapToInt(SourceFeed::idleLeftOut).sum());
        activeCount.set(SessionRows.activeCount(shown));
        lastRefresh.set(shown.stream().map(f -> f.lastRefresh).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
        latency.set(shown.stream().map(f -> f.latency).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
        refreshing.set(shown.stream().anyMatch(SourceFeed::refreshing));
        stale.set(shown.stream().anyMatch(SourceFeed::stale));
        List<SourceFeed> failing = shown.stream().filter(f -> !f.error.isEmpty()).toList();
        String feedErrors = failing.size() == 1 && shown.size() == 1 ? failing.get(0).error
                : failing.stream().map(f -> Messages.get("status.sourceError", f.name(), f.error))
                        .collect(Collectors.joining(ERROR_SEPARATOR));
        error.set(generalError.isEmpty() ? feedErrors : generalError);
        List<SourceFeed> limited = shown.stream().filter(f -> !f.limitation.isEmpty()).toList();
        limitation.set(limited.size() == 1 && shown.size() == 1 ? limited.get(0).limitation
                : limited.stream().map(f -> Messages.get("status.sourceError", f.name(), f.limitation))
                        .collect(Collectors.joining(ERROR_SEPARATOR)));
    }

    /** Shows a failure that belongs to no data source (until the next refresh clears it). */
    void setGeneralError(String message) {
        generalError = message;
        if (rows != null) {
            update(shown, rows);
        } else {
            error.set(message);
        }
    }

    /** Forgets the failure that belongs to no data source (a refresh worked, the shown data sources changed). */
    void clearGeneralError() {
        generalError = "";
    }
}
