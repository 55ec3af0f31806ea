-- A client's publishable key (held by a browser or an app: it may only tokenise a card and verify an
-- account) beside its secret key; both stored as SHA-256 hashes, never in the clear.
ALTER TABLE api_client ADD COLUMN publishable_key_hash text UNIQUE;
-- Origins (scheme://host[:port]) a payer may be sent back to after a provider's page, separated by spaces.
ALTER TABLE api_client ADD COLUMN return_origins text NOT NULL DEFAULT '';

-- A verification token's one reading, spent in the same transaction as the reading it allowed.
CREATE TABLE verification_reading (
    token_hash text PRIMARY KEY,
    spent_at   timestamptz NOT NULL DEFAULT now()
);
