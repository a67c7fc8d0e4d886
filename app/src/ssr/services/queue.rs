//! The one queue: every case in the officer's scope with an open clock, soonest due first,
//! marked with the step this officer can take now. Scope is in the query, never the UI.
use chrono::{DateTime, Utc};

use crate::{
    domain::{
        case::{labels, work, Case},
        clock::{time_left_zh, urgency, Urgency},
        id_number::IdNumber,
        mobile::MobileNumber,
        region::RegionLevel,
        time::{beijing_date, date_zh, to_beijing},
        tracking::TrackingNumber,
        vocab::{Category, Channel, RiskTier, RiskType},
    },
    ssr::{
        error::ServiceError,
        repo::{
            cases,
            cases::{OpenFilter, RegionColumn},
            regions,
            regions::RegionRow,
        },
        services::auth::Staff,
        state::AppState,
    },
    wire::{
        error::FieldError,
        queue::{QueueCounts, QueueFilter, QueueItem, QueueView},
    },
};

/// Items on one page of the queue.
const PAGE_SIZE: usize = 50;
/// Rows read per query while filling a page. The tab counts are computed over the first
/// BATCH rows of the filtered set (not the whole region): cheap, and exact for any officer
/// with fewer open cases than that.
const BATCH: i64 = 500;

/// A search term normalised the way it is stored (tracking and mobile formats vary).
fn normalise_search(q: &str) -> Option<String> {
    let q = q.trim();
    if q.is_empty() {
        return None;
    }
    if let Ok(t) = TrackingNumber::parse(q) {
        return Some(t.as_str().to_owned());
    }
    if let Ok(m) = MobileNumber::parse(q) {
        return Some(m.as_str().to_owned());
    }
    if let Ok(id) = IdNumber::parse(q) {
        return Some(id.as_str().to_owned());
    }
    Some(q.to_owned())
}

fn invalid(field: &str, zh: &str, en: &str) -> ServiceError {
    ServiceError::Validation(vec![FieldError {
        field: field.to_owned(),
        key: format!("queue.invalid_{field}"),
        zh: zh.to_owned(),
        en: en.to_owned(),
    }])
}

/// Unknown vocabulary codes are refused rather than silently ignored.
fn check_codes(filter: &QueueFilter) -> Result<(), ServiceError> {
    let known = |v: &Option<String>, ok: fn(&str) -> bool| v.as_deref().is_none_or(ok);
    if !known(&filter.risk, |c| RiskType::from_code(c).is_some()) {
        return Err(invalid("risk", "风险类型无效", "Unknown risk type"));
    }
    if !known(&filter.channel, |c| Channel::from_code(c).is_some()) {
        return Err(invalid("channel", "发现渠道无效", "Unknown channel"));
    }
    if !known(&filter.category, |c| Category::from_code(c).is_some()) {
        return Err(invalid("category", "监测类别无效", "Unknown category"));
    }
    if !known(&filter.tier, |c| RiskTier::from_code(c).is_some()) {
        return Err(invalid("tier", "风险等级无效", "Unknown risk tier"));
    }
    Ok(())
}

fn in_tab(item: &QueueItem, tab: &str) -> bool {
    match tab {
        "due_soon" => item.urgency == "due_soon",
        "overdue" => item.urgency == "overdue",
        "all" => true,
        _ => item.next_step_zh.is_some(),
    }
}

/// One batch read from the database: the matching items with their cursor keys, and
/// whether the batch was full (more rows may follow) with the key of its last row.
struct Batch {
    items: Vec<(String, QueueItem)>,
    last_key: Option<(String, String)>,
    full: bool,
}

struct Reader<'a> {
    state: &'a AppState,
    staff: &'a Staff,
    column: RegionColumn,
    filter: &'a QueueFilter,
    sql: OpenFilter<'a>,
    names: Vec<RegionRow>,
    now: DateTime<Utc>,
}

impl Reader<'_> {
    async fn read(&self, after: Option<(&str, &str)>) -> Result<Batch, ServiceError> {
        let sql = OpenFilter {
            after,
            ..self.sql.clone()
        };
        let rows = cases::open_by_due(
            &self.state.db.pool,
            self.column,
            self.staff.scope.as_str(),
            &sql,
            BATCH,
        )
        .await?;
        let full = rows.len() as i64 == BATCH;
        let last_key = rows
            .last()
            .map(|(row, _, due)| (due.clone(), row.id.clone()));
        let items = rows
            .into_iter()
            .filter_map(|(row, snapshot, due)| {
                let key = format!("{due}|{}", row.id);
                self.item(row, snapshot.as_deref()).map(|item| (key, item))
            })
            .collect();
        Ok(Batch {
            items,
            last_key,
            full,
        })
    }

    fn name_of(&self, code: &str) -> String {
        self.names
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.name.clone())
            .unwrap_or_default()
    }

    /// The queue item for a row, if the case matches the filters checked in Rust
    /// (category and tier live in the snapshot) and has an open clock.
    fn item(&self, row: cases::CaseRow, snapshot: Option<&str>) -> Option<QueueItem> {
        let Some(case) = snapshot.and_then(|s| serde_json::from_str::<Case>(s).ok()) else {
            tracing::error!(case_id = %row.id, "case without a readable snapshot");
            return None;
        };
        if let Some(code) = self.filter.category.as_deref() {
            if case.category.map(|c| c.code()) != Some(code) {
                return None;
            }
        }
        if let Some(code) = self.filter.tier.as_deref() {
            if case.tier.map(|t| t.code()) != Some(code) {
                return None;
            }
        }
        let clock = case.next_deadline()?;
        let state = self.state;
        let now = self.now;
        let today = beijing_date(now);
        let cal = &state.calendar;
        let level = urgency(clock, today, cal, state.policy.due_soon_working_days);
        let next_step_zh = case
            .available_commands(&self.staff.actor(), &state.policy, to_beijing(now))
            .into_iter()
            .find(|k| work::is_work_item_for(&case, *k))
            .map(|k| k.label_zh().to_owned());
        Some(QueueItem {
            case_id: row.id.clone(),
            tracking: row.tracking_number.clone(),
            applicant: row.applicant_name.clone(),
            id_masked: IdNumber::parse(&row.applicant_id_number)
                .map(|id| id.masked())
                .unwrap_or_default(),
            village: self.name_of(&row.village_code),
            township: self.name_of(&row.township_code),
            risk_types_zh: crate::domain::wording::risks::risk_labels(&row.risk_types),
            channel_zh: Channel::from_code(&row.channel)
                .map(|c| c.label_zh().to_owned())
                .unwrap_or_default(),
            category_zh: case.category.map(|c| c.label_zh().to_owned()),
            state_zh: labels::state_zh(&case.state).to_owned(),
            next_step_zh,
            clock_zh: clock.kind.label_zh().to_owned(),
            due_on: date_zh(clock.due_on),
            time_left_zh: time_left_zh(clock, today, cal),
            urgency: match level {
                Urgency::Overdue => "overdue",
                Urgency::DueSoon => "due_soon",
                Urgency::OnTime | Urgency::Met | Urgency::MetLate | Urgency::Cancelled => "on_time",
            }
            .to_owned(),
            submitted_on: date_zh(case.discovered_on),
            warnings_zh: case.warnings_zh().into_iter().map(str::to_owned).collect(),
        })
    }
}

