-- Jurisdiction policy with effective dates, and the working-day calendar, both editable by the
-- county administrator. Policies are JSON bodies of the domain `Policy`; the most specific
-- jurisdiction (county over province) with the latest effective date on or before today wins.
create table policies (
    jurisdiction_code text not null,
    effective_from text not null,
    body text not null,
    created_by text not null,
    created_at bigint not null,
    primary key (jurisdiction_code, effective_from)
);

-- Official holidays and weekend makeup workdays (调休), seeded from the State Council schedules.
create table calendar_days (
    day text primary key,
    kind text not null,
    name text not null,
    created_at bigint not null
);

-- Years whose schedule is complete; other years count Monday to Friday.
create table calendar_years (
    year bigint primary key,
    created_at bigint not null
);
