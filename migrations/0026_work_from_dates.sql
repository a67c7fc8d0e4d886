-- Work that opens on a date for the township too (derivation w6): a visit from a week before
-- its clock falls due, a measure's update from a week before its start or end. Every
-- monitored household was the village's and the township's 待办 all year (tester). The
-- village already had work_village_from (0012). The rows are recomputed at start-up (work_rev).
alter table cases add column work_township_officer_from text;
alter table cases add column work_township_head_from text;
