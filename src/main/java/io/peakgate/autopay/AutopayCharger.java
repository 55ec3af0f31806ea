package io.peakgate.autopay;

import io.peakgate.accounts.Accounts;
import io.peakgate.platform.time.Clocks;
import io.peakgate.vault.UsableCard;
import io.micrometer.core.instrument.MeterRegistry;
import io.peakgate.payments.Payment;
import io.peakgate.payments.PaymentStatus;
import io.peakgate.payments.FailureCode;
import io.peakgate.payments.ProviderOutcome;
import io.peakgate.payments.Payments;
import io.peakgate.payments.Recurring;
import io.peakgate.platform.async.Poller;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.vault.Vault;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Charges filed bills to the account's bound card, phase by phase like any payment: the payment is
 * saved (and the charge marked {@code charging}) first, the provider is called with no transaction
 * open and with the payment id as its idempotency reference, the outcome is recorded after. A
 * gateway killed between the charge and its record leaves the charge {@code charging}: when the
 * lease lapses it is claimed again and the provider is asked again with the same reference, which
 * returns the first charge instead of making a second one.
 */
@ApplicationScoped
public class AutopayCharger {

    private static final Logger LOG = Logger.getLogger(AutopayCharger.class);
    /** Declines that may pass on a later day; anything else fails the charge at once. */
    private static final Set<FailureCode> SOFT = EnumSet.of(FailureCode.INSUFFICIENT_FUNDS,
            FailureCode.PROVIDER_UNAVAILABLE, FailureCode.EXPIRED);

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    @Inject
    AutopayRepository repository;

    @Inject
    AutopayConfig config;

    @Inject
    Payments payments;

    @Inject
    Accounts accounts;


    @Inject
    Vault cards;


    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private Poller poller;

