package io.peakgate.autopay;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peakgate.platform.money.Money;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An account's autopay and its latest charges (one per bill). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutopayView(String supplier, String account, String subscriber, String cardToken, String paymentType,
                          Money limit, OffsetDateTime enabledAt, List<Charge> charges) {

    /** What became of one bill: pending, charging, retrying, succeeded, failed or skipped (with why). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "AutopayCharge")
    public record Charge(String billId, Money amount, LocalDate dueDate, String status, String reason, int attempts,
                         UUID paymentId, OffsetDateTime nextAttemptAt) {
    }
}
