package io.peakgate.payments.service;

import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.security.Caller;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Where a payer may be sent back after a provider's page: only to an origin registered for the
 * client that starts the payment, and only over https outside the demo (no open redirect).
 */
final class ReturnUrls {

    private ReturnUrls() {
    }

    static void require(Caller caller, String returnUrl, boolean demo) {
        if (returnUrl == null) {
            return;
        }
        URI uri;
        try {
            uri = new URI(returnUrl);
        } catch (URISyntaxException e) {
            throw refused("must be a valid absolute URL");
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw refused("must be an absolute http(s) URL without user information");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(demo && scheme.equals("http"))) {
            throw refused("must be an https URL");
        }
        String origin = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        if (!caller.returnOrigins().contains(origin)) {
            throw refused("its origin " + origin + " is not registered for this client");
        }
    }

    private static ProblemException refused(String message) {
        return new ProblemException(ErrorCode.PAYMENT_RETURN_URL_NOT_REGISTERED, "returnUrl " + message,
                List.of(new FieldError("returnUrl", message)));
    }
}
