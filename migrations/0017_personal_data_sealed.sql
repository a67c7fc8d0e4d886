-- Encryption at rest (issue 9). ID numbers and mobiles are stored sealed by the server
-- (`ssr::vault`: `v1:<key id>:<base64>`) in the columns they always had; exact-match search and
-- the duplicate check go through blind indexes (HMAC-SHA256 under a separate key) in these
-- columns. The plaintext indexes are dropped: a sealed value never matches twice.
alter table cases add column applicant_mobile_index text;
alter table cases add column applicant_id_number_index text;
drop index cases_mobile;
drop index cases_id_number;
create index cases_mobile_index on cases (applicant_mobile_index);
create index cases_id_number_index on cases (applicant_id_number_index);

-- Where a key rotation (`server keys rotate`) stands in each table, so a run that stopped
-- resumes after the last batch it committed.
create table key_rotations (
    table_name text primary key,
    key_id text not null,
    last_key text not null,
    done bigint not null default 0,
    created_at bigint not null
);
