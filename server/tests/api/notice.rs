use app::domain::case::{CaseCommand, VillageOutcome};

use crate::{
    fixtures::{record, township_officer, village_cadre},
    helpers::{report_fields, spawn_app, valid_id_number, QINGSHI_VILLAGE},
    storage::{run, today},
};

async fn cadre_app(app: &crate::helpers::TestApp) -> crate::helpers::TestApp {
    app.login("cun-qingshi").await
}

#[tokio::test]
async fn the_village_notice_lists_households_in_notice_without_ids_phones_or_health() {
    let app = spawn_app().await;
    let mut fields = report_fields("公示户", "13800138000", QINGSHI_VILLAGE);
    fields.push(("form[group]".into(), "5组".into()));
    let response = app.post_api("/api/reports/submit", &fields).await;
    let tracking: String = response.json().await.expect("tracking");
    app.submit_report("未公示户", "13900139000", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    let cadre = village_cadre();
    run(
        &app,
        &cadre,
        &id,
        CaseCommand::RecordHomeCheck {
            record: record(today(&app), 300_000),
        },
    )
    .await;
    let review = CaseCommand::HoldVillageReview {
        date: today(&app),
        outcome: VillageOutcome::Pass,
    };
    run(&app, &cadre, &id, review).await;
    run(
        &app,
        &cadre,
        &id,
        CaseCommand::StartNotice { from: today(&app) },
    )
    .await;

    // Public: no login needed, as it is posted on the village board; on the open web the
    // name shows only partly (the confirmation page says so).
    let html = app.get_html(&format!("/notice/{QINGSHI_VILLAGE}")).await;
    assert!(html.contains("公*户"), "household in notice is listed");
    assert!(
        !html.contains("公示户"),
        "not by its full name on the open web"
    );
    assert!(
        html.contains("完整姓名张贴在村务公开栏"),
        "the page says why"
    );
    let printed = cadre_app(&app).await;
    let board = printed
        .get_html(&format!("/notice/{QINGSHI_VILLAGE}"))
        .await;
    assert!(
        board.contains("公示户"),
        "staff print the board copy in full"
    );
    // County-wide roles that never print a notice read the open web's copy (attacker tester).
    for role in ["rexian", "bumen-minzheng", "xian-admin"] {
        let seen = app
            .login(role)
            .await
            .get_html(&format!("/notice/{QINGSHI_VILLAGE}"))
            .await;
        assert!(seen.contains("公*户") && !seen.contains("公示户"), "{role}");
    }
    assert!(html.contains("5组"), "with its village group");
    // The county decides the category after the notice; the notice shows the one the home
    // check supports (3,000 yuan a head: marginal), not "—".
    assert!(html.contains("边缘易致贫户"), "with its category");
    assert!(
        !html.contains("未公示户"),
        "households not in notice are not listed"
    );
    assert!(!html.contains(&valid_id_number(7)), "no ID number");
    assert!(!html.contains("13800138000"), "no phone number");
    assert!(!html.contains("因病"), "no health details");
}

/// Anyone finds every village's notice from the home page: they were reachable only from a
/// filer's own pages, so a neighbour could not find the list to object to (household tester).
#[tokio::test]
async fn every_village_notice_is_reached_from_the_home_page() {
    let app = spawn_app().await;
    let home = app.get_html("/").await;
    assert!(
        home.contains(r#"href="/notice""#),
        "the home page links the list"
    );
    let index = app.get_html("/notice").await;
    assert!(index.contains("各村公示"), "{index}");
    let link = format!(r#"href="/notice/{QINGSHI_VILLAGE}""#);
    assert!(index.contains(&link), "each village is a link");
    assert!(index.contains("青石镇"), "grouped by township");
    let notice = app.get_html(&format!("/notice/{QINGSHI_VILLAGE}")).await;
    assert!(
        notice.contains(r#"href="/notice""#),
        "and back to the others"
    );
}

#[tokio::test]
async fn an_unknown_village_has_no_notice_and_answers_404() {
    let app = spawn_app().await;
    for village in ["999", "522799999999"] {
        let response = app
            .client
            .get(app.url(&format!("/notice/{village}")))
            .header("Accept", "text/html")
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 404, "/notice/{village}");
    }
}

#[tokio::test]
async fn the_notice_names_the_head_and_counts_the_members_the_home_check_recorded() {
    use app::domain::case::household::Relation;
    let app = spawn_app().await;
    // The report: filed by the daughter-in-law, 4 people declared.
    let tracking = app
        .submit_report("儿媳申报", "13800138001", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    // The home check: 3 members, the father-in-law 户主.
    let mut found = record(today(&app), 300_000);
    let mut head = found.members[0].clone();
    head.name = "张大山".into();
    head.relation = Relation::Head;
    found.members.push(head);
    let cadre = village_cadre();
    for step in [
        CaseCommand::RecordHomeCheck { record: found },
        CaseCommand::HoldVillageReview {
            date: today(&app),
            outcome: VillageOutcome::Pass,
        },
        CaseCommand::StartNotice { from: today(&app) },
    ] {
        run(&app, &cadre, &id, step).await;
    }
    let board = cadre_app(&app)
        .await
        .get_html(&format!("/notice/{QINGSHI_VILLAGE}"))
        .await;
    assert!(
        board.contains(r#"lang="zh-CN">张大山</td>"#),
        "the 户主 the home check recorded: {board}"
    );
    assert!(!board.contains("儿媳申报"), "not the applicant");
    assert!(
        board.contains("家庭人口：\">3</td>"),
        "the members recorded, not the 4 declared"
    );
    let open = app.get_html(&format!("/notice/{QINGSHI_VILLAGE}")).await;
    assert!(open.contains("张*山"), "masked on the open web");
}

/// 落实帮扶措施 is posted too (seed 004): while a plan's notice runs, the village notice lists
/// the household for it; its measures only on the board copy staff print, since a 医疗救助
/// beside a name on the open web would tell a health matter.
#[tokio::test]
async fn a_plan_in_notice_is_on_the_village_notice_with_its_measures_on_the_board_copy_only() {
    use app::domain::vocab::MeasureType;
    let app = spawn_app().await;
    let id = crate::fixtures::accepted_case(&app, "13800138071").await;
    crate::storage::home_check_to_township(&app, &id, 300_000).await;
    crate::storage::compare_and_identify(&app, &id).await;
    let plan = CaseCommand::AddPlan {
        measures: vec![crate::fixtures::measure(MeasureType::Medical, today(&app))],
    };
    run(&app, &township_officer(), &id, plan).await;
    let path = format!("/notice/{QINGSHI_VILLAGE}");
    assert!(
        !app.get_html(&path).await.contains("落实帮扶措施"),
        "not before its notice"
    );

    let review = CaseCommand::ReviewPlan {
        date: today(&app),
        outcome: app::domain::case::VillageOutcome::Pass,
    };
    run(&app, &village_cadre(), &id, review).await;
    let notice = CaseCommand::StartPlanNotice { from: today(&app) };
    run(&app, &village_cadre(), &id, notice).await;

    let medical = MeasureType::Medical.label_zh();
    let open_web = app.get_html(&path).await;
    assert!(open_web.contains("落实帮扶措施"), "listed for its plan");
    // The intro fits every matter: a plan was not "applied for by the household" (tester).
    assert!(
        !open_web.contains("经农户申请"),
        "the intro of identification only"
    );
    assert!(!open_web.contains(medical), "no measure on the open web");
    let board = cadre_app(&app).await.get_html(&path).await;
    assert!(
        board.contains(&format!("落实帮扶措施：{medical}")),
        "the board copy names it"
    );
    let elsewhere = app.login("zhen-hekou").await.get_html(&path).await;
    assert!(elsewhere.contains("落实帮扶措施"), "listed");
    assert!(
        !elsewhere.contains(medical),
        "another township reads the open web's copy"
    );

    assert!(!open_web.contains("公示已满规定天数"), "its period runs");
    // The first day it may come down is said as that: "12月6日 至 12月11日" read as six
    // days for a five-day rule (officer and household testers).
    let running = crate::helpers::words(&open_web);
    assert!(
        running.contains("撤下") && !running.contains(" 至 "),
        "{running}"
    );
    // Its dates are kept whole (2026年11 / 月26日 at 100%: household tester).
    assert!(
        open_web.contains(r#"<span class="whole">2026年</span><span class="whole">"#),
        "{open_web}"
    );
    // Past its minimum and not yet ended, the board says so rather than show a past period
    // as current (tester).
    app.clock.advance(chrono::Duration::days(10));
    let over = crate::helpers::words(&app.get_html(&path).await);
    assert!(
        over.contains("公示已满规定天数，村委会将结束公示"),
        "{over}"
    );
    // Not a period long ended, as if too late to object (household tester).
    assert!(over.contains("起，仍在公示"), "{over}");
    assert!(!over.contains(" 至 "), "{over}");
    run(&app, &village_cadre(), &id, CaseCommand::EndPlanNotice).await;
    assert!(
        !app.get_html(&path).await.contains("落实帮扶措施"),
        "gone once it ends"
    );
}
