-- Indexes no query needs: each filing, staff step and sweep paid to keep them up to date (a
-- clock row sat in six indexes, a case row in twenty), and the sweep's told-level update
-- rewrote every index of each clock row it marked.
-- cases_next_due (township_code, next_due_on) leads cases_township_due_id (…, id), which
-- serves every query it did.
drop index cases_next_due;
-- case_clocks_open_due (state, due_on) leads case_clocks_open_due_case (…, case_id).
drop index case_clocks_open_due;
-- No query reads clocks by township or village: the queue reads cases (their next_due_on and
-- work columns), the sweep reads case_clocks_untold, the overdue counts (state, due_on).
drop index case_clocks_township_due;
drop index case_clocks_village_due;
