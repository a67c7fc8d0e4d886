//! What went wrong on a look-up posted without JavaScript (`e=` in the address), sorted to
//! where it is shown: under the tracking number, under the mobile, or about the whole form
//! (`limited`, `paused`, `not_found`: the latter never says which of the two was wrong).
//! A paused number asks for the applicant's ID number too (`track::proven`).
use crate::{
    domain::{
        message::UserMessage, IdNumberError as I, MobileNumberError as M, TrackingNumberError as N,
    },
    i18n::Lang,
    tr,
};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct TrackProblems {
    pub tracking: Option<&'static str>,
    pub mobile: Option<&'static str>,
    pub id_number: Option<&'static str>,
    pub form: Option<&'static str>,
    /// The number is paused: the form asks for the applicant's ID number as well.
    pub ask_id: bool,
    /// Held back (paused, or the address out of misses) with nothing typed wrong: the ID
    /// number is all that is missing.
    pub held: bool,
}

impl TrackProblems {
    /// Reads the comma-separated codes; unknown ones are ignored.
    pub fn read(codes: &str, t: Lang) -> TrackProblems {
        let tracking = [
            N::Empty,
            N::WrongLength,
            N::InvalidCharacter,
            N::BadCheckCharacter,
        ];
        let mobile = [M::Empty, M::InvalidCharacter, M::WrongLength, M::BadPrefix];
        let id_number = [
            I::Empty,
            I::WrongLength,
            I::InvalidCharacter,
            I::UnknownRegion,
            I::InvalidBirthDate,
            I::BadCheckDigit,
            I::LegacyFifteenDigits,
            I::BirthDateInFuture,
        ];
        let mut problems = TrackProblems::default();
        for code in codes.split(',') {
            match code {
                "limited" => {
                    problems.form = Some(tr::track::too_many_look_ups(t));
                    problems.ask_id = true;
                    problems.held = true;
                }
                "paused" => {
                    problems.form = Some(tr::track::number_paused(t));
                    problems.ask_id = true;
                    problems.held = true;
                }
                "unproven" => {
                    problems.form = Some(tr::track::unproven(t));
                    problems.ask_id = true;
                }
                "id_tries_used" => {
                    problems.form = Some(tr::track::id_tries_used(t));
                    problems.ask_id = true;
                }
                "not_found" => problems.form = Some(tr::track::nothing_found_check_tracking(t)),
                key => {
                    if let Some(e) = tracking.iter().find(|e| e.key() == key) {
                        problems.tracking = Some(e.text(t));
                    } else if let Some(e) = mobile.iter().find(|e| e.key() == key) {
                        problems.mobile = Some(e.text(t));
                    } else if let Some(e) = id_number.iter().find(|e| e.key() == key) {
                        problems.id_number = Some(e.text(t));
                        problems.ask_id = true;
                        // Why it is asked for stays said (the pause's banner went with the
                        // slip: household tester).
                        problems.form.get_or_insert(tr::track::id_needed(t));
                    }
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_problem_goes_to_its_own_place() {
        let zh = Lang::Zh;
        let empty_tracking = t(N::Empty);
        let empty_mobile = m(M::Empty);
        let not_found = Some(tr::track::nothing_found_check_tracking(zh));
        let cases = [
            ("", TrackProblems::default()),
            ("nonsense", TrackProblems::default()),
            (
                "tracking_number.empty,mobile_number.empty",
                TrackProblems {
                    tracking: empty_tracking,
                    mobile: empty_mobile,
                    ..Default::default()
                },
            ),
            (
                "mobile_number.empty",
                TrackProblems {
                    mobile: empty_mobile,
                    ..Default::default()
                },
            ),
            (
                "limited",
                TrackProblems {
                    form: Some(tr::track::too_many_look_ups(zh)),
                    ask_id: true,
                    held: true,
                    ..Default::default()
                },
            ),
            (
                "paused",
                TrackProblems {
                    form: Some(tr::track::number_paused(zh)),
                    ask_id: true,
                    held: true,
                    ..Default::default()
                },
            ),
            (
                "unproven",
                TrackProblems {
                    form: Some(tr::track::unproven(zh)),
                    ask_id: true,
                    ..Default::default()
                },
            ),
            (
                "id_number.bad_check_digit",
                TrackProblems {
                    id_number: Some(I::BadCheckDigit.zh()),
                    form: Some(tr::track::id_needed(zh)),
                    ask_id: true,
                    ..Default::default()
                },
            ),
            (
                "not_found",
                TrackProblems {
                    form: not_found,
                    ..Default::default()
                },
            ),
        ];
        for (codes, want) in cases {
            assert_eq!(TrackProblems::read(codes, zh), want, "{codes}");
        }
    }

    fn t(e: N) -> Option<&'static str> {
        Some(e.zh())
    }

    fn m(e: M) -> Option<&'static str> {
        Some(e.zh())
    }
}
