-- 村民小组: the group within the village, shown on the public notice.
alter table cases add column village_group text;
