package io.peakgate.clients.service;

import io.peakgate.clients.ClientSpec;
import io.peakgate.clients.ClientView;
import io.peakgate.clients.IssuedKeys;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.security.ApiKeyCache;
import io.peakgate.platform.security.ApiKeyFilter;
import io.peakgate.platform.security.RandomTokens;
import io.peakgate.platform.security.Scope;
import io.peakgate.platform.security.Secret;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The use cases of API clients: create one with its keys, rotate a key (the old one keeps working for a
 * grace period), revoke a client (every key refused at once, on every instance), and read them. Each acts
 * within the suppliers of the operator ({@code within}): a client acting for any other supplier is not there
 * for it, and it cannot grant a supplier it does not hold.
 */
@ApplicationScoped
public class ClientService {

    /** A generated secret key starts with this; a publishable one with {@link #PUBLISHABLE_PREFIX}. */
    public static final String SECRET_PREFIX = "pg_sk_";
    public static final String PUBLISHABLE_PREFIX = "pg_pk_";
    public static final String SECRET = "secret";
    public static final String PUBLISHABLE = "publishable";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final Set<String> SCOPES = Arrays.stream(Scope.values()).map(Scope::value)
            .collect(Collectors.toUnmodifiableSet());

    @Inject
    ClientRepository clients;

    @Inject
    ClientsConfig config;

    @Inject
    ApiKeyCache cache;

    @Inject
    Pool pool;

    /**
     * Creates the client with new keys, or with the keys given (the demo's fixed keys); 409 client.exists
     * when the id is taken. {@code known} are the suppliers the gateway serves.
     */
    public Uni<IssuedKeys> create(ClientSpec spec, Set<String> within, Set<String> known, Secret secretKey,
                                  Secret publishableKey) {
        ClientSpec valid = validate(spec, within, known);
        Secret secret = secretKey != null ? secretKey : Secret.of(RandomTokens.next(SECRET_PREFIX));
        Secret publishable = publishableKey != null ? publishableKey
                : valid.publishable() ? Secret.of(RandomTokens.next(PUBLISHABLE_PREFIX)) : null;
        String[] reach = within.toArray(String[]::new);
        return pool.withTransaction(conn -> clients.insert(conn, valid)
                        .chain(created -> {
                            if (!created) {
                                return Uni.createFrom().failure(new ProblemException(ErrorCode.CLIENT_EXISTS,
                                        "A client with id '" + valid.id() + "' exists already"));
                            }
                            Uni<Void> keys = insertKey(conn, valid.id(), secret, SECRET);
                            return publishable == null ? keys : keys.chain(() -> insertKey(conn, valid.id(), publishable, PUBLISHABLE));
                        })
                        .chain(() -> clients.find(conn, valid.id(), reach)))
                .map(view -> new IssuedKeys(view, secret, publishable));
    }

    /**
     * A new key of this kind for the client; its current keys of that kind keep working for {@code grace}
     * (null: the configured default), then are refused. 404 unless within reach, 409 when it is revoked.
     */
    public Uni<IssuedKeys> rotate(String id, Set<String> within, String kind, String grace) {
        Duration period = grace(grace);
        String keyKind = kind == null ? SECRET : kind;
        Secret key = Secret.of(RandomTokens.next(PUBLISHABLE.equals(keyKind) ? PUBLISHABLE_PREFIX : SECRET_PREFIX));
        String[] reach = within.toArray(String[]::new);
        return pool.withTransaction(conn -> clients.lock(conn, id, reach)
                        .chain(locked -> {
                            if (locked == null) {
                                return Uni.createFrom().failure(notFound(id));
                            }
                            if (locked.revoked()) {
                                return Uni.createFrom().failure(new ProblemException(ErrorCode.CLIENT_REVOKED,
                                        "The client '" + id + "' is revoked and gets no new key"));
                            }
                            return clients.expire(conn, id, keyKind, period)
                                    .chain(() -> insertKey(conn, id, key, keyKind))
                                    .chain(() -> clients.announce(conn, id))
                                    .chain(() -> clients.find(conn, id, reach));
                        }))
                .invoke(() -> cache.evict(id))
                .map(view -> PUBLISHABLE.equals(keyKind) ? new IssuedKeys(view, null, key) : new IssuedKeys(view, key, null));
    }

    /** Revokes the client and all its keys, on every instance at once; 404 unless within reach. */
    public Uni<ClientView> revoke(String id, Set<String> within) {
        String[] reach = within.toArray(String[]::new);
        return pool.withTransaction(conn -> clients.lock(conn, id, reach)
                        .chain(locked -> locked == null ? Uni.createFrom().failure(notFound(id))
                                : clients.revoke(conn, id)
                                .chain(() -> clients.announce(conn, id))
                                .chain(() -> clients.find(conn, id, reach))))
                .invoke(() -> cache.evict(id));
    }

    public Uni<List<ClientView>> list(Set<String> within) {
        return clients.list(within.toArray(String[]::new));
    }

