package io.peakgate.platform.security;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Address allow-lists for partners that call from known hosts (SMS aggregators, payment agents).
 * Entries are single addresses or CIDR ranges, IPv4 or IPv6 ({@link AddressRange}). The rule for
 * an empty or missing list: in the {@code prod} profile it refuses every address (a partner
 * configured without its hosts cannot call); in other profiles (dev, test, demo) it allows any.
 */
@Singleton
public class SourceAddresses {

    private final boolean refuseUnlisted;
    private final Map<List<String>, List<AddressRange>> parsed = new ConcurrentHashMap<>();

    public SourceAddresses() {
        this(prodProfile());
    }

    SourceAddresses(boolean refuseUnlisted) {
        this.refuseUnlisted = refuseUnlisted;
    }

    /** Refuses (403) a request from outside {@code allowed}. */
    public void require(Optional<List<String>> allowed, HttpServerRequest request) {
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (!allows(allowed, address)) {
            throw new ProblemException(ErrorCode.SOURCE_ADDRESS_FORBIDDEN, "Requests from this address are not allowed");
        }
    }

    /** Fails (at start-up) on an entry that is neither an address nor a CIDR range. */
    public void validate(String owner, Optional<List<String>> allowed) {
        try {
            ranges(allowed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("allowed-addresses of " + owner + ": " + e.getMessage(), e);
        }
    }

    boolean allows(Optional<List<String>> allowed, String address) {
        List<AddressRange> ranges = ranges(allowed);
        return ranges.isEmpty() ? !refuseUnlisted : ranges.stream().anyMatch(range -> range.contains(address));
    }

    private List<AddressRange> ranges(Optional<List<String>> allowed) {
        List<String> entries = allowed.orElse(List.of()).stream().filter(e -> !e.isBlank()).toList();
        return entries.isEmpty() ? List.of()
                : parsed.computeIfAbsent(entries, list -> list.stream().map(AddressRange::parse).toList());
    }

    private static boolean prodProfile() {
        List<String> profiles = ConfigUtils.getProfiles();
        return !profiles.isEmpty() && profiles.getFirst().equals("prod");
    }
}
