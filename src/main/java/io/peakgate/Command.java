package io.peakgate;

import java.util.List;

/**
 * A one-shot command of the gateway's jar ({@code java -jar quarkus-run.jar NAME ARGS}): it runs after
 * the usual start-up (the schema migrated) and its return value is the process's exit code. Each
 * domain that offers one implements it as a bean; {@link PeakgateMain} only dispatches by name.
 */
public interface Command {

    String name();

    int run(List<String> args) throws Exception;
}
