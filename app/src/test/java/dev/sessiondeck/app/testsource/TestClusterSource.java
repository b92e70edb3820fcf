package dev.sessiondeck.app.testsource;

import dev.sessiondeck.core.model.ActionResult;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sessions of {@link TestClusterType}: three made-up sessions with UUID ids, two attributes of
 * its own (calls, a count; CPU time total, a duration) and one action of its own ({@link #NUDGE},
 * which takes a message). What it was asked to do is kept in {@link #performed}.
 */
public final class TestClusterSource implements SessionSource {

    public static final String FIRST = "3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f";
    public static final String SECOND = "8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e";
    public static final String THIRD = "0f0e0d0c-0b0a-4909-8807-060504030201";

    public static final Attribute<Long> CALLS = Attribute.count("calls", Text.of(TestClusterType.BUNDLE, "attribute.calls"))
            .shown().order(95).build();
    public static final Attribute<Duration> BUSY_TIME = Attribute.duration("busyTime",
            Text.of(TestClusterType.BUNDLE, "attribute.busyTime")).shown().order(96).build();

    static final InputField MESSAGE = InputField.builder("message", Text.of(TestClusterType.BUNDLE, "param.message"),
            InputField.Kind.TEXT).required().build();
    /** Sends a message to the sessions' users. */
    public static final SessionAction NUDGE = SessionAction.builder("nudge", Text.of(TestClusterType.BUNDLE, "action.nudge"))
            .tip(Text.of(TestClusterType.BUNDLE, "action.nudge.tip")).many().parameters(List.of(MESSAGE)).build();

    /** What was done: "nudge <id> <message>", "close <id>". */
    public final List<String> performed = new CopyOnWriteArrayList<>();
    private final String name;
    private final String region;
    private final List<String> ended = new CopyOnWriteArrayList<>();

    TestClusterSource(String name, String region) {
        this.name = name;
        this.region = region;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return "Test cluster (" + region + ")";
    }

    @Override
    public List<Attribute<?>> attributes() {
        return List.of(CALLS, BUSY_TIME);
    }

    @Override
    public List<SessionAction> actions() {
        return List.of(SessionAction.CLOSE_SESSION, NUDGE);
    }

    @Override
    public Snapshot snapshot() {
        List<Session> sessions = new ArrayList<>();
        add(sessions, FIRST, "Бухгалтер", SessionState.ACTIVE, 12, 1_500);
        add(sessions, SECOND, "operator", SessionState.IDLE, 3, 20);
        add(sessions, THIRD, "robot", SessionState.ACTIVE, 4_200, 93_250);
        return new Snapshot(name, sessions, Instant.now(), Duration.ofMillis(1));
    }

    private void add(List<Session> out, String id, String user, SessionState state, long calls, long cpuMillis) {
        if (ended.contains(id)) {
            return;
        }
        out.add(Session.builder(new SessionKey(name, "", id, "started 2026-11-30T09:12:05", OptionalLong.empty()))
                .user(user).source("WS-042").database(region).command("1CV8C").state(state)
                .executionTime(state == SessionState.ACTIVE ? Duration.ofMillis(cpuMillis) : null)
                .set(CALLS, calls).set(BUSY_TIME, Duration.ofMillis(cpuMillis))
                .build());
    }

    @Override
    public KillResult kill(SessionKey key, KillMode mode) throws SourceException {
        if (mode != KillMode.SESSION) {
            throw new SourceException(SourceException.Kind.UNSUPPORTED, "the test cluster cannot cancel a statement");
        }
        if (ended.contains(key.id())) {
            throw new SourceException(SourceException.Kind.SESSION_GONE, "session " + key.id() + " has ended");
        }
        ended.add(key.id());
        performed.add("close " + key.id());
        return new KillResult(key, mode, true, Duration.ZERO);
    }

    @Override
    public ActionResult perform(SessionAction action, SessionKey key, Map<String, String> parameters)
            throws SourceException {
        if (action == NUDGE) {
            performed.add("nudge " + key.id() + " " + parameters.get(MESSAGE.id()));
            return new ActionResult(key, true, Text.of(TestClusterType.BUNDLE, "result.sent"));
        }
        return SessionSource.super.perform(action, key, parameters);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
