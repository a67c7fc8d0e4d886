-- Escalation: the clock sweep notifies owners (due soon, overdue) and supervisors (overdue)
-- in an in-app inbox, and by email through the outbox for users who have an address.

alter table users add column email text;

create table notifications (
    id text primary key,
    user_id text not null references users (id),
    case_id text not null references cases (id),
    kind text not null,
    clock_kind text not null,
    due_on text not null,
    title text not null,
    body text not null,
    read_at bigint,
    created_at bigint not null,
    -- A sweep that runs again (or twice at once) never notifies the same person twice.
    constraint notifications_once unique (user_id, case_id, clock_kind, due_on, kind)
);
create index notifications_inbox on notifications (user_id, created_at);
