-- API clients and their keys (issue 17, part 2), owned by the clients domain. A client holds any number of
-- keys, each stored only as the SHA-256 hash of a random key shown once: a rotated-out key keeps working
-- until its expires_at (its grace period), a revoked key (or any key of a revoked client) never again.
ALTER TABLE api_client ADD COLUMN name text;
ALTER TABLE api_client ADD COLUMN description text;
ALTER TABLE api_client ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE api_client ADD COLUMN revoked_at timestamptz;
UPDATE api_client SET revoked_at = now() WHERE NOT active;

CREATE TABLE api_key (
    hash       text PRIMARY KEY,
    -- what an operator names a key by (never derived from the key)
    id         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    client_id  text        NOT NULL REFERENCES api_client (id),
    kind       text        NOT NULL CHECK (kind IN ('secret', 'publishable')),
    -- the recognisable start of a generated key (e.g. pg_sk_AbCd), so an operator can tell keys apart
    prefix     text,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX api_key_client ON api_key (client_id);

INSERT INTO api_key (hash, client_id, kind, revoked_at)
SELECT key_hash, id, 'secret', revoked_at FROM api_client;
INSERT INTO api_key (hash, client_id, kind, revoked_at)
SELECT publishable_key_hash, id, 'publishable', revoked_at FROM api_client WHERE publishable_key_hash IS NOT NULL;

ALTER TABLE api_client DROP COLUMN key_hash, DROP COLUMN publishable_key_hash, DROP COLUMN active;

-- clients: what authentication (platform) reads, a key that is valid now with its client's grants
CREATE VIEW api_credential AS
SELECT k.hash, k.kind AS key_kind, k.expires_at, c.id AS client_id, c.suppliers, c.scopes, c.kind, c.return_origins,
       c.demo
FROM api_key k JOIN api_client c ON c.id = k.client_id
WHERE k.revoked_at IS NULL AND c.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now());
