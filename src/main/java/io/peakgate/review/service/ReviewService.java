package io.peakgate.review.service;

import io.peakgate.accounts.Accounts;
import io.peakgate.accounts.Suppliers;
import io.peakgate.payments.PaymentCredit;
import io.peakgate.payments.Payments;
import io.peakgate.platform.error.ErrorCode;
import io.peakgate.platform.error.FieldError;
import io.peakgate.platform.error.ProblemException;
import io.peakgate.platform.money.Money;
import io.peakgate.platform.security.Caller;
import io.peakgate.platform.time.Clocks;
import io.peakgate.readings.Readings;
import io.peakgate.review.ItemKind;
import io.peakgate.review.Resolution;
import io.peakgate.review.rest.ResolveRequest;
import io.peakgate.review.rest.ReviewItemView;
import io.peakgate.review.rest.ReviewPage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The review desk: lists what the domains flagged for a person and records each resolution once, with who,
 * when and why. A resolution that moves money tells billing through the owning domain's front door, in the
 * same transaction as the resolution (the outbox), so billing hears of it exactly when it is recorded.
 */
@ApplicationScoped
public class ReviewService {

    /** What a resolution tells billing (null when it tells nothing). */
    private record Effect(UUID eventId, String supplier, String account, Long amount, String currency) {
        static final Effect NONE = new Effect(null, null, null, null, null);
    }

    @Inject
    Pool pool;

    @Inject
    ReviewRepository repository;

    @Inject
    Payments payments;

    @Inject
    Readings readings;

    @Inject
    Accounts accounts;

    @Inject
    Suppliers suppliers;

    @Inject
    Clock clock;

    public Uni<ReviewPage> list(Caller caller, String kind, String supplier, String status, String cursor, int limit) {
        ItemKind k = null;
        if (kind != null) {
            k = ItemKind.of(kind);
            if (k == null) {
                throw invalid("kind", "must be payment, reading or sms");
            }
        }
        Boolean open = null;
        if (status != null) {
            if (!status.equals("open") && !status.equals("resolved")) {
                throw invalid("status", "must be open or resolved");
            }
            open = status.equals("open");
        }
        ItemIds.Position after = null;
        if (cursor != null) {
            after = ItemIds.position(cursor);
            if (after == null) {
                throw invalid("cursor", "must be a nextCursor of this list");
            }
        }
        var query = new ReviewRepository.Query(caller.suppliers(), holdsAll(caller), k, supplier, open, after, limit + 1);
        return repository.list(pool, query).map(items -> {
            List<ReviewItem> page = items.size() > limit ? items.subList(0, limit) : items;
            ReviewItem last = page.isEmpty() ? null : page.getLast();
            return new ReviewPage(page.stream().map(this::view).toList(),
                    items.size() > limit ? ItemIds.cursor(last.createdAt(), last.item()) : null);
        });
    }

    public Uni<ReviewItemView> resolve(Caller caller, String id, ResolveRequest body) {
        String item = ItemIds.decode(id);
        if (item == null) {
            return Uni.createFrom().failure(notFound());
        }
        Resolution resolution = Resolution.of(body.resolution());
        return pool.withTransaction(conn -> repository.find(conn, item).chain(found -> {
            if (found == null || !visible(caller, found)) {
                throw notFound();
            }
            if (found.resolution() != null) {
                throw alreadyResolved();
            }
            if (resolution == null || !found.kind().resolutions().contains(resolution)) {
                throw new ProblemException(ErrorCode.REVIEW_RESOLUTION_INVALID, "A " + found.kind().wire()
                        + " item takes " + found.kind().resolutions().stream().map(Resolution::wire).toList(),
                        List.of(new FieldError("resolution", "must be one of "
                                + found.kind().resolutions().stream().map(Resolution::wire).toList())));
            }
            OffsetDateTime at = Clocks.now(clock);
            return effect(conn, caller, found, resolution, body, at)
                    .chain(e -> repository.resolve(conn, new ReviewRepository.Resolved(item, resolution.wire(),
                            body.reason().strip(), caller.clientId(), blankToNull(body.operator()), e.supplier(),
                            e.account(), e.amount(), e.currency(), e.eventId(), at)))
                    .chain(recorded -> {
                        if (!recorded) {
                            throw alreadyResolved();
                        }
                        return found.kind() == ItemKind.PAYMENT
                                ? payments.reviewResolved(conn, Long.parseLong(found.sourceId()), at)
                                : Uni.createFrom().voidItem();
                    });
        })).chain(() -> repository.find(pool, item)).map(this::view);
    }

