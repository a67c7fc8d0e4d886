-- The case engine: the case snapshot (rebuildable from case_events), its clocks as rows the
-- queue can find by due date, and the outbox for notifications sent by a worker.

alter table cases add column snapshot text;
alter table cases add column next_due_on text;
create index cases_next_due on cases (township_code, next_due_on);

create table case_clocks (
    case_id text not null references cases (id),
    seq bigint not null,
    kind text not null,
    owner_level text not null,
    village_code text not null,
    township_code text not null,
    started_on text not null,
    due_on text not null,
    state text not null,
    closed_on text,
    created_at bigint not null,
    primary key (case_id, seq)
);
create index case_clocks_open_due on case_clocks (state, due_on);
create index case_clocks_township_due on case_clocks (township_code, state, due_on);
create index case_clocks_village_due on case_clocks (village_code, state, due_on);

create table outbox (
    id text primary key,
    channel text not null,
    recipient text not null,
    subject text not null,
    body text not null,
    status text not null,
    attempts bigint not null default 0,
    next_attempt_at bigint not null,
    last_error text,
    case_id text,
    created_at bigint not null,
    sent_at bigint
);
create index outbox_due on outbox (status, next_attempt_at);
