package io.peakgate.platform.error;

/**
 * The catalogue of stable error codes callers can rely on; each maps to one HTTP status and title.
 */
public enum ErrorCode {
    // request shape
    REQUEST_MALFORMED_JSON("request.malformed_json", 400, "The body is not valid JSON"),
    REQUEST_INVALID_TYPE("request.invalid_type", 400, "A field has the wrong type"),
    REQUEST_UNKNOWN_FIELD("request.unknown_field", 400, "The body has a field this endpoint does not accept"),
    REQUEST_INVALID("request.invalid", 400, "The request is not valid"),
    REQUEST_TOO_LARGE("request.too_large", 413, "The body is larger than this endpoint accepts"),
    REQUEST_UNSUPPORTED_MEDIA_TYPE("request.unsupported_media_type", 415, "The body's content type is not supported"),
    REQUEST_NOT_ACCEPTABLE("request.not_acceptable", 406, "No representation matches the Accept header"),
    ROUTE_NOT_FOUND("route.not_found", 404, "No such resource"),
    METHOD_NOT_ALLOWED("method.not_allowed", 405, "Method not allowed on this resource"),
    // authentication and access
    AUTH_MISSING("auth.missing", 401, "Authentication required"),
    AUTH_INVALID("auth.invalid", 401, "The credentials are not valid"),
    AUTH_SUPPLIER_FORBIDDEN("auth.supplier_forbidden", 403, "This client may not act for this supplier"),
    AUTH_SCOPE_MISSING("auth.scope_missing", 403, "This client lacks the scope this operation needs"),
    AUTH_KEY_KIND_FORBIDDEN("auth.key_kind_forbidden", 403,
            "This kind of key cannot call this operation (a publishable key only tokenises and verifies; a "
                    + "verification token only reads its balance and submits its one reading)"),
    // idempotency
    IDEMPOTENCY_KEY_MISSING("idempotency.key_missing", 400, "An Idempotency-Key header is required"),
    IDEMPOTENCY_KEY_INVALID("idempotency.key_invalid", 400, "The Idempotency-Key header is not valid"),
    IDEMPOTENCY_KEY_REUSED("idempotency.key_reused", 422, "The Idempotency-Key was already used with another request"),
    IDEMPOTENCY_IN_PROGRESS("idempotency.in_progress", 409, "A request with this Idempotency-Key is still in progress"),
    // accounts
    SUPPLIER_NOT_FOUND("supplier.not_found", 404, "No such supplier"),
    ACCOUNT_NOT_FOUND("account.not_found", 404, "No such account"),
    METER_NOT_FOUND("meter.not_found", 404, "No such meter on this account"),
    REGISTER_UNKNOWN("register.unknown", 422, "The meter has no such register"),
    REGISTER_MISSING("register.missing", 422, "A multi-register meter needs all its registers submitted together"),
    REGISTER_DUPLICATE("register.duplicate", 422, "A register appears more than once"),
    // readings
    READING_NOT_INTEGER("reading.not_integer", 422, "Only whole numbers are accepted"),
    READING_NEGATIVE("reading.negative", 422, "A reading cannot be negative"),
    READING_EXCEEDS_CAPACITY("reading.exceeds_capacity", 422, "The value has more digits than the meter"),
    READING_BELOW_PREVIOUS("reading.below_previous", 422, "The reading is below the previous reading"),
    READING_IMPLAUSIBLE("reading.implausible", 422, "The consumption is implausibly high"),
    READING_WINDOW_CLOSED("reading.window_closed", 422, "Readings are not accepted now"),
    // cards and tokens
    CARD_INVALID_NUMBER("card.invalid_number", 422, "The card number is not valid"),
    CARD_BRAND_UNSUPPORTED("card.brand_unsupported", 422, "This card scheme is not accepted"),
    CARD_EXPIRED("card.expired", 422, "The card has expired"),
    TOKEN_NOT_FOUND("token.not_found", 422, "No usable card token with this value"),
    CARD_NOT_FOUND("card.not_found", 404, "No such saved card"),
    CARD_PAYMENT_TYPE_MISMATCH("card.payment_type_mismatch", 422, "The saved card is bound for another payment type"),
    CARD_NEW_SUPPLIER("card.new_supplier", 422, "The first payment to a supplier needs the full card and 3-D Secure"),
    // payments
    PAYMENT_NOT_FOUND("payment.not_found", 404, "No such payment"),
    PAYMENT_CURRENCY_MISMATCH("payment.currency_mismatch", 422, "The currency is not the supplier's"),
    PAYMENT_AMOUNT_TOO_SMALL("payment.amount_too_small", 422, "The amount is below the supplier's minimum"),
    PAYMENT_AMOUNT_TOO_LARGE("payment.amount_too_large", 422, "The amount is above the supplier's limit"),
    PAYMENT_METHOD_UNSUPPORTED("payment.method_unsupported", 422, "This provider does not take this payment method"),
    PAYMENT_CARD_DATA_REFUSED("payment.card_data_refused", 422,
            "This provider hosts its own card form: send {\"type\":\"card\"} without card data"),
    PAYMENT_RETURN_URL_NOT_REGISTERED("payment.return_url_not_registered", 422,
            "The returnUrl's origin is not registered for this client (https outside the demo)"),
    PAYMENT_PROVIDER_UNKNOWN("payment.provider_unknown", 422, "No such payment provider for this supplier"),
    PAYMENT_ILLEGAL_TRANSITION("payment.illegal_transition", 409, "The payment cannot move to that state"),
    PROVIDER_UNAVAILABLE("provider.unavailable", 503, "The payment provider is unavailable, retry later"),
    REFUND_NOT_ALLOWED("refund.not_allowed", 409, "Only a succeeded payment can be refunded"),
    REFUND_EXCEEDS_CAPTURED("refund.exceeds_captured", 422, "The refund is larger than what remains of the payment"),
    REFUND_NOT_SUPPORTED("refund.not_supported", 422, "This provider's refunds are not available through the gateway"),
    // provider callbacks
    CALLBACK_SIGNATURE_INVALID("callback.signature_invalid", 401, "The callback's signature does not verify"),
    CALLBACK_STALE("callback.stale", 401, "The callback is too old to be accepted"),
    CALLBACK_MALFORMED("callback.malformed", 400, "The callback is not in the provider's format"),
    CALLBACK_PROVIDER_UNKNOWN("callback.provider_unknown", 404, "No such provider"),
    // accounts
    AUTOPAY_NOT_OFFERED("autopay.not_offered", 422, "This supplier does not offer autopay"),
    AUTOPAY_LIMIT_TOO_HIGH("autopay.limit_too_high", 422, "The limit per charge is above the supplier's maximum"),
    AUTOPAY_NOT_FOUND("autopay.not_found", 404, "Autopay is not enabled for this account"),
    PROMISE_NOT_OFFERED("promise.not_offered", 422, "This supplier does not offer the promised payment"),
    PROMISE_AMOUNT_TOO_LARGE("promise.amount_too_large", 422, "The promised amount is above the supplier's limit"),
    PROMISE_TOO_LONG("promise.too_long", 422, "The promise lasts longer than the supplier allows"),
    PROMISE_ALREADY_ACTIVE("promise.already_active", 409, "The account already has an active promised payment"),
    PROMISE_OVERDUE("promise.overdue", 409, "An earlier promised payment is overdue: pay it first"),
    RECONCILIATION_INVALID_LINE("reconciliation.invalid_line", 422, "A registry line is not in the expected layout"),
    RECONCILIATION_PROVIDER_UNKNOWN("reconciliation.provider_unknown", 404, "No such payment provider"),
    RECONCILIATION_NOT_FOUND("reconciliation.not_found", 404, "No registry was imported for this provider and day"),

