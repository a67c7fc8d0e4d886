//! Setting up a county without SQL by hand: regions from the statistics bureau's CSV, the
//! first county admin, a new password for an account, and the production start check
//! (no account may keep a published demo password). Called by the `server` binary's
//! subcommands, not over HTTP.
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::{cases::new_id, millis};
use crate::{
    domain::{
        lang::Lang,
        message::UserMessage,
        password_policy::{self, WeakPassword, DEMO_PASSWORDS},
        region::{RegionCode, RegionLevel},
        region_csv::{self, PlannedRow, RegionCsvError, RowOutcome},
        role::Role,
    },
    ssr::{
        db::Db,
        password::{hash_password, verify_password},
        repo::{regions, sessions, users},
    },
    tr::cli_words::setup as w,
};

/// Why a set-up command did nothing. Every variant but `Db` and `Hash` is the operator's to fix.
/// Worded from locales/*.json (`cli_words.setup`); `Display` is the English.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("{}", .0.text(Lang::En))]
    Csv(RegionCsvError),
    #[error("{}", .0.en())]
    WeakPassword(WeakPassword),
    #[error("{}", w::bad_username(Lang::En))]
    BadUsername,
    #[error("{}", w::no_display_name(Lang::En))]
    NoDisplayName,
    #[error("{}", w::unknown_region(Lang::En))]
    UnknownRegion,
    #[error("{}", w::not_a_county(Lang::En))]
    NotACounty,
    #[error("{}", w::username_taken(Lang::En))]
    UsernameTaken,
    #[error("{}", w::unknown_user(Lang::En))]
    UnknownUser,
    #[error("{}", w::db(Lang::En))]
    Db(#[from] sqlx::Error),
    #[error("{}", w::hash(Lang::En))]
    Hash,
}

impl SetupError {
    /// The operator's message in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            SetupError::Csv(e) => e.text(lang),
            SetupError::WeakPassword(e) => crate::domain::message::text_in(e, lang).to_owned(),
            SetupError::BadUsername => w::bad_username(lang).to_owned(),
            SetupError::NoDisplayName => w::no_display_name(lang).to_owned(),
            SetupError::UnknownRegion => w::unknown_region(lang).to_owned(),
            SetupError::NotACounty => w::not_a_county(lang).to_owned(),
            SetupError::UsernameTaken => w::username_taken(lang).to_owned(),
            SetupError::UnknownUser => w::unknown_user(lang).to_owned(),
            SetupError::Db(_) => w::db(lang).to_owned(),
            SetupError::Hash => w::hash(lang).to_owned(),
        }
    }
}

impl From<super::super::error::ServiceError> for SetupError {
    fn from(e: super::super::error::ServiceError) -> Self {
        match e {
            super::super::error::ServiceError::Db(e) => SetupError::Db(e),
            _ => SetupError::Hash,
        }
    }
}

/// The import's answer: one planned row per data line, and whether anything was written.
#[derive(Debug, Clone)]
pub struct RegionImport {
    pub rows: Vec<PlannedRow>,
    /// False when any row failed: then nothing at all was written.
    pub written: bool,
}

impl RegionImport {
    pub fn failed(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r.outcome, RowOutcome::Failed(_)))
            .count()
    }
}

/// Imports regions from CSV text. All or nothing: every row is checked against the file and
/// the stored regions first, and only a file without a bad row is written, in one
/// transaction, parents first. Re-importing the same file changes nothing; a changed name is
/// updated.
#[tracing::instrument(skip_all)]
pub async fn import_regions(
    db: &Db,
    text: &str,
    now: DateTime<Utc>,
) -> Result<RegionImport, SetupError> {
    let lines = region_csv::parse(text).map_err(SetupError::Csv)?;
    let mut tx = db.pool.begin().await?;
    let existing: HashMap<String, String> = regions::all(&mut *tx)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let rows = region_csv::plan(lines, &existing);
    if rows
        .iter()
        .any(|r| matches!(r.outcome, RowOutcome::Failed(_)))
    {
        tx.rollback().await?;
        return Ok(RegionImport {
            rows,
            written: false,
        });
    }
    let mut changes: Vec<&region_csv::RegionRecord> = rows
        .iter()
        .filter_map(|r| match &r.outcome {
            RowOutcome::Created(record) | RowOutcome::Renamed { record, .. } => Some(record),
            RowOutcome::Unchanged(_) | RowOutcome::Failed(_) => None,
        })
        .collect();
    // The parent_code foreign key wants parents stored first.
    changes.sort_by_key(|r| r.level());
    for record in &changes {
        let row = regions::RegionRow {
            code: record.code.as_str().to_owned(),
            name: record.name.clone(),
            level: record.level(),
            parent_code: record.parent.as_ref().map(|p| p.as_str().to_owned()),
        };
        regions::upsert(&mut *tx, &row, millis(now)).await?;
    }
    tx.commit().await?;
    tracing::info!(target: "audit", changed = changes.len(), rows = rows.len(), "regions imported");
    Ok(RegionImport {
        rows,
        written: true,
    })
}

