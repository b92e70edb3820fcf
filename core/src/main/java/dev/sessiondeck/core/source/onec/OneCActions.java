package dev.sessiondeck.core.source.onec;

import dev.sessiondeck.core.model.ActionResult;
import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.source.SourceText;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a 1C data source can do to its sessions: Close Session ({@code session terminate}) and Close
 * Query ({@code session interrupt-current-server-call}), each with a message the 1C user sees
 * ({@code --error-message}); and locking an infobase's sessions ({@code infobase update
 * --sessions-deny=on ...}), whose dialog starts with the infobase's current lock ({@code infobase
 * info}).
 */
final class OneCActions {

    private static Text text(String key) {
        return Text.of(OneCAttributes.BUNDLE, key);
    }

    /** What the 1C user sees when the session ends or the call stops; empty for rac's own words. */
    static final InputField MESSAGE = InputField.builder("message", text("param.message"), InputField.Kind.TEXT)
            .hint(text("param.message.hint")).build();
    /** Close Session: {@code session terminate}, with a message. */
    static final SessionAction TERMINATE = SessionAction.CLOSE_SESSION.withParameters(List.of(MESSAGE));
    /** Close Query: {@code session interrupt-current-server-call}, with a message. */
    static final SessionAction INTERRUPT = SessionAction.CLOSE_QUERY.withParameters(List.of(MESSAGE));

    static final InputField DENY = InputField.builder("sessionsDeny", text("param.sessionsDeny"), InputField.Kind.FLAG)
            .initial("true").build();
    static final InputField FROM = InputField.builder("deniedFrom", text("param.deniedFrom"), InputField.Kind.TEXT)
            .hint(text("param.time.hint")).build();
    static final InputField TO = InputField.builder("deniedTo", text("param.deniedTo"), InputField.Kind.TEXT)
            .hint(text("param.time.hint")).build();
    static final InputField DENIED_MESSAGE = InputField.builder("deniedMessage", text("param.deniedMessage"),
            InputField.Kind.TEXT).build();
    static final InputField PERMISSION_CODE = InputField.builder("permissionCode", text("param.permissionCode"),
            InputField.Kind.TEXT).hint(text("param.permissionCode.hint")).build();
    static final InputField JOBS_DENY = InputField.builder("scheduledJobsDeny", text("param.scheduledJobsDeny"),
            InputField.Kind.FLAG).build();
    static final InputField IB_USER = InputField.builder("infobaseUser", text("param.infobaseUser"), InputField.Kind.TEXT)
            .hint(text("param.infobaseUser.hint")).build();
    static final InputField IB_PASSWORD = InputField.builder("infobasePassword", text("param.infobasePassword"),
            InputField.Kind.SECRET).build();
    /** Lock or unlock the sessions of the selected session's infobase. */
    static final SessionAction LOCK = SessionAction.builder("lockInfobase", text("action.lock"))
            .tip(text("action.lock.tip"))
            .parameters(List.of(DENY, FROM, TO, DENIED_MESSAGE, PERMISSION_CODE, JOBS_DENY, IB_USER, IB_PASSWORD))
            .build();

    private static final java.time.format.DateTimeFormatter RAC_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final OneCSessionSource source;
    private final boolean canInterrupt;

    OneCActions(OneCSessionSource source, boolean canInterrupt) {
        this.source = source;
        this.canInterrupt = canInterrupt;
    }

    List<SessionAction> offered() {
        return List.of(TERMINATE, INTERRUPT, LOCK);
    }

    Optional<Text> unavailable(SessionAction action, Session session) {
        if (action.equals(INTERRUPT) && !canInterrupt) {
            return Optional.of(text("action.interrupt.unsupported"));
        }
        if (action.equals(LOCK) && session.attribute(StandardAttributes.DATABASE_ID).isEmpty()) {
            return Optional.of(text("action.lock.noInfobase"));
        }
        return Optional.empty();
    }

    /** The lock dialog starts with the infobase's lock as {@code infobase info} shows it. */
    Map<String, String> read(SessionAction action, Session session) throws SourceException {
        if (!action.equals(LOCK)) {
            return Map.of();
        }
        Map<String, String> info = infobaseInfo(session.key().server(),
                session.attribute(StandardAttributes.DATABASE_ID).orElseThrow(), "", new char[0]);
        Map<String, String> out = new LinkedHashMap<>();
        out.put(DENY.id(), Boolean.toString("on".equalsIgnoreCase(info.get("sessions-deny"))));
        out.put(FROM.id(), info.getOrDefault("denied-from", ""));
        out.put(TO.id(), info.getOrDefault("denied-to", ""));
        out.put(DENIED_MESSAGE.id(), info.getOrDefault("denied-message", ""));
        out.put(PERMISSION_CODE.id(), info.getOrDefault("permission-code", ""));
        out.put(JOBS_DENY.id(), Boolean.toString("on".equalsIgnoreCase(info.get("scheduled-jobs-deny"))));
        return out;
    }

