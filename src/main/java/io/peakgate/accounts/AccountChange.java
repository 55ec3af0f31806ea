package io.peakgate.accounts;

import java.time.OffsetDateTime;
import java.util.List;

/** A change billing made to an account, as {@code billing.accounts.v1} carries it; {@code at} is billing's time. */
sealed interface AccountChange {

    String supplier();

    String account();

    OffsetDateTime at();

    /**
     * The account as billing has it now: holder, address, its last payment (null when billing names none)
     * and the complete list of its meters.
     */
    record Upsert(String supplier, String account, OffsetDateTime at, String holder, String address,
                  Long lastPaymentAmount, OffsetDateTime lastPaymentAt, List<Meter> meters) implements AccountChange {
    }

    /** Billing closed the account. */
    record Close(String supplier, String account, OffsetDateTime at) implements AccountChange {
    }

    /** A meter: its service, digit capacity and registers. */
    record Meter(String meter, String service, int digits, List<Register> registers) {
    }

    /** A register: billing's last billed value (null when it has none) and the usual monthly consumption. */
    record Register(String register, Long lastValue, long usualConsumption) {
    }
}
