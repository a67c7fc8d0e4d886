use serde_json::Value;

use crate::helpers::{fields, policy_fields, spawn_app, QINGSHI_VILLAGE};

async fn acceptance_due(app: &crate::helpers::TestApp) -> String {
    let officer = app.login("zhen-qingshi").await;
    let view: Value = officer.queue_tab("all").await.json().await.expect("json");
    let items = view["items"].as_array().expect("items");
    items.last().expect("an item")["due_on"]
        .as_str()
        .expect("due")
        .to_owned()
}

#[tokio::test]
async fn a_holiday_added_by_the_admin_moves_working_day_deadlines() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    // Filed Monday 2026-11-23: two working days → Wednesday.
    assert_eq!(acceptance_due(&app).await, "2026年11月25日");

    let admin = app.login("xian-admin").await;
    let response = admin
        .post_api(
            "/api/settings/day",
            &fields(&[
                ("day", "2026-11-24"),
                ("kind", "holiday"),
                ("name", "演示假日"),
            ]),
        )
        .await;
    assert_eq!(response.status(), 200);
    app.submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    // Tuesday is now a holiday: Wednesday and Thursday are the two working days.
    assert_eq!(acceptance_due(&app).await, "2026年11月26日");
}

#[tokio::test]
async fn a_county_policy_applies_from_its_effective_date() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let policy = |from: &'static str| {
        let mut form = policy_fields(from, &[]);
        form.retain(|(k, _)| k != "policy[township_acceptance_days]");
        form.push(("policy[township_acceptance_days]".into(), "4".into()));
        form
    };
    // Not yet in force: deadlines stay as before.
    assert_eq!(
        admin
            .post_api("/api/settings/policy", &policy("2026-12-01"))
            .await
            .status(),
        200
    );
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    assert_eq!(acceptance_due(&app).await, "2026年11月25日");
    // In force from today: four working days to accept.
    assert_eq!(
        admin
            .post_api("/api/settings/policy", &policy("2026-11-23"))
            .await
            .status(),
        200
    );
    app.submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    assert_eq!(acceptance_due(&app).await, "2026年11月27日");

    let officer = app.login("zhen-qingshi").await;
    let refused = officer
        .post_api("/api/settings/policy", &policy("2026-11-23"))
        .await;
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn the_admin_sets_the_visit_cadence_new_monitoring_follows_and_blank_fields_keep_theirs() {
    use app::domain::{
        case::{CaseCommand, IdentificationDecision},
        clock::ClockKind,
        vocab::{Category, RiskTier},
    };

    use crate::{
        fixtures::county_officer,
        storage::{compare_clean, file_case, home_check_to_township, run, today},
    };

    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let form = policy_fields(
        "2026-11-23",
        &[("visit_red_days", "10"), ("recheck_months", "")],
    );
    assert_eq!(
        admin.post_api("/api/settings/policy", &form).await.status(),
        200
    );
    let shown: Value = admin
        .post_api("/api/settings/current", &[])
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(shown["policy"]["visit_red_days"], "10");
    assert_eq!(
        shown["policy"]["recheck_months"], "3",
        "blank kept the default"
    );
    let bad = policy_fields("2026-11-23", &[("visit_yellow_months", "0")]);
    let refused = admin.post_api("/api/settings/policy", &bad).await;
    assert_eq!(refused.status(), 422);

    let id = file_case(&app).await;
    run(
        &app,
        &crate::fixtures::township_officer(),
        &id,
        CaseCommand::ACCEPT,
    )
    .await;
    home_check_to_township(&app, &id, 300_000).await;
    compare_clean(&app, &id).await;
    let identify = CaseCommand::CountyDecide {
        decision: IdentificationDecision::Identify {
            category: Category::Marginal,
            tier: RiskTier::Red,
            note: String::new(),
        },
    };
    run(&app, &county_officer(), &id, identify).await;
    let case = app::ssr::services::cases::load_unscoped(&app.state, &id)
        .await
        .expect("case");
    let visit = case
        .open_clock(ClockKind::MonitoringVisit)
        .expect("visit clock");
    assert_eq!(visit.due_on, today(&app) + chrono::Duration::days(10));
}

