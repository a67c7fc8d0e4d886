-- Audit log of reads of personal data: append-only, each row's SHA-256 chained to the row
-- before it (canonical form in app/src/domain/audit.rs). `seq` is the chain position,
-- 1, 2, 3 … without gaps; writers take the single chain-head row first, in the same
-- transaction, so the chain stays linear with any number of app servers.
create table audit_log (
    seq bigint primary key,
    at bigint not null,
    actor_id text not null,
    actor_role text not null,
    actor_scope text not null,
    action text not null,
    outcome text not null,
    case_id text,
    detail text not null,
    reason text not null,
    reason_text text not null,
    client_address text not null,
    prev_hash text not null,
    hash text not null,
    created_at bigint not null
);
create index audit_log_case on audit_log (case_id, seq);
create index audit_log_actor on audit_log (actor_id, seq);
create index audit_log_at on audit_log (at);

create table audit_chain_head (
    id bigint primary key,
    seq bigint not null,
    hash text not null,
    created_at bigint not null
);
insert into audit_chain_head (id, seq, hash, created_at)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);

-- Retention: when a refused filing's personal data was cleared, and when a delivered
-- message's payload was (the delivery record itself stays).
alter table cases add column personal_data_purged_at bigint;
alter table outbox add column payload_purged_at bigint;
