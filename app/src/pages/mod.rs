pub mod case;
pub mod home;
pub mod login;
pub mod not_found;
pub mod queue;
pub mod report;
pub mod submitted;
pub mod track;
