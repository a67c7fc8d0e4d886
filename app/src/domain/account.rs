//! Staff accounts as the county administrator enters them: the form, parsed once.
use serde::{Deserialize, Serialize};

use super::{
    message::{user_messages, Message},
    password_policy,
    region::RegionCode,
    report::FieldProblem,
    role::Role,
};

/// The new-account form as posted (raw strings).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewAccountForm {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub region: String,
    pub password: String,
    /// A liaison's line department (one of `vocab::lead_departments`); others leave it empty.
    #[serde(default)]
    pub department: String,
}

/// Why an account field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountFieldError {
    Username,
    UsernameTaken,
    DisplayName,
    Role,
    Region,
    /// A region of another level than the role's (a village cadre for the whole county).
    RegionLevel,
    CannotDeactivateSelf,
    /// A liaison without a known line department.
    Department,
    /// A department given to an account that is not a liaison's.
    NotLiaison,
}

user_messages!(AccountFieldError {
    Username => account.username;
    UsernameTaken => account.username_taken;
    DisplayName => account.display_name;
    Role => account.role;
    Region => account.region;
    RegionLevel => account.region_level;
    CannotDeactivateSelf => account.cannot_deactivate_self;
    Department => account.department;
    NotLiaison => account.not_liaison;
});

/// A checked new account. The region still has to exist (the service looks it up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub region: RegionCode,
    pub password: String,
    /// Set for a department liaison only.
    pub department: Option<String>,
}

impl NewAccount {
    /// Parses the form for an administrator whose scope is `within`; every bad field is named.
    pub fn parse(form: &NewAccountForm, within: &RegionCode) -> Result<Self, Vec<FieldProblem>> {
        let mut problems: Vec<FieldProblem> = Vec::new();
        let mut note = |field: &'static str, e: AccountFieldError| {
            problems.push((field, Message::of(&e)));
        };
        let username = parse_username(&form.username);
        if username.is_none() {
            note("username", AccountFieldError::Username);
        }
        let username = username.unwrap_or_default();
        let display_name = parse_display_name(&form.display_name);
        if display_name.is_none() {
            note("display_name", AccountFieldError::DisplayName);
        }
        let display_name = display_name.unwrap_or_default();
        let role = Role::from_code(&form.role).filter(|r| *r != Role::Household);
        if role.is_none() {
            note("role", AccountFieldError::Role);
        }
        let region = RegionCode::parse(&form.region)
            .ok()
            .filter(|r| within.contains(r));
        if region.is_none() {
            note("region", AccountFieldError::Region);
        }
        if let (Some(role), Some(region)) = (role, &region) {
            if role.region_level() != Some(region.level()) {
                note("region", AccountFieldError::RegionLevel);
            }
        }
        // A liaison works on its own department's measures: it must name one.
        let department = department_named(&form.department);
        if role == Some(Role::DepartmentLiaison) && department.is_none() {
            note("department", AccountFieldError::Department);
        }
        // The same rules as the first admin's (`server create-admin`).
        if let Err(weak) = password_policy::check(&form.password, &username) {
            problems.push(("password", Message::of(&weak)));
        }
        match (role, region) {
            (Some(role), Some(region)) if problems.is_empty() => Ok(NewAccount {
                username,
                display_name,
                role,
                region,
                password: form.password.clone(),
                department: department.filter(|_| role == Role::DepartmentLiaison),
            }),
            _ => Err(problems),
        }
    }
}

/// `text` when it names a line department that leads measures (`vocab::lead_departments`).
pub fn department_named(text: &str) -> Option<String> {
    crate::domain::vocab::lead_departments()
        .into_iter()
        .find(|d| *d == text.trim())
        .map(str::to_owned)
}

/// One refused field, as the form shows it.
/// The longest username and display name kept (a 200-character username went in: admin
/// tester).
const MOST_USERNAME: usize = 32;
const MOST_DISPLAY_NAME: usize = 32;

/// A username in lower case (`XIAN-ADMIN` beside `xian-admin` read as one person in the audit
/// log: admin tester): ASCII letters, digits, `-` and `_`, at most 32.
pub fn parse_username(raw: &str) -> Option<String> {
    let name = raw.trim().to_ascii_lowercase();
    let ok = !name.is_empty()
        && name.len() <= MOST_USERNAME
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some(name)
}

