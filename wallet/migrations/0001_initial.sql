-- Schema 1: the vault's domain tables and import provenance.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    importer TEXT NOT NULL,
    importer_version TEXT NOT NULL,
    source_tz TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    added INTEGER NOT NULL DEFAULT 0,
    present INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0
);

-- Meters, cards and benefit accounts: the identifier from the export, a label the person edits.
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    dataset TEXT NOT NULL,
    identifier TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    UNIQUE (dataset, identifier)
);

-- One channel per meter and measured quantity ("consumption", "max_power", "index:EAS F1").
CREATE TABLE channels (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    quantity TEXT NOT NULL,
    UNIQUE (entity_id, quantity)
);

-- The natural key is the primary key, so re-imports and overlapping exports add only what is
-- new; integer keys keep the insert path close to a plain executemany.
CREATE TABLE energy_values (
    channel_id INTEGER NOT NULL REFERENCES channels (id),
    start_utc INTEGER NOT NULL,
    end_utc INTEGER NOT NULL,
    value REAL,
    unit TEXT NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    PRIMARY KEY (channel_id, start_utc, end_utc)
) WITHOUT ROWID;

-- The readings as a person (or the sqlcipher shell) reads them.
CREATE VIEW energy_readings AS
SELECT c.entity_id, c.quantity, v.start_utc, v.end_utc, v.value, v.unit, v.batch_id
FROM energy_values AS v JOIN channels AS c ON c.id = v.channel_id;

CREATE TABLE trips (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    at_utc INTEGER NOT NULL,
    started_utc INTEGER,
    ended_utc INTEGER,
    mode TEXT NOT NULL,
    line TEXT NOT NULL,
    origin TEXT NOT NULL,
    destination TEXT NOT NULL,
    fare_cents INTEGER,
    currency TEXT NOT NULL,
    distance_m REAL,
    note TEXT NOT NULL DEFAULT '',
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    UNIQUE (entity_id, at_utc, line, origin, destination)
);

CREATE TABLE money_movements (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    at_utc INTEGER NOT NULL,
    kind TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    currency TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    UNIQUE (entity_id, at_utc, kind, amount_cents)
);

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    payer TEXT NOT NULL,
    benefit TEXT NOT NULL,
    paid_on TEXT NOT NULL,
    period_start TEXT,
    period_end TEXT,
    amount_cents INTEGER NOT NULL,
    currency TEXT NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    UNIQUE (entity_id, payer, benefit, paid_on, amount_cents)
);
