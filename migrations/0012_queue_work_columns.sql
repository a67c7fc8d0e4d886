-- The queue filters, counts and pages in SQL instead of decoding every open case. Each case
-- row carries, written in the same statement as its snapshot (derived by
-- Case::queue_keys): which acting role has a step now (one flag per role; the village cadre's
-- step may open on a date, when the notice's minimum has run; the one county head whose only
-- step would be deciding their own extension request), the category and tier, and the urgency
-- key of its next deadline (the due date of a running one, or the working days a paused one
-- had left). work_rev names the derivation and the policy it used; rows with another value
-- (all existing rows: null) are recomputed at start-up and when the policy changes.
alter table cases add column work_village_cadre bigint not null default 0;
alter table cases add column work_village_from text;
alter table cases add column work_township_officer bigint not null default 0;
alter table cases add column work_township_head bigint not null default 0;
alter table cases add column work_county_officer bigint not null default 0;
alter table cases add column work_county_head bigint not null default 0;
alter table cases add column work_except_user text;
alter table cases add column work_department bigint not null default 0;
alter table cases add column work_rev text;
alter table cases add column category text;
alter table cases add column tier text;
alter table cases add column urgency_due_on text;
alter table cases add column paused_left bigint;
-- A county or township officer's 待办: count and first page straight from one index range,
-- in queue order. The village level is small enough for cases_village_due_id (0006).
create index cases_county_officer_work on cases (county_code, work_county_officer, next_due_on, id);
create index cases_county_head_work on cases (county_code, work_county_head, next_due_on, id);
create index cases_township_officer_work on cases (township_code, work_township_officer, next_due_on, id);
create index cases_township_head_work on cases (township_code, work_township_head, next_due_on, id);
-- The overdue and due-soon counts are date ranges on the urgency key, plus the few paused
-- deadlines (counted apart, from a partial index).
create index cases_county_urgency on cases (county_code, urgency_due_on, next_due_on);
create index cases_township_urgency on cases (township_code, urgency_due_on, next_due_on);
create index cases_county_paused on cases (county_code, paused_left, next_due_on) where paused_left is not null;
create index cases_township_paused on cases (township_code, paused_left, next_due_on) where paused_left is not null;
