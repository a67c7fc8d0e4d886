-- Portable subset shared by SQLite and PostgreSQL: text and bigint columns only,
-- instants as unix milliseconds (UTC), calendar dates as 'YYYY-MM-DD' text (Beijing time).

create table regions (
    code text primary key,
    name text not null,
    level text not null,
    parent_code text references regions (code),
    created_at bigint not null
);
create index regions_parent on regions (parent_code);

create table users (
    id text primary key,
    username text not null unique,
    display_name text not null,
    role text not null,
    region_code text not null references regions (code),
    password_hash text not null,
    active bigint not null default 1,
    created_at bigint not null
);

create table sessions (
    token_digest text primary key,
    user_id text not null references users (id),
    created_at bigint not null,
    expires_at bigint not null,
    revoked_at bigint
);
create index sessions_user on sessions (user_id);

-- One household's path through the mechanism. Columns the queue filters on are
-- denormalised here; the event log below is the audit trail.
create table cases (
    id text primary key,
    tracking_number text not null unique,
    village_code text not null references regions (code),
    township_code text not null references regions (code),
    county_code text not null references regions (code),
    state text not null,
    channel text not null,
    applicant_name text not null,
    applicant_mobile text not null,
    applicant_id_number text not null,
    household_size bigint not null,
    risk_types text not null,
    description text not null,
    discovered_on text not null,
    consent_at bigint not null,
    version bigint not null,
    created_at bigint not null,
    updated_at bigint not null
);
create index cases_township_state on cases (township_code, state, created_at);
create index cases_village_state on cases (village_code, state, created_at);
create index cases_mobile on cases (applicant_mobile);
create index cases_id_number on cases (applicant_id_number);

create table case_events (
    case_id text not null references cases (id),
    seq bigint not null,
    kind text not null,
    actor_id text,
    at bigint not null,
    payload text not null,
    created_at bigint not null,
    primary key (case_id, seq)
);

-- Forms posted without JavaScript that had problems: kept briefly so nothing typed is lost.
create table form_drafts (
    token text primary key,
    payload text not null,
    created_at bigint not null
);
create index form_drafts_created on form_drafts (created_at);