    /** Carries out what the resolution does beyond being recorded. */
    private Uni<Effect> effect(SqlConnection conn, Caller caller, ReviewItem item, Resolution resolution,
                               ResolveRequest body, OffsetDateTime at) {
        return switch (resolution) {
            case CREDIT -> credit(conn, caller, item, body, at);
            case REJECT -> readings.reject(conn, UUID.fromString(item.sourceId()), body.reason().strip(), at)
                    .map(eventId -> new Effect(eventId, null, null, null, null));
            case ACCEPT, DISMISS, REFUND_TO_PAYER -> Uni.createFrom().item(Effect.NONE);
        };
    }

    /**
     * Credits what was taken beyond what billing already counted. A payment's money goes to its own account
     * (the request may name one only when the item has none); an SMS's to the account the request names,
     * since the subscriber may have mistyped it.
     */
    private Uni<Effect> credit(SqlConnection conn, Caller caller, ReviewItem item, ResolveRequest body, OffsetDateTime at) {
        String supplier = item.supplier() != null ? item.supplier() : blankToNull(body.supplier());
        if (item.supplier() != null && body.supplier() != null && !item.supplier().equals(body.supplier())) {
            throw invalid("supplier", "the item belongs to supplier " + item.supplier());
        }
        String account;
        if (item.kind() == ItemKind.SMS) {
            account = body.account() != null ? blankToNull(body.account()) : item.account();
        } else {
            if (item.account() != null && body.account() != null && !item.account().equals(body.account())) {
                throw invalid("account", "a payment's money is credited to its own account " + item.account());
            }
            account = item.account() != null ? item.account() : blankToNull(body.account());
        }
        if (supplier == null || account == null) {
            throw new ProblemException(ErrorCode.REVIEW_ACCOUNT_REQUIRED, "Name the supplier and account to credit",
                    List.of(new FieldError(supplier == null ? "supplier" : "account", "is required for this item")));
        }
        long amount = (item.amount() == null ? 0 : item.amount()) - item.counted();
        if (amount <= 0) {
            throw new ProblemException(ErrorCode.REVIEW_NOTHING_TO_CREDIT,
                    "Nothing was taken beyond what billing already counted");
        }
        if (!caller.suppliers().contains(supplier)) {
            throw Accounts.notFound(supplier, account);
        }
        String currency = item.currency() != null ? item.currency() : suppliers.require(supplier).currency();
        UUID paymentId = item.what() == null || item.what().getString("paymentId") == null ? null
                : UUID.fromString(item.what().getString("paymentId"));
        String reference = item.what() == null ? null : item.what().getString("providerReference");
        String by = caller.clientId() + (blankToNull(body.operator()) == null ? "" : " (" + body.operator().strip() + ")");
        return accounts.findId(conn, supplier, account).chain(accountId -> {
            if (accountId == null) {
                throw Accounts.notFound(supplier, account);
            }
            return payments.credit(conn, new PaymentCredit(ItemIds.encode(item.item()), paymentId, supplier, account,
                    new Money(amount, currency), item.provider(), reference, body.reason().strip(), by, at));
        }).map(eventId -> new Effect(eventId, supplier, account, amount, currency));
    }

    /** An item of no supplier (a registry's reference no payment has, a text naming no keyword) is the gateway operator's. */
    private boolean visible(Caller caller, ReviewItem item) {
        return item.supplier() == null ? holdsAll(caller) : caller.suppliers().contains(item.supplier());
    }

    private boolean holdsAll(Caller caller) {
        return caller.suppliers().containsAll(suppliers.all().keySet());
    }

    private ReviewItemView view(ReviewItem i) {
        String currency = i.currency() != null ? i.currency()
                : i.supplier() != null && suppliers.all().containsKey(i.supplier()) ? suppliers.require(i.supplier()).currency() : null;
        ReviewItemView.ResolutionView resolution = i.resolution() == null ? null
                : new ReviewItemView.ResolutionView(i.resolution(), i.why(), i.resolvedBy(), i.operator(), i.resolvedAt(),
                i.creditedAmount() == null ? null : new ReviewItemView.Credited(i.creditedSupplier(), i.creditedAccount(),
                        new Money(i.creditedAmount(), i.creditedCurrency())), i.eventId());
        return new ReviewItemView(ItemIds.encode(i.item()), i.kind().wire(), i.reason(), i.supplier(), i.account(),
                i.provider(), i.amount() == null || currency == null ? null : new Money(i.amount(), currency),
                i.resolution() == null ? "open" : "resolved", i.what() == null ? null : i.what().getMap(), i.createdAt(),
                i.kind().resolutions().stream().map(Resolution::wire).toList(), resolution);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static ProblemException notFound() {
        return new ProblemException(ErrorCode.REVIEW_NOT_FOUND, "No such review item");
    }

    private static ProblemException alreadyResolved() {
        return new ProblemException(ErrorCode.REVIEW_ALREADY_RESOLVED, "This item is already resolved");
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ErrorCode.REQUEST_INVALID, field + " " + message,
                List.of(new FieldError(field, message)));
    }
}
