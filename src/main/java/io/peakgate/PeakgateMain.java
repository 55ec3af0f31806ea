package io.peakgate;

import io.quarkus.arc.All;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.List;

/**
 * Runs the gateway. Instead, a first argument naming a {@link Command} runs that command after the
 * usual start-up and exits with its code: {@code demo-data --accounts N} (demo data),
 * {@code vault-rotate} (a new primary vault key), {@code clients ...} (API clients and keys).
 */
@QuarkusMain
public class PeakgateMain implements QuarkusApplication {

    @Inject
    @All
    List<Command> commands;

    public static void main(String... args) {
        Quarkus.run(PeakgateMain.class, args);
    }

    @Override
    public int run(String... args) throws Exception {
        if (args.length > 0) {
            for (Command command : commands) {
                if (command.name().equals(args[0])) {
                    return command.run(Arrays.asList(args).subList(1, args.length));
                }
            }
        }
        Quarkus.waitForExit();
        return 0;
    }
}
