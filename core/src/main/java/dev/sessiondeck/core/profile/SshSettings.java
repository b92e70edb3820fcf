package dev.sessiondeck.core.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.sessiondeck.core.ssh.SshAuth;
import dev.sessiondeck.core.ssh.SshHostKey;
import dev.sessiondeck.core.ssh.SshTunnelSpec;
import java.util.Objects;

/**
 * A saved data source's SSH tunnel, as the profiles file holds it: never the passphrase or
 * password, which lives in the {@link SecretStore} under {@link DataSourceProfile#sshSecretId()}
 * when {@link #saveSecret()}.
 *
 * @param host       the bastion
 * @param port       its SSH port
 * @param user       the user on the bastion
 * @param auth       key, agent or password
 * @param keyFile    the private key file for {@link SshAuth#KEY}, empty otherwise
 * @param knownHosts the known_hosts file, empty for {@code ~/.ssh/known_hosts}
 * @param hostKey    the accepted host key, {@code "TYPE SHA256:..."}, empty when none was accepted
 * @param saveSecret true when the key's passphrase or the password is kept in the keychain
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SshSettings(String host, int port, String user, SshAuth auth, String keyFile, String knownHosts,
                          String hostKey, boolean saveSecret) {

    public SshSettings {
        Objects.requireNonNull(host, "host");
        user = user == null ? "" : user;
        auth = auth == null ? SshAuth.AGENT : auth;
        keyFile = keyFile == null ? "" : keyFile;
        knownHosts = knownHosts == null ? "" : knownHosts;
        hostKey = hostKey == null ? "" : hostKey;
    }

    /** The settings of a spec (its secret left out). */
    public static SshSettings of(SshTunnelSpec spec, boolean saveSecret) {
        return new SshSettings(spec.host(), spec.port(), spec.user(), spec.auth(), spec.keyFile().orElse(""),
                spec.knownHosts().orElse(""), spec.hostKey().map(SshHostKey::toString).orElse(""), saveSecret);
    }

    /**
     * The spec to connect with.
     *
     * @param secret the passphrase or password from the keychain or a prompt, null for none; copied
     * @throws IllegalArgumentException when a value is out of bounds (a hand-edited file)
     */
    public SshTunnelSpec toSpec(char[] secret) {
        return SshTunnelSpec.builder().host(host).port(port).user(user).auth(auth).keyFile(keyFile)
                .knownHosts(knownHosts).hostKey(hostKey.isBlank() ? null : SshHostKey.parse(hostKey)).secret(secret).build();
    }

    /** The same settings with the secret not saved (a copy, an export). */
    public SshSettings withoutSavedSecret() {
        return new SshSettings(host, port, user, auth, keyFile, knownHosts, hostKey, false);
    }

    /** The same settings with another accepted host key. */
    public SshSettings withHostKey(SshHostKey key) {
        return new SshSettings(host, port, user, auth, keyFile, knownHosts, key == null ? "" : key.toString(), saveSecret);
    }

    /** True when logging in needs a secret: a password, or a passphrase the user chose to save. */
    public boolean needsSecret() {
        return auth == SshAuth.PASSWORD || (auth == SshAuth.KEY && saveSecret);
    }
}
