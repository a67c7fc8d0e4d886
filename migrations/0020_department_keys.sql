-- Department API keys (issue 13): a line department's system pushes screening alerts without
-- a staff session. Only the SHA-256 of a key is stored; `shown` (its first characters, not
-- secret) tells keys apart in the administrator's list. A key acts as its department's
-- liaison account, within `region_code`, under `channel`.
create table department_keys (
    id text primary key,
    shown text not null,
    digest text not null unique,
    user_id text not null references users (id),
    region_code text not null references regions (code),
    channel text not null,
    requests_per_minute bigint not null,
    created_by text not null,
    created_at bigint not null,
    last_used_at bigint,
    revoked_at bigint,
    revoked_by text
);

-- What each department pushed, under its own record id, so it can read the outcome back
-- (结果反馈). The ID number is kept masked only, as the department may see it.
create table department_pushes (
    user_id text not null references users (id),
    reference text not null,
    case_id text not null references cases (id),
    tracking_number text not null,
    id_number_masked text not null,
    created_at bigint not null,
    primary key (user_id, reference)
);
create index department_pushes_created on department_pushes (user_id, created_at);
