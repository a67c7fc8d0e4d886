//! Pure, WASM-safe domain code: newtypes, vocabularies, policy, state machine, clocks.
//! No I/O, no clock access, no async. One `pub mod` line per module, one `pub use`
//! line per module: append new modules at the end of each list.

pub mod id_number;
pub mod measure_field;
pub mod member_field;
pub mod message;
pub mod mobile;
pub mod money;
pub mod region;
pub mod tracking;
pub mod vocab;

pub use id_number::{IdNumber, IdNumberError};
pub use message::UserMessage;
pub use mobile::{MobileNumber, MobileNumberError};
pub use money::{Fen, MoneyError};
pub use region::{RegionCode, RegionCodeError, RegionLevel};
pub use tracking::{TrackingNumber, TrackingNumberError};
pub use vocab::{
    suggest_measures, Category, Channel, LabourCapacity, MeasureType, RiskTier, RiskType,
};

pub mod access;
pub mod account;
pub mod alert_csv;
pub mod alert_file;
pub mod audit;
pub mod calendar;
pub mod case;
pub mod clock;
pub mod contact_phone;
pub mod department_key;
pub mod department_names;
pub mod holidays_cn;
#[cfg(test)]
#[path = "household_messages_tests.rs"]
mod household_messages_tests;
pub mod lang;
pub mod ledger;
pub mod measure_counts;
mod newtype;
pub mod notice_name;
pub mod object_counts;
pub mod password_policy;
pub mod person_name;
pub mod queue_query;
pub mod redact;
pub mod region_csv;
pub mod report;
pub mod responsible;
pub mod retention;
pub mod return_path;
pub mod risk_list;
pub mod role;
pub mod time;
pub mod typed_digits;
pub mod url;
pub mod visible_text;
pub mod wording;