#[tracing::instrument(skip_all, fields(user = %staff.id, tab))]
pub async fn list_for(
    state: &AppState,
    staff: &Staff,
    tab: &str,
    q: Option<&str>,
    filter: &QueueFilter,
    after: Option<&str>,
    now: DateTime<Utc>,
) -> Result<QueueView, ServiceError> {
    check_codes(filter)?;
    let after = after
        .map(|c| {
            c.split_once('|')
                .filter(|(due, id)| !due.is_empty() && !id.is_empty())
                .ok_or_else(|| invalid("after", "翻页参数无效", "Invalid page cursor"))
        })
        .transpose()?;
    let column = match staff.scope.level() {
        RegionLevel::County => RegionColumn::County,
        RegionLevel::Township => RegionColumn::Township,
        RegionLevel::Village => RegionColumn::Village,
    };
    let search = q.and_then(normalise_search);
    let reader = Reader {
        state,
        staff,
        column,
        filter,
        sql: OpenFilter {
            search: search.as_deref(),
            village_code: filter.village.as_deref(),
            township_code: filter.township.as_deref(),
            state: filter.state.as_deref(),
            channel: filter.channel.as_deref(),
            risk: filter.risk.as_deref(),
            after: None,
        },
        names: regions::all(&state.db.pool).await?,
        now,
    };

    // Counts: over the first BATCH rows of the filtered set, whatever the page.
    let first = reader.read(None).await?;
    let all: Vec<&QueueItem> = first.items.iter().map(|(_, i)| i).collect();
    let counts = QueueCounts {
        todo: all.iter().filter(|i| in_tab(i, "todo")).count(),
        due_soon: all.iter().filter(|i| in_tab(i, "due_soon")).count(),
        overdue: all.iter().filter(|i| in_tab(i, "overdue")).count(),
        all: all.len(),
    };

    // The page: rows after the cursor, read in batches until PAGE_SIZE items of the tab
    // are found and one more shows that a next page exists.
    let mut batch = match after {
        None => first,
        Some(key) => reader.read(Some(key)).await?,
    };
    let mut page: Vec<(String, QueueItem)> = Vec::with_capacity(PAGE_SIZE);
    let mut next = None;
    'pages: loop {
        for (key, item) in batch.items {
            if !in_tab(&item, tab) {
                continue;
            }
            if page.len() == PAGE_SIZE {
                next = page.last().map(|(k, _)| k.clone());
                break 'pages;
            }
            page.push((key, item));
        }
        let Some((due, id)) = batch.last_key.filter(|_| batch.full) else {
            break;
        };
        batch = reader.read(Some((&due, &id))).await?;
    }
    Ok(QueueView {
        items: page.into_iter().map(|(_, item)| item).collect(),
        counts,
        next,
        calendar_note: calendar_note(&state.calendar, beijing_date(now)),
    })
}

/// Deadlines up to about two months ahead are counted with the holiday schedule; when a year in
/// that range has none, staff are told that Monday to Friday is assumed.
fn calendar_note(
    cal: &crate::domain::calendar::Calendar,
    today: chrono::NaiveDate,
) -> Option<String> {
    use chrono::Datelike;
    let ahead = today + chrono::Duration::days(60);
    let missing: Vec<i32> = [today.year(), ahead.year()]
        .into_iter()
        .filter(|y| !cal.is_known_year(*y))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    missing.first().map(|year| {
        format!("{year}年的节假日安排尚未录入，期限暂按周一至周五计算。请县级管理员在“政策与节假日”中补充。")
    })
}

#[cfg(test)]
mod tests {
    use super::calendar_note;
    use crate::domain::calendar::Calendar;
    use chrono::NaiveDate;

    #[test]
    fn staff_are_told_when_next_years_holidays_are_missing() {
        let cal = Calendar::china();
        let autumn = NaiveDate::from_ymd_opt(2026, 9, 1).expect("date");
        assert_eq!(calendar_note(&cal, autumn), None);
        let december = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let note = calendar_note(&cal, december).expect("2027 is not in the data");
        assert!(note.starts_with("2027年"), "{note}");
    }
}
