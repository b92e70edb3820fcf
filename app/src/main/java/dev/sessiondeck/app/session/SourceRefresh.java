package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.ErrorText;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.SnapshotScope;
import dev.sessiondeck.core.model.StandardAttributes;
import java.util.List;
import java.util.Map;
import java.util.function.ObjDoubleConsumer;
import java.util.function.Supplier;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists one data source's sessions in the background and applies the snapshot when it arrives, on
 * the UI thread: a slow or unreachable data source never holds up the others, and one whose refresh
 * is still in flight is skipped. On failure its rows stay, marked stale, with the reason in the
 * data sources' refresh errors. A data source closed meanwhile is left alone.
 */
final class SourceRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(SourceRefresh.class);

    private final Background background;
    private final SessionRows rows;
    private final Map<String, SourceFeed> feeds;
    private final ObservableMap<String, String> refreshErrors;
    private final SessionStatus status;
    private final Runnable updateStatus;
    private final ObjDoubleConsumer<SessionRow> highlight;
    private final Supplier<SnapshotScope> scope;

    /**
     * @param scope what the view asks the sources to list now ({@link SnapshotScope#BUSY} while it
     *              shows active sessions only), read on the UI thread as each refresh starts
     */
    SourceRefresh(Background background, SessionRows rows, Map<String, SourceFeed> feeds,
                  ObservableMap<String, String> refreshErrors, SessionStatus status, Runnable updateStatus,
                  ObjDoubleConsumer<SessionRow> highlight, Supplier<SnapshotScope> scope) {
        this.background = background;
        this.rows = rows;
        this.feeds = feeds;
        this.refreshErrors = refreshErrors;
        this.status = status;
        this.updateStatus = updateStatus;
        this.highlight = highlight;
        this.scope = scope;
    }

    void refresh(SourceFeed feed) {
        if (feed.refreshing()) {
            return;
        }
        // the snapshot the rows show, handed to the worker (immutable): the diff is worked out there
        Snapshot base = feed.applied;
        SnapshotScope asked = scope.get();
        feed.job = background.run(() -> {
            Snapshot snapshot = feed.source.snapshot(asked);
            // passes over every session on the worker, not on the UI thread: the chart's ring,
            // whether anybody waits (most refreshes: nobody, and the blocking view has nothing to do),
            // and what changed against the rows (the UI thread then only sets the changed values)
            feed.history.add(snapshot);
            return new Prepared(SnapshotDiff.of(base, snapshot), anyoneWaits(snapshot));
        }, prepared -> {
            if (feeds.get(feed.name()) == feed) {
                feed.anyoneWaits = prepared.anyoneWaits();
                feed.scope = asked;
                apply(feed, prepared.diff());
                // the view asked for everything while a busy listing was on its way: the idle sessions now
                refreshIfNarrower(feed);
            }
        }, e -> {
            if (feeds.get(feed.name()) == feed) {
                LOG.info("Refresh of {} failed: {}", feed.name(), e.getMessage());
                failed(feed, ErrorText.of(e));
            }
        });
        updateStatus.run();
    }

    /**
     * Refreshes {@code feed} when its rows come from a busy listing ({@link SnapshotScope#BUSY}) and
     * the view now asks for everything: the idle sessions it left out are wanted now, not at the next
     * auto-refresh. A refresh in flight is left to finish (it asks again when it is applied).
     */
    void refreshIfNarrower(SourceFeed feed) {
        if (feed.scope == SnapshotScope.BUSY && scope.get() == SnapshotScope.ALL && !feed.refreshing()) {
            refresh(feed);
        }
    }

    /** A snapshot and what the worker found out about it. */
    private record Prepared(SnapshotDiff diff, boolean anyoneWaits) {
    }

    private static boolean anyoneWaits(Snapshot snapshot) {
        for (Session s : snapshot.sessions()) {
            // the attribute itself, not Session.blockingIds(): no optional made per session
            List<String> blockers = StandardAttributes.BLOCKED_BY.valueOf(s);
            if (blockers != null && !blockers.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void failed(SourceFeed feed, String reason) {
        feed.error = reason;
        refreshErrors.put(feed.name(), reason);
        for (SessionRow r : feed.index.values()) {
            r.setStaleReason(reason);
        }
        updateStatus.run();
    }

    /** Applies a snapshot: diff by session, rows updated in place. On the UI thread. */
    private void apply(SourceFeed feed, SnapshotDiff diff) {
        Snapshot snapshot = diff.next;
        status.applying.set(true);
        try {
            rows.apply(feed, diff, feeds.values(), highlight);
        } finally {
            status.applying.set(false);
        }
        // known after the first snapshot that could check it (a failed check is tried again)
        feed.limitation = feed.source.limitation().map(t -> t.resolve(Messages.locale())).orElse("");
        feed.firstSnapshot = false;
        feed.lastRefresh = snapshot.fetchedAt();
        feed.latency = snapshot.latency();
        feed.error = "";
        refreshErrors.remove(feed.name());
        status.clearGeneralError();
        updateStatus.run();
    }
}
