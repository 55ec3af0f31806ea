package io.peakgate.payments.service;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.vault.UsableCard;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The one place a new {@link Payment} is made: a fresh time-ordered id, status {@code created},
 * nothing refunded, and only the card's brand and masked digits.
 *
 * @param method   {@code card}, {@code card_token}, {@code wallet} or a collector's name ({@code sms}, {@code agent})
 * @param reference the collector's own reference for a payment it has already taken, else null
 */
record NewPayment(String supplier, long accountId, String account, String clientId, String subscriber,
                  String paymentType, long amount, String currency, String method, String provider, String wallet,
                  UsableCard card, String reference, boolean saveCard, String returnUrl) {

    /** The payment type when the caller names none. */
    static final String DEFAULT_TYPE = "utilities";

    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    /** A fresh time-ordered id (payments, refunds). */
    static UUID id() {
        return IDS.generate();
    }

    Payment at(OffsetDateTime now) {
        return new Payment(id(), 0, supplier, accountId, account, clientId, subscriber, paymentType, amount, currency,
                method, provider, wallet, card == null ? null : card.brand(), card == null ? null : card.first6(),
                card == null ? null : card.last4(), PaymentStatus.CREATED, null, reference, null, 0, 0, false,
                saveCard, returnUrl, now, now);
    }
}
