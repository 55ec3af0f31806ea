package io.peakgate.platform.security;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.Optional;

/** Address allow-lists for partners that call from known hosts (SMS aggregators, payment agents). */
public final class SourceAddresses {

    private SourceAddresses() {
    }

    /** Refuses (403) a request from outside {@code allowed}; no list allows any address. */
    public static void require(Optional<List<String>> allowed, HttpServerRequest request) {
        if (allowed.isEmpty() || allowed.get().isEmpty()) {
            return;
        }
        String address = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        if (!allowed.get().contains(address)) {
            throw new ProblemException(ErrorCode.SOURCE_ADDRESS_FORBIDDEN, "Requests from this address are not allowed");
        }
    }
}
