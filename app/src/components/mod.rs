pub mod field_errors;
pub mod notice;
pub mod report_fields;
pub mod who_looked;
