-- The dashboard's month of county decisions: only met identification limits are indexed,
-- so filing (which writes open clocks) pays nothing for it.
create index case_clocks_identification_met on case_clocks (closed_on)
    where kind = 'identification_overall' and state = 'met';