/// A refused policy names each field by its label and says why; fewer than five days of
/// notice or a date gone by is refused, not quietly changed; a saved one says so (officer
/// tester: "请填写合理的天数" alone, 4 saved as 5, a 2025 date taken, no "saved").
#[tokio::test]
async fn the_policy_form_names_what_it_refuses_and_says_when_it_saved() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let refusal = |answer: Value| answer["Validation"].to_string();
    let four = policy_fields("2026-11-30", &[("notice_min_days", "4")]);
    let refused = admin.post_api("/api/settings/policy", &four).await;
    assert_eq!(refused.status(), 422);
    let said = refusal(refused.json().await.expect("json"));
    assert!(said.contains("公示不能少于5天"), "{said}");
    let past = policy_fields("2025-01-01", &[]);
    let refused = admin.post_api("/api/settings/policy", &past).await;
    assert_eq!(refused.status(), 422);
    let said = refusal(refused.json().await.expect("json"));
    assert!(said.contains("不能早于今天"), "{said}");

    // Without JavaScript: the page names the field and keeps what was typed (one slip lost
    // every change: admin tester), then says a good one was saved. The form posts to the
    // page itself, so the address stays.
    let bad = policy_fields(
        "2026-11-30",
        &[("home_check_days", "abc"), ("income_line", "9100")],
    );
    let answer = admin
        .post_plain_form("/staff/settings", "/staff/settings", &bad)
        .await;
    assert!(answer.status().is_success(), "{}", answer.status());
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let page = answer.text().await.expect("page");
    assert!(
        page.contains("入户核查时限（工作日）：请填写数字"),
        "{page}"
    );
    let tag = |attribute: &str| crate::helpers::tag_with(&page, attribute).to_owned();
    assert!(tag(r#"id="income_line""#).contains(r#"value="9100""#));
    assert!(tag(r#"id="home_check_days""#).contains(r#"value="abc""#));
    // …and the refused field is marked where it is, not only in the banner (officer tester).
    assert!(tag(r#"id="home_check_days""#).contains(r#"aria-invalid="true""#));
    let says = page
        .find(r#"id="home_check_days-says""#)
        .map(|at| &page[at..at + 120]);
    assert!(says.is_some_and(|s| s.contains("请填写数字")), "{says:?}");
    assert!(!tag(r#"id="income_line""#).contains("aria-invalid"));
    assert!(page.contains(r#"formaction="/staff/settings""#));
    let kept: Value = admin
        .post_api("/api/settings/current", &[])
        .await
        .json()
        .await
        .expect("json");
    assert_ne!(
        kept["policy"]["income_line"], "9100",
        "nothing saved: {kept}"
    );
    let good = policy_fields("2026-11-30", &[("income_line", "7400")]);
    let answer = admin
        .post_plain_form("/staff/settings", "/staff/settings", &good)
        .await;
    let back = path_of(answer.headers()["location"].to_str().expect("location"));
    assert_eq!(crate::admin::unsigned(back), "/staff/settings?done=saved");
    assert!(admin.get_html(back).await.contains("政策已保存"));
    // Signed for this sign-in: made up, or opened by another, it says nothing (attacker
    // tester: a link told the admin a policy was saved).
    assert!(!admin
        .get_html("/staff/settings?done=saved")
        .await
        .contains("政策已保存"));
    let other = app.login("xian-admin").await;
    assert!(!other.get_html(back).await.contains("政策已保存"));
    // A day added or removed says so too (it came back with no word: officer tester).
    let day = fields(&[
        ("day", "2026-12-24"),
        ("kind", "holiday"),
        ("name", "演示假日"),
    ]);
    let answer = admin
        .post_plain_form("/api/settings/day", "/staff/settings", &day)
        .await;
    let back = path_of(answer.headers()["location"].to_str().expect("location"));
    assert!(admin.get_html(back).await.contains("日期已保存"), "{back}");
    let gone = fields(&[("day", "2026-12-24")]);
    let answer = admin
        .post_plain_form("/api/settings/day_remove", "/staff/settings", &gone)
        .await;
    let back = path_of(answer.headers()["location"].to_str().expect("location"));
    assert!(admin.get_html(back).await.contains("日期已删除"), "{back}");
}

/// The path and query of a redirect's location (the refused one names the whole address).
fn path_of(location: &str) -> &str {
    match location.split_once("://") {
        Some((_, rest)) => &rest[rest.find('/').unwrap_or(rest.len())..],
        None => location,
    }
}

/// A year is entered whole only when the administrator marks it so, with a day off for each
/// festival listed: one 调休上班 day (officer tester), then one 元旦 (admin tester) marked 2027
/// whole and silenced the banner, and its Spring Festival counted as working days.
#[tokio::test]
async fn a_year_is_entered_whole_when_marked_with_its_festivals_not_by_one_day() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let day = |day: &'static str, kind: &'static str| {
        fields(&[("day", day), ("kind", kind), ("name", "")])
    };
    let mark = |complete: &'static str| fields(&[("year", "2027"), ("complete", complete)]);
    let banner = "2027年的节假日安排尚未录入";
    let queue = || async { app.login("zhen-qingshi").await.get_html("/staff").await };
    assert!(queue().await.contains(banner));
    // 2027-01-09 is a Saturday.
    for (date, kind) in [("2027-01-09", "workday"), ("2027-01-01", "holiday")] {
        let saved = admin.post_api("/api/settings/day", &day(date, kind)).await;
        assert_eq!(saved.status(), 200);
        assert!(queue().await.contains(banner), "{date} alone");
    }
    let page = admin.get_html("/staff/settings").await;
    assert!(
        page.contains("2027年已录入1天放假，还没有标记为已全部录入"),
        "{page}"
    );
    // Removing a day or a year's mark recounts deadlines: each takes a second tap that
    // says so (they acted on one tap: officer tester).
    for second in [
        r#"<details class="withdraw"><summary>删除</summary>"#,
        r#"<details class="withdraw"><summary>撤销2026年的标记</summary>"#,
    ] {
        assert!(page.contains(second), "{second}");
    }
    assert!(page.contains("确认删除") && page.contains("确认撤销"));
    let refused = admin.post_api("/api/settings/year", &mark("on")).await;
    assert_eq!(refused.status(), 422);
    let said = refused.text().await.expect("body");
    assert!(
        said.contains("春节") && said.contains("至少录入一天"),
        "{said}"
    );
    assert!(queue().await.contains(banner), "refused, nothing marked");

    let festivals = [
        "2027-02-06",
        "2027-04-05",
        "2027-05-01",
        "2027-06-09",
        "2027-09-15",
        "2027-10-01",
    ];
    for date in festivals {
        let saved = admin
            .post_api("/api/settings/day", &day(date, "holiday"))
            .await;
        assert_eq!(saved.status(), 200);
    }
    assert!(queue().await.contains(banner), "listed, not yet marked");
    let marked = admin.post_api("/api/settings/year", &mark("on")).await;
    assert_eq!(marked.status(), 200);
    assert!(!queue().await.contains(banner), "marked whole");
    let audit = admin.get_html("/staff/audit").await;
    assert!(audit.contains("2027年安排已全部录入"), "audited");

    // A festival removed: six left, no longer whole.
    let removed = admin
        .post_api(
            "/api/settings/day_remove",
            &fields(&[("day", "2027-10-01")]),
        )
        .await;
    assert_eq!(removed.status(), 200);
    assert!(
        queue().await.contains(banner),
        "fewer days off than festivals"
    );
    // Withdrawn by hand.
    admin
        .post_api("/api/settings/day", &day("2027-10-01", "holiday"))
        .await;
    assert_eq!(
        admin
            .post_api("/api/settings/year", &mark("on"))
            .await
            .status(),
        200
    );
    assert_eq!(
        admin
            .post_api("/api/settings/year", &mark(""))
            .await
            .status(),
        200
    );
    assert!(queue().await.contains(banner), "withdrawn");
}

/// A day a schedule cannot be for (1900, 2300) and a holiday name of 500 characters went in
/// (admin tester); invisible characters in a name are dropped.
#[tokio::test]
async fn a_calendar_day_outside_the_schedule_years_or_with_a_long_name_is_refused() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let long = "节".repeat(500);
    for (date, name) in [
        ("1900-01-01", "元旦"),
        ("2300-01-01", "元旦"),
        ("2027-01-01", long.as_str()),
    ] {
        let refused = admin
            .post_api(
                "/api/settings/day",
                &fields(&[("day", date), ("kind", "holiday"), ("name", name)]),
            )
            .await;
        assert_eq!(refused.status(), 422, "{date}");
    }
    let settings: Value = admin
        .post_api("/api/settings/current", &[])
        .await
        .json()
        .await
        .expect("json");
    let days = settings["days"].to_string();
    assert!(!days.contains("1900") && !days.contains("2300") && !days.contains("节节节"));
    let saved = admin
        .post_api(
            "/api/settings/day",
            &fields(&[
                ("day", "2027-01-01"),
                ("kind", "holiday"),
                ("name", "元\u{202E}旦"),
            ]),
        )
        .await;
    assert_eq!(saved.status(), 200);
    let page = admin.get_html("/staff/settings").await;
    assert!(
        page.contains(">元旦</span>"),
        "shown as typed, without the override"
    );
}

/// A version saved for a later date is listed and can be withdrawn before it takes effect,
/// audited; one in force cannot (scheduled versions were listed nowhere: admin tester).
#[tokio::test]
async fn a_scheduled_policy_is_listed_and_can_be_withdrawn_before_it_takes_effect() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let later = "2027-01-01";
    let saved = admin
        .post_api(
            "/api/settings/policy",
            &policy_fields(later, &[("income_line", "7600")]),
        )
        .await;
    assert!(saved.status().is_success() || saved.status().is_redirection());
    let page = admin.get_html("/staff/settings").await;
    assert!(
        page.contains(r#"data-testid="scheduled-policies""#),
        "listed"
    );
    assert!(page.contains("2027年1月1日起生效"), "with its day");
    // What it changes, from the version before it; withdrawing takes a second tap.
    let later_still = admin
        .post_api(
            "/api/settings/policy",
            &policy_fields("2027-02-01", &[("income_line", "7800")]),
        )
        .await;
    assert!(later_still.status().is_success() || later_still.status().is_redirection());
    let said = crate::helpers::words(&admin.get_html("/staff/settings").await);
    assert!(said.contains("2027年1月1日起生效："), "{said}");
    assert!(
        said.contains("7300.00→7600.00"),
        "the first from the rules in force: {said}"
    );
    assert!(
        said.contains("7600.00→7800.00"),
        "the next from the one before: {said}"
    );
    // A later version that changes one field keeps what the earlier ones set (the form
    // shows today's 7300; it set the 7800 from February back: officer tester).
    let march = admin
        .post_api(
            "/api/settings/policy",
            &policy_fields("2027-03-01", &[("visit_red_days", "10")]),
        )
        .await;
    assert!(march.status().is_success() || march.status().is_redirection());
    let said = crate::helpers::words(&admin.get_html("/staff/settings").await);
    let line = said
        .split("2027年3月1日起生效：")
        .nth(1)
        .and_then(|rest| rest.split("撤回").next())
        .unwrap_or_else(|| panic!("the March version listed: {said}"));
    assert!(line.contains("15→10"), "{line}");
    assert!(
        !line.contains("7300"),
        "the income line kept at 7800: {line}"
    );
    assert!(
        page.contains(r#"<details class="withdraw">"#) && page.contains("确认撤回"),
        "withdrawing is confirmed"
    );

    let today = crate::storage::today(&app).to_string();
    let in_force = admin
        .post_api(
            "/api/settings/policy_withdraw",
            &fields(&[("effective_from", today.as_str())]),
        )
        .await;
    assert_eq!(in_force.status(), 422, "only a version not yet in force");
    let withdrawn = admin
        .post_api(
            "/api/settings/policy_withdraw",
            &fields(&[("effective_from", later)]),
        )
        .await;
    assert!(withdrawn.status().is_success() || withdrawn.status().is_redirection());
    let rows: i64 = sqlx::query_scalar("select count(*) from policies where effective_from = $1")
        .bind(later)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(rows, 0);
    let said: Vec<String> =
        sqlx::query_scalar("select detail from audit_log where action = 'policy_changed'")
            .fetch_all(&app.state.db.pool)
            .await
            .expect("audit");
    assert!(
        said.iter().any(|d| d.contains("撤回2027-01-01起生效")),
        "{said:?}"
    );
    for day in ["2027-02-01", "2027-03-01"] {
        let withdrawn = admin
            .post_api(
                "/api/settings/policy_withdraw",
                &fields(&[("effective_from", day)]),
            )
            .await;
        assert!(withdrawn.status().is_success() || withdrawn.status().is_redirection());
    }
    let page = admin.get_html("/staff/settings").await;
    assert!(!page.contains(r#"data-testid="scheduled-policies""#));
    let officer = app.login("zhen-qingshi").await;
    let refused = officer
        .post_api(
            "/api/settings/policy_withdraw",
            &fields(&[("effective_from", later)]),
        )
        .await;
    assert_eq!(refused.status(), 403);
}

/// A version dated with a five-digit year ("+10000-01-01", which chrono reads) is refused;
/// one stored so before the fix is a far-off version, listed and withdrawable, never in
/// force: compared as text it sorted before every real date, took effect at once and could
/// not be withdrawn (attacker tester).
#[tokio::test]
async fn a_policy_dated_past_year_9999_is_refused_and_an_old_one_is_never_in_force() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let refused = admin
        .post_api(
            "/api/settings/policy",
            &policy_fields("+10000-01-01", &[("income_line", "7400")]),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let stored: i64 = sqlx::query_scalar("select count(*) from policies")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(stored, 0, "nothing written");

    let body = serde_json::to_string(&app::domain::case::Policy::national_default())
        .expect("json")
        .replace("\"income_line\":730000", "\"income_line\":740000");
    assert!(
        body.contains("740000"),
        "the old row changes the line: {body}"
    );
    sqlx::query(
        "insert into policies (jurisdiction_code, effective_from, body, created_by, created_at) \
         values ('522799000000', '+10000-01-01', $1, 'demo-xian-admin', 0)",
    )
    .bind(&body)
    .execute(&app.state.db.pool)
    .await
    .expect("an old row");
    use app::ssr::clock::Clock;
    app::ssr::services::settings::reload(&app.state, app.clock.now())
        .await
        .expect("reload");
    let current: Value = admin
        .post_api("/api/settings/current", &[])
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(current["policy"]["income_line"], "7300.00", "not in force");
    let page = admin.get_html("/staff/settings").await;
    assert!(
        page.contains(r#"value="+10000-01-01""#),
        "listed to withdraw"
    );
    let withdrawn = admin
        .post_api(
            "/api/settings/policy_withdraw",
            &fields(&[("effective_from", "+10000-01-01")]),
        )
        .await;
    assert!(withdrawn.status().is_success() || withdrawn.status().is_redirection());
}

/// A refused date without JavaScript is marked, and the words under it name what was typed:
/// a browser shows a date it cannot read as an empty field (quick tester).
#[tokio::test]
async fn a_refused_policy_date_is_marked_and_named() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let past = policy_fields("2025-01-01", &[("income_line", "9100")]);
    let answer = admin
        .post_plain_form("/staff/settings", "/staff/settings", &past)
        .await;
    assert!(answer.status().is_success(), "{}", answer.status());
    let page = answer.text().await.expect("page");
    let date = crate::helpers::tag_with(&page, r#"id="effective_from""#);
    assert!(date.contains(r#"aria-invalid="true""#), "{date}");
    assert!(date.contains("effective-says"), "{date}");
    let says = crate::helpers::paragraph(&page, "effective-says");
    assert!(says.contains("不能早于今天"), "{says}");
    assert!(says.contains("2025-01-01"), "{says}");
    // With letters in a number field too: both said at once, the number asked as a number
    // (the date came only on a second try, and "abc" was told not to be negative: officer
    // tester); the banner names the date once.
    let both = policy_fields("2025-01-01", &[("visit_red_days", "abc")]);
    let page = admin
        .post_plain_form("/staff/settings", "/staff/settings", &both)
        .await
        .text()
        .await
        .expect("page");
    assert!(crate::helpers::paragraph(&page, "effective-says").contains("不能早于今天"));
    let red = crate::helpers::paragraph(&page, "visit_red_days-says");
    assert!(red.contains("请填写数字"), "{red}");
    assert!(!crate::helpers::words(&page).contains("生效日期：生效日期"));
}
