-- What the deadline sweep writes, made cheap (issue 14: ≤ 1 s over 100,000 open clocks).
--
-- 1. Told marks get a narrow table of their own, ordered by due date. Migration 0022 kept the
--    told level on each clock row, so marking 8,333 due clocks rewrote 8,333 rows scattered
--    over the whole case_clocks table: at 1M households that dirtied nearly every page of it
--    (26 MB of SQLite WAL, a full-page image of each page on PostgreSQL after a checkpoint).
--    Rows keyed by (due_on, case_id, seq) sit together, as the sweep writes them (0.3 MB).
--    The sweep reads the due clocks in due order and skips those told at the level their date
--    gives them. A mark names the due date it was made for, so a clock moved to another date
--    is told again, as before; marks of closed clocks are purged by housekeeping.
create table clock_told (
    due_on text not null,
    case_id text not null,
    seq bigint not null,
    -- 1 told due soon, 2 told overdue.
    level bigint not null,
    primary key (due_on, case_id, seq)
);
insert into clock_told (due_on, case_id, seq, level)
select due_on, case_id, seq, told_level from case_clocks where state = 'open' and told_level > 0;
drop index case_clocks_untold;
alter table case_clocks drop column told_level;
-- The sweep reads the due range in (due_on, case_id, seq) order and looks each row's mark up
-- by those three: with seq in the index, neither needs the clock row itself, which is read
-- only for clocks not yet told (half the read time of a sweep that finds everyone told).
drop index case_clocks_open_due_case;
create index case_clocks_open_due_case on case_clocks (state, due_on, case_id, seq);

-- 2. Notifications without foreign keys. Only the sweep writes them, from the clock rows and
--    accounts it has just read, and neither cases nor accounts are ever deleted; yet each
--    check cost PostgreSQL a locking read of the case row (460 of 750 ms for 10,000 rows).
--    SQLite cannot drop a constraint, so the table is rebuilt (one statement set for both).
create table notifications_new (
    id text primary key,
    user_id text not null,
    case_id text not null,
    kind text not null,
    clock_kind text not null,
    due_on text not null,
    title text not null,
    body text not null,
    read_at bigint,
    created_at bigint not null
);
insert into notifications_new (id, user_id, case_id, kind, clock_kind, due_on, title, body, read_at, created_at)
select id, user_id, case_id, kind, clock_kind, due_on, title, body, read_at, created_at from notifications;
drop table notifications;
alter table notifications_new rename to notifications;
-- A sweep that runs again (or twice at once) never notifies the same person twice.
create unique index notifications_once on notifications (user_id, case_id, clock_kind, due_on, kind);
create index notifications_inbox on notifications (user_id, created_at);
