-- The sweep orders open clocks by (due_on, case_id): cover the tie-break so the index alone
-- answers it instead of sorting every matching row (measured: 17 ms for 200 of 100k on SQLite).
create index case_clocks_open_due_case on case_clocks (state, due_on, case_id);
