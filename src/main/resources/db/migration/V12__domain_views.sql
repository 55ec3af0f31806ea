-- Each domain publishes what others may read of its tables as a view; no domain's SQL reads
-- another domain's tables. Views only: no data moves, no behaviour changes.

-- payments: the payments that took money (what verification by last payment compares, what a
-- provider's registry is matched against)
CREATE VIEW captured_payment AS
SELECT id, number, supplier, account_id, amount, currency, status, provider, provider_ref, created_at, succeeded_at
FROM payment
WHERE status IN ('succeeded', 'partially_refunded', 'refunded');

-- payments: an account's payments and refunds, as lines of its history
CREATE VIEW payment_operation AS
SELECT p.account_id, 'payment' AS kind, p.id::text AS id, p.created_at AS at, p.amount, p.status, p.method,
       p.provider, p.provider_ref, p.number, p.id::text AS payment_id, NULL::jsonb AS details
FROM payment p
UNION ALL
SELECT p.account_id, 'refund', r.id::text, r.created_at, r.amount, r.status, p.method, p.provider, r.provider_ref,
       p.number, p.id::text, NULL::jsonb
FROM refund r JOIN payment p ON p.id = r.payment_id;

-- readings: an account's readings, as lines of its history
CREATE VIEW reading_operation AS
SELECT d.account_id, 'reading' AS kind, d.id::text AS id, d.submitted_at AS at, d.estimated_charge AS amount,
       CASE WHEN d.needs_review THEN 'needs_review' ELSE 'accepted' END AS status, d.source AS method,
       NULL::text AS provider, NULL::text AS provider_ref, NULL::bigint AS number, NULL::text AS payment_id,
       jsonb_build_object('period', to_char(d.period, 'YYYY-MM'), 'late', d.late, 'registers', d.registers) AS details
FROM reading d;

-- promises: an account's promised payments, as lines of its history
CREATE VIEW promise_operation AS
SELECT pp.account_id, 'promised_payment' AS kind, pp.id::text AS id, pp.granted_at AS at, pp.amount,
       CASE WHEN pp.status = 'active' AND pp.expires_at <= now() THEN 'overdue' ELSE pp.status END AS status,
       NULL::text AS method, NULL::text AS provider, NULL::text AS provider_ref, NULL::bigint AS number,
       NULL::text AS payment_id,
       jsonb_build_object('expiresAt', pp.expires_at, 'covered', least(pp.covered, pp.amount),
                          'coveredAt', pp.covered_at) AS details
FROM promised_payment pp;

-- promises: what an account's open promise still lends (a balance shows it)
CREATE VIEW promise_outstanding AS
SELECT account_id, amount - covered AS promised, expires_at
FROM promised_payment
WHERE status = 'active';
