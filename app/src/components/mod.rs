pub mod field_errors;
pub mod notice;
