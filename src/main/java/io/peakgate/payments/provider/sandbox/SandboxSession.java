package io.peakgate.payments.provider.sandbox;

import io.peakgate.payments.FailureCode;

import java.util.UUID;

/**
 * The sandbox's own record of one payment, as an issuer would keep it: the decided outcome and
 * the masked card, never the card number.
 */
record SandboxSession(String id, UUID paymentId, String kind, SandboxCards.Outcome outcome, long amount,
                      String currency, String label, String returnUrl, String finalStatus, String failureCode) {

    static final String CARD = "card";
    static final String WALLET = "wallet";

    boolean completed() {
        return finalStatus != null;
    }

    SandboxSession complete(String status, FailureCode failure) {
        return new SandboxSession(id, paymentId, kind, outcome, amount, currency, label, returnUrl, status,
                failure == null ? null : failure.wire());
    }

    String providerRef() {
        return "sbx_" + id;
    }
}
