-- Proxy filing (12317 hotline, cadres): who read the commitment and authorisation aloud and
-- recorded the caller's consent. Null when the household ticked it on its own filing.
alter table cases add column consent_by text;
