pub mod contacts;
pub mod field_errors;
pub mod hotline;
pub mod hydrated;
pub mod notice;
pub mod region_contacts;
pub mod report_fields;
pub mod who_looked;
