-- Phones households can call, set per region by the county admin: a village's row is its
-- village committee (村委会), a township's row its office (乡镇政府 / 乡村振兴办). Shown with
-- tap-to-call links on every household case page.
create table region_contacts (
    region_code text primary key references regions (code),
    phone text not null,
    updated_by text not null,
    updated_at bigint not null,
    created_at bigint not null
);
