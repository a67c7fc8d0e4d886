-- Secrets the server makes for itself on first start (e.g. the key that signs report-form
-- idempotency keys). Kept in the database so every app server behind a load balancer agrees.
create table server_secrets (
    name text primary key,
    value text not null,
    created_at bigint not null
);
