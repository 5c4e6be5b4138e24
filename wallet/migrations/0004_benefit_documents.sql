-- Schema 4: letters from benefits offices that carry no amount (France Travail "courriers").
-- They are not payments: a payment notice announces money, it does not say how much was paid,
-- so these rows never enter the benefit totals.
CREATE TABLE benefit_documents (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    issuer TEXT NOT NULL,
    kind TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    document_id TEXT NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    UNIQUE (entity_id, issuer, document_id)
);
CREATE INDEX benefit_documents_by_date ON benefit_documents (issued_on);
