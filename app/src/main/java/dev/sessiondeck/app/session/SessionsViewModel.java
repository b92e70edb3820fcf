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
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
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
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session window's state and commands, and the only class of the window that talks to core.
 * It knows nothing of the view: the view binds to its read-only properties and calls its commands.
 *
 * <p>Blocking calls ({@link SessionSource#snapshot()}, {@link SessionSource#kill}, opening a data
 * source, starting the demo) run through the {@link Background} it is given; their outcomes are
 * applied on its UI executor. A snapshot is applied by diffing on {@link SessionKey#sessionOnly()}:
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

    private final Opener opener;
    private final Background background;

    private final ObservableList<SessionSource> dataSources = FXCollections.observableArrayList();
    private final ObjectProperty<SessionSource> current = new SimpleObjectProperty<>(this, "current");

    private final SessionRowList rows = new SessionRowList();
    private final FilteredList<SessionRow> filtered = new FilteredList<>(rows);
    private final Map<SessionKey, SessionRow> index = new HashMap<>();
    private final List<SessionRow> freshRows = new ArrayList<>();

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

    private Background.Job refreshJob;
    private boolean firstSnapshot = true;
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
        current.addListener((o, previous, next) -> switchTo(next));
        refilter();
    }

    // ---- data sources

    /** The open data sources, in the order they were opened. */
    public ObservableList<SessionSource> dataSources() {
        return FXCollections.unmodifiableObservableList(dataSources);
    }

    /** The data source whose sessions are shown; the view's selector sets it. */
    public ObjectProperty<SessionSource> currentProperty() {
        return current;
    }

    /**
     * Adds an open data source and shows it. A data source of the same name is closed and replaced.
     */
    public void addDataSource(SessionSource source) {
        for (SessionSource s : List.copyOf(dataSources)) {
            if (s.name().equals(source.name())) {
                if (current.get() == s) {
                    current.set(null);
                }
                dataSources.remove(s);
                // closing a pool may wait on the network: not on the JavaFX thread
                background.worker().execute(s::close);
            }
        }
        dataSources.add(source);
        current.set(source);
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
        error.set("");
        background.run(() -> starter.start(message -> background.ui().execute(() -> busyMessage.set(message))),
                demo -> {
                    demos.add(demo);
                    busy.set(false);
                    connect(demo.connectionSpec(), () -> { }, error::set);
                }, e -> {
                    busy.set(false);
                    LOG.warn("The demo server did not start", e);
                    error.set(Messages.get("demo.failed", ErrorText.of(e)));
                });
    }

    private void switchTo(SessionSource next) {
        if (refreshJob != null) {
            refreshJob.cancel();
            refreshJob = null;
        }
        refreshing.set(false);
        rows.clearAll();
        index.clear();
        freshRows.clear();
        totalCount.set(0);
        activeCount.set(0);
        stale.set(false);
        error.set("");
        lastRefresh.set(null);
        latency.set(null);
        firstSnapshot = true;
        if (next != null) {
            refresh();
        }
    }

    // ---- refresh

    /**
     * Lists the current data source's sessions in the background and applies the snapshot. Does
     * nothing while a refresh is in flight. On failure the rows stay, marked {@link #staleProperty() stale},
     * with the reason in {@link #errorProperty()}.
     */
    public void refresh() {
        SessionSource source = current.get();
        if (source == null || (refreshJob != null && !refreshJob.isFinished())) {
            return;
        }
        refreshing.set(true);
        refreshJob = background.run(source::snapshot, snapshot -> {
            refreshing.set(false);
            apply(snapshot);
        }, e -> {
            refreshing.set(false);
            LOG.info("Refresh of {} failed: {}", source.name(), e.getMessage());
            stale.set(!rows.isEmpty());
            error.set(ErrorText.of(e));
        });
    }

    /** Applies a snapshot: diff by session, rows updated in place. On the UI thread. */
    void apply(Snapshot snapshot) {
        Map<SessionKey, Session> seen = new HashMap<>(snapshot.sessions().size() * 2);
        Set<SessionRow> changed = Collections.newSetFromMap(new IdentityHashMap<>());
        List<SessionRow> added = new ArrayList<>();
        for (SessionRow r : freshRows) {
            r.setFresh(false);
        }
        freshRows.clear();
        int active = 0;
        for (Session s : snapshot.sessions()) {
            SessionKey key = s.key().sessionOnly();
            seen.put(key, s);
            if (s.isActive()) {
                active++;
            }
            SessionRow row = index.get(key);
            if (row == null) {
                row = new SessionRow(s);
                index.put(key, row);
                added.add(row);
                if (!firstSnapshot) {
                    row.setFresh(true);
                    freshRows.add(row);
                }
            } else if (row.update(s)) {
                changed.add(row);
            }
            highlight(row);
        }
        if (index.size() > seen.size()) {
            index.keySet().retainAll(seen.keySet());
            rows.removeWhere(r -> !seen.containsKey(r.getSession().key().sessionOnly()));
        }
        List<SessionRow> all = new ArrayList<>(rows.size() + added.size());
        all.addAll(rows);
        all.addAll(added);
        changed.addAll(SessionGroups.assign(all, changed::contains));
        if (!changed.isEmpty()) {
            BitSet updated = new BitSet(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                if (changed.contains(rows.get(i))) {
                    updated.set(i);
                }
            }
            rows.fireUpdated(updated);
        }
        rows.append(added);
        if (firstSnapshot) {
            emptyColumns.set(emptyColumnsOf(snapshot));
            firstSnapshot = false;
        }
        totalCount.set(rows.size());
        activeCount.set(active);
        lastRefresh.set(snapshot.fetchedAt());
        latency.set(snapshot.latency());
        stale.set(false);
        error.set("");
    }

    private static Set<SessionColumn> emptyColumnsOf(Snapshot snapshot) {
        Set<SessionColumn> empty = EnumSet.noneOf(SessionColumn.class);
        for (SessionColumn c : SessionColumn.values()) {
            if (c.hiddenWhenEmpty() && snapshot.sessions().stream().allMatch(s -> c.valueOf(s) == null)) {
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
        for (SessionRow r : freshRows) {
            r.setFresh(false);
        }
        freshRows.clear();
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
        SessionFilter chosen = f;
        refiltering.set(true);
        try {
            // a session id that is not a number matches nothing, rather than everything
            filtered.setPredicate(idValid ? r -> chosen.test(r.getSession()) : r -> false);
        } finally {
            refiltering.set(false);
        }
        shownCount.set(filtered.size());
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
        SessionSource source = current.get();
        if (source == null) {
            return Optional.of(Messages.get("kill.blocked.noSelection"));
        }
        Capability needed = mode == KillMode.QUERY ? Capability.KILL_QUERY : Capability.KILL_SESSION;
        if (!source.serverInfo().can(needed)) {
            return Optional.of(Messages.get("kill.blocked.unsupported", source.serverInfo().describe()));
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
        SessionSource source = current.get();
        if (source == null || targets.isEmpty()) {
            return;
        }
        List<Session> sessions = targets.stream().map(SessionRow::getSession)
                .filter(s -> mode == KillMode.SESSION || s.isActive() || s.own())
                .toList();
        killing.set(true);
        background.run(() -> {
            List<KillOutcome> outcomes = new ArrayList<>();
            for (Session s : sessions) {
                outcomes.add(killOne(source, s, mode));
            }
            return outcomes;
        }, outcomes -> {
            killing.set(false);
            done.accept(outcomes);
            refresh();
        }, e -> {
            killing.set(false);
            error.set(ErrorText.of(e));
            refresh();
        });
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
        if (refreshJob != null) {
            refreshJob.cancel();
        }
        current.set(null);
        dataSources.forEach(SessionSource::close);
        dataSources.clear();
        demos.forEach(DemoServer::close);
        demos.clear();
    }

    // ---- properties

    /** The rows the filters let through, in snapshot order; the view sorts them. */
    public ObservableList<SessionRow> shownRows() {
        return filtered;
    }

    /** Every row of the current data source, in snapshot order. */
    public ObservableList<SessionRow> allRows() {
        return FXCollections.unmodifiableObservableList(rows);
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
    /** True when the last refresh failed and the rows are those of an earlier one. */
    public ReadOnlyBooleanProperty staleProperty() { return stale.getReadOnlyProperty(); }
    /** The last failure worded for a person; empty when the last refresh worked. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** Columns the current data source left empty in its first snapshot (see {@link SessionColumn#hiddenWhenEmpty()}). */
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
