-- Counted limits (sign-in, SMS, filing, look-ups): one counter row per bucket, taken with a
-- single upsert whose WHERE refuses once the limit is reached, so a parallel burst cannot
-- slip past a count read before the insert (the old login_attempts table could).
create table rate_limits (
    bucket text primary key,
    hits bigint not null,
    -- When the count starts again from zero.
    window_ends bigint not null,
    -- The earliest time the next hit is admitted (a growing delay after repeated failures).
    next_at bigint not null,
    created_at bigint not null
);
create index rate_limits_window_ends on rate_limits (window_ends);

drop table login_attempts;
