//! Every word people read, in one layer keyed by the domain's vocabulary: household pages and
//! SMS, staff pages, inbox and email. zh-CN first, English second. When the move to
//! translation files comes, it happens here and nowhere else.
pub mod admin_changes;
pub mod audit;
pub mod audit_words;
pub mod by_lang;
pub mod case_words;
pub mod clock_due;
pub mod contacts;
pub mod drafts;
pub mod engine;
pub mod household;
pub mod household_history;
pub mod import_files;
pub mod iso_day;
pub mod labels;
pub mod looked;
pub mod measures;
pub mod notice_words;
pub mod notices;
pub mod phrase;
pub mod procedure_marks;
pub mod progress;
pub mod requests;
pub mod risks;
pub mod sms_templates;
pub mod timeline_words;
