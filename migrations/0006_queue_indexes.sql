-- The staff queue pages by keyset (next_due_on, id) within the officer's region; one index
-- per region level lets each page be read in index order without sorting.
create index cases_county_due_id on cases (county_code, next_due_on, id);
create index cases_township_due_id on cases (township_code, next_due_on, id);
create index cases_village_due_id on cases (village_code, next_due_on, id);
