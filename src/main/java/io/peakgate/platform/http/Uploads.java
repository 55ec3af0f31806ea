package io.peakgate.platform.http;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** The upload routes of {@link HttpConfig#uploads()}: which path is one, and its body limit. */
@Singleton
public class Uploads {

    private record Route(Pattern path, long limit) {
    }

    private final List<Route> routes;

    @Inject
    public Uploads(HttpConfig config) {
        this.routes = config.uploads().values().stream()
                .map(u -> new Route(Pattern.compile(u.path()), u.maxBodySize().asLongValue())).toList();
    }

    /** The body limit of the upload route {@code path} is on, or empty when it is an ordinary API route. */
    public OptionalLong limit(String path) {
        if (path != null) {
            for (Route route : routes) {
                if (route.path().matcher(path).matches()) {
                    return OptionalLong.of(route.limit());
                }
            }
        }
        return OptionalLong.empty();
    }
}
