-- A line department's liaison works on its own department's measures (derivation w8): one
-- liaison could read and move every department's (attacker tester). Accounts name their
-- department; a case stores the departments with work on it (`|*|民政局|`, `*` for a step any
-- department may take). The rows are recomputed at start-up (work_rev).
alter table users add column department text;
alter table cases add column work_departments text not null default '';
