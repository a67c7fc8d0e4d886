-- The escalation level the sweep has already dealt with for each clock row: 0 nothing,
-- 1 due soon, 2 overdue. The sweep reads only rows whose level by date is above it, so a
-- second pass reads nothing. A case write re-inserts its clock rows at 0; the notifications'
-- unique key keeps that re-read from telling anyone twice.
alter table case_clocks add column told_level bigint not null default 0;
-- The sweep's two ranges: (open, 0, due before the due-soon horizon) and (open, 1, due before
-- today), each read in the sweep's (due_on, case_id, seq) order, so neither is sorted.
create index case_clocks_untold on case_clocks (state, told_level, due_on, case_id, seq);
