package dev.sessiondeck.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.TlsMode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {

    @TempDir
    Path dir;

    private static DataSourceProfile prod() {
        ConnectionSpec spec = ConnectionSpec.builder().name("prod orders").type("mariadb").host("db1.example")
                .port(3307).user("ops").password("hunter2-secret".toCharArray()).database("shop")
                .tlsMode(TlsMode.VERIFY_CA).caFile("/etc/ssl/ca.pem").property("useCompression", "true").build();
        return DataSourceProfile.of("6f1c2a6e-0000-4000-8000-000000000001", spec, "red", true);
    }

    @Test
    void profilesRoundTripThroughTheFile() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("datasources.json"));
        DataSourceProfile pg = DataSourceProfile.create("local pg", "postgresql", "localhost", 5432, "me");

        store.save(List.of(prod(), pg));
        ProfileStore.LoadResult loaded = new ProfileStore(dir.resolve("datasources.json")).load();

        assertThat(loaded.profiles()).containsExactly(prod(), pg);
        assertThat(loaded.problem()).isEmpty();
        ConnectionSpec spec = loaded.profiles().get(0).toSpec("typed".toCharArray());
        assertThat(spec.describe()).isEqualTo("ops@db1.example:3307/shop");
        assertThat(spec.properties()).isEqualTo(Map.of("useCompression", "true"));
    }

    @Test
    void aSavedDataSourceCarriesItsSshTunnelButNeitherSecret() throws Exception {
        dev.sessiondeck.core.ssh.SshHostKey key = dev.sessiondeck.core.ssh.SshHostKey.parse(
                "ssh-ed25519 SHA256:RKeGooUxGs1+r5Dm+9dh4AYZb00m7G6ZkIrxBudhjM4");
        ConnectionSpec spec = prod().toSpec("db-secret".toCharArray()).toBuilder()
                .sshTunnel(dev.sessiondeck.core.ssh.SshTunnelSpec.parseTarget("ops@bastion.example:2222")
                        .keyFile("/home/ops/.ssh/id_ed25519").secret("ssh-passphrase".toCharArray()).hostKey(key).build())
                .build();
        DataSourceProfile tunneled = DataSourceProfile.of("6f1c2a6e-0000-4000-8000-000000000002", spec, "", true, true);
        Path file = dir.resolve("datasources.json");
        new ProfileStore(file).save(List.of(tunneled));

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains("bastion.example").contains(key.fingerprint())
                .doesNotContain("ssh-passphrase").doesNotContain("db-secret");
        DataSourceProfile loaded = new ProfileStore(file).load().profiles().get(0);
        assertThat(loaded).isEqualTo(tunneled);
        assertThat(loaded.sshSecretId()).isNotEqualTo(loaded.id());
        ConnectionSpec back = loaded.toSpec("db".toCharArray(), "pp".toCharArray());
        assertThat(back.sshTunnel()).hasValueSatisfying(t -> {
            assertThat(t.describe()).isEqualTo("ops@bastion.example:2222");
            assertThat(t.auth()).isEqualTo(dev.sessiondeck.core.ssh.SshAuth.KEY);
            assertThat(t.hostKey()).contains(key);
            assertThat(new String(t.secret())).isEqualTo("pp");
        });
        assertThat(ProfileStore.export(List.of(loaded))).contains("bastion.example").doesNotContain("\"saveSecret\" : true");
        assertThat(loaded.duplicate("copy").sshTunnel().orElseThrow().saveSecret()).isFalse();
    }

    @Test
    void aMissingFileIsAnEmptyListWithoutComplaint() {
        ProfileStore.LoadResult loaded = new ProfileStore(dir.resolve("none.json")).load();
        assertThat(loaded.profiles()).isEmpty();
        assertThat(loaded.problem()).isEmpty();
    }

    @Test
    void theSavedBytesHoldNoPassword() throws Exception {
        Path file = dir.resolve("datasources.json");
        new ProfileStore(file).save(List.of(prod()));

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("hunter2").doesNotContainIgnoringCase("\"password\"");
        assertThat(text).contains("\"schemaVersion\" : 1");
    }

    @Test
    void theFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("datasources.json");
        new ProfileStore(file).save(List.of(prod()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aCorruptFileIsMovedAsideReportedAndNeverOverwritten() throws Exception {
        Path file = dir.resolve("datasources.json");
        Files.writeString(file, "{\"schemaVersion\": 1, \"dataSources\": [ {\"id\": \"x\", \"na");
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:15:30.123Z"), ZoneOffset.UTC);
        ProfileStore store = new ProfileStore(file, clock);

        ProfileStore.LoadResult loaded = store.load();

        Path aside = dir.resolve("datasources.json.bak-20261121-101530-123");
        assertThat(loaded.profiles()).isEmpty();
        assertThat(loaded.setAside()).contains(aside);
        assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p).contains("not a valid data-source file", aside.toString()));
        assertThat(Files.readString(aside)).startsWith("{\"schemaVersion\": 1");
        assertThat(file).doesNotExist();

        store.save(List.of(prod()));
        assertThat(Files.readString(aside)).startsWith("{\"schemaVersion\": 1");
    }

    @Test
    void aFileFromANewerSessionDeckIsSetAsideNotRead() throws Exception {
        Path file = dir.resolve("datasources.json");
        Files.writeString(file, "{\"schemaVersion\": 99, \"dataSources\": []}");

        ProfileStore.LoadResult loaded = new ProfileStore(file).load();

        assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p).contains("newer SessionDeck"));
        assertThat(loaded.setAside()).isPresent();
    }

    @Test
    void twoWritersNeverLeaveAHalfWrittenFile() throws Exception {
        Path file = dir.resolve("datasources.json");
        List<DataSourceProfile> small = List.of(prod());
        List<DataSourceProfile> large = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            large.add(DataSourceProfile.create("source " + i, "mysql", "host" + i, 3306, "u" + i));
        }
        new ProfileStore(file).save(small);
        List<String> problems = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> tasks = new ArrayList<>();
        // two stores on one file, as two SessionDeck processes would have
        for (List<DataSourceProfile> content : List.of(small, large)) {
            ProfileStore writer = new ProfileStore(file);
            tasks.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 60; i++) {
                    writer.save(content);
                }
                return null;
            }));
        }
        pool.submit(() -> {
            start.await();
            ProfileStore reader = new ProfileStore(file);
            for (int i = 0; i < 200; i++) {
                ProfileStore.LoadResult r = reader.load();
                r.problem().ifPresent(problems::add);
                if (r.problem().isEmpty() && r.profiles().size() != 1 && r.profiles().size() != 400) {
                    problems.add("read " + r.profiles().size() + " profiles");
                }
            }
            return null;
        });
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(problems).isEmpty();
        for (Future<?> f : tasks) {
            assertThat(f).as("every writer finished without an error").succeedsWithin(Duration.ZERO);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left; the lock file stays beside it")
                    .containsExactlyInAnyOrder("datasources.json", "datasources.json.lock");
        }
    }

    /** A file with one good entry between entries that cannot load, as a user or a newer release may leave it. */
    private static String mixedFile() {
        return """
                {"schemaVersion": 1, "dataSources": [
                  {"id": "a1", "name": "good one", "type": "mariadb", "host": "db1", "port": 3306, "user": "u", "connectTimeoutMillis": 5000, "queryTimeoutMillis": 10000, "savePassword": false},
                  {"id": "b2", "name": "leaky", "type": "mysql", "host": "db2", "port": 3306, "user": "u",
                   "connectTimeoutMillis": 5000, "queryTimeoutMillis": 10000, "savePassword": false, "properties": {"allowLoadLocalInfile": "true"}},
                  {"id": "c3", "name": "broken port", "type": "mysql", "host": "db3", "port": "three", "user": "u", "connectTimeoutMillis": 5000, "queryTimeoutMillis": 10000, "savePassword": false},
                  {"id": "d4", "name": "good one", "type": "postgresql", "host": "db4", "port": 5432, "user": "u", "connectTimeoutMillis": 5000, "queryTimeoutMillis": 10000, "savePassword": false},
                  {"id": "e5", "name": "from a newer release", "type": "cassandra", "host": "db5", "port": 9042, "user": "u", "connectTimeoutMillis": 5000, "queryTimeoutMillis": 10000, "savePassword": false}
                ]}""";
    }

    @Test
    void entriesThatCannotLoadAreSetAsideAndTheOthersLoad() throws Exception {
        Path file = dir.resolve("datasources.json");
        Files.writeString(file, mixedFile());
        ProfileStore store = new ProfileStore(file, Clock.fixed(Instant.parse("2026-12-02T10:15:30Z"), ZoneOffset.UTC));

        ProfileStore.LoadResult loaded = store.load();

        assertThat(loaded.profiles()).extracting(DataSourceProfile::name)
                .as("a type this build does not know still loads: it may be of a newer release")
                .containsExactly("good one", "from a newer release");
        assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("'leaky'", "allowLoadLocalInfile", "'broken port'", "'good one' has the name of an entry before it")
                .contains(loaded.setAside().orElseThrow().toString()));
        Path aside = loaded.setAside().orElseThrow();
        assertThat(aside.getFileName().toString()).startsWith("datasources.json.rejected-");
        String setAside = Files.readString(aside);
        assertThat(setAside).contains("\"leaky\"", "\"three\"", "\"db4\"").doesNotContain("\"db1\"");
        assertThat(Files.readString(file)).as("the file keeps the loadable entries only")
                .contains("\"db1\"", "\"db5\"").doesNotContain("\"db2\"", "\"db3\"", "\"db4\"");
        assertThat(store.setAsideFiles()).containsExactly(aside);

        ProfileStore.LoadResult again = store.load();
        assertThat(again.problem()).as("said once: the next load finds nothing to set aside").isEmpty();
        assertThat(again.profiles()).hasSize(2);
    }

    @Test
    void twoInstancesChangingDifferentProfilesKeepBoth() throws Exception {
        Path file = dir.resolve("datasources.json");
        ProfileStore first = new ProfileStore(file);
        ProfileStore second = new ProfileStore(file);
        first.save(List.of(prod()));
        // each has loaded the same list; each then adds its own
        DataSourceProfile a = DataSourceProfile.create("added by one", "mysql", "h1", 3306, "u");
        DataSourceProfile b = DataSourceProfile.create("added by two", "postgresql", "h2", 5432, "u");

        first.upsert(List.of(a));
        second.upsert(List.of(b));
        second.remove(prod().id());

        assertThat(new ProfileStore(file).load().profiles()).extracting(DataSourceProfile::name)
                .containsExactly("added by one", "added by two");
    }

    @Test
    void concurrentUpsertsLoseNoProfile() throws Exception {
        Path file = dir.resolve("datasources.json");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> tasks = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
            ProfileStore store = new ProfileStore(file);
            int w = writer;
            tasks.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    store.upsert(List.of(DataSourceProfile.create("w" + w + "-" + i, "mysql", "h", 3306, "u")));
                }
                return null;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<?> f : tasks) {
            assertThat(f).succeedsWithin(Duration.ZERO);
        }

        assertThat(new ProfileStore(file).load().profiles()).hasSize(50);
    }

    @Test
    void anImportWithADangerousPropertyIsRefusedNamingIt() {
        String json = """
                {"schemaVersion": 1, "dataSources": [
                  {"id": "b2", "name": "leaky", "type": "mysql", "host": "db2", "port": 3306, "user": "u",
                   "connectTimeoutMillis": 5000, "queryTimeoutMillis": 10000, "savePassword": false, "properties": {"autoDeserialize": "true"}}]}""";

        assertThatThrownBy(() -> ProfileStore.importFrom(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("autoDeserialize").hasMessageContaining("leaky");
    }

    @Test
    void exportsCarryNoSavedPasswordsAndImportBack() {
        String exported = ProfileStore.export(List.of(prod()));

        assertThat(exported).doesNotContain("hunter2");
        List<DataSourceProfile> imported = ProfileStore.importFrom(exported);
        assertThat(imported).hasSize(1);
        assertThat(imported.get(0).savePassword()).isFalse();
        assertThat(imported.get(0).host()).isEqualTo("db1.example");
    }

    @Test
    void importRefusesWhatIsNotAnExportInWords() {
        assertThatThrownBy(() -> ProfileStore.importFrom("[1, 2, 3]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a SessionDeck data-source export");
        assertThatThrownBy(() -> ProfileStore.importFrom("{\"schemaVersion\": 1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no list of data sources");
    }

    /** The previous release's file (0.1: upper-case types, no options), as that release wrote it. */
    private static final String PREVIOUS_RELEASE = "/profiles/datasources-0.1.json";

    private Path previousReleaseFile() throws Exception {
        Path file = dir.resolve("datasources.json");
        try (InputStream in = ProfileStoreTest.class.getResourceAsStream(PREVIOUS_RELEASE)) {
            assertThat(in).as(PREVIOUS_RELEASE).isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void theFileOfThePreviousReleaseLoadsUnchanged() throws Exception {
        Path file = previousReleaseFile();
        byte[] before = Files.readAllBytes(file);
        assertThat(new String(before, StandardCharsets.UTF_8)).contains("\"MARIADB\"", "\"POSTGRESQL\"")
                .doesNotContain("options");

        ProfileStore.LoadResult loaded = new ProfileStore(file).load();

        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.setAside()).isEmpty();
        assertThat(Files.readAllBytes(file)).as("loading never rewrites the file").isEqualTo(before);
        assertThat(loaded.profiles()).containsExactly(
                new DataSourceProfile("6f1c2a6e-0000-4000-8000-000000000001", "prod orders", "mariadb", "db1.example",
                        3307, "ops", "shop", TlsMode.VERIFY_CA, "/etc/ssl/ca.pem", 3000, 20000,
                        Map.of("useCompression", "true"), "red", true, Map.of()),
                new DataSourceProfile("6f1c2a6e-0000-4000-8000-000000000002", "reporting pg", "postgresql", "pg.example",
                        5432, "analyst", "reports", TlsMode.DISABLED, "", 5000, 10000, Map.of(), "", false, Map.of()));

        ConnectionSpec maria = loaded.profiles().get(0).toSpec("typed".toCharArray());
        assertThat(maria.type()).isEqualTo("mariadb");
        assertThat(maria.name()).isEqualTo("prod orders");
        assertThat(maria.describe()).isEqualTo("ops@db1.example:3307/shop");
        assertThat(maria.tlsMode()).isEqualTo(TlsMode.VERIFY_CA);
        assertThat(maria.caFile()).contains("/etc/ssl/ca.pem");
        assertThat(maria.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(maria.queryTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(maria.properties()).isEqualTo(Map.of("useCompression", "true"));
        assertThat(maria.options()).isEmpty();
        assertThat(maria.password()).containsExactly("typed".toCharArray());
        ConnectionSpec pg = loaded.profiles().get(1).toSpec(new char[0]);
        assertThat(pg.type()).isEqualTo("postgresql");
        assertThat(pg.describe()).isEqualTo("analyst@pg.example:5432/reports");
        assertThat(pg.tlsMode()).isEqualTo(TlsMode.DISABLED);
    }

    @Test
    void thePreviousReleasesProfilesAreSavedInLowerCaseAndLoadAgain() throws Exception {
        Path file = previousReleaseFile();
        ProfileStore store = new ProfileStore(file);
        List<DataSourceProfile> old = store.load().profiles();

        store.save(old);

        assertThat(Files.readString(file)).contains("\"mariadb\"", "\"postgresql\"").doesNotContain("MARIADB");
        assertThat(store.load().profiles()).isEqualTo(old);
        assertThat(ProfileStore.importFrom(Files.readString(file))).isEqualTo(old);
    }

    @Test
    void anExportOfThePreviousReleaseImports() throws Exception {
        List<DataSourceProfile> imported = ProfileStore.importFrom(Files.readString(previousReleaseFile()));
        assertThat(imported).extracting(DataSourceProfile::type).containsExactly("mariadb", "postgresql");
    }

    @Test
    void typesAreKeptInLowerCaseAndABlankTypeIsAuto() {
        assertThat(DataSourceProfile.create("a", "OceanBase", "h", 2881, "u").type()).isEqualTo("oceanbase");
        assertThat(DataSourceProfile.create("a", null, "h", 3306, "u").type()).isEqualTo(ConnectionSpec.DEFAULT_TYPE);
        assertThat(DataSourceProfile.create("a", " ", "h", 3306, "u").type()).isEqualTo("auto");
    }
}
