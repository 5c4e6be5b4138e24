-- Schema 3: sharing with consent (see SHARING.md).

-- Services the person added, pinned by the SHA-256 of their descriptor.
CREATE TABLE services (
    service_id TEXT PRIMARY KEY,
    descriptor_json TEXT NOT NULL,
    descriptor_sha256 TEXT NOT NULL,
    added_at TEXT NOT NULL
);

-- Signing keys and the pseudonym secret: only ever inside this encrypted database.
CREATE TABLE sharing_keys (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,            -- 'ledger', 'pseudonym' or 'pairwise:<service_id>'
    kind TEXT NOT NULL,             -- 'ed25519' or 'hmac'
    secret BLOB NOT NULL,
    kid TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    retired_at TEXT
);
CREATE INDEX sharing_keys_by_scope ON sharing_keys (scope);

-- Consent records are immutable; their state is read from the ledger's events.
CREATE TABLE consents (
    record_id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL,
    descriptor_sha256 TEXT NOT NULL,
    not_after TEXT NOT NULL,
    record_json TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- The exact bytes that left (or were saved), kept only as long as the person wants.
CREATE TABLE share_payloads (
    share_id TEXT PRIMARY KEY,
    payload BLOB NOT NULL
);

-- The share ledger: append-only, each entry chained to the previous one by its hash.
CREATE TABLE share_ledger (
    seq INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    event TEXT NOT NULL,
    consent_record_id TEXT NOT NULL DEFAULT '',
    share_id TEXT NOT NULL DEFAULT '',
    service_id TEXT NOT NULL DEFAULT '',
    body_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    entry_hash TEXT NOT NULL,
    kid TEXT NOT NULL,
    sig TEXT NOT NULL
);
CREATE INDEX share_ledger_by_share ON share_ledger (share_id);
CREATE INDEX share_ledger_by_consent ON share_ledger (consent_record_id);

CREATE TRIGGER share_ledger_no_update BEFORE UPDATE ON share_ledger
BEGIN
    SELECT RAISE(ABORT, 'the share ledger is append-only');
END;

CREATE TRIGGER share_ledger_no_delete BEFORE DELETE ON share_ledger
BEGIN
    SELECT RAISE(ABORT, 'the share ledger is append-only');
END;

CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
BEGIN
    SELECT RAISE(ABORT, 'consent records are immutable');
END;

CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
BEGIN
    SELECT RAISE(ABORT, 'consent records are immutable');
END;
