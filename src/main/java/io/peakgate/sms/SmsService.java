package io.peakgate.sms;

import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.idempotency.IdempotencyGuard;
import io.peakgate.payments.Collected;
import io.peakgate.payments.Payments;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.Money;
import io.peakgate.readings.ReadingResponse;
import io.peakgate.readings.Readings;
import io.peakgate.readings.ReadingSubmission;
import io.peakgate.readings.SubmittedValue;
import io.peakgate.platform.security.SourceAddresses;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Carries out a subscriber's text message: a payment (settled at once: the operator bills the
 * phone), or a reading under every reading rule. Every message gets a reply, and the reply is
 * stored with the message id, so an aggregator's retry gets the same reply and changes nothing.
 */
@ApplicationScoped
public class SmsService {

    @Inject
    Suppliers suppliers;

    @Inject
    Payments payments;

    @Inject
    Readings readings;

    @Inject
    Pool pool;

    @Inject
    SmsConfig config;

    @Inject
    SourceAddresses addresses;

    @Inject
    Clock clock;

    @Inject
    UnmatchedSmsRepository unmatched;

    void checkAllowLists(@Observes StartupEvent start) {
        config.aggregators().forEach((name, a) -> addresses.validate("SMS aggregator " + name, a.allowedAddresses()));
    }

    public Uni<SmsReply> handle(String aggregator, InboundSms sms, IdempotencyGuard guard) {
        String clientId = "sms:" + aggregator;
        if (!inReplayWindow(config.aggregators().get(aggregator), sms.receivedAt())) {
            // refused, unless this message id was answered before: the claim then replays that answer
            ProblemException late = new ProblemException(ErrorCode.SMS_OUTSIDE_REPLAY_WINDOW, "receivedAt "
                    + sms.receivedAt() + " is outside the replay window of " + aggregator);
            return pool.withTransaction(conn -> guard.claim(conn).chain(() -> Uni.createFrom().<SmsReply>failure(late)));
        }
        return switch (SmsGrammar.parse(sms.to(), sms.text(), suppliers.all())) {
            case SmsGrammar.Invalid invalid -> {
                SuppliersConfig.Supplier named = invalid.supplier() == null ? firstOn(sms.to()) : config(invalid.supplier());
                SmsReplies replies = named == null ? replies(aggregator, sms.to()) : SmsReplies.in(named.language());
                yield answer(guard, replies.invalid(invalid, named == null ? null : SmsReplies.Hint.of(named),
                        named == null ? "" : named.localName()), unmatched(aggregator, sms, invalid));
            }
            case SmsGrammar.Pay pay -> {
                SuppliersConfig.Supplier supplier = config(pay.supplier());
                SmsReplies replies = SmsReplies.in(supplier.language());
                Money amount = new Money(pay.amount(), supplier.currency());
                yield payments.collected(new Collected(clientId, Collected.SMS, pay.supplier(),
                                pay.account(), pay.amount(), aggregator + ":" + sms.messageId(), null), guard,
                                p -> new SmsReply(replies.paid(supplier.localName(), pay.account(), amount, p.number())))
                        .map(p -> new SmsReply(replies.paid(supplier.localName(), pay.account(), amount, p.number())))
                        .onFailure(ProblemException.class).recoverWithUni(e -> answer(guard,
                                ((ProblemException) e).code() == ErrorCode.ACCOUNT_CLOSED
                                        ? replies.accountClosed(pay.account(), supplier.localName())
                                        : replies.accountNotFound(pay.account(), keyword(supplier)),
                                new UnmatchedSmsRepository.Unmatched(aggregator, sms, ((ProblemException) e).code().code(),
                                        pay.supplier(), pay.account(), pay.amount(), supplier.currency())));
            }
            case SmsGrammar.Reading reading -> {
                SuppliersConfig.Supplier supplier = config(reading.supplier());
                SmsReplies replies = SmsReplies.in(supplier.language());
                yield readings.singleRegisterMeter(reading.supplier(), reading.account())
                        .chain(meter -> meter == null
                                ? Uni.createFrom().failure(new ProblemException(ErrorCode.METER_NOT_FOUND, "no single-register meter"))
                                : readings.submit(clientId, reading.supplier(), new ReadingSubmission(reading.account(),
                                                meter.meter(), List.of(new SubmittedValue(meter.register(), reading.value())),
                                                "sms", false),
                                        guard.storing(200, body -> new SmsReply(replies.readingAccepted((ReadingResponse) body)))))
                        .map(response -> new SmsReply(replies.readingAccepted(response)))
                        .onFailure(ProblemException.class).recoverWithUni(e -> answer(guard,
                                replies.readingRefused((ProblemException) e, keyword(supplier)), null));
            }
        };
    }

    /**
     * The replies for a message that names no supplier: in the language of the suppliers on its short number,
     * else in the aggregator's (a refusal before the message is read at all).
     */
    SmsReplies replies(String aggregator, String shortNumber) {
        SuppliersConfig.Supplier on = firstOn(shortNumber);
        if (on != null) {
            return SmsReplies.in(on.language());
        }
        SmsConfig.Aggregator peer = aggregator == null ? null : config.aggregators().get(aggregator);
        return SmsReplies.in(peer == null ? SuppliersConfig.Language.RU : peer.language());
    }

    /** The first supplier (by code) taking messages on the short number, or null. */
    private SuppliersConfig.Supplier firstOn(String shortNumber) {
        String to = shortNumber == null ? "" : shortNumber.replaceAll("\\D", "");
        return suppliers.all().entrySet().stream()
                .filter(s -> s.getValue().sms().map(sms -> sms.shortNumber().equals(to)).orElse(false))
                .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private boolean inReplayWindow(SmsConfig.Aggregator peer, OffsetDateTime receivedAt) {
        if (receivedAt == null) {
            return false;
        }
        Instant now = clock.instant();
        Instant at = receivedAt.toInstant();
        return !at.isBefore(now.minus(peer.replayWindow())) && !at.isAfter(now.plus(peer.clockSkew()));
    }

    /**
     * Stores the reply for the message id and returns it; a payment message that paid nothing
     * ({@code unmatched}, else null) is kept for the review desk in the same transaction, as the phone may
     * have been billed for it.
     */
    private Uni<SmsReply> answer(IdempotencyGuard guard, String text, UnmatchedSmsRepository.Unmatched unmatched) {
        SmsReply reply = new SmsReply(text);
        return pool.withTransaction(conn -> guard.claim(conn)
                        .chain(() -> unmatched == null ? Uni.createFrom().voidItem() : this.unmatched.insert(conn, unmatched))
                        .chain(() -> guard.record(conn, 200, reply)))
                .replaceWith(reply);
    }

    private SuppliersConfig.Supplier config(String supplier) {
        return suppliers.require(supplier);
    }

    /** A message that cannot be read as a payment or a reading, for the review desk; null for a refused reading. */
    private static UnmatchedSmsRepository.Unmatched unmatched(String aggregator, InboundSms sms, SmsGrammar.Invalid invalid) {
        return switch (invalid.problem()) {
            case READINGS_DISABLED, BAD_READING -> null;
            default -> new UnmatchedSmsRepository.Unmatched(aggregator, sms, invalid.problem().name().toLowerCase(
                    java.util.Locale.ROOT), invalid.supplier(), null, null, null);
        };
    }

    private static String keyword(SuppliersConfig.Supplier supplier) {
        return supplier.sms().map(SuppliersConfig.Sms::keyword).orElse(null);
    }
}
