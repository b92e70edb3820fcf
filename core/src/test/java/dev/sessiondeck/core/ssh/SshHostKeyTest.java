package dev.sessiondeck.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SshHostKeyTest {

    /** A host key and the fingerprint {@code ssh-keygen -lf} printed for it (OpenSSH 9.2). */
    private static final String PUB = "AAAAC3NzaC1lZDI1NTE5AAAAIM7VOt/EIN02Rrbq2t98RB69l8HsxH9nOZ9Be850QrJN";
    private static final String SSH_KEYGEN_SAYS = "SHA256:RKeGooUxGs1+r5Dm+9dh4AYZb00m7G6ZkIrxBudhjM4";

    @Test
    void fingerprintIsOpenSshSha256OfTheWireKey() {
        SshHostKey key = SshHostKey.of(Base64.getDecoder().decode(PUB));
        assertThat(key.type()).isEqualTo("ssh-ed25519");
        assertThat(key.fingerprint()).startsWith("SHA256:").hasSize(50);
        assertThat(key.fingerprint()).isEqualTo(SSH_KEYGEN_SAYS);
    }

    @Test
    void savedFormReadsBack() {
        SshHostKey key = SshHostKey.of(Base64.getDecoder().decode(PUB));
        assertThat(SshHostKey.parse(key.toString())).isEqualTo(key);
        assertThat(key.toString()).isEqualTo("ssh-ed25519 " + key.fingerprint());
    }

    @Test
    void refusesWhatIsNotAFingerprint() {
        assertThatThrownBy(() -> SshHostKey.parse("ssh-ed25519 MD5:aa:bb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SHA256:");
        assertThatThrownBy(() -> SshHostKey.parse("SHA256:abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SshHostKey.of(new byte[]{0, 0})).isInstanceOf(IllegalArgumentException.class);
    }
}
