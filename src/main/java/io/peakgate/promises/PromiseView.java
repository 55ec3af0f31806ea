package io.peakgate.promises;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peakgate.platform.money.Money;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A promised payment as callers see it: {@code active}, {@code overdue} (past its end, unpaid) or {@code covered}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromiseView(UUID id, String supplier, String account, Money amount, Money covered, String status,
                          OffsetDateTime grantedAt, OffsetDateTime expiresAt, OffsetDateTime coveredAt) {

    public static PromiseView of(String supplier, String account, Promise p, OffsetDateTime now) {
        return new PromiseView(p.id(), supplier, account, new Money(p.amount(), p.currency()),
                new Money(Math.min(p.covered(), p.amount()), p.currency()), p.state(now), p.grantedAt(), p.expiresAt(),
                p.coveredAt());
    }
}
