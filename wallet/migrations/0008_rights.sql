-- Schema 8: the household's own description, its tax notices, and the rights estimates.
-- The household is one JSON document per version: a situation changes, and the old versions
-- are kept (the newest is the one in force). Nothing here is derived from another table.
CREATE TABLE household_versions (
    id INTEGER PRIMARY KEY,
    saved_at TEXT NOT NULL,
    body TEXT NOT NULL
);

-- The figures of an income tax notice ("avis d'impôt sur le revenu"), read from its PDF.
-- Identifiers printed on the notice (tax number, notice reference) are never stored.
CREATE TABLE tax_notices (
    id INTEGER PRIMARY KEY,
    income_year INTEGER NOT NULL,
    reference_income_cents INTEGER NOT NULL,
    parts_hundredths INTEGER NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    UNIQUE (income_year, reference_income_cents, parts_hundredths)
);

-- The last estimate made for each month and benefit (OpenFisca-France), with the model that
-- made it; kept so the overview and a share can show it without loading the model again.
CREATE TABLE rights_estimates (
    month TEXT NOT NULL,
    benefit TEXT NOT NULL,
    estimate_cents INTEGER NOT NULL,
    eligible INTEGER NOT NULL,
    paid_cents INTEGER,
    computed_at TEXT NOT NULL,
    model_version TEXT NOT NULL,
    legislation_date TEXT NOT NULL,
    PRIMARY KEY (month, benefit)
);

-- Alerts "you may be entitled to ..." the person dismissed, one per benefit, with the
-- household version in force then: a new description of the household reopens them.
CREATE TABLE rights_dismissed (
    benefit TEXT PRIMARY KEY,
    dismissed_at TEXT NOT NULL,
    household_version INTEGER NOT NULL
);
