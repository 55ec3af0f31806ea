-- accounts: what other domains may read of an account (its id, supplier and number), as a view; a
-- locking read of it (FOR UPDATE) locks the account row, as promises need to serialise grants.
CREATE VIEW account_directory AS
SELECT id, supplier, number
FROM account;

-- payments: whether a history line's money counts (a captured payment, a succeeded refund), so an
-- account's statement totals what payments count without knowing payment statuses; other lines never do
CREATE OR REPLACE VIEW payment_operation AS
SELECT p.account_id, 'payment' AS kind, p.id::text AS id, p.created_at AS at, p.amount, p.status, p.method,
       p.provider, p.provider_ref, p.number, p.id::text AS payment_id, NULL::jsonb AS details,
       p.status IN ('succeeded', 'partially_refunded', 'refunded') AS counted
FROM payment p
UNION ALL
SELECT p.account_id, 'refund', r.id::text, r.created_at, r.amount, r.status, p.method, p.provider, r.provider_ref,
       p.number, p.id::text, NULL::jsonb, r.status = 'succeeded'
FROM refund r JOIN payment p ON p.id = r.payment_id;

CREATE OR REPLACE VIEW reading_operation AS
SELECT d.account_id, 'reading' AS kind, d.id::text AS id, d.submitted_at AS at, d.estimated_charge AS amount,
       CASE WHEN d.needs_review THEN 'needs_review' ELSE 'accepted' END AS status, d.source AS method,
       NULL::text AS provider, NULL::text AS provider_ref, NULL::bigint AS number, NULL::text AS payment_id,
       jsonb_build_object('period', to_char(d.period, 'YYYY-MM'), 'late', d.late, 'registers', d.registers) AS details,
       false AS counted
FROM reading d;

CREATE OR REPLACE VIEW promise_operation AS
SELECT pp.account_id, 'promised_payment' AS kind, pp.id::text AS id, pp.granted_at AS at, pp.amount,
       CASE WHEN pp.status = 'active' AND pp.expires_at <= now() THEN 'overdue' ELSE pp.status END AS status,
       NULL::text AS method, NULL::text AS provider, NULL::text AS provider_ref, NULL::bigint AS number,
       NULL::text AS payment_id,
       jsonb_build_object('expiresAt', pp.expires_at, 'covered', least(pp.covered, pp.amount),
                          'coveredAt', pp.covered_at) AS details,
       false AS counted
FROM promised_payment pp;
