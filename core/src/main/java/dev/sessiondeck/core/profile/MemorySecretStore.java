package dev.sessiondeck.core.profile;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Passwords kept in memory for this run only: where no keychain is available. */
public final class MemorySecretStore implements SecretStore {

    private final Map<String, char[]> secrets = new ConcurrentHashMap<>();

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public String describe() {
        return "memory, for this run only";
    }

    @Override
    public Optional<char[]> read(String profileId) {
        char[] p = secrets.get(profileId);
        return p == null ? Optional.empty() : Optional.of(p.clone());
    }

    @Override
    public void write(String profileId, char[] password) {
        char[] old = secrets.put(profileId, password.clone());
        if (old != null) {
            Arrays.fill(old, '\0');
        }
    }

    @Override
    public void delete(String profileId) {
        char[] old = secrets.remove(profileId);
        if (old != null) {
            Arrays.fill(old, '\0');
        }
    }
}
