package dev.sessiondeck.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.ssh.HostKeyVerdict.KnownHosts;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostKeyVerdictTest {

    private static final SshHostKey KEY = new SshHostKey("ssh-ed25519", "SHA256:" + "A".repeat(43));
    private static final SshHostKey OTHER = new SshHostKey("ssh-ed25519", "SHA256:" + "B".repeat(43));
    private static final SshHostKey OTHER_TYPE = new SshHostKey("ecdsa-sha2-nistp256", "SHA256:" + "A".repeat(43));

    @ParameterizedTest(name = "known_hosts {0}, saved {1}, acceptNew {2} -> {3}")
    @CsvSource({
            // known_hosts, saved,      acceptNew, verdict
            "MATCH,    NONE,       false, TRUSTED",
            "ABSENT,   NONE,       false, UNKNOWN",
            "ABSENT,   NONE,       true,  TRUSTED",
            "MISMATCH, NONE,       false, CHANGED",
            "MISMATCH, NONE,       true,  CHANGED",
            "MISMATCH, SAME,       false, CHANGED",
            "ABSENT,   SAME,       false, TRUSTED",
            "MATCH,    SAME,       false, TRUSTED",
            "ABSENT,   OTHER,      false, CHANGED",
            "ABSENT,   OTHER,      true,  CHANGED",
            "MATCH,    OTHER,      false, CHANGED",
            "ABSENT,   OTHER_TYPE, false, CHANGED",
    })
    void decidesLikeOpenSsh(KnownHosts knownHosts, String saved, boolean acceptNew, HostKeyVerdict expected) {
        Optional<SshHostKey> savedKey = switch (saved) {
            case "SAME" -> Optional.of(KEY);
            case "OTHER" -> Optional.of(OTHER);
            case "OTHER_TYPE" -> Optional.of(OTHER_TYPE);
            default -> Optional.empty();
        };
        assertThat(HostKeyVerdict.decide(KEY, knownHosts, savedKey, acceptNew)).isEqualTo(expected);
    }
}
