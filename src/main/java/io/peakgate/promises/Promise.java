package io.peakgate.promises;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A promised payment as stored; {@code status} is {@code active} until payments cover it. */
public record Promise(UUID id, long accountId, long amount, String currency, long covered, String status,
                      OffsetDateTime grantedAt, OffsetDateTime expiresAt, OffsetDateTime coveredAt) {

    public static final String ACTIVE = "active";
    public static final String COVERED = "covered";
    public static final String OVERDUE = "overdue";

    /** What a caller sees: an active promise past its end is overdue. */
    public String state(OffsetDateTime now) {
        return ACTIVE.equals(status) && !expiresAt.isAfter(now) ? OVERDUE : status;
    }
}