/// A display name as it can be seen (tabs, line breaks and direction overrides went in:
/// admin tester), at most 32 characters.
pub fn parse_display_name(raw: &str) -> Option<String> {
    let name = crate::domain::visible_text::visible(raw, false);
    (!name.is_empty() && name.chars().count() <= MOST_DISPLAY_NAME).then_some(name)
}

pub fn problem(field: &'static str, e: AccountFieldError) -> Vec<FieldProblem> {
    vec![(field, Message::of(&e))]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn county() -> RegionCode {
        RegionCode::parse("522799000000").expect("county")
    }

    fn form() -> NewAccountForm {
        NewAccountForm {
            username: "zhang-san".into(),
            display_name: " 张三 ".into(),
            role: "township_officer".into(),
            region: "522799101000".into(),
            password: "Qingshi-2026-river".into(),
            department: String::new(),
        }
    }

    #[test]
    fn a_liaison_names_its_department_and_no_one_else_keeps_one() {
        let liaison = |department: &str| NewAccountForm {
            role: "department_liaison".into(),
            region: "522799000000".into(),
            department: department.into(),
            ..form()
        };
        for missing in ["", "纪委", "民政"] {
            let problems = NewAccount::parse(&liaison(missing), &county()).expect_err(missing);
            assert_eq!(problems[0].0, "department", "{missing:?}");
        }
        let account = NewAccount::parse(&liaison(" 民政局 "), &county()).expect("valid");
        assert_eq!(account.department.as_deref(), Some("民政局"));
        let officer = NewAccountForm {
            department: "民政局".into(),
            ..form()
        };
        let account = NewAccount::parse(&officer, &county()).expect("valid");
        assert_eq!(account.department, None, "not a liaison's");
    }

    #[test]
    fn a_good_form_parses_with_the_name_trimmed() {
        let account = NewAccount::parse(&form(), &county()).expect("valid");
        assert_eq!(account.display_name, "张三");
        assert_eq!(account.role, Role::TownshipOfficer);
    }

    #[test]
    fn the_region_is_of_the_roles_level() {
        for (role, region, fits) in [
            ("village_cadre", "522799101201", true),
            ("village_cadre", "522799000000", false),
            ("village_cadre", "522799101000", false),
            ("township_head", "522799101000", true),
            ("township_officer", "522799101201", false),
            ("county_officer", "522799000000", true),
            ("county_officer", "522799101000", false),
            ("hotline_operator", "522799000000", true),
        ] {
            let form = NewAccountForm {
                role: role.into(),
                region: region.into(),
                ..form()
            };
            let parsed = NewAccount::parse(&form, &county());
            assert_eq!(parsed.is_ok(), fits, "{role} {region}");
            if !fits {
                let problems = parsed.expect_err("refused");
                assert_eq!(problems.len(), 1);
                assert_eq!(problems[0].0, "region");
                assert_eq!(problems[0].1.key, "account.region_level");
            }
        }
    }

    #[test]
    fn the_password_label_states_the_policys_length() {
        for lang in crate::domain::lang::Lang::ALL {
            let label = crate::tr::admin::password(*lang);
            assert!(
                label.contains(&password_policy::MIN_CHARS.to_string()),
                "{label}"
            );
        }
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let bad = NewAccountForm {
            username: "张 三".into(),
            display_name: " ".into(),
            role: "household".into(),
            region: "110000000000".into(),
            password: "short".into(),
            department: String::new(),
        };
        let problems = NewAccount::parse(&bad, &county()).expect_err("invalid");
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            ["username", "display_name", "role", "region", "password"]
        );
    }

    #[test]
    fn messages_are_well_formed() {
        crate::domain::message::tests::assert_messages_are_well_formed(
            "account",
            &[
                AccountFieldError::Username,
                AccountFieldError::UsernameTaken,
                AccountFieldError::DisplayName,
                AccountFieldError::Role,
                AccountFieldError::Region,
                AccountFieldError::CannotDeactivateSelf,
            ],
        );
    }
}
