-- A policy version keeps the fields the administrator changed (JSON, form field → value);
-- its body (the rules in force from its day) is worked out again from the version before it
-- whenever a version is saved or withdrawn. Rows saved before this have no changes and keep
-- their body as a whole.
alter table policies add column changes text;
