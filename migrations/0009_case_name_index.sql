-- Queue search matches name, tracking number, mobile or ID number exactly; with every term
-- indexed the databases can answer the OR from the indexes (the bench showed a scan without it).
create index cases_applicant_name on cases (applicant_name);
