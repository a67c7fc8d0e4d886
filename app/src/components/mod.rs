pub mod field_errors;
pub mod hydrated;
pub mod notice;
pub mod report_fields;
