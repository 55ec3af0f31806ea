package io.peakgate;

import io.peakgate.demo.DemoData;
import io.peakgate.vault.service.KeyRing;
import io.peakgate.vault.service.VaultConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

/**
 * Runs the gateway. Instead, {@code demo-data --accounts N} loads N generated demo accounts (after
 * the usual start-up has migrated the schema) and exits; {@code vault-rotate} adds a new primary
 * key to the vault's AEAD and MAC keysets (old ciphertexts stay readable, old fingerprints still match;
 * running instances re-read the keysets without a restart).
 */
@QuarkusMain
public class PeakgateMain implements QuarkusApplication {

    @Inject
    DemoData demoData;

    @Inject
    VaultConfig vault;

    public static void main(String... args) {
        Quarkus.run(PeakgateMain.class, args);
    }

    @Override
    public int run(String... args) throws Exception {
        if (args.length > 0 && args[0].equals("demo-data")) {
            long accounts = 1000;
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("--accounts") && i + 1 < args.length) {
                    accounts = Long.parseLong(args[++i]);
                } else if (args[i].startsWith("--accounts=")) {
                    accounts = Long.parseLong(args[i].substring("--accounts=".length()));
                } else {
                    System.err.println("usage: demo-data --accounts N");
                    return 2;
                }
            }
            if (!demoData.loadGenerated(accounts, System.out)) {
                System.err.println("demo-data needs the demo: peakgate.demo.enabled in a profile other than prod "
                        + "(bin/peakgate demo-data uses the demo profile)");
                return 2;
            }
            return 0;
        }
        if (args.length > 0 && args[0].equals("vault-rotate")) {
            KeyRing.Rotation rotation = KeyRing.rotate(vault.keysDir(), vault.kekUri().orElse(null));
            System.out.printf("vault keysets in %s rotated; new primary keys: AEAD %d, MAC %d "
                    + "(running instances pick them up within %s)%n", vault.keysDir(), rotation.aeadPrimary(),
                    rotation.macPrimary(), vault.reloadEvery());
            return 0;
        }
        Quarkus.waitForExit();
        return 0;
    }
}
