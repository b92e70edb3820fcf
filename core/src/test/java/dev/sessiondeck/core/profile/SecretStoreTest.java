package dev.sessiondeck.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretStoreTest {

    @Test
    void memoryStoreKeepsCopiesForThisRunOnly() {
        MemorySecretStore store = new MemorySecretStore();
        char[] typed = "s3cret".toCharArray();

        store.write("p1", typed);
        typed[0] = 'X';
        char[] read = store.read("p1").orElseThrow();
        read[1] = 'Y';

        assertThat(store.read("p1")).hasValueSatisfying(p -> assertThat(p).containsExactly("s3cret".toCharArray()));
        assertThat(store.persistent()).isFalse();
        store.delete("p1");
        assertThat(store.read("p1")).isEmpty();
    }

    @Test
    void withoutAKeychainTheStoreFallsBackToMemoryWithinItsTimeout() {
        // CI machines run without a D-Bus session: the keychain is absent or does not answer
        long start = System.nanoTime();
        SecretStore store = KeyringSecretStore.openOrMemory();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        if (!store.persistent()) {
            assertThat(store).isInstanceOf(MemorySecretStore.class);
        }
        assertThat(tookMillis).isLessThan(KeyringSecretStore.OPEN_TIMEOUT.toMillis() + 2_000);
    }
}
