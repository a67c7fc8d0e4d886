-- A kept no-JavaScript draft belongs to the browser that made it: `owner_digest` is the
-- SHA-256 of a secret held only in that browser's HttpOnly cookie. Drafts kept before this
-- migration have none and are never shown again (they are purged within the hour).
alter table form_drafts add column owner_digest text;
create index form_drafts_owner on form_drafts (owner_digest);