    /** The client; 404 unless within reach. */
    public Uni<ClientView> get(String id, Set<String> within) {
        return clients.find(id, within.toArray(String[]::new))
                .onItem().ifNull().failWith(() -> notFound(id));
    }

    private Uni<Void> insertKey(SqlConnection conn, String clientId, Secret key, String kind) {
        String value = key.reveal();
        String prefix = value.startsWith(SECRET_PREFIX) || value.startsWith(PUBLISHABLE_PREFIX)
                ? value.substring(0, SECRET_PREFIX.length() + 4) : null;
        return clients.insertKey(conn, clientId, ApiKeyFilter.hash(key), kind, prefix);
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ErrorCode.CLIENT_NOT_FOUND, "No client '" + id + "'");
    }

    private Duration grace(String grace) {
        if (grace == null || grace.isBlank()) {
            return config.defaultGrace();
        }
        Duration period;
        try {
            period = Duration.parse(grace);
        } catch (DateTimeParseException e) {
            throw graceInvalid("The grace period must be an ISO-8601 duration such as PT24H");
        }
        if (period.isNegative() || period.compareTo(config.maxGrace()) > 0) {
            throw graceInvalid("The grace period must be between PT0S and " + config.maxGrace());
        }
        return period;
    }

    private static ProblemException graceInvalid(String detail) {
        return new ProblemException(ErrorCode.CLIENT_GRACE_INVALID, detail, List.of(new FieldError("grace", detail)));
    }

    /** Domain rules on a shape already checked at the edge: known scopes and suppliers, held suppliers, origins. */
    private static ClientSpec validate(ClientSpec spec, Set<String> within, Set<String> known) {
        // the shape again, for callers that do not come through the HTTP edge (the command line)
        List<FieldError> shape = new ArrayList<>();
        if (spec.id() == null || !ID.matcher(spec.id()).matches()) {
            shape.add(new FieldError("id", "must be 2 to 64 lower-case letters, digits and dashes"));
        }
        if (spec.kind() != null && !spec.kind().equals(ClientSpec.SUPPLIER) && !spec.kind().equals(ClientSpec.AGGREGATOR)) {
            shape.add(new FieldError("kind", "must be supplier or aggregator"));
        }
        if (spec.suppliers().isEmpty()) {
            shape.add(new FieldError("suppliers", "must not be empty"));
        }
        if (spec.scopes().isEmpty()) {
            shape.add(new FieldError("scopes", "must not be empty"));
        }
        if (!shape.isEmpty()) {
            throw new ProblemException(ErrorCode.REQUEST_INVALID, "The client is not valid", shape);
        }
        List<FieldError> unknownScopes = new ArrayList<>();
        for (int i = 0; i < spec.scopes().size(); i++) {
            if (!SCOPES.contains(spec.scopes().get(i))) {
                unknownScopes.add(new FieldError("scopes[" + i + "]", "no such scope: " + spec.scopes().get(i)));
            }
        }
        if (!unknownScopes.isEmpty()) {
            throw new ProblemException(ErrorCode.CLIENT_SCOPE_UNKNOWN, "Unknown scopes", unknownScopes);
        }
        List<FieldError> unknownSuppliers = new ArrayList<>();
        for (int i = 0; i < spec.suppliers().size(); i++) {
            if (!known.contains(spec.suppliers().get(i))) {
                unknownSuppliers.add(new FieldError("suppliers[" + i + "]", "no such supplier: " + spec.suppliers().get(i)));
            }
        }
        if (!unknownSuppliers.isEmpty()) {
            throw new ProblemException(ErrorCode.CLIENT_SUPPLIER_UNKNOWN, "Unknown suppliers", unknownSuppliers);
        }
        for (String supplier : spec.suppliers()) {
            if (!within.contains(supplier)) {
                throw new ProblemException(ErrorCode.AUTH_SUPPLIER_FORBIDDEN,
                        "This API key is not granted supplier '" + supplier + "', so it cannot grant it");
            }
        }
        List<String> origins = new ArrayList<>();
        List<FieldError> badOrigins = new ArrayList<>();
        for (int i = 0; i < spec.returnOrigins().size(); i++) {
            String origin = origin(spec.returnOrigins().get(i));
            if (origin == null) {
                badOrigins.add(new FieldError("returnOrigins[" + i + "]",
                        "must be http(s)://host[:port] with no path, query or fragment"));
            } else {
                origins.add(origin);
            }
        }
        if (!badOrigins.isEmpty()) {
            throw new ProblemException(ErrorCode.CLIENT_ORIGIN_INVALID, "Return origins must be origins", badOrigins);
        }
        return new ClientSpec(spec.id(), spec.name(), spec.description(), List.copyOf(new LinkedHashSet<>(spec.suppliers())),
                List.copyOf(new LinkedHashSet<>(spec.scopes())), spec.kind() == null ? ClientSpec.SUPPLIER : spec.kind(),
                List.copyOf(new LinkedHashSet<>(origins)), spec.publishable(), spec.demo());
    }

    /** The origin as the return-URL check compares it (scheme and host in lower case), or null if it is not one. */
    private static String origin(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !bare) {
                return null;
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
