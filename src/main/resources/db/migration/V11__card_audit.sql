-- Audit trail of saved-card operations (PCI DSS 10.2.1): when, which client, which subscriber, what was
-- done, to which bound card (its token, a reference that reveals nothing of the card) and how it ended.
-- Never a card number, never a fingerprint: nothing here can be turned back into card data.
CREATE TABLE card_audit (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL,
    client_id   text        NOT NULL,
    subscriber  text,
    operation   text        NOT NULL CHECK (operation IN ('bind', 'use', 'delete', 'revoke_all')),
    card_ref    text,
    outcome     text        NOT NULL
);
CREATE INDEX card_audit_owner ON card_audit (client_id, subscriber, at);
CREATE INDEX card_audit_card ON card_audit (card_ref) WHERE card_ref IS NOT NULL;

-- A pending binding's fingerprints under every MAC key (the primary key's first), so that after a MAC key
-- rotation a card bound before it is still recognised as the same card.
ALTER TABLE bound_card ADD COLUMN fingerprints text[];
