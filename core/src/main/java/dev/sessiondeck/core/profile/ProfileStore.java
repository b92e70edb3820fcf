package dev.sessiondeck.core.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.DriverProperties;
import dev.sessiondeck.core.source.SourceType;
import dev.sessiondeck.core.source.SourceTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-source profiles on disk: {@code datasources.json} in the {@link ConfigDirectory}, JSON
 * written with Jackson, with a schema version.
 *
 * <ul>
 *   <li>Every write is atomic: a temporary file in the same directory, flushed to disk, then moved
 *       over the old one; on POSIX systems both are readable by their owner only ({@code rw-------}).
 *       Changes ({@link #upsert}, {@link #remove}) read the file again under a lock and change only
 *       their own entries, so that two running SessionDeck windows (or a window and the command
 *       line) do not lose each other's changes.</li>
 *   <li>A corrupt or unreadable file is never overwritten: {@link #load()} moves it aside as
 *       {@code <name>.bak-<timestamp>}, says where, and starts with an empty list. One unreadable or
 *       refused entry (a driver property SessionDeck does not allow, a second entry of the same name)
 *       is moved, as it was, to {@code <name>.rejected-<timestamp>}; the other entries load.</li>
 *   <li>Passwords are never in it: {@link DataSourceProfile} has no field for one.</li>
 * </ul>
 */
public final class ProfileStore {

    /** The bundle of the words {@link LoadResult#text()} uses. */
    static final String BUNDLE = "dev.sessiondeck.core.profile.messages";

    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);

    /** The file's format; a file with a higher one was written by a newer SessionDeck. */
    public static final int SCHEMA_VERSION = 1;
    public static final String FILE_NAME = "datasources.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final Clock clock;
    /** One monitor per lock file, for the stores of this process. */
    private static final java.util.concurrent.ConcurrentMap<Path, Object> MONITORS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The file on disk, with its JSON shape. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProfilesFile(int schemaVersion, List<DataSourceProfile> dataSources) {
    }

    /**
     * What {@link #load()} found.
     *
     * @param profiles   the profiles, empty when the file was missing or set aside
     * @param setAside   where a corrupt or unreadable file was moved, if it was
     * @param text       what was wrong with it, for the window to word in its language, if anything
     */
    public record LoadResult(List<DataSourceProfile> profiles, Optional<Path> setAside, Optional<Text> text) {

        /** What was wrong, in English (the command line, the log). */
        public Optional<String> problem() {
            return text.map(Text::english);
        }
    }

    private static Text words(String key, Object... args) {
        return Text.of(BUNDLE, key).with(args);
    }

    public ProfileStore(Path file) {
        this(file, Clock.systemUTC());
    }

    ProfileStore(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = clock;
    }

    /** The store in the user's configuration directory. */
    public static ProfileStore inConfigDirectory() {
        return new ProfileStore(ConfigDirectory.resolve().resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** Reads the profiles; never throws for a bad file (see the class comment). */
    public synchronized LoadResult load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new LoadResult(List.of(), Optional.empty(), Optional.empty());
        } catch (IOException e) {
            return setAside(words("file.unreadable", String.valueOf(e.getMessage())));
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return setAside(words("file.invalid", firstLine(e.getMessage())));
        }
        if (root == null || !root.isObject() || !root.path("dataSources").isArray()) {
            return setAside(words("file.noList"));
        }
        if (root.path("schemaVersion").asInt(0) > SCHEMA_VERSION) {
            return setAside(words("file.newer", String.valueOf(root.path("schemaVersion").asInt())));
        }
        List<DataSourceProfile> profiles = new ArrayList<>();
        List<JsonNode> kept = new ArrayList<>();
        List<JsonNode> rejected = new ArrayList<>();
        List<Text> reasons = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode entry : root.path("dataSources")) {
            Optional<Text> refused;
            DataSourceProfile p = null;
            try {
                p = JSON.treeToValue(entry, DataSourceProfile.class);
                refused = refusal(p, names);
            } catch (IOException | RuntimeException e) {
                refused = Optional.of(words("entry.unreadable", firstLine(e.getMessage())));
            }
            if (refused.isPresent()) {
                rejected.add(entry);
                String name = entry.path("name").asText("");
                reasons.add(name.isEmpty() ? words("entry.unnamed", refused.get()) : words("entry.named", name, refused.get()));
            } else {
                profiles.add(p);
                names.add(p.name());
                kept.add(entry);
            }
        }
        if (rejected.isEmpty()) {
            return new LoadResult(List.copyOf(profiles), Optional.empty(), Optional.empty());
        }
        return setEntriesAside(root, kept, rejected, reasons, profiles);
    }

    /**
     * Why a profile read from the file is not loaded: a name met before, or a driver property that
     * is not allowed (the same check as a spec's, {@link DriverProperties}); empty when it loads. A
     * type this build does not know loads (its data source says so when connected): it may be of a
     * newer SessionDeck.
     */
    private static Optional<Text> refusal(DataSourceProfile p, Set<String> names) {
        if (names.contains(p.name())) {
            return Optional.of(words("entry.duplicate"));
        }
        Optional<SourceType> type = SourceTypes.installed().find(p.type());
        if (type.isPresent()) {
            for (String property : p.properties().keySet()) {
                Optional<Text> why = DriverProperties.refusal(type.get(), property);
                if (why.isPresent()) {
                    return why.map(w -> words("entry.refused", w));
                }
            }
        }
        return Optional.empty();
    }

    /** Moves refused entries, as they were, to a file of their own and keeps the others in the file. */
    private LoadResult setEntriesAside(JsonNode root, List<JsonNode> kept, List<JsonNode> rejected, List<Text> reasons,
                                       List<DataSourceProfile> profiles) {
        Path aside = file.resolveSibling(file.getFileName() + ".rejected-" + STAMP.format(clock.instant()));
        Text all = Text.join(reasons);
        String words = "The data-source file " + file + ": " + all.english();
        try {
            ObjectNode out = JSON.createObjectNode();
            out.put("schemaVersion", root.path("schemaVersion").asInt(SCHEMA_VERSION));
            ArrayNode list = out.putArray("dataSources");
            rejected.forEach(list::add);
            writeAtomically(aside, JSON.writeValueAsBytes(out));
            ObjectNode rest = ((ObjectNode) root).deepCopy();
            ArrayNode keptList = rest.putArray("dataSources");
            kept.forEach(keptList::add);
            writeAtomically(file, JSON.writeValueAsBytes(rest));
            LOG.warn("{}; set aside to {}", words, aside);
            return new LoadResult(List.copyOf(profiles), Optional.of(aside), Optional.of(words(
                    rejected.size() == 1 ? "entries.setAsideOne" : "entries.setAsideMany", file.toString(), all, aside.toString())));
        } catch (IOException e) {
            LOG.warn("{}; setting {} aside failed ({}), the file is left as it is", words,
                    rejected.size() == 1 ? "it" : "them", e.getMessage());
            return new LoadResult(List.copyOf(profiles), Optional.empty(), Optional.of(words("entries.notChanged",
                    file.toString(), all, String.valueOf(e.getMessage()))));
        }
    }

    private LoadResult setAside(Text problem) {
        Path aside = file.resolveSibling(file.getFileName() + ".bak-" + STAMP.format(clock.instant()));
        String words = "The data-source file " + file + " " + problem.english();
        try {
            Files.move(file, aside);
            LOG.warn("{}; it was moved aside to {} and SessionDeck starts with no data sources", words, aside);
            return new LoadResult(List.of(), Optional.of(aside), Optional.of(words("file.moved", file.toString(), problem,
                    aside.toString())));
        } catch (IOException e) {
            LOG.warn("{}; moving it aside failed too ({}), it is left as it is", words, e.getMessage());
            return new LoadResult(List.of(), Optional.empty(), Optional.of(words("file.notMoved", file.toString(), problem,
                    String.valueOf(e.getMessage()))));
        }
    }

    /**
     * Writes the profiles atomically, replacing the file's list.
     *
     * @throws IOException when the directory cannot be written; the old file is then unchanged
     */
    public synchronized void save(List<DataSourceProfile> profiles) throws IOException {
        withLock(() -> writeAtomically(file, JSON.writeValueAsBytes(new ProfilesFile(SCHEMA_VERSION, List.copyOf(profiles)))));
    }

    /**
     * Adds these profiles or replaces the ones with their ids, in the file as it is now (read again
     * under a lock): entries another SessionDeck wrote meanwhile stay, and so do entries this one
     * could not read.
     *
     * @throws IOException when the file cannot be read or written; it is then unchanged
     */
    public synchronized void upsert(List<DataSourceProfile> profiles) throws IOException {
        change(entries -> {
            for (DataSourceProfile p : profiles) {
                JsonNode node = JSON.valueToTree(p);
                int at = indexOf(entries, p.id());
                if (at >= 0) {
                    entries.set(at, node);
                } else {
                    entries.add(node);
                }
            }
        });
    }

    /**
     * Removes the profile with this id from the file as it is now (read again under a lock).
     *
     * @throws IOException when the file cannot be read or written; it is then unchanged
     */
    public synchronized void remove(String id) throws IOException {
        change(entries -> {
            int at = indexOf(entries, id);
            if (at >= 0) {
                entries.remove(at);
            }
        });
    }

    private static int indexOf(List<JsonNode> entries, String id) {
        for (int i = 0; i < entries.size(); i++) {
            if (id.equals(entries.get(i).path("id").asText(null))) {
                return i;
            }
        }
        return -1;
    }

    /** Reads the file's entries under the lock, lets {@code edit} change them, writes them back. */
    private void change(java.util.function.Consumer<List<JsonNode>> edit) throws IOException {
        withLock(() -> {
            ObjectNode root;
            try {
                JsonNode read = JSON.readTree(Files.readAllBytes(file));
                if (read == null || !read.isObject() || !read.path("dataSources").isArray()) {
                    throw new IOException("the data-source file " + file + " holds no list of data sources; it is left"
                            + " as it is");
                }
                root = (ObjectNode) read;
            } catch (NoSuchFileException e) {
                root = JSON.createObjectNode();
                root.put("schemaVersion", SCHEMA_VERSION);
                root.putArray("dataSources");
            }
            List<JsonNode> entries = new ArrayList<>();
            root.path("dataSources").forEach(entries::add);
            edit.accept(entries);
            ArrayNode list = root.putArray("dataSources");
            entries.forEach(list::add);
            writeAtomically(file, JSON.writeValueAsBytes(root));
        });
    }

    /** Work on the file that must not interleave with another process's: an OS file lock beside it. */
    private interface FileWork {
        void run() throws IOException;
    }

    /**
     * Runs {@code work} holding the file's lock: a monitor per file inside this process (an OS file
     * lock belongs to the whole process, and a second one in it would fail with
     * {@link java.nio.channels.OverlappingFileLockException}), and the OS lock on {@code <name>.lock}
     * against other processes.
     */
    private void withLock(FileWork work) throws IOException {
        Path dir = file.toAbsolutePath().normalize().getParent();
        Files.createDirectories(dir);
        Path lockFile = dir.resolve(file.getFileName() + ".lock");
        synchronized (MONITORS.computeIfAbsent(lockFile, p -> new Object())) {
            try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 java.nio.channels.FileLock held = lock.lock()) {
                work.run();
            }
        }
    }

    /** A temporary file in the same directory, flushed to disk, then moved over {@code target}; owner-only on POSIX. */
    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = posix() ? Files.createTempFile(dir, target.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY)) : Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(bytes);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Files an earlier load set aside beside the profiles file (whole files {@code .bak-*}, entries
     * {@code .rejected-*}), oldest first: the command line mentions them until they are removed.
     */
    public List<Path> setAsideFiles() {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = file.getFileName().toString();
        try (java.util.stream.Stream<Path> all = Files.list(dir)) {
            return all.filter(p -> p.getFileName().toString().startsWith(prefix + ".bak-")
                    || p.getFileName().toString().startsWith(prefix + ".rejected-")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The profiles as JSON to share: the same format, never with passwords, none marked as saved. */
    public static String export(List<DataSourceProfile> profiles) {
        List<DataSourceProfile> shared = profiles.stream()
                .map(p -> new DataSourceProfile(p.id(), p.name(), p.type(), p.host(), p.port(), p.user(), p.database(),
                        p.tlsMode(), p.caFile(), p.connectTimeoutMillis(), p.queryTimeoutMillis(), p.properties(),
                        p.colorTag(), false, p.options(), p.sshTunnel().map(SshSettings::withoutSavedSecret).orElse(null)))
                .toList();
        try {
            return JSON.writeValueAsString(new ProfilesFile(SCHEMA_VERSION, shared));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * Reads exported profiles.
     *
     * @throws IllegalArgumentException with the reason when the text is not such an export
     */
    public static List<DataSourceProfile> importFrom(String json) {
        try {
            ProfilesFile read = JSON.readValue(json, ProfilesFile.class);
            if (read == null || read.dataSources() == null) {
                throw new IllegalArgumentException("the text holds no list of data sources");
            }
            if (read.schemaVersion() > SCHEMA_VERSION) {
                throw new IllegalArgumentException("the export was made by a newer SessionDeck (schema " + read.schemaVersion() + ")");
            }
            // an export carries what its author's file held: the same check as loading, so that a
            // shared profile cannot bring a dangerous driver property along
            List<String> refused = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (DataSourceProfile p : read.dataSources()) {
                refusal(p, names).ifPresent(why -> refused.add("'" + p.name() + "' " + why.english()));
                names.add(p.name());
            }
            if (!refused.isEmpty()) {
                throw new IllegalArgumentException("nothing was imported: " + String.join("; ", refused));
            }
            return List.copyOf(read.dataSources());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a SessionDeck data-source export: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
