package io.peakgate.autopay;

import io.peakgate.platform.time.Clocks;
import io.peakgate.accounts.Suppliers;
import io.peakgate.accounts.SuppliersConfig;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.security.Caller;
import io.peakgate.vault.Vault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Autopay settings: a subscriber names a bound card and a limit per charge. The card must be the
 * subscriber's, bound for the payment type, and have paid this supplier before (the binding rules);
 * the same rules are checked again at every charge, so removing the card stops charges at once.
 */
@ApplicationScoped
public class AutopayService {

    @Inject
    Pool pool;

    @Inject
    AutopayRepository repository;

    @Inject
    Vault cards;

    @Inject
    Suppliers suppliers;

    @Inject
    Clock clock;

    public Uni<AutopayView> enable(Caller caller, String supplier, String account, long accountId, AutopayRequest request) {
        SuppliersConfig.Supplier config = suppliers.require(supplier);
        SuppliersConfig.Autopay offer = config.autopay().orElseThrow(() -> new ProblemException(
                ErrorCode.AUTOPAY_NOT_OFFERED, supplier + " does not offer autopay"));
        Suppliers.requireCurrency(config, request.limit().currency(), "limit.currency");
        if (request.limit().value() > offer.maxLimit()) {
            throw new ProblemException(ErrorCode.AUTOPAY_LIMIT_TOO_HIGH, "The limit per charge may be at most "
                    + offer.maxLimit() + " minor units", List.of(new FieldError("limit.value", "must be at most "
                    + offer.maxLimit())));
        }
        caller.actFor(request.subscriber());
        OffsetDateTime now = now();
        // the binding rules, exactly as a payment with this card would meet them
        return cards.useSaved(caller.clientId(), request.subscriber(), request.cardToken(), request.paymentTypeOrDefault(),
                        supplier)
                .chain(usable -> repository.upsert(pool, new AutopaySetting(accountId, caller.clientId(),
                        request.subscriber(), request.cardToken(), request.paymentTypeOrDefault(),
                        request.limit().value(), config.currency(), now, now)))
                .chain(() -> view(caller, supplier, account, accountId));
    }

    public Uni<AutopayView> view(Caller caller, String supplier, String account, long accountId) {
        return repository.find(pool, accountId).chain(setting -> {
            if (setting == null || !setting.clientId().equals(caller.clientId())
                    || !setting.subscriber().equals(caller.authenticatedSubscriber())) {
                throw new ProblemException(ErrorCode.AUTOPAY_NOT_FOUND, "Autopay is not enabled for " + supplier
                        + "/" + account);
            }
            return repository.recent(pool, accountId, 20).map(charges -> new AutopayView(supplier, account,
                    setting.subscriber(), setting.cardToken(), setting.paymentType(),
                    new Money(setting.maxAmount(), setting.currency()), setting.updatedAt(), charges));
        });
    }

    /** Turns autopay off; charges not yet made are skipped from now on. */
    public Uni<Void> disable(Caller caller, String supplier, String account, long accountId) {
        return repository.delete(pool, accountId, caller.clientId(), caller.authenticatedSubscriber()).map(deleted -> {
            if (!deleted) {
                throw new ProblemException(ErrorCode.AUTOPAY_NOT_FOUND, "Autopay is not enabled for " + supplier
                        + "/" + account);
            }
            return null;
        });
    }

    private OffsetDateTime now() {
        return Clocks.now(clock);
    }
}
