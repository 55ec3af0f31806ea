package io.peakgate.platform.security;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import io.peakgate.platform.config.DemoMode;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates portal clients by bearer API key (secret, or publishable), and subscribers without
 * an account by a verification token ({@code vt_...}). Keys are looked up by their SHA-256 hash
 * (never stored or logged in the clear); hits are cached briefly so the hot path does not query.
 * A publishable key reaches only operations marked {@link AllowsPublishableKey}, a verification
 * token only those marked {@link AllowsVerificationToken}.
 */
public class ApiKeyFilter {

    /** Aggregator portals name the subscriber they act for. */
    public static final String SUBSCRIBER_HEADER = "X-Subscriber";
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final int CACHE_MAX = 10_000;

    @Inject
    ApiClientRepository clients;

    @Inject
    CallerContext context;

    @Inject
    VerificationTokens verificationTokens;

    @Inject
    DemoMode demo;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Caller caller, long expiresAtNanos) {
    }

    @PortalApi
    @ServerRequestFilter(nonBlocking = true)
    public Uni<Response> authenticate(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Uni.createFrom().item(refuse(ErrorCode.AUTH_MISSING, "Send 'Authorization: Bearer <API key>'", http));
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 512) {
            return Uni.createFrom().item(refuse(ErrorCode.AUTH_INVALID, "Use the Bearer scheme with your API key", http));
        }
        Secret key = Secret.of(header.substring(7).trim());
        String subscriber = request.getHeaderString(SUBSCRIBER_HEADER);
        if (key.reveal().startsWith(VerificationTokens.PREFIX)) {
            return verificationTokens.find(key.reveal()).map(caller -> caller == null
                    ? refuse(ErrorCode.AUTH_INVALID, "The verification token is unknown or expired", http)
                    : admit(caller, resource, http));
        }
        String hash = hash(key);
        Cached cached = cache.get(hash);
        if (cached != null && cached.expiresAtNanos() > System.nanoTime()) {
            return Uni.createFrom().item(admit(cached.caller().forSubscriber(subscriber), resource, http));
        }
        return clients.findActiveByKeyHash(hash).map(client -> {
            if (client == null || (client.demo() && !demo.active())) {
                return refuse(ErrorCode.AUTH_INVALID, "The API key is not valid", http);
            }
            Caller caller = Caller.of(client, subscriber,
                    client.publishableKeyHash() != null && Signatures.same(client.publishableKeyHash(), hash));
            if (cache.size() >= CACHE_MAX) {
                cache.clear();
            }
            cache.put(hash, new Cached(caller, System.nanoTime() + CACHE_TTL.toNanos()));
            return admit(caller, resource, http);
        });
    }

    /** Sets the caller, or refuses (null lets the request through) when its kind of key cannot call this operation. */
    private Response admit(Caller caller, ResourceInfo resource, HttpServerRequest http) {
        Method method = resource.getResourceMethod();
        if (caller.publishable() && (method == null || !method.isAnnotationPresent(AllowsPublishableKey.class))) {
            return refuse(ErrorCode.AUTH_KEY_KIND_FORBIDDEN,
                    "A publishable key may only tokenise a card and verify an account; use the secret key", http);
        }
        if (caller.kind() == Caller.Kind.VERIFIED_SUBSCRIBER
                && (method == null || !method.isAnnotationPresent(AllowsVerificationToken.class))) {
            return refuse(ErrorCode.AUTH_KEY_KIND_FORBIDDEN,
                    "A verification token only reads its account's balance and submits its one reading", http);
        }
        context.set(caller);
        return null;
    }

    /** The stored form of an API key. */
    public static String hash(Secret key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response refuse(ErrorCode code, String detail, HttpServerRequest http) {
        return Problem.of(code, detail, Problem.instance(http), List.of(), Map.of()).toResponse();
    }
}
