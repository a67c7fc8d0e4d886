-- The sweep judged each due clock on its case: a paused clock's urgency depends on the working
-- days it had left at the pause, which only the (sealed) case snapshot held, and the wording
-- needs the case's tracking number. So it opened the case row of every due clock: at 1M
-- households, 8,333 random reads of the cases table, most of the sweep's read. Each clock row
-- now carries them:
-- - paused_left: the working days a paused clock had left (null while it runs);
-- - tracking_number: its case's, which never changes;
-- - pause_known: 1 on rows written since this migration. Older rows (0) are still judged on
--   their case, and any write of a case re-inserts its rows with 1.
alter table case_clocks add column paused_left bigint;
alter table case_clocks add column tracking_number text;
alter table case_clocks add column pause_known bigint not null default 0;
