pub mod field_errors;
pub mod notice;
pub mod report_fields;
