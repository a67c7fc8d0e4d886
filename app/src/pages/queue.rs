//! The officer's morning screen: what is due, what is late, what to do next.
use leptos::prelude::*;

use crate::components::notice::{first_failure, LoadError};
use leptos_router::hooks::use_query_map;

use crate::{
    api::{
        auth::{current_staff, Logout},
        queue::my_queue,
    },
    domain::{
        case::state::STATE_CODES,
        lang::Lang,
        queue_query::{queue_address, QueueFilter},
        role::Role,
        vocab::{Category, Channel, RiskTier, RiskType},
        wording::by_lang,
    },
    i18n::use_lang,
    tr,
    wire::{
        queue::{ClosedItem, QueueCounts, QueueItem},
        regions::TownshipOption,
        AppError,
    },
};

/// A text of the translation files.
type Text = fn(Lang) -> &'static str;

const TABS: &[(&str, Text)] = &[
    ("todo", tr::queue::tab::todo),
    ("due_soon", tr::queue::tab::due_soon),
    ("overdue", tr::queue::tab::overdue),
    ("all", tr::queue::tab::all),
];

fn count_of(counts: &QueueCounts, tab: &str) -> usize {
    match tab {
        "due_soon" => counts.due_soon,
        "overdue" => counts.overdue,
        "all" => counts.all,
        _ => counts.todo,
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Params {
    tab: String,
    q: String,
    /// A search sealed by `search_queue`.
    s: Option<String>,
    filter: QueueFilter,
    after: Option<String>,
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        Params {
            // An unknown tab is the default one, as the server reads it.
            tab: q
                .get("tab")
                .filter(|t| TABS.iter().any(|(code, _)| code == t))
                .unwrap_or_else(|| "todo".to_owned()),
            q: q.get("q").unwrap_or_default(),
            s: q.get("s").filter(|s| !s.is_empty()),
            filter: QueueFilter {
                village: q.get("village"),
                township: q.get("township"),
                state: q.get("state"),
                risk: q.get("risk"),
                channel: q.get("channel"),
                category: q.get("category"),
                tier: q.get("tier"),
            }
            .normalised(),
            after: q.get("after").filter(|a| !a.is_empty()),
        }
    };
    let staff = Resource::new(|| (), |_| current_staff());
    let queue = Resource::new(params, |p| {
        my_queue(
            Some(p.tab),
            (!p.q.is_empty()).then_some(p.q),
            p.filter,
            p.after,
            p.s,
        )
    });
    let logout = ServerAction::<Logout>::new();
    let t = use_lang();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr::common::loading(t)}</p> }>
            {move || Suspend::new(async move {
                let Params { tab, q, s, filter, after } = params();
                match (staff.await, queue.await) {
                    (Ok(Some(me)), Ok(view)) => {
                    // What the sealed search held, or what was typed; a sealed search this
                    // sign-in cannot open (another's, or from before signing in again) is said.
                    let lost = s.is_some() && view.search.is_none();
                    let q = view.search.clone().unwrap_or_default();
                    // Links carry the search sealed (`s=`), never as typed.
                    let sealed = view.sealed_search.clone();
                    let link = sealed.as_deref().map(|s| ("s", s));
                    view! {
                        <div class="staff-bar">
                            <span>
                                <span lang="zh-CN">{me.display_name}</span> " · "
                                {Role::from_code(&me.role).map_or(me.role_zh.clone(), |r| r.label(t).to_owned())}
                                " · " <span lang="zh-CN">{me.region_name}</span>
                            </span>
                            <ActionForm action=logout>
                                <button type="submit" class="button small">{tr::common::logout(t)}</button>
                            </ActionForm>
                        </div>
                        <h1>{tr::queue::title(t)}</h1>
                        {view.calendar_note.clone().map(|note| view! { <p class="banner warn" role="status">{note}</p> })}
                        <p class="links">
                            {me.files_for_others.then(|| view! { <a href="/staff/report">{tr::queue::file_for_others(t)}</a> " · " })}
                            {me.pushes_alerts.then(|| view! { <a href="/staff/alerts">{tr::queue::alerts(t)}</a> " · " })}
                            {me.keeps_ledger.then(|| view! {
                                <a href="/staff/ledger.xlsx" download rel="external">{tr::queue::ledger_xlsx(t)}</a> " · "
                                <a href="/staff/ledger.csv" download rel="external">{tr::queue::ledger_csv(t)}</a> " · "
                            })}
                            <a href="/staff/dashboard">{tr::queue::dashboard(t)}</a>
                            " · "
                            <a href="/staff/inbox">{tr::queue::inbox(t)}{unread_mark(view.unread, t)}</a>
                            {me.is_admin.then(|| view! { " · " <a href="/staff/admin">{tr::queue::admin(t)}</a> })}
                        </p>
                        <nav class="tabs" aria-label=tr::queue::tabs_label(t)>
                            {TABS
                                .iter()
                                .map(|(code, label)| {
                                    let n = count_of(&view.counts, code);
                                    let current = *code == tab;
                                    view! {
                                        <a href=queue_address(code, link, &filter, None)
                                            class=if current { "tab current" } else { "tab" }
                                            aria-current=current.then_some("page")>
                                            {format!("{} {n}", label(t))}
                                        </a>
                                    }
                                })
                                .collect_view()}
                        </nav>
                        // Above the search box, which takes the focus (it was said below the
                        // first screen at 360 px: officer tester).
                        {lost.then(|| view! { <p class="banner warn" role="status" data-testid="search-lost">{tr::queue::search_lost(t)}</p> })}
                        <QueueFilterForm tab=tab.clone() q=q.clone() filter=filter.clone() townships=view.regions focus=lost />
                        // Names are kept sealed and found by the whole name only: 王 or 老汉
                        // found nothing, with no word why (household tester).
                        // Found under 全部 though not under this tab: said, with the way there
                        // (officer tester: a whole name searched from 待办 was told to type
                        // the whole name).
                        {(!q.is_empty() && view.items.is_empty() && view.closed.is_empty()).then(|| {
                            let elsewhere = (tab != "all" && view.counts.all > 0).then_some(view.counts.all);
                            // A filter may be what found nothing: the name was blamed
                            // (officer tester).
                            let filtered = !filter.pairs().is_empty();
                            match elsewhere {
                                None if filtered => view! {
                                    <p class="hint" data-testid="without-filters">
                                        <a href=queue_address("all", link, &QueueFilter::default(), None)>{tr::queue::without_filters(t)}</a>
                                    </p>
                                }.into_any(),
                                Some(n) => view! {
                                    <p class="hint" data-testid="found-in-all">
                                        <a href=queue_address("all", link, &filter, None)>{tr::queue::found_in_all(t, n)}</a>
                                    </p>
                                }.into_any(),
                                // A number typed in full was told to type the whole name
                                // (officer tester).
                                None if q.chars().any(|c| c.is_ascii_digit()) => view! {
                                    <p class="hint" data-testid="number-not-found">{tr::queue::number_not_found(t)}</p>
                                }.into_any(),
                                None => view! {
                                    <p class="hint" data-testid="search-whole-name">{tr::queue::search_whole_name(t)}</p>
                                }.into_any(),
                            }
                        })}
                        <QueueList items=view.items />
                        <ClosedList items=view.closed />
                        // Paged lists say how long they are (only 下一页 and 回到第一页 gave no
                        // idea: officer tester).
                        {(after.is_some() || view.next.is_some()).then(|| view! {
                            <p class="muted" data-testid="list-length">{tr::queue::list_length(t, count_of(&view.counts, &tab))}</p>
                        })}
                        {after.is_some().then(|| view! {
                            <a href=queue_address(&tab, link, &filter, None) class="queue-first">{tr::queue::first_page(t)}</a>
                        })}
                        {view.next.map(|next| view! {
                            <p class="queue-more">
                                <a href=queue_address(&tab, link, &filter, Some(&next)) class="button small"
                                    rel="next">{tr::queue::next_page(t)}</a>
                            </p>
                        })}
                    }
                    .into_any()
                    }
                    (Ok(None), _) => view! { <LoadError error=AppError::Unauthorized /> }.into_any(),
                    // A filter or page link that was edited by hand: say which, and the way back.
                    (Ok(Some(_)), Err(error @ AppError::Validation(_))) => view! {
                        <h1>{tr::queue::title(t)}</h1>
                        <p class="banner error" role="alert">{first_failure(t, [Some(error)])}</p>
                        // The search back as it came: the hand-edited address already holds it.
                        <p><a href=queue_address(&tab, s.as_deref().map(|s| ("s", s)).or((!q.is_empty()).then_some(("q", q.as_str()))), &QueueFilter::default(), None) class="button">
                            {tr::queue::clear_filters(t)}
                        </a></p>
                    }
                    .into_any(),
                    (Err(error), _) | (_, Err(error)) => {
                        crate::components::page_status::main_content_failed(&error);
                        view! { <LoadError error /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// One `<option>`, selected when it is the current value.
fn option(code: &str, label: &str, current: &Option<String>) -> impl IntoView {
    let selected = current.as_deref() == Some(code);
    view! { <option value=code.to_owned() selected=selected>{label.to_owned()}</option> }
}

/// Search and filters as one form: works without JavaScript, wraps on a phone. It posts, and
/// the queue's address carries the search sealed (`api::queue::search_queue`).
#[component]
fn QueueFilterForm(
    tab: String,
    q: String,
    filter: QueueFilter,
    townships: Vec<TownshipOption>,
    /// The search box takes the focus (a search to type again).
    focus: bool,
) -> impl IntoView {
    let t = use_lang();
    let vocab_select = |name: &'static str,
                        label: &'static str,
                        any: &'static str,
                        options: Vec<(&'static str, &'static str)>,
                        current: &Option<String>| {
        view! {
            <label class="queue-filter">
                <span>{label}</span>
                <select name=format!("filter[{name}]")>
                    <option value="">{any}</option>
                    {options
                        .into_iter()
                        .map(|(code, zh)| option(code, zh, current))
                        .collect_view()}
                </select>
            </label>
        }
    };
    // Six selects before the first case on a phone: folded away until opened, and open
    // while any is chosen, so a filter in force is seen.
    let chosen = [
        &filter.township,
        &filter.village,
        &filter.state,
        &filter.risk,
        &filter.channel,
        &filter.category,
        &filter.tier,
    ]
    .into_iter()
    .filter(|f| f.as_deref().is_some_and(|v| !v.is_empty()))
    .count();
    let open = chosen > 0;
    let summary = match chosen {
        0 => tr::queue::more_filters(t).to_owned(),
        n => tr::queue::filters_chosen(t, n),
    };
    let clear = queue_address(&tab, None, &QueueFilter::default(), None);
    view! {
        <form method="post" action="/api/queue/search" class="search queue-filters">
            <input type="hidden" name="tab" value=tab />
            // Not refilled by the browser on Back: it showed the later search over the earlier
            // one's list (officer tester).
            <input type="search" name="q" value=q aria-label=tr::queue::search_label(t)
                autocomplete="off" autofocus=focus
                placeholder=tr::queue::search_placeholder(t) />
            <details class="queue-more" open=open>
            <summary>{summary}</summary>
            // The way out of the filters in force, without unpicking each (officer tester).
            {open.then(|| view! {
                <p><a href=clear data-testid="clear-filters">{tr::queue::clear_all_filters(t)}</a></p>
            })}
            <div class="queue-selects">
            // A county reader narrows to a township too, and sees it chosen: a dashboard
            // link's township filtered the list with nothing on the page saying so (officer
            // tester).
            {(townships.len() > 1).then(|| view! {
                <label class="queue-filter">
                    <span>{tr::queue::township(t)}</span>
                    <select name="filter[township]">
                        <option value="">{tr::queue::all_townships(t)}</option>
                        // Place names are Chinese on every page, marked so.
                        {townships
                            .iter()
                            .map(|t| {
                                let selected = filter.township.as_deref() == Some(t.code.as_str());
                                view! { <option value=t.code.clone() selected=selected lang="zh-CN">{t.name.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
            })}
            <label class="queue-filter">
                <span>{tr::queue::village(t)}</span>
                <select name="filter[village]">
                    <option value="">{tr::queue::all_villages(t)}</option>
                    // Only the chosen township's villages: another's found nothing, with no word
                    // why (quick tester).
                    {townships
                        .into_iter()
                        .filter(|t| filter.township.as_deref().is_none_or(|code| code == t.code))
                        .map(|t| {
                            let current = filter.village.clone();
                            view! {
                                <optgroup label=t.name lang="zh-CN">
                                    {t.villages
                                        .into_iter()
                                        .map(|v| option(&v.code, &v.name, &current))
                                        .collect_view()}
                                </optgroup>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            {vocab_select(
                "state",
                tr::queue::step(t),
                tr::queue::all_steps(t),
                // Every state can hold open work (a refusal still to be told, an eliminated
                // household's re-check), in procedure order.
                STATE_CODES.iter().map(|c| (*c, by_lang::state(c, t))).collect(),
                &filter.state,
            )}
            {vocab_select(
                "risk",
                tr::queue::risk(t),
                tr::queue::all_risks(t),
                RiskType::ALL.iter().map(|r| (r.code(), r.label(t))).collect(),
                &filter.risk,
            )}
            {vocab_select(
                "channel",
                tr::queue::channel(t),
                tr::queue::all_channels(t),
                Channel::ALL.iter().map(|c| (c.code(), c.label(t))).collect(),
                &filter.channel,
            )}
            {vocab_select(
                "category",
                tr::queue::category(t),
                tr::queue::all_categories(t),
                Category::ALL.iter().map(|c| (c.code(), c.label(t))).collect(),
                &filter.category,
            )}
            {vocab_select(
                "tier",
                tr::queue::tier(t),
                tr::queue::all_tiers(t),
                RiskTier::ALL.iter().map(|r| (r.code(), r.label(t))).collect(),
                &filter.tier,
            )}
            </div>
            </details>
            <button type="submit" class="button small">{tr::queue::filter(t)}</button>
        </form>
    }
}

#[component]
fn QueueList(items: Vec<QueueItem>) -> impl IntoView {
    let t = use_lang();
    if items.is_empty() {
        return view! { <p class="empty">{tr::queue::empty(t)}</p> }.into_any();
    }
    view! {
        <ul class="queue" aria-label=tr::queue::list_label(t)>
            {items
                .into_iter()
                .map(|item| {
                    let class = format!("queue-item {}", item.urgency.code().replace('_', "-"));
                    view! {
                        <li class=class data-urgency=item.urgency.code()>
                            <a href=format!("/staff/cases/{}", item.case_id) class="queue-link">
                                <div class="queue-head">
                                    <strong lang="zh-CN">{item.applicant}</strong>
                                    {item.warnings.into_iter().map(|w| view! {
                                        <span class="tag warn">{w}</span>
                                    }).collect_view()}
                                    <span class="due">{item.time_left}</span>
                                </div>
                                <div>
                                    // The step to take and where the case stands (in brackets
                                    // after 县级审定（风险消除） they read doubled: tester), then
                                    // the case's nearest deadline, which need not be the named
                                    // step's: it says whose it is when not the reader's level.
                                    {item.next_step.map(|step| view! { <strong>{step}</strong> " · " })}
                                    {item.state}
                                    <span class="muted">" · " {item.deadline_label} <span class="nowrap">{item.clock}</span> " " <span class="nowrap">{item.due_on}</span>
                                        {item.case_nearest.map(|n| view! { " · " {tr::queue::case_nearest(t)} <span class="nowrap">{n}</span> })}
                                    </span>
                                </div>
                                <div class="muted">
                                    <span lang="zh-CN">{item.township} " " {item.village}</span> " · " {item.id_masked}
                                    // Two households of one name told apart, and the number a
                                    // caller reads out found at a glance (officer tester).
                                    " · " <span class="nowrap">{item.tracking}</span>
                                </div>
                                <div class="muted">
                                    {item.risk_types.join(tr::common::list_separator(t))} " · " {item.channel}
                                    {item.category.map(|c| format!(" · {c}"))}
                                </div>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Closed cases a search found: in no tab, but an appeal or a new filing needs the earlier case.
#[component]
fn ClosedList(items: Vec<ClosedItem>) -> impl IntoView {
    let t = use_lang();
    (!items.is_empty()).then(|| {
        view! {
            <section class="card closed-found" data-testid="closed-found">
                <h2>{tr::queue::closed_found(t)}</h2>
                <ul class="queue">
                    {items.into_iter().map(|item| view! {
                        <li class="queue-item">
                            <a href=format!("/staff/cases/{}", item.case_id) class="queue-link">
                                <div class="queue-head">
                                    <strong lang="zh-CN">{item.applicant}</strong>
                                    <span class="tag">{item.state}</span>
                                </div>
                                <div class="muted">
                                    <span lang="zh-CN">{item.township} " " {item.village}</span> " · " {item.id_masked}
                                    " · " {tr::queue::filed_on(t)} {item.submitted_on}
                                </div>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// "（3）" after 消息 when messages are unread; more than 99 read "（99+）".
fn unread_mark(unread: i64, t: Lang) -> String {
    match unread {
        n if n <= 0 => String::new(),
        n if n > 99 => tr::queue::unread(t, "99+".to_owned()),
        n => tr::queue::unread(t, n.to_string()),
    }
}
