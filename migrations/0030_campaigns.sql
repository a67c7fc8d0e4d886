-- The 集中排查 campaigns a county started, listed on the dashboard with their progress
-- (counted from the campaign visit clocks due on `due_on`: the end date, or the next working
-- day when it is a rest day). Starting the same campaign again adds to its row.
create table campaigns (
    id text primary key,
    county_code text not null,
    name text not null,
    until_on text not null,
    due_on text not null,
    started_on text not null,
    started_by text not null,
    households bigint not null,
    created_at bigint not null
);
create unique index campaigns_county_name_until on campaigns (county_code, name, until_on);
-- Only campaign visits are indexed: filing and the other clocks pay nothing for it.
create index case_clocks_campaign_due on case_clocks (due_on, started_on)
    where kind = 'campaign_visit';
