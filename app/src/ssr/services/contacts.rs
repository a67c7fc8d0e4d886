//! The county admin publishes a phone per township (its office) and village (its committee);
//! household pages show them as tap-to-call links.
use chrono::{DateTime, Utc};

use super::millis;
use crate::{
    domain::{
        contact_phone::parse_contact_phone, lang::Lang, region::RegionCode, region::RegionLevel,
    },
    ssr::{
        error::ServiceError,
        repo::{contacts, regions},
        services::auth::Staff,
        state::AppState,
    },
    tr,
    wire::{contacts::RegionContactView, FieldError},
};

/// Every township and village in the admin's county, with its phone (levels named in `lang`).
pub async fn list(
    state: &AppState,
    staff: &Staff,
    lang: Lang,
) -> Result<Vec<RegionContactView>, ServiceError> {
    staff.require_admin()?;
    let pool = &state.db.pool;
    let phones = contacts::all(pool).await?;
    Ok(regions::all(pool)
        .await?
        .into_iter()
        .filter(|r| matches!(r.level, RegionLevel::Township | RegionLevel::Village))
        .filter(|r| RegionCode::parse(&r.code).is_ok_and(|c| staff.scope.contains(&c)))
        .map(|r| RegionContactView {
            phone: phones
                .iter()
                .find(|(code, _)| *code == r.code)
                .map(|(_, p)| p.clone())
                .unwrap_or_default(),
            level: tr::region_level::lookup(lang, r.level.code())
                .unwrap_or_default()
                .to_owned(),
            code: r.code,
            name: r.name,
        })
        .collect())
}

/// Sets (or, when blank, removes) a township's or village's phone in the admin's county.
#[tracing::instrument(skip_all, fields(admin = %staff.id))]
pub async fn set(
    state: &AppState,
    staff: &Staff,
    region: &str,
    phone: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    staff.require_admin()?;
    let code = RegionCode::parse(region).map_err(|_| ServiceError::NotFound)?;
    let known = regions::find(&state.db.pool, code.as_str()).await?;
    let in_scope = known
        .is_some_and(|r| matches!(r.level, RegionLevel::Township | RegionLevel::Village))
        && staff.scope.contains(&code);
    if !in_scope {
        return Err(ServiceError::NotFound);
    }
    let phone = parse_contact_phone(phone)
        .map_err(|e| ServiceError::Validation(vec![FieldError::new("phone", &e)]))?;
    contacts::set(
        &state.db.pool,
        code.as_str(),
        phone.as_deref().unwrap_or(""),
        &staff.id,
        millis(now),
    )
    .await?;
    tracing::info!(target: "audit", user = %staff.id, region = code.as_str(), "region phone set");
    // A public office's number, not a person's: kept whole, so a redirected number is seen.
    let place = super::regions::name_of(state, code.as_str()).await?;
    let cleared = crate::tr::admin_changes::cleared(crate::domain::lang::Lang::Zh);
    let detail = format!("{place} {}", phone.as_deref().unwrap_or(cleared));
    let action = crate::domain::audit::AuditAction::ContactPhoneSet;
    super::admin::changed(state, staff, address, now, action, detail).await
}
