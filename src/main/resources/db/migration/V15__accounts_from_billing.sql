-- accounts: billing is the source of truth for accounts, holders and meters. They arrive on the compacted
-- topic billing.accounts.v1 (upserts and closures, in order per supplier:account) and, for the first load,
-- by the bulk import. Each change carries billing's time; a change older than the one applied is skipped,
-- so a replayed topic or a repeated import changes nothing.
ALTER TABLE account ADD COLUMN billing_as_of timestamptz;
-- a closed account keeps its history (statement, operations) but refuses readings and payments
ALTER TABLE account ADD COLUMN closed_at timestamptz;
-- billing's last payment for the account (suppliers that verify by it): compared with the gateway's own
-- last captured payment, the newer of the two is the one a subscriber must name
ALTER TABLE account ADD COLUMN last_payment_amount bigint CHECK (last_payment_amount > 0);
ALTER TABLE account ADD COLUMN last_payment_at timestamptz;
ALTER TABLE account ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- a meter billing no longer lists for the account: it takes no readings; its readings stay
ALTER TABLE meter ADD COLUMN removed_at timestamptz;
