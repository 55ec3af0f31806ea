-- accounts: every balance snapshot billing sent, not only the latest (account_balance stays the latest, for
-- the balance as served): a statement's balance at the start and the end of its period is the last snapshot
-- taken at or before that moment, adjusted by the movements after it. A redelivered snapshot is one row.
CREATE TABLE balance_snapshot (
    account_id    bigint      NOT NULL REFERENCES account (id),
    as_of         timestamptz NOT NULL,
    debt          bigint      NOT NULL,            -- minor units; negative is a credit
    currency      char(3)     NOT NULL,
    last_event_id uuid,                            -- the last gateway event billing had applied
    received_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, as_of)
);
INSERT INTO balance_snapshot (account_id, as_of, debt, currency, last_event_id, received_at)
SELECT account_id, as_of, debt, currency, last_event_id, received_at FROM account_balance;

-- readings: the meter of each history line (its code is the accounts domain's), so a statement can say which
-- meter a consumption belongs to; a new column at the end, the view's other columns unchanged
CREATE OR REPLACE VIEW reading_operation AS
SELECT d.account_id, 'reading' AS kind, d.id::text AS id, d.submitted_at AS at, d.estimated_charge AS amount,
       CASE WHEN d.needs_review THEN 'needs_review' ELSE 'accepted' END AS status, d.source AS method,
       NULL::text AS provider, NULL::text AS provider_ref, NULL::bigint AS number, NULL::text AS payment_id,
       jsonb_build_object('period', to_char(d.period, 'YYYY-MM'), 'late', d.late, 'registers', d.registers) AS details,
       false AS counted, d.meter_id, d.period
FROM reading d;
