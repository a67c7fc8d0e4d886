-- The key a report form carries: a retried or double-tapped submission (weak networks) finds
-- the first filing instead of creating a second one. Null for filings made without a form.
alter table cases add column idempotency_key text;
create unique index cases_idempotency_key on cases (idempotency_key);
