package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.ErrorText;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.variables.VariablesViewModel;
import dev.sessiondeck.core.filter.SessionFilter;
import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.history.HistoryPoint;
import dev.sessiondeck.core.history.SessionHistory;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SnapshotScope;
import dev.sessiondeck.core.model.SqlDialect;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session window's state and commands, and the only class of the window that talks to core.
 * It knows nothing of the view: the view binds to its read-only properties and calls its commands.
 *
 * <p>Blocking calls (listing, actions, opening a data source, starting a local server) run through
 * the {@link Background} it is given; their outcomes are applied on its UI executor. Several data
 * sources can be open at once: each refreshes on its own ({@link SourceFeed}), and the table shows
 * one of them or all merged ({@link #showAllProperty()}). The rows and their lists are
 * {@link SessionRows}, the filters {@link SessionSearch}, the actions {@link SessionActions}.
 */
public final class SessionsViewModel {

    /** Opens a data source; {@code SessionSources.loaded()::open} in the application. */
    @FunctionalInterface
    public interface Opener {
        SessionSource open(ConnectionSpec spec) throws SourceException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionsViewModel.class);


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
    /** The shown data sources, for the table's columns: each declares what it fills. */
    private final ObservableList<SessionSource> shownSources = FXCollections.observableArrayList();
    // one view, kept: a view made per call held the table's listener only until the next garbage
    // collection, and the table then stopped showing a new data source's columns (PluggableSourceIT)
    private final ObservableList<SessionSource> shownSourcesView = FXCollections.unmodifiableObservableList(shownSources);

    private final SessionRows rows = new SessionRows();
    private final ObservableList<SessionRow> allRowsView = rows.shownView();
    private final SessionSearch search;
    private final SessionActions actions;
    private final SessionPlans plans;

    private final SessionStatus status = new SessionStatus();
    private final SourceRefresh refresher;

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper busyMessage = new ReadOnlyStringWrapper(this, "busyMessage", "");

    private final DoubleProperty warningSeconds = new SimpleDoubleProperty(this, "warningSeconds", 1);
    private final DoubleProperty dangerSeconds = new SimpleDoubleProperty(this, "dangerSeconds", 10);
    private final IntegerProperty refreshSeconds = new SimpleIntegerProperty(this, "refreshSeconds", 5);

    private final List<LocalServer> localServers = new ArrayList<>();

    public SessionsViewModel(Opener opener, Background background) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.background = Objects.requireNonNull(background, "background");
        this.search = new SessionSearch(rows.filtered(), () -> status.shownCount.set(rows.filtered().size()));
        this.actions = new SessionActions(background);
        this.plans = new SessionPlans(background);
        this.refresher = new SourceRefresh(background, rows, feeds, refreshErrors, status, this::updateStatus,
                (row, seconds) -> highlight(row, seconds),
                () -> search.activeOnly().get() ? SnapshotScope.BUSY : SnapshotScope.ALL);
        // showing active sessions only, the sources leave idle ones out; shown all again, they are listed now
        search.activeOnly().addListener((o, was, now) -> {
            if (!now) {
                List.copyOf(feeds.values()).forEach(refresher::refreshIfNarrower);
            }
        });
        rows.filtered().addListener((ListChangeListener<SessionRow>) c -> status.shownCount.set(rows.filtered().size()));
        warningSeconds.addListener((o, a, b) -> rows.all().forEach(this::highlight));
        dangerSeconds.addListener((o, a, b) -> rows.all().forEach(this::highlight));
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
        status.shownCount.set(rows.filtered().size());
    }

    // ---- data sources

    /** The open data sources, in the order they were opened. */
    public ObservableList<SessionSource> dataSources() {
        return dataSourcesView;
    }

    /**
     * The data sources whose sessions are shown: the current one, or all in the merged view. Always
     * the same list: an unmodifiable view listens to the list under it only weakly, so a view made
     * anew per call lost its listeners at the next garbage collection.
     */
    public ObservableList<SessionSource> shownSources() {
        return shownSourcesView;
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

    /** Adds an open data source and shows it. A data source of the same name is closed and replaced. */
    public void addDataSource(SessionSource source) {
        dataSources.stream().filter(s -> s.name().equals(source.name())).findFirst().ifPresent(this::removeDataSource);
        // its columns exist before its first row: a row has a slot for each column known when it is made
        source.attributes().forEach(SessionColumn::of);
        feeds.put(source.name(), new SourceFeed(source));
        dataSources.add(source);
        if (current.get() == source) {
            switchShown();
        } else {
            current.set(source);
        }
    }

    /**
     * Disconnects a data source: its rows go, its refresh is dropped, and it is closed in the
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
        rows.remove(feed);
        dataSources.remove(source);
        // closing a pool may wait on the network: not on the JavaFX thread
        background.worker().execute(source::close);
        if (current.get() == source) {
            current.set(dataSources.isEmpty() ? null : dataSources.get(0));
        } else {
            switchShown();
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
        busyMessage.set(Messages.get("connect.progress", spec.description().resolve(Messages.locale())));
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
     * Starts a local server in the background (seconds), then connects to each data source it
     * offers. Progress shows in {@link #busyMessageProperty()}; a failure in {@link #errorProperty()}.
     */
    public void startLocalServer(LocalServer.Starter starter) {
        busy.set(true);
        busyMessage.set(Messages.get("demo.starting"));
        status.setGeneralError("");
        background.run(() -> starter.start(message -> background.ui().execute(() -> busyMessage.set(message))),
                server -> {
                    localServers.add(server);
                    busy.set(false);
                    server.connectionSpecs().forEach(spec -> connect(spec, () -> { }, status::setGeneralError));
                }, e -> {
                    busy.set(false);
                    LOG.warn("The local server did not start", e);
                    status.setGeneralError(Messages.get("demo.failed", ErrorText.of(e)));
                });
    }

    /** The shown data sources changed: filter the rows anew and refresh what is now shown. */
    private void switchShown() {
        List<SourceFeed> shown = shownFeeds();
        rows.show(showAll.get() ? null : shown);
        shownSources.setAll(shown.stream().map(f -> f.source).toList());
        status.clearGeneralError();
        updateStatus();
        shown.forEach(this::refresh);
    }

    private List<SourceFeed> shownFeeds() {
        if (showAll.get()) {
            return List.copyOf(feeds.values());
        }
        SessionSource one = current.get();
        SourceFeed feed = one == null ? null : feeds.get(one.name());
        return feed == null ? List.of() : List.of(feed);
    }

    /**
     * The recent refreshes of the one shown data source, oldest first (the last 15 minutes; the
     * newest ones with their sessions, within 48 MiB: {@link SessionHistory}); empty in the merged
     * view and with none shown.
     */
    public List<HistoryPoint> history() {
        SessionSource one = current.get();
        SourceFeed feed = one == null || showAll.get() ? null : feeds.get(one.name());
        return feed == null ? List.of() : feed.history.points();
    }

    /**
     * True when a session of a shown data source waited for another at its last refresh; false lets
     * the blocking view skip a pass over every row.
     */
    public boolean anyoneWaits() {
        for (SourceFeed f : shownFeeds()) {
            if (f.anyoneWaits) {
                return true;
            }
        }
        return false;
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
        refresher.refresh(feed);
    }

    private void updateStatus() {
        status.update(shownFeeds(), rows);
    }

    private void highlight(SessionRow row) {
        highlight(row, SnapshotDiff.highlightSeconds(row.getSession()));
    }

    /** Sets a row's highlight from its {@link SnapshotDiff#highlightSeconds} (NaN: none). */
    private void highlight(SessionRow row, double t) {
        row.setHighlight(Double.isNaN(t) ? SessionRow.Highlight.NONE
                : t >= dangerSeconds.get() ? SessionRow.Highlight.DANGER
                : t >= warningSeconds.get() ? SessionRow.Highlight.WARNING
                : SessionRow.Highlight.NONE);
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

    /** Clears every search (id, user, source, database); the active-only toggle stays. */
    public void clearSearches() {
        search.clear();
    }

    // ---- actions

    /** The actions the data sources of {@code rows} offer, each once (for a menu). */
    public List<SessionAction> actionsOf(List<SessionRow> selection) {
        return SessionActions.offered(selection);
    }

    /** The rows {@code action} would act on (for Close Query: those running a statement). */
    public List<SessionRow> targets(SessionAction action, List<SessionRow> selection) {
        return SessionActions.targets(action, selection);
    }

    /**
     * Why {@code action} cannot be done to the selection, worded for a tooltip; empty when it can.
     * SessionDeck's own monitoring session is never a target of a destructive action.
     */
    public Optional<String> whyNot(SessionAction action, List<SessionRow> selection) {
        return SessionActions.whyNot(action, selection);
    }

    /**
     * The shown rows (after the filters, in the table's order) that "Close all shown sessions" /
     * "Close all shown queries" act on: not SessionDeck's own, only where the row's data source
     * offers and can do the action now.
     */
    public List<SessionRow> allShownTargets(SessionAction action) {
        return SessionActions.allShown(action, List.copyOf(shownRows()));
    }

    /**
     * Stops the running action before its next session; the sessions not reached are reported as
     * not attempted. Nothing when none runs.
     */
    public void cancelAction() {
        actions.cancel();
    }

    /**
     * The variables page of a data source (its global and own-session values); empty for a kind of
     * data source without variables (1C).
     */
    public Optional<VariablesViewModel> variables(SessionSource source) {
        return source.variables().map(v -> new VariablesViewModel(v, background, source.name(), Optional.empty()));
    }

    /** The variables page of another session, read only; empty when its data source has no variables or is gone. */
    public Optional<VariablesViewModel> sessionVariables(SessionRow row) {
        SourceFeed feed = row.feed;
        if (feed == null) {
            return Optional.empty();
        }
        return feed.source.variables().map(v -> new VariablesViewModel(v, background, feed.source.name(),
                Optional.of(row.getSession().key())));
    }

    /** The data source of a row; empty once it is disconnected. */
    public Optional<SessionSource> sourceOf(SessionRow row) {
        SourceFeed feed = row.feed;
        return feed == null ? Optional.empty() : Optional.of(feed.source);
    }

    /** What the action's dialog starts with for {@code row}, by parameter id. */
    public Map<String, String> parameterDefaults(SessionAction action, SessionRow row) {
        return SessionActions.defaults(action, row);
    }

    /**
     * Reads what {@code action}'s dialog starts with for {@code row} from its data source, in the
     * background ({@code SessionSource#readParameters}); on failure gives the defaults that need no
     * server and the reason in words.
     */
    public void readParameters(SessionAction action, SessionRow row, Consumer<Map<String, String>> onRead,
                               java.util.function.BiConsumer<Map<String, String>, String> onFailure) {
        Map<String, String> defaults = parameterDefaults(action, row);
        SourceFeed feed = row.feed;
        if (feed == null) {
            onRead.accept(defaults);
            return;
        }
        Session session = row.getSession();
        background.run(() -> feed.source.readParameters(action, session), onRead, e -> {
            LOG.info("Cannot read the current values for {} of {}: {}", action.id(), session.key(), e.getMessage());
            onFailure.accept(defaults, Messages.get("action.notRead", ErrorText.of(e)));
        });
    }

    /**
     * Does {@code action} to the rows in the background, each by the key the user saw, so that it
     * reaches exactly that session (and, on MariaDB, that statement); then refreshes.
     *
     * @param done receives one outcome per target, in the order given
     */
    public void perform(SessionAction action, List<SessionRow> targets, Map<String, String> parameters,
                        Consumer<List<ActionOutcome>> done) {
        actions.perform(action, targets, parameters, outcomes -> {
            done.accept(outcomes);
            refresh();
        });
    }

    /** Why no plan can be shown for the selection, worded for a tooltip; empty when one may be read. Asks no server. */
    public Optional<String> whyNoPlan(List<SessionRow> selection) {
        return SessionPlans.whyNot(selection);
    }

    /**
     * Reads the plan of the statement {@code row}'s session runs, in the background, by the key it was
     * listed with; the answer (a plan, or why there is none) or a failure in words arrives on the UI
     * thread. Cancel the job when the answer is no longer wanted.
     */
    public Background.Job readPlan(SessionRow row, Consumer<ExecutionPlan> onPlan, Consumer<String> onFailure) {
        return plans.read(row, onPlan, onFailure);
    }

    /**
     * Lays out and highlights the statement of {@code row}'s session for the SQL dialog, in the
     * background, for its data source's {@link SessionSource#sqlDialect() dialect}; the result arrives
     * on the UI thread (on an unexpected failure: the statement as it is). Cancel the job when the
     * dialog closes.
     */
    Background.Job prepareSql(SessionRow row, Consumer<SqlLayout.Prepared> onReady) {
        String sql = row.getSession().sql().orElse("");
        Optional<SqlDialect> dialect = sourceOf(row).flatMap(SessionSource::sqlDialect);
        return background.run(() -> SqlLayout.prepare(sql, dialect), onReady,
                e -> onReady.accept(SqlLayout.plain(sql, SqlLayout.Unformatted.FAILED)));
    }

    /**
     * Writes an export in the background: {@code content} is made there too (it must read only
     * immutable sessions). Says where in {@link #noticeProperty()}, or why not in {@link #errorProperty()}.
     */
    public void export(Path file, Supplier<String> content) {
        status.notice.set("");
        background.run(() -> {
            Files.writeString(file, content.get(), StandardCharsets.UTF_8);
            return file;
        }, f -> status.notice.set(Messages.get("export.done", f)), e -> {
            LOG.warn("Cannot write the export {}", file, e);
            status.setGeneralError(Messages.get("export.failed", file, ErrorText.of(e)));
        });
    }

    /** Closes every data source and stops the local servers. Blocks briefly; call on exit. */
    public void shutdown() {
        feeds.values().forEach(SourceFeed::cancel);
        feeds.clear();
        current.set(null);
        showAll.set(false);
        dataSources.forEach(SessionSource::close);
        dataSources.clear();
        localServers.forEach(LocalServer::close);
        localServers.clear();
    }

    // ---- properties

    /**
     * The rows the filters let through, in the order of {@link #comparatorProperty()} (snapshot
     * order without one): what the table shows.
     */
    public ObservableList<SessionRow> shownRows() {
        return rows.filtered();
    }

    /**
     * The table's order; the view binds it to its sort order. A snapshot tells the lists only of rows
     * whose place may have changed: rows whose filtered or grouped values changed, and rows this
     * order finds out of place ({@link SortOrder}); rows whose times all grew stay where they are.
     */
    public ObjectProperty<Comparator<? super SessionRow>> comparatorProperty() {
        return rows.sorted().comparatorProperty();
    }

    /** Every row of the shown data sources, before the filters, in snapshot order. */
    public ObservableList<SessionRow> allRows() {
        return allRowsView;
    }

    public StringProperty idSearchProperty() { return search.idSearch(); }
    public StringProperty userSearchProperty() { return search.userSearch(); }
    public StringProperty sourceSearchProperty() { return search.sourceSearch(); }
    public StringProperty databaseSearchProperty() { return search.databaseSearch(); }
    public BooleanProperty activeOnlyProperty() { return search.activeOnly(); }
    /** True to list server threads too (PostgreSQL background workers, ...); off by default. */
    public BooleanProperty showBackgroundProperty() { return search.showBackground(); }
    /** True while the filters are being applied anew (the view keeps its selection across). */
    public ReadOnlyBooleanProperty refilteringProperty() { return search.refiltering(); }
    /** True while a refresh's snapshot is being applied to the rows (the view keeps its place across). */
    public ReadOnlyBooleanProperty applyingProperty() { return status.applying.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<SessionFilter> filterProperty() { return search.filter(); }

    public ReadOnlyIntegerProperty totalCountProperty() { return status.totalCount.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty activeCountProperty() { return status.activeCount.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty shownCountProperty() { return status.shownCount.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Instant> lastRefreshProperty() { return status.lastRefresh.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Duration> latencyProperty() { return status.latency.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty refreshingProperty() { return status.refreshing.getReadOnlyProperty(); }
    /** True when the last refresh of a shown data source failed and its rows are those of an earlier one. */
    public ReadOnlyBooleanProperty staleProperty() { return status.stale.getReadOnlyProperty(); }
    /**
     * The last failure worded for a person; empty when the last refresh worked. With several shown
     * data sources, each failing one as "name: failure", joined by "; ".
     */
    public ReadOnlyStringProperty errorProperty() { return status.error.getReadOnlyProperty(); }
    /** The last thing done that is worth a word ("Exported to ..."); empty for none. */
    public ReadOnlyStringProperty noticeProperty() { return status.notice.getReadOnlyProperty(); }
    /** Why the shown data sources list less than their servers have, naming the missing privilege; empty when complete. */
    public ReadOnlyStringProperty limitationProperty() { return status.limitation.getReadOnlyProperty(); }
    /** True while connecting or starting a local server. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty busyMessageProperty() { return busyMessage.getReadOnlyProperty(); }
    /** True while an action runs. */
    public ReadOnlyBooleanProperty actingProperty() { return actions.running(); }
    /** How many sessions of the running action are done; 0 while none runs. */
    public ReadOnlyIntegerProperty actionDoneProperty() { return actions.done(); }
    /** How many sessions the running action acts on; 0 while none runs. */
    public ReadOnlyIntegerProperty actionTotalProperty() { return actions.total(); }

    /** Execution time in seconds from which an active statement is highlighted as a warning (default 1). */
    public DoubleProperty warningSecondsProperty() { return warningSeconds; }
    /** Execution time in seconds from which an active statement is highlighted as a danger (default 10). */
    public DoubleProperty dangerSecondsProperty() { return dangerSeconds; }
    /** Auto-refresh interval in seconds, 0 for off; the view's timer reads it. */
    public IntegerProperty refreshSecondsProperty() { return refreshSeconds; }
}
