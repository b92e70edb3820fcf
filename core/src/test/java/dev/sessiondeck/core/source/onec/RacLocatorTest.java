package dev.sessiondeck.core.source.onec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where rac is looked for, in temporary folders standing for /opt/1cv8, C:\Program Files\1cv8 and the PATH. */
class RacLocatorTest {

    @TempDir
    Path tmp;

    private static Path executable(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static Path plainFile(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "not a program");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        return p;
    }

    private RacLocator linux(Map<String, String> env) {
        return new RacLocator(env, false, List.of(tmp.resolve("opt/1cv8"), tmp.resolve("opt/1C/v8.3")), List.of());
    }

    @Test
    void theConfiguredPathComesFirst() throws Exception {
        Path mine = executable(tmp.resolve("mine/rac"));
        executable(tmp.resolve("env/rac"));
        executable(tmp.resolve("opt/1cv8/x86_64/8.3.24.1691/rac"));

        Path found = linux(Map.of(RacLocator.ENVIRONMENT, tmp.resolve("env/rac").toString())).find(Optional.of(mine.toString()));

        assertThat(found).isEqualTo(mine);
    }

    @Test
    void aConfiguredPathThatIsNotThereOrNotAProgramIsNotReplacedByAnother() throws Exception {
        executable(tmp.resolve("opt/1cv8/x86_64/8.3.24.1691/rac"));
        Path missing = tmp.resolve("nowhere/rac");
        Path text = plainFile(tmp.resolve("text/rac"));

        assertThatThrownBy(() -> linux(Map.of()).find(Optional.of(missing.toString())))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED))
                .hasMessageContaining(missing.toString()).hasMessageContaining("the path the data source names");
        assertThatThrownBy(() -> linux(Map.of()).find(Optional.of(text.toString())))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED))
                .hasMessageContaining("not executable");
    }

    @Test
    void theEnvironmentVariableComesBeforeTheInstallFolders() throws Exception {
        Path env = executable(tmp.resolve("env/rac"));
        executable(tmp.resolve("opt/1cv8/x86_64/8.3.24.1691/rac"));

        assertThat(linux(Map.of(RacLocator.ENVIRONMENT, " " + env + " ")).find(Optional.empty())).isEqualTo(env);
    }

    @Test
    void theNewestInstalledVersionWinsComparedAsNumbers() throws Exception {
        executable(tmp.resolve("opt/1cv8/x86_64/8.3.9.2170/rac"));
        Path newest = executable(tmp.resolve("opt/1cv8/x86_64/8.3.24.1691/rac"));
        executable(tmp.resolve("opt/1cv8/x86_64/8.3.24.1548/rac"));
        Files.createDirectories(tmp.resolve("opt/1cv8/x86_64/8.5.1.100")); // a version without rac
        Files.createDirectories(tmp.resolve("opt/1cv8/x86_64/common"));
        executable(tmp.resolve("opt/1cv8/x86_64/common/rac"));

        assertThat(linux(Map.of(RacLocator.ENVIRONMENT, tmp.resolve("gone/rac").toString())).find(Optional.empty()))
                .as("a variable naming no program is passed over").isEqualTo(newest);
        assertThat(RacLocator.compareVersions("8.3.24.1691", "8.3.9.2170")).isPositive();
        assertThat(RacLocator.compareVersions("8.3.9.2170", "8.3.24.1691")).isNegative();
        assertThat(RacLocator.compareVersions("8.5", "8.5.0.0")).isZero();
        assertThat(RacLocator.compareVersions("8.5.1", "8.3.27.1000")).isPositive();
    }

    @Test
    void theOlderLinuxLayoutAndOtherArchitecturesAreFound() throws Exception {
        Path old = executable(tmp.resolve("opt/1C/v8.3/x86_64/rac"));
        assertThat(linux(Map.of()).find(Optional.empty())).isEqualTo(old);

        Path arm = executable(tmp.resolve("opt/1cv8/aarch64/8.5.1.100/rac"));
        assertThat(linux(Map.of()).find(Optional.empty())).as("/opt/1cv8 before /opt/1C/v8.3").isEqualTo(arm);
    }

    @Test
    void windowsLooksInProgramFilesNewestFirst() throws Exception {
        Path pf = tmp.resolve("Program Files/1cv8");
        Path pf86 = tmp.resolve("Program Files (x86)/1cv8");
        executable(pf.resolve("8.3.9.2170/bin/rac.exe"));
        Path newest = executable(pf.resolve("8.3.24.1691/bin/rac.exe"));
        executable(pf86.resolve("8.3.25.1000/bin/rac.exe"));
        executable(tmp.resolve("opt/1cv8/x86_64/8.5.1.100/rac"));

        RacLocator windows = new RacLocator(Map.of(), true, List.of(tmp.resolve("opt/1cv8")), List.of(pf, pf86));

        assertThat(windows.find(Optional.empty())).as("the 64-bit folder first, the Linux folders never").isEqualTo(newest);
    }

    @Test
    void thePathComesLast() throws Exception {
        Path bin = executable(tmp.resolve("bin/rac"));
        plainFile(tmp.resolve("first/rac"));
        String path = String.join(File.pathSeparator, tmp.resolve("empty").toString(), "", tmp.resolve("first").toString(),
                bin.getParent().toString());

        assertThat(linux(Map.of("PATH", path)).find(Optional.empty())).isEqualTo(bin);

        Path installed = executable(tmp.resolve("opt/1cv8/x86_64/8.3.24.1691/rac"));
        assertThat(linux(Map.of("PATH", path)).find(Optional.empty())).as("install folders before the PATH").isEqualTo(installed);

        Path exe = executable(tmp.resolve("winbin/rac.exe"));
        assertThat(new RacLocator(Map.of("Path", exe.getParent().toString()), true, List.of(), List.of()).find(Optional.empty()))
                .as("Windows spells it Path, the program rac.exe").isEqualTo(exe);
    }

    @Test
    void whenThereIsNoneTheMessageSaysWhereItLooked() {
        RacLocator locator = new RacLocator(Map.of("PATH", tmp.resolve("bin").toString()), false,
                List.of(tmp.resolve("opt/1cv8"), tmp.resolve("opt/1C/v8.3")), List.of());

        assertThatThrownBy(() -> locator.find(Optional.empty()))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED))
                .hasMessageContaining("rac, 1C's administration client, was not found")
                .hasMessageContaining(RacLocator.ENVIRONMENT + " (not set)")
                .hasMessageContaining(tmp.resolve("opt/1cv8").resolve("<arch>").resolve("<version>").resolve("rac").toString())
                .hasMessageContaining(tmp.resolve("opt/1C/v8.3").resolve("<arch>").resolve("rac").toString())
                .hasMessageContaining("the PATH")
                .hasMessageContaining("--rac");

        RacLocator withVariable = new RacLocator(Map.of(RacLocator.ENVIRONMENT, "/no/such/rac"), true, List.of(),
                List.of(tmp.resolve("Program Files/1cv8")));
        assertThatThrownBy(() -> withVariable.find(Optional.empty()))
                .hasMessageContaining(RacLocator.ENVIRONMENT + "=" + Path.of("/no/such/rac"))
                .hasMessageContaining(tmp.resolve("Program Files/1cv8").resolve("<version>").resolve("bin").resolve("rac.exe").toString());
    }
}
