package dev.sessiondeck.app.session;

import dev.sessiondeck.app.demo.DemoServer;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.ErrorText;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.filter.SessionFilter;
import dev.sessiondeck.core.model.Capability;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.TraceSettings;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionTracing;
import dev.sessiondeck.core.source.SourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session window's state and commands, and the only class of the window that talks to core.
 * It knows nothing of the view: the view binds to its read-only properties and calls its commands.
 *
 * <p>Blocking calls ({@link SessionSource#snapshot()}, {@link SessionSource#kill}, opening a data
 * source, starting the demo) run through the {@link Background} it is given; their outcomes are
 * applied on its UI executor. Several data sources can be open at once: each refreshes on its own
 * ({@link SourceFeed}), and the table shows one of them or all merged ({@link #showAllProperty()}).
 * A snapshot is applied by diffing on {@link SessionKey#sessionOnly()}:
 * rows are updated in place, new rows appended, ended rows removed, each as one list change, so that
 * 10,000 sessions cost a few passes over the rows and one sort per refresh.
 */
public final class SessionsViewModel {

    /** Opens a data source; {@code SessionSources.loaded()::open} in the application. */
    @FunctionalInterface
    public interface Opener {
        SessionSource open(ConnectionSpec spec) throws SourceException;
    }

    /** Starts the demo server; {@code DemoServer::start} in the application. */
    @FunctionalInterface
    public interface DemoStarter {
        DemoServer start(Consumer<String> progress) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionsViewModel.class);

    /** The value of {@link #errorProperty()} joins the failures of several data sources with this. */
    private static final String ERROR_SEPARATOR = "; ";

    private final Opener opener;
    private final Background background;

    private final ObservableList<SessionSource> dataSources = FXCollections.observableArrayList();
    private final ObjectProperty<SessionSource> current = new SimpleObjectProperty<>(this, "current");
    private final BooleanProperty showAll = new SimpleBooleanProperty(this, "showAll");
    private final Map<String, SourceFeed> feeds = new LinkedHashMap<>();
    private final ObservableMap<String, String> refreshErrors = FXCollections.observableHashMap();
    // one read-only view each: such a view holds its listeners only as long as it lives itself
    private final ObservableList<SessionSource> dataSourcesView = FXCollections.unmodifiableObservableList(dataSources);
    private final ObservableMap<String, String> refreshErrorsView = FXCollections.unmodifiableObservableMap(refreshErrors);

    /** Every connected data source's rows; the shown and filtered lists sit on top. */
    private final SessionRowList rows = new SessionRowList();
    private final FilteredList<SessionRow> shownSourceRows = new FilteredList<>(rows, r -> false);
    /**
     * The shown data sources' rows in the table's order; the view sets the comparator from its sort
     * order. Sorted before filtering: a keystroke in a search then filters rows already in order
     * instead of sorting what passes (docs/benchmarks.md, keystroke over 100,000 rows).
     */
    private final SortedList<SessionRow> sorted = new SortedList<>(shownSourceRows);
    private final FilteredList<SessionRow> filtered = new FilteredList<>(sorted);
    /** The predicate of {@link #filtered}; null until the first filter is applied. */
    private RowFilter applied;

    private final StringProperty idSearch = new SimpleStringProperty(this, "idSearch", "");
    private final StringProperty userSearch = new SimpleStringProperty(this, "userSearch", "");
    private final StringProperty sourceSearch = new SimpleStringProperty(this, "sourceSearch", "");
    private final StringProperty databaseSearch = new SimpleStringProperty(this, "databaseSearch", "");
    private final BooleanProperty activeOnly = new SimpleBooleanProperty(this, "activeOnly");
    private final BooleanProperty showBackground = new SimpleBooleanProperty(this, "showBackground");
    private final ReadOnlyBooleanWrapper idSearchValid = new ReadOnlyBooleanWrapper(this, "idSearchValid", true);
    private final ReadOnlyBooleanWrapper refiltering = new ReadOnlyBooleanWrapper(this, "refiltering");
    private final ReadOnlyObjectWrapper<SessionFilter> filter = new ReadOnlyObjectWrapper<>(this, "filter", SessionFilter.ALL);

    private final ReadOnlyIntegerWrapper totalCount = new ReadOnlyIntegerWrapper(this, "totalCount");
    private final ReadOnlyIntegerWrapper activeCount = new ReadOnlyIntegerWrapper(this, "activeCount");
    private final ReadOnlyIntegerWrapper shownCount = new ReadOnlyIntegerWrapper(this, "shownCount");
    private final ReadOnlyObjectWrapper<Instant> lastRefresh = new ReadOnlyObjectWrapper<>(this, "lastRefresh");
    private final ReadOnlyObjectWrapper<Duration> latency = new ReadOnlyObjectWrapper<>(this, "latency");
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper(this, "refreshing");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<Set<SessionColumn>> emptyColumns =
            new ReadOnlyObjectWrapper<>(this, "emptyColumns", Set.of());

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper busyMessage = new ReadOnlyStringWrapper(this, "busyMessage", "");
    private final ReadOnlyBooleanWrapper killing = new ReadOnlyBooleanWrapper(this, "killing");

    private final DoubleProperty warningSeconds = new SimpleDoubleProperty(this, "warningSeconds", 1);
    private final DoubleProperty dangerSeconds = new SimpleDoubleProperty(this, "dangerSeconds", 10);
    private final IntegerProperty refreshSeconds = new SimpleIntegerProperty(this, "refreshSeconds", 5);

    /** A failure that belongs to no data source's refresh (a kill, the demo); cleared by the next refresh. */
    private String generalError = "";
    private final List<DemoServer> demos = new ArrayList<>();

    public SessionsViewModel(Opener opener, Background background) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.background = Objects.requireNonNull(background, "background");
        idSearch.addListener((o, a, b) -> refilter());
        userSearch.addListener((o, a, b) -> refilter());
        sourceSearch.addListener((o, a, b) -> refilter());
        databaseSearch.addListener((o, a, b) -> refilter());
        activeOnly.addListener((o, a, b) -> refilter());
        showBackground.addListener((o, a, b) -> refilter());
        filtered.addListener((javafx.collections.ListChangeListener<SessionRow>) c -> shownCount.set(filtered.size()));
        warningSeconds.addListener((o, a, b) -> rows.forEach(this::highlight));
        dangerSeconds.addListener((o, a, b) -> rows.forEach(this::highlight));
        current.addListener((o, previous, next) -> {
            if (next != null) {
                showAll.set(false);
            }
            switchShown();
        });
        showAll.addListener((o, was, all) -> {
            if (all) {
                current.set(null);
            }
            switchShown();
        });
        refilter();
    }

    // ---- data sources

    /** The open data sources, in the order they were opened. */
    public ObservableList<SessionSource> dataSources() {
        return dataSourcesView;
    }

    /**
     * The one data source whose sessions are shown; {@code null} while {@link #showAllProperty() all}
     * (or none) are shown. Setting a data source ends the merged view.
     */
    public ObjectProperty<SessionSource> currentProperty() {
        return current;
    }

    /**
     * True for <b>All data sources</b>: the sessions of every open data source merged, each row
     * naming its data source ({@link SessionColumn#DATA_SOURCE}). Setting it clears {@link #currentProperty()}.
     */
    public BooleanProperty showAllProperty() {
        return showAll;
    }

    /**
     * The data sources whose last refresh failed, by name, with the failure worded for a person;
     * their rows stay, marked {@link SessionRow#staleReasonProperty() stale}.
     */
    public ObservableMap<String, String> refreshErrors() {
        return refreshErrorsView;
    }

    /**
     * Adds an open data source and shows it. A data source of the same name is closed and replaced.
     */
    public void addDataSource(SessionSource source) {
        dataSources.stream().filter(s -> s.name().equals(source.name())).findFirst().ifPresent(this::removeDataSource);
        feeds.put(source.name(), new SourceFeed(source));
        dataSources.add(source);
        if (current.get() == source) {
            switchShown();
        } else {
            current.set(source);
        }
    }

    /**
     * Disconnects a data source: its rows go, its refresh is dropped, and its pool is closed in the
     * background. When it was shown, the first remaining data source is shown instead (the merged
     * view stays merged).
     */
    public void removeDataSource(SessionSource source) {
        SourceFeed feed = feeds.get(source.name());
        if (feed == null || feed.source != source) {
            return;
        }
        feed.cancel();
        feeds.remove(source.name());
        refreshErrors.remove(source.name());
        feed.index.values().forEach(SessionsViewModel::end);
        feed.index.clear();
        feed.order = new ArrayList<>();
        rows.removeWhere(r -> r.ended);
        dataSources.remove(source);
        // closing a pool may wait on the network: not on the JavaFX thread
        background.worker().execute(source::close);
        if (current.get() == source) {
            current.set(dataSources.isEmpty() ? null : dataSources.get(0));
        } else {
            updateStatus();
        }
    }

    /** The open data source of that name, if any. */
    public Optional<SessionSource> dataSource(String name) {
        SourceFeed feed = feeds.get(name);
        return feed == null ? Optional.empty() : Optional.of(feed.source);
    }

    /**
     * Opens a data source in the background, then shows it.
     *
     * @param onFailure receives the error worded for a person ({@link ErrorText}), e.g. for the
     *                  Connect dialog to show inline
     */
    public void connect(ConnectionSpec spec, Runnable onOpened, Consumer<String> onFailure) {
        busy.set(true);
        busyMessage.set(Messages.get("connect.progress", spec.describe()));
        background.run(() -> opener.open(spec), source -> {
            busy.set(false);
            addDataSource(source);
            onOpened.run();
        }, e -> {
            busy.set(false);
            LOG.info("Cannot connect to {}: {}", spec.describe(), e.getMessage());
            onFailure.accept(ErrorText.of(e));
        });
    }

    /**
     * Starts the demo server in the background (seconds), then connects to it as its administrator.
     * Progress shows in {@link #busyMessageProperty()}; a failure in {@link #errorProperty()}.
     */
    public void startDemo(DemoStarter starter) {
        busy.set(true);
        busyMessage.set(Messages.get("demo.starting"));
        setGeneralError("");
        background.run(() -> starter.start(message -> background.ui().execute(() -> busyMessage.set(message))),
                demo -> {
                    demos.add(demo);
                    busy.set(false);
                    connect(demo.connectionSpec(), () -> { }, this::setGeneralError);
                }, e -> {
                    busy.set(false);
                    LOG.warn("The demo server did not start", e);
                    setGeneralError(Messages.get("demo.failed", ErrorText.of(e)));
                });
    }

    /** The shown data sources changed: filter the rows anew and refresh what is now shown. */
    private void switchShown() {
        List<SourceFeed> shown = shownFeeds();
        shownSourceRows.setPredicate(showAll.get() ? null
                : shown.isEmpty() ? r -> false
                : r -> r.feed == shown.get(0));
        generalError = "";
        emptyColumns.set(emptyColumnsOf(shownSourceRows));
        updateStatus();
        shownFeeds().forEach(this::refresh);
    }

    private List<SourceFeed> shownFeeds() {
        if (showAll.get()) {
            return List.copyOf(feeds.values());
        }
        SessionSource one = current.get();
        SourceFeed feed = one == null ? null : feeds.get(one.name());
        return feed == null ? List.of() : List.of(feed);
    }

    private boolean shown(SourceFeed feed) {
        return shownFeeds().contains(feed);
    }

    // ---- refresh

    /**
     * Lists the sessions of every open data source, each in the background on its own, and applies
     * each snapshot as it arrives: a slow or unreachable data source never holds up the others. A
     * data source whose refresh is still in flight is skipped. On failure its rows stay, marked
     * stale, with the reason in {@link #errorProperty()} (when shown) and {@link #refreshErrors()}.
     */
    public void refresh() {
        List.copyOf(feeds.values()).forEach(this::refresh);
    }

    private void refresh(SourceFeed feed) {
        if (feed.refreshing()) {
            return;
        }
        feed.job = background.run(feed.source::snapshot, snapshot -> {
            if (feeds.get(feed.name()) == feed) {
                apply(feed, snapshot);
            }
        }, e -> {
            if (feeds.get(feed.name()) == feed) {
                LOG.info("Refresh of {} failed: {}", feed.name(), e.getMessage());
                failed(feed, ErrorText.of(e));
            }
        });
        updateStatus();
    }

    private void failed(SourceFeed feed, String reason) {
        feed.error = reason;
        refreshErrors.put(feed.name(), reason);
        for (SessionRow r : feed.index.values()) {
            r.setStaleReason(reason);
        }
        updateStatus();
    }

    /** Applies a snapshot: diff by session, rows updated in place. On the UI thread. */
    private void apply(SourceFeed feed, Snapshot snapshot) {
        long number = ++feed.snapshots;
        List<SessionRow> pending = new ArrayList<>();
        List<SessionRow> added = new ArrayList<>();
        boolean wasStale = !feed.error.isEmpty();
        for (SessionRow r : feed.freshRows) {
            r.setFresh(false);
        }
        feed.freshRows.clear();
        List<SessionRow> previous = feed.order;
        List<SessionRow> order = new ArrayList<>(snapshot.sessions().size());
        boolean mayGroup = false;
        int cursor = 0;
        for (Session s : snapshot.sessions()) {
            // the row the last snapshot listed at this point, if it is this session; else the index
            SessionRow row = cursor < previous.size() && previous.get(cursor).getSession().key().sameSession(s.key())
                    ? previous.get(cursor) : feed.index.get(s.key().sessionOnly());
            if (row == null) {
                row = new SessionRow(s);
                feed.index.put(s.key().sessionOnly(), row);
                row.feed = feed;
                added.add(row);
                if (!feed.firstSnapshot) {
                    row.setFresh(true);
                    feed.freshRows.add(row);
                }
            } else {
                if (row.lastSeen != number) {
                    cursor = row.lastPosition + 1;
                }
                Session before = row.getSession();
                long columns = row.update(s);
                // only what the filters and groups read is told to the lists now; a row whose
                // times or SQL changed may keep its place (see the order check below)
                if ((columns & SessionColumn.FILTERED_OR_GROUPED) != 0 || before.isActive() != s.isActive()
                        || before.background() != s.background()) {
                    row.filterInputsChanged = true;
                    markPending(row, pending);
                }
            }
            if (row.lastSeen != number) {
                row.lastSeen = number;
                row.lastPosition = order.size();
                order.add(row);
            }
            mayGroup |= !s.key().server().isEmpty() || s.leaderId().isPresent();
            if (wasStale) {
                row.setStaleReason("");
            }
            highlight(row);
        }
        // rows this snapshot did not list are gone (a mark per row, not a second map of 10,000 keys)
        boolean anyGone = false;
        for (SessionRow r : previous) {
            if (r.lastSeen != number) {
                feed.index.remove(r.getSession().key().sessionOnly());
                end(r);
                anyGone = true;
            }
        }
        feed.order = order;
        if (anyGone) {
            rows.removeWhere(r -> r.ended);
        }
        // groups (one id on several OBServers, parallel workers) need a pass over every row; only
        // when a data source has such rows now or had them in its last snapshot
        boolean grouping = mayGroup || feed.mayGroup || feeds.values().stream().anyMatch(f -> f != feed && f.mayGroup);
        feed.mayGroup = mayGroup;
        if (grouping) {
            List<SessionRow> all = new ArrayList<>(rows.size() + added.size());
            all.addAll(rows);
            all.addAll(added);
            SessionGroups.assign(all, r -> r.pendingUpdate).forEach(r -> markPending(r, pending));
        }
        if (sorted.getComparator() != null) {
            // rows whose new values put them elsewhere in the table's order are placed again
            SortOrder.outOfPlace(sorted, sorted.getComparator()).forEach(r -> markPending(r, pending));
        }
        if (!pending.isEmpty()) {
            BitSet updated = new BitSet(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).pendingUpdate) {
                    updated.set(i);
                }
            }
            pending.forEach(r -> r.pendingUpdate = false);
            rows.fireUpdated(updated);
        }
        rows.append(added);
        if (feed.firstSnapshot) {
            feed.firstSnapshot = false;
            if (shown(feed)) {
                emptyColumns.set(emptyColumnsOf(shownSourceRows));
            }
        }
        feed.lastRefresh = snapshot.fetchedAt();
        feed.latency = snapshot.latency();
        feed.error = "";
        refreshErrors.remove(feed.name());
        generalError = "";
        updateStatus();
    }

    /** Adds a row to those the lists are told of after this snapshot, once. */
    private static void markPending(SessionRow r, List<SessionRow> pending) {
        if (!r.pendingUpdate) {
            r.pendingUpdate = true;
            pending.add(r);
        }
    }

    /**
     * Marks a row ended and lets go of its data source: the table, a selection or a dialog may hold
     * an ended row for a while, and through its data source it would keep every row of it.
     */
    private static void end(SessionRow r) {
        r.ended = true;
        r.feed = null;
    }

    /** Counts, refresh time, staleness and error of the shown data sources. */
    private void updateStatus() {
        List<SourceFeed> shown = shownFeeds();
        int active = 0;
        for (SessionRow r : shownSourceRows) {
            if (r.isActive()) {
                active++;
            }
        }
        totalCount.set(shownSourceRows.size());
        activeCount.set(active);
        lastRefresh.set(shown.stream().map(f -> f.lastRefresh).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
        latency.set(shown.stream().map(f -> f.latency).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
        refreshing.set(shown.stream().anyMatch(SourceFeed::refreshing));
        stale.set(shown.stream().anyMatch(SourceFeed::stale));
        List<SourceFeed> failing = shown.stream().filter(f -> !f.error.isEmpty()).toList();
        String feedErrors = failing.size() == 1 && shown.size() == 1 ? failing.get(0).error
                : failing.stream().map(f -> Messages.get("status.sourceError", f.name(), f.error))
                        .collect(Collectors.joining(ERROR_SEPARATOR));
        error.set(generalError.isEmpty() ? feedErrors : generalError);
    }

    private void setGeneralError(String message) {
        generalError = message;
        updateStatus();
    }

    private static Set<SessionColumn> emptyColumnsOf(List<SessionRow> shownRows) {
        Set<SessionColumn> empty = EnumSet.noneOf(SessionColumn.class);
        for (SessionColumn c : SessionColumn.values()) {
            if (c.hiddenWhenEmpty() && shownRows.stream().allMatch(r -> r.value(c) == null)) {
                empty.add(c);
            }
        }
        return Set.copyOf(empty);
    }

    private void highlight(SessionRow row) {
        Session s = row.getSession();
        double t = s.executionSeconds();
        SessionRow.Highlight h = !s.isActive() || s.own() || s.executionTime().isEmpty() ? SessionRow.Highlight.NONE
                : t >= dangerSeconds.get() ? SessionRow.Highlight.DANGER
                : t >= warningSeconds.get() ? SessionRow.Highlight.WARNING
                : SessionRow.Highlight.NONE;
        row.setHighlight(h);
    }

    /** Ends the highlight of the rows the last refresh added. */
    public void clearFresh() {
        for (SourceFeed feed : feeds.values()) {
            for (SessionRow r : feed.freshRows) {
                r.setFresh(false);
            }
            feed.freshRows.clear();
        }
    }

    // ---- filters

    private void refilter() {
        SessionFilter f = SessionFilter.ALL.withUser(userSearch.get()).withSource(sourceSearch.get())
                .withDatabase(databaseSearch.get()).withActiveOnly(activeOnly.get())
                .withShowBackground(showBackground.get());
        boolean idValid = true;
        try {
            f = f.withId(SessionFilter.parseId(idSearch.get()));
        } catch (IllegalArgumentException e) {
            idValid = false;
        }
        idSearchValid.set(idValid);
        filter.set(f);
        // a session id that is not a number matches nothing, rather than everything
        RowFilter next = new RowFilter(idValid ? f : null);
        if (applied != null && applied.filter != null && next.filter != null && next.filter.narrows(applied.filter)) {
            // a character typed onto a search: only the rows shown now can still pass
            for (SessionRow r : filtered) {
                r.passes = r.test(next.filter);
                r.filterInputsChanged = false;
            }
            next.remembered = true;
        }
        refiltering.set(true);
        try {
            filtered.setPredicate(next);
        } finally {
            next.remembered = false;
            refiltering.set(false);
        }
        applied = next;
        shownCount.set(filtered.size());
    }

    /**
     * The filtered list's predicate: the filter's verdict on a row's plain values, remembered on the
     * row. After a narrowing change the rows shown before are tested again and the list then reads the
     * remembered verdicts (a keystroke over 100,000 rows, docs/benchmarks.md); afterwards it tests
     * again each row a snapshot adds or changes. Invariant: every row of the sorted list carries the
     * verdict of the predicate in use.
     */
    private static final class RowFilter implements java.util.function.Predicate<SessionRow> {
        private static int made;
        /** Null: nothing passes (the session id search is not a number). */
        final SessionFilter filter;
        /** This predicate's number, remembered by the rows it tested (1, 2, ...; rows start at 0). */
        final int number = ++made;
        boolean remembered;

        RowFilter(SessionFilter filter) {
            this.filter = filter;
        }

        @Override
        public boolean test(SessionRow r) {
            // a verdict stands while the filter is this one (or narrower, remembered) and the row's
            // filtered values did not change: a snapshot's update range mostly holds such rows
            if ((remembered || r.verdictOf == number) && !r.filterInputsChanged) {
                if (r.verdictOf != number) {
                    r.verdictOf = number;
                }
                return r.passes;
            }
            r.passes = filter != null && r.test(filter);
            r.verdictOf = number;
            r.filterInputsChanged = false;
            return r.passes;
        }
    }

    /** Clears every search (id, user, source, database); the active-only toggle stays. */
    public void clearSearches() {
        idSearch.set("");
        userSearch.set("");
        sourceSearch.set("");
        databaseSearch.set("");
    }

    // ---- kills

    /**
     * Why the rows cannot be closed with {@code mode}, worded for a tooltip; empty when they can.
     * Our own monitoring session is never closable; Close Query needs a running statement and a
     * server that can cancel one.
     */
    public Optional<String> whyNotKill(List<SessionRow> selection, KillMode mode) {
        if (selection.isEmpty()) {
            return Optional.of(Messages.get("kill.blocked.noSelection"));
        }
        if (selection.stream().anyMatch(SessionRow::isOwn)) {
            return Optional.of(Messages.get("kill.blocked.own"));
        }
        Capability needed = mode == KillMode.QUERY ? Capability.KILL_QUERY : Capability.KILL_SESSION;
        for (SessionRow r : selection) {
            SourceFeed feed = r.feed;
            if (feed == null) {
                return Optional.of(Messages.get("kill.blocked.disconnected", r.getSession().key().dataSource()));
            }
            if (!feed.source.serverInfo().can(needed)) {
                return Optional.of(Messages.get("kill.blocked.unsupported", feed.source.serverInfo().describe()));
            }
        }
        if (mode == KillMode.QUERY && selection.stream().noneMatch(SessionRow::isActive)) {
            return Optional.of(Messages.get("kill.blocked.noStatement"));
        }
        return Optional.empty();
    }

    /**
     * Kills the sessions (or their statements) in the background, each by the key the user saw, so
     * that the kill reaches exactly that session (and, on MariaDB, that statement); then refreshes.
     * Our own monitoring session is refused without asking the server. For Close Query, sessions
     * that run no statement are left alone.
     *
     * @param done receives one outcome per target, in the order given
     */
    public void kill(List<SessionRow> targets, KillMode mode, Consumer<List<KillOutcome>> done) {
        if (targets.isEmpty()) {
            return;
        }
        // each session goes to the data source it was listed by, as the user saw it
        List<KillTarget> sessions = new ArrayList<>();
        for (SessionRow r : targets) {
            Session s = r.getSession();
            if (mode == KillMode.SESSION || s.isActive() || s.own()) {
                SourceFeed feed = r.feed;
                sessions.add(new KillTarget(s, feed == null ? null : feed.source));
            }
        }
        killing.set(true);
        background.run(() -> {
            List<KillOutcome> outcomes = new ArrayList<>();
            for (KillTarget target : sessions) {
                Session s = target.session();
                SessionSource source = target.source();
                outcomes.add(source == null
                        ? new KillOutcome(s, mode, KillOutcome.Result.FAILED,
                                Messages.get("kill.blocked.disconnected", s.key().dataSource()))
                        : killOne(source, s, mode));
            }
            return outcomes;
        }, outcomes -> {
            killing.set(false);
            done.accept(outcomes);
            refresh();
        }, e -> {
            killing.set(false);
            setGeneralError(ErrorText.of(e));
            refresh();
        });
    }

    /** A session to kill and the data source that listed it ({@code null} once disconnected). */
    private record KillTarget(Session session, SessionSource source) {
    }

    private static KillOutcome killOne(SessionSource source, Session s, KillMode mode) {
        if (s.own()) {
            return new KillOutcome(s, mode, KillOutcome.Result.REFUSED, Messages.get("kill.blocked.own"));
        }
        try {
            KillResult r = source.kill(s.key(), mode);
            LOG.info("{} {}: verified={} after {} ms", mode, s.key(), r.verified(), r.waited().toMillis());
            return new KillOutcome(s, mode, r.verified() ? KillOutcome.Result.CLOSED : KillOutcome.Result.NOT_CONFIRMED, "");
        } catch (SourceException e) {
            LOG.info("{} {} failed: {} {}", mode, s.key(), e.kind(), e.getMessage());
            KillOutcome.Result result = switch (e.kind()) {
                case SESSION_GONE -> KillOutcome.Result.ALREADY_GONE;
                case PRIVILEGE -> KillOutcome.Result.NOT_PERMITTED;
                case REFUSED -> KillOutcome.Result.REFUSED;
                default -> KillOutcome.Result.FAILED;
            };
            return new KillOutcome(s, mode, result, e.getMessage());
        }
    }

    // ---- end-to-end tracing (OceanBase 4.2.1+)

    /**
     * Why end-to-end tracing cannot be configured for the selection, worded for a tooltip; empty when
     * it can: one session of a data source that is a {@link SessionTracing} whose server has
     * {@link Capability#TRACE}.
     */
    public Optional<String> whyNotTrace(List<SessionRow> selection) {
        SessionSource source = current.get();
        if (selection.size() != 1 || source == null) {
            return Optional.of(Messages.get("trace.blocked.selectOne"));
        }
        if (!(source instanceof SessionTracing)) {
            return Optional.of(Messages.get("trace.blocked.database", source.serverInfo().describe()));
        }
        if (!source.serverInfo().can(Capability.TRACE)) {
            return Optional.of(Messages.get("trace.blocked.version", source.serverInfo().describe()));
        }
        return Optional.empty();
    }

    /** The session's current trace settings as its listing shows them; empty when off or unknown. */
    public Optional<TraceSettings> traceSettings(Session session) {
        return current.get() instanceof SessionTracing tracing ? tracing.traceSettings(session) : Optional.empty();
    }

    /**
     * Enables tracing of the session with {@code settings}, or disables it when empty, in the
     * background; then refreshes, so that the listing shows the new settings.
     *
     * @param done receives nothing on success, else the failure worded for a person ({@link ErrorText})
     */
    public void trace(Session session, Optional<TraceSettings> settings, Consumer<Optional<String>> done) {
        if (!(current.get() instanceof SessionTracing tracing)) {
            done.accept(Optional.of(Messages.get("trace.blocked.selectOne")));
            return;
        }
        background.run(() -> {
            if (settings.isPresent()) {
                tracing.enableTrace(session.key(), settings.get());
            } else {
                tracing.disableTrace(session.key());
            }
            return session;
        }, s -> {
            LOG.info("Tracing of {} set to {}", s.key(), settings.map(Object::toString).orElse("off"));
            done.accept(Optional.empty());
            refresh();
        }, e -> {
            LOG.info("Tracing of {} not changed: {}", session.key(), e.getMessage());
            done.accept(Optional.of(ErrorText.of(e)));
        });
    }

    /** Closes every data source and stops the demo server. Blocks briefly; call on exit. */
    public void shutdown() {
        feeds.values().forEach(SourceFeed::cancel);
        feeds.clear();
        current.set(null);
        showAll.set(false);
        dataSources.forEach(SessionSource::close);
        dataSources.clear();
        demos.forEach(DemoServer::close);
        demos.clear();
    }

    // ---- properties

    /**
     * The rows the filters let through, in the order of {@link #comparatorProperty()} (snapshot
     * order without one): what the table shows.
     */
    public ObservableList<SessionRow> shownRows() {
        return filtered;
    }

    /**
     * The table's order; the view binds it to its sort order. A snapshot tells the lists only of rows
     * whose place may have changed: rows whose filtered or grouped values changed, and rows this
     * order finds out of place ({@link SortOrder}); rows whose times all grew stay where they are.
     */
    public ObjectProperty<Comparator<? super SessionRow>> comparatorProperty() {
        return sorted.comparatorProperty();
    }

    /** Every row of the shown data sources, before the filters, in snapshot order. */
    public ObservableList<SessionRow> allRows() {
        return FXCollections.unmodifiableObservableList(shownSourceRows);
    }

    public StringProperty idSearchProperty() { return idSearch; }
    public StringProperty userSearchProperty() { return userSearch; }
    public StringProperty sourceSearchProperty() { return sourceSearch; }
    public StringProperty databaseSearchProperty() { return databaseSearch; }
    public BooleanProperty activeOnlyProperty() { return activeOnly; }
    /** True to list server threads too (PostgreSQL background workers, ...); off by default. */
    public BooleanProperty showBackgroundProperty() { return showBackground; }
    /** False while the session-id search holds something other than a whole number. */
    public ReadOnlyBooleanProperty idSearchValidProperty() { return idSearchValid.getReadOnlyProperty(); }
    /** True while the filters are being applied anew (the view keeps its selection across). */
    public ReadOnlyBooleanProperty refilteringProperty() { return refiltering.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<SessionFilter> filterProperty() { return filter.getReadOnlyProperty(); }

    public ReadOnlyIntegerProperty totalCountProperty() { return totalCount.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty activeCountProperty() { return activeCount.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty shownCountProperty() { return shownCount.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Instant> lastRefreshProperty() { return lastRefresh.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Duration> latencyProperty() { return latency.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty refreshingProperty() { return refreshing.getReadOnlyProperty(); }
    /** True when the last refresh of a shown data source failed and its rows are those of an earlier one. */
    public ReadOnlyBooleanProperty staleProperty() { return stale.getReadOnlyProperty(); }
    /**
     * The last failure worded for a person; empty when the last refresh worked. With several shown
     * data sources, each failing one as "name: failure", joined by "; ".
     */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** Columns the shown data sources left empty (computed when shown and at their first snapshot) (see {@link SessionColumn#hiddenWhenEmpty()}). */
    public ReadOnlyObjectProperty<Set<SessionColumn>> emptyColumnsProperty() { return emptyColumns.getReadOnlyProperty(); }
    /** True while connecting or starting the demo. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty busyMessageProperty() { return busyMessage.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty killingProperty() { return killing.getReadOnlyProperty(); }

    /** Execution time in seconds from which an active statement is highlighted as a warning (default 1). */
    public DoubleProperty warningSecondsProperty() { return warningSeconds; }
    /** Execution time in seconds from which an active statement is highlighted as a danger (default 10). */
    public DoubleProperty dangerSecondsProperty() { return dangerSeconds; }
    /** Auto-refresh interval in seconds, 0 for off; the view's timer reads it. */
    public IntegerProperty refreshSecondsProperty() { return refreshSeconds; }
}
