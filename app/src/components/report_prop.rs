//! A report form handed to an island as a list of strings in a fixed order: the WASM then
//! deserializes a `Vec<String>` (code it carries anyway) instead of a ten-field struct with
//! its own JSON visitor (about 6 KB of WASM; see docs/performance.md, issue 11).
use crate::domain::report::ReportForm;

/// The fields of `form`, risk-type codes joined by commas (codes never hold one).
pub fn to_prop(form: &ReportForm) -> Vec<String> {
    let f = form.clone();
    vec![
        f.name,
        f.mobile,
        f.id_number,
        f.village,
        f.group,
        f.household_size,
        f.risk_types.join(","),
        f.description,
        f.consent,
        f.key,
    ]
}

/// The form [`to_prop`] wrote; missing fields are empty.
pub fn from_prop(fields: Vec<String>) -> ReportForm {
    let mut it = fields.into_iter();
    let mut next = || it.next().unwrap_or_default();
    let (name, mobile, id_number, village, group, household_size) =
        (next(), next(), next(), next(), next(), next());
    let risk_types = next()
        .split(',')
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect();
    ReportForm {
        name,
        mobile,
        id_number,
        village,
        group,
        household_size,
        risk_types,
        description: next(),
        consent: next(),
        key: next(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_survives_the_prop() {
        let full = ReportForm {
            name: "张三".into(),
            mobile: "13800000000".into(),
            id_number: "52270119800101001X".into(),
            village: "522799101201".into(),
            group: "3组".into(),
            household_size: "4".into(),
            risk_types: vec!["illness".into(), "disability".into()],
            description: "住院, 欠债".into(),
            consent: "on".into(),
            key: "k1".into(),
        };
        for form in [full, ReportForm::default()] {
            assert_eq!(from_prop(to_prop(&form)), form);
        }
        assert_eq!(from_prop(Vec::new()), ReportForm::default());
    }
}
