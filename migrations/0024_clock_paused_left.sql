-- A paused clock's urgency depends on the working days it had left at the pause, which only
-- the (sealed) case snapshot held, so the sweep opened and decoded the snapshot of every due
-- clock. Each clock row now carries them: paused_left is the working days a paused clock had
-- left (null while it runs). Rows written before this migration (pause_known = 0) are still
-- judged on their snapshot; any write of the case re-inserts its rows with pause_known = 1.
alter table case_clocks add column paused_left bigint;
alter table case_clocks add column pause_known bigint not null default 0;
