package io.peakgate.platform.error;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where each code's page is, which is the {@code type} of its problems: the absolute URL
 * {@code <this gateway's public address>/problems/<code>} ({@link ProblemResource} serves it).
 * <p>
 * The public address is {@code peakgate.providers.public-base-url}, the one setting that names it
 * (providers' callbacks and the sandbox's pages use it too; it is read by name so that the platform
 * does not depend on the payments domain). Problems are built in static code (mappers of batch
 * items, exception mappers), so the address is kept here, set once at startup; until then (plain
 * unit tests without the application) types are the path alone, a relative reference RFC 9457 allows.
 */
@Singleton
public class ProblemTypes {

    public static final String PATH = "/problems";

    private static volatile String base = "";

    @ConfigProperty(name = "peakgate.providers.public-base-url")
    String publicBaseUrl;

    void started(@Observes StartupEvent start) {
        base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    /** The type of {@code code}'s problems: the URL of its page. */
    public static String of(ErrorCode code) {
        return base + PATH + "/" + code.code();
    }

    /** The page listing every code. */
    public static String index() {
        return base + PATH;
    }
}