/// The first county admin (or another one), set up from the command line.
#[derive(Debug, Clone)]
pub struct NewAdmin {
    pub username: String,
    pub display_name: String,
    pub region: String,
}

/// Creates a county admin scoped to a stored county; returns the account id.
#[tracing::instrument(skip(db, password), fields(username = %admin.username))]
pub async fn create_admin(
    db: &Db,
    admin: &NewAdmin,
    password: &str,
    now: DateTime<Utc>,
) -> Result<String, SetupError> {
    use crate::domain::account::{parse_display_name, parse_username};
    let username = parse_username(&admin.username).ok_or(SetupError::BadUsername)?;
    let username = username.as_str();
    let display_name = parse_display_name(&admin.display_name).ok_or(SetupError::NoDisplayName)?;
    let region = RegionCode::parse(&admin.region).map_err(|_| SetupError::UnknownRegion)?;
    if region.level() != RegionLevel::County {
        return Err(SetupError::NotACounty);
    }
    regions::find(&db.pool, region.as_str())
        .await?
        .ok_or(SetupError::UnknownRegion)?;
    password_policy::check(password, username).map_err(SetupError::WeakPassword)?;
    let row = users::UserRow {
        id: new_id(),
        username: username.to_owned(),
        display_name: display_name.to_owned(),
        role: Role::CountyAdmin.code().to_owned(),
        region_code: region.as_str().to_owned(),
        password_hash: hash_password(password)?,
        active: 1,
        department: None,
    };
    if !users::insert(&db.pool, &row, millis(now)).await? {
        return Err(SetupError::UsernameTaken);
    }
    tracing::info!(target: "audit", user = %row.id, region = %region, "county admin created from the command line");
    Ok(row.id)
}

/// Gives an account a new password (same policy) and ends its sessions.
#[tracing::instrument(skip(db, password))]
pub async fn set_password(
    db: &Db,
    username: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), SetupError> {
    let username = username.trim();
    let user = users::by_username(&db.pool, username)
        .await?
        .ok_or(SetupError::UnknownUser)?;
    password_policy::check(password, username).map_err(SetupError::WeakPassword)?;
    let hash = hash_password(password)?;
    let mut tx = db.pool.begin().await?;
    users::set_password(&mut *tx, &user.id, &hash).await?;
    sessions::revoke_all_for_user(&mut *tx, &user.id, millis(now)).await?;
    tx.commit().await?;
    tracing::info!(target: "audit", user = %user.id, "password set from the command line");
    Ok(())
}

/// Usernames of active accounts whose password is a published demo password. Verifies each
/// stored argon2 hash (slow on purpose), on the blocking pool, one thread per core: a start-up
/// check only.
pub async fn accounts_with_demo_password(db: &Db) -> Result<Vec<String>, SetupError> {
    let accounts: Vec<(String, String)> = users::all(&db.pool)
        .await?
        .into_iter()
        .filter(|u| u.active == 1)
        .map(|u| (u.username, u.password_hash))
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = accounts.len().div_ceil(threads).max(1);
    let mut tasks = Vec::new();
    for part in accounts.chunks(chunk) {
        let part = part.to_vec();
        tasks.push(tokio::task::spawn_blocking(move || {
            part.into_iter()
                .filter(|(_, hash)| DEMO_PASSWORDS.iter().any(|d| verify_password(d, hash)))
                .map(|(username, _)| username)
                .collect::<Vec<_>>()
        }));
    }
    let mut found = Vec::new();
    for task in tasks {
        found.extend(task.await.map_err(|_| SetupError::Hash)?);
    }
    found.sort();
    Ok(found)
}
