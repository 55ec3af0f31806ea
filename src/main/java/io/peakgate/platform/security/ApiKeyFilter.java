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
import jakarta.ws.rs.Priorities;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Authenticates portal clients by bearer API key (secret, or publishable), and subscribers without
 * an account by a verification token ({@code vt_...}). Keys are looked up by their SHA-256 hash
 * (never stored or logged in the clear); hits are cached ({@link ApiKeyCache}: evicted on every instance
 * when a key is rotated or revoked) so the hot path does not query.
 * A publishable key reaches only operations marked {@link AllowsPublishableKey}, a verification
 * token only those marked {@link AllowsVerificationToken}.
 */
public class ApiKeyFilter {

    /** Aggregator portals name the subscriber they act for. */
    public static final String SUBSCRIBER_HEADER = "X-Subscriber";

    @Inject
    ApiClientRepository clients;

    @Inject
    CallerContext context;

    @Inject
    VerificationTokens verificationTokens;

    @Inject
    DemoMode demo;

    @Inject
    ApiKeyCache cache;

    @PortalApi
    // authentication's priority: a non-blocking filter must run before every other (OpenTelemetry's, which names the
    // request's span by its route, has the default priority); a refused request's span is named by its method only
    @ServerRequestFilter(nonBlocking = true, priority = Priorities.AUTHENTICATION)
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
        Caller cached = cache.find(hash);
        if (cached != null) {
            return Uni.createFrom().item(admit(cached.forSubscriber(subscriber), resource, http));
        }
        long generation = cache.generation();
        return clients.findByValidKeyHash(hash).map(client -> {
            if (client == null || (client.demo() && !demo.active())) {
                return refuse(ErrorCode.AUTH_INVALID, "The API key is not valid", http);
            }
            Caller caller = Caller.of(client, subscriber, client.publishable());
            cache.keep(hash, generation, client, caller);
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