    /** A charge whose payment is saved and whose card is open, ready for the provider. */
    record Attempt(AutopayCharge charge, Payment payment, UsableCard card) {
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            poller = Poller.every(vertx, config.pollInterval(), this::runOnce);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.stop();
        }
    }

    /** Claims the due charges and works them one after the other. */
    Uni<Void> runOnce() {
        return repository.claim(pool, now(), config.lease(), 20)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(charge -> process(charge)
                        .onFailure().invoke(e -> LOG.warnf("Autopay charge of bill %s failed: %s", charge.billId(), e.toString()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Autopay round failed: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    Uni<Void> process(AutopayCharge charge) {
        if (AutopayCharge.CHARGING.equals(charge.status()) && charge.paymentId() != null) {
            return resume(charge);
        }
        return begin(charge).chain(attempt -> attempt == null ? Uni.createFrom().voidItem()
                : charge(attempt).chain(outcome -> record(attempt.charge(), attempt.payment().id(), outcome)));
    }

    /**
     * Checks the setting and the card as of now, then saves the payment and marks the charge
     * {@code charging} in one transaction. Null when there is nothing to charge (the charge is settled).
     */
    Uni<Attempt> begin(AutopayCharge charge) {
        return Uni.combine().all().unis(repository.find(pool, charge.accountId()), accounts.closed(charge.accountId()))
                .asTuple().chain(settingAndClosed -> {
            AutopaySetting setting = settingAndClosed.getItem1();
            if (settingAndClosed.getItem2()) {
                return skip(charge, AutopaySkip.ACCOUNT_CLOSED);
            }
            if (setting == null) {
                return skip(charge, AutopaySkip.AUTOPAY_DISABLED);
            }
            if (!setting.currency().equals(charge.currency())) {
                return skip(charge, AutopaySkip.CURRENCY_MISMATCH);
            }
            if (charge.amount() > setting.maxAmount()) {
                return skip(charge, AutopaySkip.OVER_LIMIT);
            }
            return card(setting, charge)
                    .chain(card -> card == null ? skip(charge, AutopaySkip.CARD_UNUSABLE) : payments.startRecurring(
                                    new Recurring(charge.supplier(), charge.accountId(), charge.account(),
                                            setting.clientId(), setting.subscriber(), setting.paymentType(),
                                            charge.amount(), card),
                                    (conn, p) -> repository.startCharging(conn, charge.billId(), p.id(), now())
                                            .invoke(started -> {
                                                if (!started) {
                                                    throw new IllegalStateException("charged elsewhere");
                                                }
                                            }).replaceWithVoid())
                            .map(p -> new Attempt(charge, p, card)));
        });
    }

    /** The provider call: no transaction open; the payment id is the idempotency reference. */
    Uni<ProviderOutcome> charge(Attempt attempt) {
        return payments.chargeRecurring(attempt.payment(), attempt.card());
    }

    /**
     * Finishes a charge an earlier run left {@code charging} (a crash after or before the provider call):
     * the provider is asked again with the same payment, so a charge it already made is returned, not repeated.
     */
    private Uni<Void> resume(AutopayCharge charge) {
        return payments.find(charge.paymentId()).chain(p -> {
            if (p.status() != PaymentStatus.CREATED) {
                // recorded already (e.g. by the payment janitor): settle the charge by it
                return record(charge, p.id(), new ProviderOutcome(p.status(), null, null, p.failureCode()));
            }
            return repository.find(pool, charge.accountId())
                    .chain(setting -> setting == null ? Uni.createFrom().<UsableCard>nullItem() : card(setting, charge))
                    .chain(card -> card != null ? payments.chargeRecurring(p, card)
                            // autopay was turned off meanwhile: record a charge the provider made, else cancel
                            : payments.checkRecurring(p).map(known -> known.status() != null ? known
                            : new ProviderOutcome(PaymentStatus.CANCELED, null, null,
                            AutopaySkip.AUTOPAY_DISABLED.wire())))
                    .chain(outcome -> record(charge, p.id(), outcome));
        });
    }

    /** Records the provider's outcome on the payment and the charge, in one transaction. */
    Uni<Void> record(AutopayCharge charge, UUID paymentId, ProviderOutcome outcome) {
        OffsetDateTime now = now();
        int attempts = charge.paymentId() != null && charge.paymentId().equals(paymentId)
                ? charge.attempts() : charge.attempts() + 1;
        return payments.record(paymentId, outcome, "autopay bill " + charge.billId(),
                (conn, p) -> finish(conn, charge, p, attempts, now)).replaceWithVoid();
    }

    /** The charge after its payment's outcome: succeeded, retrying (a soft decline), failed, or still charging. */
    private Uni<Void> finish(SqlConnection conn, AutopayCharge charge, Payment p, int attempts, OffsetDateTime now) {
        List<Duration> delays = config.retryDelays();
        UUID paymentId = p.id();
        String status;
        String reason = p.failureCode();
        OffsetDateTime next = null;
        switch (p.status()) {
            case SUCCEEDED -> status = AutopayCharge.SUCCEEDED;
            case FAILED, CANCELED -> {
                boolean soft = reason != null && FailureCode.fromWire(reason).map(SOFT::contains).orElse(false);
                if (soft && attempts <= delays.size()) {
                    status = AutopayCharge.RETRYING;
                    next = now.plus(delays.get(attempts - 1));
                } else {
                    status = AutopayCharge.FAILED;
                }
            }
            default -> {
                // the provider has not decided: look again shortly
                status = AutopayCharge.CHARGING;
                next = now.plusMinutes(1);
            }
        }
        metrics.counter("peakgate.autopay.charges", "status", status).increment();
        return repository.finish(conn, charge.billId(), paymentId, status, reason, next, now)
                .replaceWithVoid();
    }

    /** The setting's card as of now, or null when the binding rules no longer let it pay (e.g. removed). */
    private Uni<UsableCard> card(AutopaySetting setting, AutopayCharge charge) {
        return cards.useSaved(setting.clientId(), setting.subscriber(), setting.cardToken(), setting.paymentType(),
                        charge.supplier())
                .onFailure(ProblemException.class).recoverWithNull();
    }

    private <T> Uni<T> skip(AutopayCharge charge, AutopaySkip reason) {
        metrics.counter("peakgate.autopay.charges", "status", AutopayCharge.SKIPPED).increment();
        return repository.settle(pool, charge.billId(), AutopayCharge.SKIPPED, reason.wire(), now()).map(ignored -> null);
    }

    private OffsetDateTime now() {
        return Clocks.now(clock);
    }
}