    ActionResult perform(SessionAction action, SessionKey key, Map<String, String> parameters) throws SourceException {
        String message = parameters.getOrDefault(MESSAGE.id(), "");
        if (action.equals(TERMINATE) || action.equals(INTERRUPT)) {
            KillResult r = source.kill(key, action.equals(TERMINATE) ? KillMode.SESSION : KillMode.QUERY, message);
            return new ActionResult(key, r.verified());
        }
        if (action.equals(LOCK)) {
            return lock(key, parameters);
        }
        throw new SourceException(Kind.UNSUPPORTED, SourceText.of("failure.cannotAct", source.name(), action.title()));
    }

    private ActionResult lock(SessionKey given, Map<String, String> p) throws SourceException {
        Text what = text("what.lock").with(given.id(), source.name());
        SessionKey key = source.checked(given, what);
        Session session = source.read(key).orElseThrow(() -> new SourceException(Kind.SESSION_GONE,
                SourceText.of("failure.gone", what)));
        String infobase = session.attribute(StandardAttributes.DATABASE_ID).orElseThrow(() ->
                new SourceException(Kind.UNSUPPORTED, SourceText.of("failure.withReason", what, text("action.lock.noInfobase"))));
        boolean deny = Boolean.parseBoolean(p.getOrDefault(DENY.id(), "false"));
        String from = time(p.getOrDefault(FROM.id(), ""), FROM, what);
        String to = time(p.getOrDefault(TO.id(), ""), TO, what);
        String user = p.getOrDefault(IB_USER.id(), "").strip();
        char[] password = p.getOrDefault(IB_PASSWORD.id(), "").toCharArray();
        List<String> command = new ArrayList<>(List.of("infobase", "update", "--infobase=" + infobase));
        credentials(command, user, password);
        command.add("--sessions-deny=" + (deny ? "on" : "off"));
        command.add("--denied-from=" + from);
        command.add("--denied-to=" + to);
        command.add("--denied-message=" + p.getOrDefault(DENIED_MESSAGE.id(), "").strip());
        command.add("--permission-code=" + p.getOrDefault(PERMISSION_CODE.id(), "").strip());
        command.add("--scheduled-jobs-deny=" + (Boolean.parseBoolean(p.getOrDefault(JOBS_DENY.id(), "false")) ? "on" : "off"));
        source.runner().run(what, source.clusterArgs(key.server(), command.toArray(String[]::new)));
        Map<String, String> after = infobaseInfo(key.server(), infobase, user, password);
        java.util.Arrays.fill(password, '\0');
        boolean verified = (deny ? "on" : "off").equalsIgnoreCase(after.getOrDefault("sessions-deny", ""));
        String name = session.database().orElse(infobase);
        Text state = text(deny ? "lock.denied" : "lock.allowed").with(name);
        return new ActionResult(key, verified, from.isEmpty() && to.isEmpty() ? state
                : from.isEmpty() ? text("lock.to").with(state, to)
                : to.isEmpty() ? text("lock.from").with(state, from)
                : text("lock.between").with(state, from, to));
    }

    /** {@code infobase info} of one infobase, with its administrator when given. */
    private Map<String, String> infobaseInfo(String cluster, String infobase, String user, char[] password)
            throws SourceException {
        List<String> command = new ArrayList<>(List.of("infobase", "info", "--infobase=" + infobase));
        credentials(command, user, password);
        String out = source.runner().run(text("what.readLock").with(infobase, source.name()),
                source.clusterArgs(cluster, command.toArray(String[]::new)));
        List<Map<String, String>> blocks = RacOutput.blocks(out);
        return blocks.isEmpty() ? Map.of() : blocks.get(0);
    }

    private static void credentials(List<String> command, String user, char[] password) {
        if (!user.isEmpty()) {
            command.add("--infobase-user=" + user);
            command.add("--infobase-pwd=" + new String(password));
        }
    }

    /** A lock time as rac takes it, {@code YYYY-MM-DDTHH:MM:SS}; empty for none. */
    private static String time(String value, InputField field, Text what) throws SourceException {
        String v = value.strip().replace(' ', 'T');
        if (v.isEmpty()) {
            return "";
        }
        try {
            return RAC_TIME.format(LocalDateTime.parse(v));
        } catch (DateTimeParseException e) {
            throw new SourceException(Kind.REFUSED, text("lock.time").with(what, field.label(), value));
        }
    }
}
