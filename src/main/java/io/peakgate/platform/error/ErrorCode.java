package io.peakgate.platform.error;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The catalogue of stable error codes callers can rely on: each maps to one HTTP status and title, and
 * says what it means and what the caller should do. Problems name their code's page as their
 * {@code type} ({@link ProblemTypes}); the pages are served from here ({@link ProblemResource}).
 */
public enum ErrorCode {
    // request shape
    REQUEST_MALFORMED_JSON("request.malformed_json", 400,
            "The body is not valid JSON",
            "The body could not be parsed as JSON: a syntax error, a truncated body or a stray character.",
            "Send a well-formed JSON document (check quoting and that the body is complete); the detail "
                    + "says what was wrong."),
    REQUEST_INVALID_TYPE("request.invalid_type", 400,
            "A field has the wrong type",
            "A field, or the body itself, has another JSON type than the endpoint expects (a string where a "
                    + "number belongs, an object where an array belongs).",
            "Send the field with the type the API reference documents; errors[].field names the field and "
                    + "what it must be."),
    REQUEST_UNKNOWN_FIELD("request.unknown_field", 400,
            "The body has a field this endpoint does not accept",
            "The body has a field this endpoint does not know. Unknown fields are refused rather than "
                    + "ignored, so a typo or a server-owned field (such as a status) is never silently dropped.",
            "Remove the field named in errors[].field, or correct its spelling."),
    REQUEST_INVALID("request.invalid", 400,
            "The request is not valid",
            "A field is missing or its value is outside what the endpoint accepts, or a value cannot be processed.",
            "Correct the fields named in errors[] (each names the field and the rule it broke) and send the "
                    + "request again."),
    REQUEST_TOO_LARGE("request.too_large", 413,
            "The body is larger than this endpoint accepts",
            "The body is larger than this endpoint accepts; it was refused before being read.",
            "Send a smaller body: split a batch into several requests (a readings batch takes up to 1,000 items)."),
    REQUEST_UNSUPPORTED_MEDIA_TYPE("request.unsupported_media_type", 415,
            "The body's content type is not supported",
            "The Content-Type of the body is not one this endpoint reads.",
            "Send the body with the content type the endpoint documents, usually Content-Type: application/json."),
    REQUEST_NOT_ACCEPTABLE("request.not_acceptable", 406,
            "No representation matches the Accept header",
            "The Accept header names no representation this endpoint can produce.",
            "Accept the media type the endpoint documents (usually application/json), or send Accept: */*."),
    ROUTE_NOT_FOUND("route.not_found", 404,
            "No such resource",
            "There is no resource at this path: the path, a path segment or the problem code is misspelt, "
                    + "or the resource does not exist.",
            "Check the path against the API reference; identifiers in the path are case-sensitive."),
    METHOD_NOT_ALLOWED("method.not_allowed", 405,
            "Method not allowed on this resource",
            "The resource exists but does not take this HTTP method.",
            "Use one of the methods listed in the Allow header of the response."),
    // authentication and access
    AUTH_MISSING("auth.missing", 401,
            "Authentication required",
            "The request carries no credentials, and this operation needs them.",
            "Send Authorization: Bearer <your API key> (or a verification token where the operation accepts one)."),
    AUTH_INVALID("auth.invalid", 401,
            "The credentials are not valid",
            "The credentials were sent but are not valid: an unknown, revoked or expired API key or "
                    + "verification token, or another scheme than Bearer.",
            "Check that you send the current key with the Bearer scheme; after a rotation use the new key. "
                    + "Get a new verification token if yours expired."),
    AUTH_SUPPLIER_FORBIDDEN("auth.supplier_forbidden", 403,
            "This client may not act for this supplier",
            "Your API key is valid but is not granted the supplier named in the request.",
            "Call only suppliers your client is granted, or ask the gateway's operator to grant this "
                    + "supplier to your client."),
    AUTH_SCOPE_MISSING("auth.scope_missing", 403,
            "This client lacks the scope this operation needs",
            "Your API key is valid but lacks the scope this operation needs (for example refunds or card "
                    + "management), or the operation is reserved to another kind of client.",
            "Use a key that has the scope named in the detail, or ask the gateway's operator to add it to "
                    + "your client."),
    AUTH_KEY_KIND_FORBIDDEN("auth.key_kind_forbidden", 403,
            "This kind of key cannot call this operation (a publishable key only tokenises and verifies; a "
                    + "verification token only reads its balance and submits its one reading)",
            "A publishable key or a verification token was used for an operation it cannot call. A "
                    + "publishable key only tokenises cards and verifies accounts; a verification token only reads "
                    + "its account's balance and submits its one reading.",
            "Call this operation from your server with your secret API key."),
    // idempotency
    IDEMPOTENCY_KEY_MISSING("idempotency.key_missing", 400,
            "An Idempotency-Key header is required",
            "This write needs an Idempotency-Key header, so that a retry can never run it twice.",
            "Send Idempotency-Key with a new unique value (for example a UUID) per intended operation, and "
                    + "the same value when you retry it."),
    IDEMPOTENCY_KEY_INVALID("idempotency.key_invalid", 400,
            "The Idempotency-Key header is not valid",
            "The Idempotency-Key header is empty, too long or has characters that are not allowed.",
            "Use 1 to 255 printable ASCII characters without spaces; a UUID is a good key."),
    IDEMPOTENCY_KEY_REUSED("idempotency.key_reused", 422,
            "The Idempotency-Key was already used with another request",
            "This Idempotency-Key was already used for a different request (another body, path or method). "
                    + "The first request's result stands.",
            "Use a new key for a new operation. Reuse a key only to retry exactly the same request."),
    IDEMPOTENCY_IN_PROGRESS("idempotency.in_progress", 409,
            "A request with this Idempotency-Key is still in progress",
            "A request with this Idempotency-Key is still being processed.",
            "Retry the same request with the same key after Retry-After: you then get the first request's "
                    + "response. Do not change the key, or the operation may run twice."),
    // accounts
    SUPPLIER_NOT_FOUND("supplier.not_found", 404,
            "No such supplier",
            "The gateway serves no supplier with this code.",
            "Check the supplier code in the path; it is case-sensitive."),
    ACCOUNT_NOT_FOUND("account.not_found", 404,
            "No such account",
            "The supplier has no such account that you may reach (it does not exist, or is not linked to "
                    + "your subscriber). A closed account is account.closed.",
            "Check the account number with the subscriber, in the supplier's format; for an aggregator, "
                    + "link the account to the subscriber first."),
    METER_NOT_FOUND("meter.not_found", 404,
            "No such meter on this account",
            "The account has no meter with this identifier.",
            "Check the meter identifier printed on the meter or on the bill; the account's meters are "
                    + "listed in its details."),
    // accounts from billing (issue 17, part 1: billing.accounts.v1)
    ACCOUNT_CLOSED("account.closed", 409,
            "The account is closed",
            "The supplier's billing has closed this account: it takes no readings and no payments. Its "
                    + "history, balance and statement stay readable.",
            "Do not retry: tell the subscriber the account is closed and to contact the supplier (a new "
                    + "account, or billing reopening this one)."),
    REGISTER_UNKNOWN("register.unknown", 422,
            "The meter has no such register",
            "The meter has no register with this name (for example T2 on a single-rate meter).",
            "Use the meter's registers, listed in the registers member of the response."),
    REGISTER_MISSING("register.missing", 422,
            "A multi-register meter needs all its registers submitted together",
            "A meter with several registers (a two-rate meter) takes all its registers in one submission, "
                    + "and some were missing.",
            "Submit a value for every register: the registers member lists them, missing the ones left out."),
    REGISTER_DUPLICATE("register.duplicate", 422,
            "A register appears more than once",
            "The same register appears more than once in one submission.",
            "Send each register once."),
    // readings
    READING_NOT_INTEGER("reading.not_integer", 422,
            "Only whole numbers are accepted",
            "The value has a fractional part and the supplier bills only whole units (it does not round).",
            "Send the whole-number part the meter shows (without the digits after the decimal point)."),
    READING_NEGATIVE("reading.negative", 422,
            "A reading cannot be negative",
            "A meter reading cannot be negative.",
            "Send the value the meter shows."),
    READING_EXCEEDS_CAPACITY("reading.exceeds_capacity", 422,
            "The value has more digits than the meter",
            "The value has more digits than the meter's display, so it cannot be a reading of this meter.",
            "Check the value against the meter (digits gives the display's size); leave out the digits "
                    + "after the decimal point."),
    READING_BELOW_PREVIOUS("reading.below_previous", 422,
            "The reading is below the previous reading",
            "The value is below the last accepted reading of this register and is not a plausible rollover "
                    + "of the meter.",
            "Check the meter and the previous reading: the response carries it (previous, with value and "
                    + "register). If the meter was replaced, contact the supplier."),
    READING_IMPLAUSIBLE("reading.implausible", 422,
            "The consumption is implausibly high",
            "The consumption since the previous reading is far above the account's usual consumption; it is "
                    + "not accepted silently.",
            "Check the value with the subscriber (the response names consumption, usualConsumption and "
                    + "threshold). If it is right, send the same submission with \"confirmImplausible\": true: it is "
                    + "accepted and marked for review."),
    READING_WINDOW_CLOSED("reading.window_closed", 422,
            "Readings are not accepted now",
            "The supplier accepts readings only in its submission window, and it is closed now.",
            "Submit again when the window opens: nextWindowOpensAt gives the moment (and period the billing period)."),
    // cards and tokens
    CARD_INVALID_NUMBER("card.invalid_number", 422,
            "The card number is not valid",
            "The card number fails its check digit or has an impossible length.",
            "Ask the payer to re-enter the card number."),
    CARD_BRAND_UNSUPPORTED("card.brand_unsupported", 422,
            "This card scheme is not accepted",
            "The card's scheme is not one the gateway accepts (Visa, MasterCard and Mir are).",
            "Ask the payer for a card of an accepted scheme, or another payment method."),
    CARD_EXPIRED("card.expired", 422,
            "The card has expired",
            "The card's expiry date has passed.",
            "Ask the payer for a card that is still valid, or to check the expiry month and year."),
    TOKEN_NOT_FOUND("token.not_found", 422,
            "No usable card token with this value",
            "There is no usable card token with this value: it is unknown, expired, already used, or "
                    + "belongs to another subscriber.",
            "Tokenise the card again (one-time tokens are short-lived), or list the subscriber's saved "
                    + "cards for a current token."),
    CARD_NOT_FOUND("card.not_found", 404,
            "No such saved card",
            "The subscriber has no saved card with this token (it was removed, or never belonged to them).",
            "List the subscriber's saved cards and use a token from there."),
    CARD_PAYMENT_TYPE_MISMATCH("card.payment_type_mismatch", 422,
            "The saved card is bound for another payment type",
            "A saved card is bound for one payment type only, and this one was bound for another (boundFor names it).",
            "Pay with the full card, and save it again for this payment type if the payer wants."),
    CARD_NEW_SUPPLIER("card.new_supplier", 422,
            "The first payment to a supplier needs the full card and 3-D Secure",
            "A saved card cannot make the first payment to a supplier the subscriber has never paid.",
            "Pay this first time with the full card and 3-D Secure; later payments to this supplier can use "
                    + "the saved card."),
    // payments
    PAYMENT_NOT_FOUND("payment.not_found", 404,
            "No such payment",
            "There is no payment with this id that your client may see.",
            "Check the payment id from the response that created it."),
    PAYMENT_CURRENCY_MISMATCH("payment.currency_mismatch", 422,
            "The currency is not the supplier's",
            "The amount's currency is not the supplier's currency.",
            "Send the amount in the supplier's currency, in minor units."),
    PAYMENT_AMOUNT_TOO_SMALL("payment.amount_too_small", 422,
            "The amount is below the supplier's minimum",
            "The amount is below the supplier's minimum payment.",
            "Send at least the minimum named in the detail; amounts are integers in minor units (kopecks)."),
    PAYMENT_AMOUNT_TOO_LARGE("payment.amount_too_large", 422,
            "The amount is above the supplier's limit",
            "The amount is above the supplier's limit for one payment.",
            "Send at most the limit named in the detail, or split the payment."),
    PAYMENT_METHOD_UNSUPPORTED("payment.method_unsupported", 422,
            "This provider does not take this payment method",
            "The chosen payment provider does not take this payment method.",
            "Choose another method, or another provider that takes it."),
    PAYMENT_CARD_DATA_REFUSED("payment.card_data_refused", 422,
            "This provider hosts its own card form: send {\"type\":\"card\"} without card data",
            "This provider hosts its own card form: card data must never be sent to the gateway for it.",
            "Send the method as {\"type\":\"card\"} without card data, and redirect the payer to the action "
                    + "URL of the response."),
    PAYMENT_RETURN_URL_NOT_REGISTERED("payment.return_url_not_registered", 422,
            "The returnUrl's origin is not registered for this client (https outside the demo)",
            "The returnUrl's origin is not registered for your client (outside the demo it must also be https).",
            "Use a returnUrl on an origin registered for your client, or ask the gateway's operator to "
                    + "register yours."),
    PAYMENT_PROVIDER_UNKNOWN("payment.provider_unknown", 422,
            "No such payment provider for this supplier",
            "The supplier has no payment provider with this name.",
            "Leave provider out to use the supplier's default, or name one of its providers."),
    PAYMENT_ILLEGAL_TRANSITION("payment.illegal_transition", 409,
            "The payment cannot move to that state",
            "The payment is in a state from which this change is not possible (for example, cancelling a "
                    + "payment that already succeeded).",
            "Read the payment's current status with GET /v1/payments/{id} and act on that."),
    PROVIDER_UNAVAILABLE("provider.unavailable", 503,
            "The payment provider is unavailable, retry later",
            "The payment provider did not answer, or failed to take the request.",
            "Retry after Retry-After with the same Idempotency-Key (a retry never pays twice), with backoff; or "
                    + "offer the payer another method."),
    REFUND_NOT_ALLOWED("refund.not_allowed", 409,
            "Only a succeeded payment can be refunded",
            "Only a succeeded payment can be refunded, and this one has another status.",
            "Read the payment's status; refund it only once it has succeeded."),
    REFUND_EXCEEDS_CAPTURED("refund.exceeds_captured", 422,
            "The refund is larger than what remains of the payment",
            "The refund is larger than what remains of the payment after earlier refunds.",
            "Refund at most the amount in refundable."),
    REFUND_NOT_SUPPORTED("refund.not_supported", 422,
            "This provider's refunds are not available through the gateway",
            "Refunds of this provider's payments cannot be made through the gateway.",
            "Make the refund in the provider's own back office."),
    // provider callbacks
    CALLBACK_SIGNATURE_INVALID("callback.signature_invalid", 401,
            "The callback's signature does not verify",
            "The callback's signature does not verify with the secret configured for this provider; it was "
                    + "not applied.",
            "Sign callbacks with the secret agreed for this gateway, over the exact bytes sent."),
    CALLBACK_STALE("callback.stale", 401,
            "The callback is too old to be accepted",
            "The callback's timestamp is too old (or too far ahead) to be accepted; it was not applied.",
            "Send the notification again with its current timestamp and signature."),
    CALLBACK_MALFORMED("callback.malformed", 400,
            "The callback is not in the provider's format",
            "The callback is not in the provider's documented format (a missing or unreadable field).",
            "Send the notification in the provider's documented format; the detail names what is missing."),
    CALLBACK_PROVIDER_UNKNOWN("callback.provider_unknown", 404,
            "No such provider",
            "No provider with this name sends callbacks to this gateway.",
            "Check the provider name in the callback URL."),
    // accounts
    AUTOPAY_NOT_OFFERED("autopay.not_offered", 422,
            "This supplier does not offer autopay",
            "This supplier does not offer autopay.",
            "Do not offer autopay for this supplier's accounts."),
    AUTOPAY_LIMIT_TOO_HIGH("autopay.limit_too_high", 422,
            "The limit per charge is above the supplier's maximum",
            "The limit per charge is above the supplier's maximum for autopay.",
            "Set a limit at or below the maximum named in the detail."),
    AUTOPAY_NOT_FOUND("autopay.not_found", 404,
            "Autopay is not enabled for this account",
            "Autopay is not enabled for this account, so there is nothing to read or change.",
            "Enable autopay for the account first."),
    PROMISE_NOT_OFFERED("promise.not_offered", 422,
            "This supplier does not offer the promised payment",
            "This supplier does not offer the promised payment.",
            "Do not offer a promised payment for this supplier's accounts."),
    PROMISE_AMOUNT_TOO_LARGE("promise.amount_too_large", 422,
            "The promised amount is above the supplier's limit",
            "The promised amount is above the supplier's limit.",
            "Ask for at most the limit named in the detail."),
    PROMISE_TOO_LONG("promise.too_long", 422,
            "The promise lasts longer than the supplier allows",
            "The promise lasts longer than the supplier allows.",
            "Ask for at most the number of days named in errors[]."),
    PROMISE_ALREADY_ACTIVE("promise.already_active", 409,
            "The account already has an active promised payment",
            "The account already has an active promised payment; only one can be active at a time.",
            "Wait until the active promise (promiseId) is covered by a payment or ends."),
    PROMISE_OVERDUE("promise.overdue", 409,
            "An earlier promised payment is overdue: pay it first",
            "An earlier promised payment is overdue and unpaid.",
            "Pay the overdue promise (promiseId) first; then a new one can be asked for."),
    RECONCILIATION_INVALID_LINE("reconciliation.invalid_line", 422,
            "A registry line is not in the expected layout",
            "A line of the settlement registry is not in the provider's layout; nothing of the file was kept.",
            "Fix the line named in line and errors[], and upload the whole registry again."),
    RECONCILIATION_PROVIDER_UNKNOWN("reconciliation.provider_unknown", 404,
            "No such payment provider",
            "No payment provider with this name.",
            "Check the provider name in the path."),
    RECONCILIATION_NOT_FOUND("reconciliation.not_found", 404,
            "No registry was imported for this provider and day",
            "No registry was imported for this provider and day.",
            "Upload the day's registry first, or check the provider and date."),
    // accounts from billing: the bulk import (issue 17, part 1)
    IMPORT_INVALID_LINE("import.invalid_line", 422,
            "A line of the account import is not valid",
            "A line of the accounts file breaks the import's format or rules (line names it, errors[] names the field); "
                    + "nothing of the file was kept.",
            "Fix the line named in line and errors[], and import the whole file again."),

