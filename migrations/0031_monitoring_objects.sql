-- The dashboard's monitoring objects (监测对象) by category, tier and risk type: only
-- identified households (their category is set by the county's decision) are indexed, so
-- filing, which writes cases without one, pays nothing for it. Every region level reads a
-- range of it: county, county and township, or all three codes.
create index cases_identified on cases (county_code, township_code, village_code, state, category, tier, risk_types)
    where category is not null;
-- The month's eliminations, re-entries and removals: only those events are indexed.
create index case_events_leaving on case_events (at)
    where kind in ('eliminated', 'reopened', 'removed');
