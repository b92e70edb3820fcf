package dev.sessiondeck.core.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
 *       Two writers never leave a half-written file: the last move wins whole.</li>
 *   <li>A corrupt or unreadable file is never overwritten: {@link #load()} moves it aside as
 *       {@code <name>.bak-<timestamp>}, says where, and starts with an empty list.</li>
 *   <li>Passwords are never in it: {@link DataSourceProfile} has no field for one.</li>
 * </ul>
 */
public final class ProfileStore {

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

    /** The file on disk, with its JSON shape. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProfilesFile(int schemaVersion, List<DataSourceProfile> dataSources) {
    }

    /**
     * What {@link #load()} found.
     *
     * @param profiles   the profiles, empty when the file was missing or set aside
     * @param setAside   where a corrupt or unreadable file was moved, if it was
     * @param problem    what was wrong with it, in words, if anything
     */
    public record LoadResult(List<DataSourceProfile> profiles, Optional<Path> setAside, Optional<String> problem) {
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
            return setAside("cannot be read (" + e.getMessage() + ")");
        }
        try {
            ProfilesFile read = JSON.readValue(bytes, ProfilesFile.class);
            if (read == null || read.dataSources() == null) {
                return setAside("holds no list of data sources");
            }
            if (read.schemaVersion() > SCHEMA_VERSION) {
                return setAside("was written by a newer SessionDeck (schema " + read.schemaVersion() + ")");
            }
            List<DataSourceProfile> profiles = new ArrayList<>(read.dataSources());
            Set<String> names = new HashSet<>();
            for (DataSourceProfile p : profiles) {
                if (!names.add(p.name())) {
                    return setAside("names two data sources '" + p.name() + "'");
                }
            }
            return new LoadResult(List.copyOf(profiles), Optional.empty(), Optional.empty());
        } catch (IOException | RuntimeException e) {
            return setAside("is not a valid data-source file (" + firstLine(e.getMessage()) + ")");
        }
    }

    private LoadResult setAside(String problem) {
        Path aside = file.resolveSibling(file.getFileName() + ".bak-" + STAMP.format(clock.instant()));
        String words = "The data-source file " + file + " " + problem;
        try {
            Files.move(file, aside);
            LOG.warn("{}; it was moved aside to {} and SessionDeck starts with no data sources", words, aside);
            return new LoadResult(List.of(), Optional.of(aside), Optional.of(words + "; it was moved to " + aside));
        } catch (IOException e) {
            LOG.warn("{}; moving it aside failed too ({}), it is left as it is", words, e.getMessage());
            return new LoadResult(List.of(), Optional.empty(), Optional.of(words + "; it could not be moved aside ("
                    + e.getMessage() + ") and is left untouched"));
        }
    }

    /**
     * Writes the profiles atomically.
     *
     * @throws IOException when the directory cannot be written; the old file is then unchanged
     */
    public synchronized void save(List<DataSourceProfile> profiles) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(new ProfilesFile(SCHEMA_VERSION, List.copyOf(profiles)));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = posix() ? Files.createTempFile(dir, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(bytes);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The profiles as JSON to share: the same format, never with passwords, none marked as saved. */
    public static String export(List<DataSourceProfile> profiles) {
        List<DataSourceProfile> shared = profiles.stream()
                .map(p -> new DataSourceProfile(p.id(), p.name(), p.type(), p.host(), p.port(), p.user(), p.database(),
                        p.tlsMode(), p.caFile(), p.connectTimeoutMillis(), p.queryTimeoutMillis(), p.properties(),
                        p.colorTag(), false, p.options()))
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