    SUBSCRIBER_REQUIRED("subscriber.required", 400,
            "Name the subscriber in the X-Subscriber header",
            "This operation acts for one subscriber, and the portal did not say which.",
            "Send the X-Subscriber header with the subscriber your portal authenticated."),
    SUBSCRIBER_NOT_FOUND("subscriber.not_found", 404,
            "No such subscriber",
            "The gateway knows no subscriber with this identifier for your client.",
            "Check the subscriber named in X-Subscriber or in the path."),
    VERIFICATION_FAILED("verification.failed", 422,
            "The details do not match an account",
            "The details given do not match an account. For privacy the answer does not say which detail is "
                    + "wrong, nor whether the account exists.",
            "Ask the subscriber to check the account number and the other detail (surname, address or last "
                    + "payment) and try again; attempts are rate-limited."),
    VERIFICATION_READING_USED("verification.reading_used", 403,
            "This verification token's reading was already submitted",
            "A verification token allows one reading, and it was already submitted.",
            "Verify the account again to get a new token for another reading."),
    // SMS aggregators and payment agents
    SMS_AGGREGATOR_UNKNOWN("sms.aggregator_unknown", 404,
            "No such SMS aggregator",
            "No SMS aggregator with this name is configured.",
            "Check the aggregator name in the path."),
    SMS_SIGNATURE_INVALID("sms.signature_invalid", 401,
            "The X-Signature does not verify",
            "The X-Signature header does not verify with the aggregator's secret.",
            "Sign the exact body with the secret agreed for this gateway and send the signature in X-Signature."),
    SOURCE_ADDRESS_FORBIDDEN("source.address_forbidden", 403,
            "Requests from this address are not allowed",
            "The request comes from an address that is not on this partner's allow-list.",
            "Call from an allowed address, or ask the gateway's operator to allow yours."),
    RATE_LIMITED("rate.limited", 429,
            "Too many requests, slow down",
            "Too many requests in a short time, from this client, address, phone or aggregator.",
            "Wait for Retry-After before sending again, and slow down."),
    SMS_OUTSIDE_REPLAY_WINDOW("sms.outside_replay_window", 422,
            "The message's receivedAt is missing or outside the aggregator's replay window",
            "The message's receivedAt is missing, too old or too far in the future to be accepted.",
            "Deliver messages promptly with the time they were received; an old message cannot be replayed."),
    // API clients and keys (issue 17, part 2: the admin API and bin/peakgate clients)
    CLIENT_NOT_FOUND("client.not_found", 404,
            "No such API client",
            "There is no API client with this id that you may manage (it does not exist, or it acts for a "
                    + "supplier your admin key is not granted).",
            "Check the client id (GET /v1/admin/clients lists the clients you manage)."),
    CLIENT_EXISTS("client.exists", 409,
            "An API client with this id exists",
            "An API client with this id exists already: a create is never run twice, so a retried create gets "
                    + "this answer and the first client (and its key) stands.",
            "Use another id for a new client. If the first create's answer (with its key) was lost, rotate the "
                    + "client's key (POST /v1/admin/clients/{id}/rotate) to get a new one."),
    CLIENT_REVOKED("client.revoked", 409,
            "The API client is revoked",
            "The API client was revoked: none of its keys works any more, and it gets no new one.",
            "Create a new client (with another id) if it should have access again."),
    CLIENT_SUPPLIER_UNKNOWN("client.supplier_unknown", 422,
            "A supplier the client is to be granted does not exist",
            "One of the suppliers to grant is not a supplier the gateway serves.",
            "Grant only configured suppliers; errors[] names the unknown one."),
    CLIENT_SCOPE_UNKNOWN("client.scope_unknown", 422,
            "A scope the client is to be granted does not exist",
            "One of the scopes to grant is not a scope the gateway knows.",
            "Use the scopes the API reference lists (readings:write, readings:read, payments:write, payments:read, "
                    + "payments:refund, cards:manage, accounts:read, reconciliation, admin); errors[] names the unknown one."),
    CLIENT_ORIGIN_INVALID("client.origin_invalid", 422,
            "A return origin is not an origin",
            "A return origin must be an origin: http or https, a host and an optional port, with no path, query, "
                    + "fragment or user information.",
            "Send origins such as https://portal.example or https://portal.example:8443; errors[] names the bad one."),
    CLIENT_GRACE_INVALID("client.grace_invalid", 422,
            "The grace period is not allowed",
            "The grace period of a rotation must be an ISO-8601 duration (e.g. PT24H), not negative, and not "
                    + "longer than the gateway allows.",
            "Send a shorter grace period (the detail names the longest allowed), or none for the default."),
    // review desk and operator console (issue 17, parts 3 and 4)
    REVIEW_NOT_FOUND("review.not_found", 404,
            "No such review item",
            "The review desk has no item with this id among the suppliers your key is granted.",
            "Take the item's id from GET /v1/admin/review; ids are opaque, do not build them."),
    REVIEW_ALREADY_RESOLVED("review.already_resolved", 409,
            "The review item is already resolved",
            "Someone resolved this item before; a resolution is recorded once and never replaced.",
            "Read the item (GET /v1/admin/review?status=resolved) to see who resolved it, when and why."),
    REVIEW_RESOLUTION_INVALID("review.resolution_invalid", 422,
            "This resolution does not apply to this kind of item",
            "Payments are resolved by credit, refund_to_payer or dismiss; readings by accept or reject; "
                    + "unmatched SMS by credit (to a named account) or dismiss.",
            "Send one of the resolutions of the item's kind, named in the item's resolutions member."),
    REVIEW_ACCOUNT_REQUIRED("review.account_required", 422,
            "Name the account to credit",
            "The item names no account (or no supplier) the money can be credited to.",
            "Send account (and supplier, when the item has none) with the credit resolution."),
    REVIEW_NOTHING_TO_CREDIT("review.nothing_to_credit", 422,
            "There is no money to credit",
            "The item carries no amount the provider took beyond what billing was already told.",
            "Resolve it by refund_to_payer or dismiss instead."),

