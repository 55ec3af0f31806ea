package io.peakgate.vault.service;

import io.peakgate.Command;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * {@code vault-rotate}: adds a new primary key to the vault's AEAD and MAC keysets (old ciphertexts
 * stay readable, old fingerprints still match; running instances re-read the keysets without a restart).
 */
@ApplicationScoped
class RotateKeysCommand implements Command {

    @Inject
    VaultConfig vault;

    @Override
    public String name() {
        return "vault-rotate";
    }

    @Override
    public int run(List<String> args) throws Exception {
        KeyRing.Rotation rotation = KeyRing.rotate(vault.keysDir(), vault.kekUri().orElse(null));
        System.out.printf("vault keysets in %s rotated; new primary keys: AEAD %d, MAC %d "
                + "(running instances pick them up within %s)%n", vault.keysDir(), rotation.aeadPrimary(),
                rotation.macPrimary(), vault.reloadEvery());
        return 0;
    }
}