    SUBSCRIBER_REQUIRED("subscriber.required", 400, "Name the subscriber in the X-Subscriber header"),
    SUBSCRIBER_NOT_FOUND("subscriber.not_found", 404, "No such subscriber"),
    VERIFICATION_FAILED("verification.failed", 422, "The details do not match an account"),
    VERIFICATION_READING_USED("verification.reading_used", 403, "This verification token's reading was already submitted"),
    // SMS aggregators and payment agents
    SMS_AGGREGATOR_UNKNOWN("sms.aggregator_unknown", 404, "No such SMS aggregator"),
    SMS_SIGNATURE_INVALID("sms.signature_invalid", 401, "The X-Signature does not verify"),
    SOURCE_ADDRESS_FORBIDDEN("source.address_forbidden", 403, "Requests from this address are not allowed"),
    RATE_LIMITED("rate.limited", 429, "Too many requests, slow down"),
    SMS_OUTSIDE_REPLAY_WINDOW("sms.outside_replay_window", 422,
            "The message's receivedAt is missing or outside the aggregator's replay window"),
    // the gateway itself
    SERVICE_UNAVAILABLE("service.unavailable", 503, "Temporarily unavailable, retry later"),
    SERVICE_OVERLOADED("service.overloaded", 503, "At capacity, retry shortly"),
    INTERNAL("internal", 500, "Internal error");

    private final String code;
    private final int status;
    private final String title;

    ErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