    // the gateway itself
    SERVICE_UNAVAILABLE("service.unavailable", 503,
            "Temporarily unavailable, retry later",
            "A service behind the gateway is unreachable for a moment; the request was not carried out.",
            "Retry after Retry-After, with backoff; a write with the same Idempotency-Key."),
    SERVICE_OVERLOADED("service.overloaded", 503,
            "At capacity, retry shortly",
            "The gateway is at capacity and refused the request at once, before doing any work.",
            "Retry after Retry-After, with exponential backoff and jitter; a write with the same Idempotency-Key."),
    INTERNAL("internal", 500,
            "Internal error",
            "The gateway failed in a way it did not expect. Nothing about the failure is disclosed in the response.",
            "Retry later; a write with the same Idempotency-Key. If it persists, report the instance (it is "
                    + "the request id in the gateway's logs) to the gateway's operator.");

    private static final Map<String, ErrorCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::code, c -> c));

    private final String code;
    private final int status;
    private final String title;
    private final String meaning;
    private final String action;

    ErrorCode(String code, int status, String title, String meaning, String action) {
        this.code = code;
        this.status = status;
        this.title = title;
        this.meaning = meaning;
        this.action = action;
    }

    /** The entry with this stable code, if the catalogue has one. */
    public static Optional<ErrorCode> byCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
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

    /** What the refusal means, for the caller's developer (its page at {@code /problems/<code>}). */
    public String meaning() {
        return meaning;
    }

    /** What the caller should do about it. */
    public String action() {
        return action;
    }
}
