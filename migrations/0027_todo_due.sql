-- Each level's 待办 in the order of its own deadlines (derivation w7): a township's 待办 was
-- ordered by the case's nearest deadline, so a village's overdue visit put a row whose
-- township step was not due above the township's own review due in two days (tester).
-- The work indexes give the 待办's count and first page by one range, now in that order.
-- The rows are recomputed at start-up (work_rev).
alter table cases add column todo_due_village text;
alter table cases add column todo_due_township text;
alter table cases add column todo_due_county text;
drop index cases_county_officer_work;
drop index cases_county_head_work;
drop index cases_township_officer_work;
drop index cases_township_head_work;
create index cases_county_officer_work on cases (county_code, work_county_officer, todo_due_county, id);
create index cases_county_head_work on cases (county_code, work_county_head, todo_due_county, id);
create index cases_township_officer_work on cases (township_code, work_township_officer, todo_due_township, id);
create index cases_township_head_work on cases (township_code, work_township_head, todo_due_township, id);
