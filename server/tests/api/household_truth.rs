//! What the household reads is true (issue 10, tester's findings): the confirmation page says
//! what the web notice shows, the demo county has phones to call and the advice never asks
//! for a number that is not published, and repeated staff reads read as one line.
use app::domain::case::CaseCommand;
use reqwest::header;
use serde_json::Value;

use crate::{
    fixtures::{township_officer, track_page},
    helpers::{fields, spawn_app, TestApp, QINGSHI_VILLAGE},
    storage::run,
};

pub(crate) const MOBILE: &str = "13800138000";

pub(crate) async fn track(app: &TestApp, tracking: &str) -> Value {
    let found = app
        .post_api(
            "/api/reports/track",
            &fields(&[("tracking", tracking), ("mobile", MOBILE)]),
        )
        .await;
    assert_eq!(found.status(), 200);
    found.json().await.expect("json")
}

async fn english(app: &TestApp) {
    let switched = app
        .client
        .get(app.url("/lang/en"))
        .header(header::REFERER, app.url("/track"))
        .send()
        .await
        .expect("request");
    assert_eq!(switched.status(), 303);
}

/// Files a report for `name` and reads its confirmation page: (its address, its HTML).
async fn confirmation(app: &TestApp, name: &str) -> (String, String) {
    let response = app
        .post_api(
            "/api/reports/submit",
            &crate::helpers::report_fields(name, MOBILE, QINGSHI_VILLAGE),
        )
        .await;
    let link = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let page = app.get_html(&link).await;
    (link, page)
}

#[tokio::test]
async fn a_second_filing_with_the_same_id_number_is_told_it_need_not_file_again() {
    let app = spawn_app().await;
    let (_, first) = confirmation(&app, "张小明").await;
    assert!(
        !first.contains("filed-before"),
        "nothing said the first time"
    );
    let (_, second) = confirmation(&app, "张小明").await;
    let said = second
        .split(r#"data-testid="filed-before""#)
        .nth(1)
        .expect("the note");
    assert!(said.contains("不用再次申报"), "{said}");
    // Which filing it was is not said: the earlier tracking number is not on the page.
    let earlier = first
        .split(r#"data-testid="tracking""#)
        .nth(1)
        .and_then(|rest| rest.split('>').nth(1))
        .and_then(|rest| rest.split('<').next())
        .expect("the first number");
    assert!(earlier.len() >= 10, "{earlier}");
    assert!(!second.contains(earlier), "{earlier} shown");
    // The same ID number from another mobile is not told: a stranger who typed a
    // neighbour's would learn whether they are already known (attacker tester).
    let response = app
        .post_api(
            "/api/reports/submit",
            &crate::helpers::report_fields("张小明", "13900001111", QINGSHI_VILLAGE),
        )
        .await;
    let link = response.headers()["location"].to_str().expect("location");
    let third = app.get_html(link).await;
    assert!(third.contains(r#"data-testid="tracking""#), "filed");
    assert!(
        !third.contains("filed-before"),
        "the ID number alone tells nothing"
    );
}

#[tokio::test]
async fn the_confirmation_says_the_web_notice_shows_the_name_only_partly() {
    let app = spawn_app().await;
    let (_, page) = confirmation(&app, "张小明").await;
    // The example name is joined (U+2060) so it never splits across lines (household tester).
    assert!(page.contains("张\u{2060}*\u{2060}明"), "kept whole");
    let page = page.replace('\u{2060}', "").replace("<!>", "");
    // Its own short paragraph, not the end of one of 150 characters (household tester).
    assert!(page.contains("<p><strong>身份证号码、手机号码"), "{page}");
    for said in [
        "村务公开栏",
        "本网站的公示页面",
        "张*明",
        "身份证号码、手机号码",
    ] {
        assert!(page.contains(said), "the confirmation says {said}");
    }
}

#[tokio::test]
async fn whom_to_call_has_the_demo_phones_and_without_them_leads_with_12317() {
    let app = spawn_app().await;
    let tracking = app.submit_report("张三", MOBILE, QINGSHI_VILLAGE).await;
    let body = track(&app, &tracking).await;
    let contacts = body["contacts"].to_string();
    // The demo seed's 青石村 committee and 青石镇 office.
    assert!(contacts.contains("0854-7321201"), "{contacts}");
    assert!(contacts.contains("0854-7321001"), "{contacts}");
    // Just filed: the township accepts it next, so the list and the advice both lead with it.
    assert_eq!(body["contacts"][0]["phone"], "0854-7321001", "{body}");
    let advice = body["contact_advice"].as_str().unwrap_or_default();
    assert!(advice.contains("请先打乡镇电话"), "{advice}");
    assert!(!advice.contains("先找村委会"), "{advice}");
    // Accepted: the village visits next, and is named first.
    let id = app.case_id_of(&tracking).await;
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    let body = track(&app, &tracking).await;
    assert_eq!(body["contacts"][0]["phone"], "0854-7321201", "{body}");
    let advice = body["contact_advice"].as_str().unwrap_or_default();
    assert!(advice.contains("先找村委会（打电话或直接去）"), "{advice}");

    // The county has published no office phone for this village and township.
    let admin = app.login("xian-admin").await;
    for region in [
        QINGSHI_VILLAGE.to_owned(),
        format!("{}000", &QINGSHI_VILLAGE[..9]),
    ] {
        let cleared = admin
            .post_api(
                "/api/contacts/set",
                &fields(&[("region", &region), ("phone", "")]),
            )
            .await;
        assert!(cleared.status().is_success() || cleared.status().is_redirection());
    }
    let body = track(&app, &tracking).await;
    assert_eq!(body["contacts"][0]["phone"], "12317", "{body}");
    let advice = body["contact_advice"].as_str().unwrap_or_default();
    assert!(advice.contains("拨打12317"), "{advice}");
    for never in ["打电话或直接去", "乡镇电话"] {
        assert!(
            !advice.contains(never),
            "asks to phone an unpublished number: {advice}"
        );
    }
    let page = track_page(&app, &tracking, MOBILE).await;
    assert!(
        page.contains(r#"请拨打<a href="tel:12317">12317</a>热线"#),
        "the page gives the advice, the number a tap away"
    );
    // The hardship in the words the household ticked, one to a line (the official terms
    // 因病、因务工就业不稳 read as someone else's words: household tester).
    let hardship = &page[page.find(r#"data-testid="hardship""#).expect("listed")..];
    let hardship = &hardship[..hardship.find("</ul>").expect("its end")];
    assert!(
        hardship.contains("家里有人生了大病、看病花钱多"),
        "{hardship}"
    );
    assert_eq!(hardship.matches("<li>").count(), 2, "{hardship}");
    assert!(!hardship.contains("因病"), "{hardship}");
}

#[tokio::test]
async fn one_officers_repeated_reads_are_one_line_with_a_count_in_both_languages() {
    let app = spawn_app().await;
    let tracking = app.submit_report("周大姐", MOBILE, QINGSHI_VILLAGE).await;
    let id = app.case_id_of(&tracking).await;
    let township = app.login("zhen-qingshi").await;
    // Three sittings an hour apart, each with a reload that is not counted again.
    for _ in 0..3 {
        for _ in 0..2 {
            let opened = township
                .post_api("/api/cases/detail", &fields(&[("case_id", &id)]))
                .await;
            assert_eq!(opened.status(), 200);
        }
        app.clock.advance(chrono::Duration::minutes(61));
    }
    let body = track(&app, &tracking).await;
    let looked = body["looked"].as_array().expect("looked");
    assert_eq!(looked.len(), 1, "{body}");
    assert_eq!(looked[0]["what"], "查看您的申报 3 次");
    assert_eq!(looked[0]["times"], 3);
    let page = track_page(&app, &tracking, MOBILE).await;
    assert!(
        page.contains("查看您的申报 3 次"),
        "the page shows the count"
    );

    english(&app).await;
    let page = track_page(&app, &tracking, MOBILE).await;
    assert!(
        page.contains("Opened your report 3 times"),
        "the count in English"
    );
    assert!(page.contains("Township officer"), "role in English");
    assert!(
        page.contains("<span lang=\"zh-CN\">青石镇</span>"),
        "the Chinese place name is marked"
    );
    assert!(
        !page.contains("办理工作需要"),
        "no Chinese reason on the English page"
    );
    // English text uses ASCII colons; Chinese data (names, places) has none.
    assert!(
        !page.contains('：'),
        "a full-width colon on the English page"
    );
}

/// A tester found the confirmation listing the village first and the look-up the township
/// first for the same new filing: both now put whoever does the next step (the township's
/// acceptance) on top.
#[tokio::test]
async fn the_confirmation_and_the_look_up_list_whom_to_call_in_one_order() {
    let app = spawn_app().await;
    let (link, page) = confirmation(&app, "李四").await;
    let at = |text: &str, phone: &str| text.find(phone).unwrap_or_else(|| panic!("{phone}"));
    let (township, village) = ("0854-7321001", "0854-7321201");
    assert!(
        at(&page, township) < at(&page, village),
        "the confirmation lists the township first"
    );
    // Place names read the Chinese way: 青石镇人民政府, 青石村村委会 (not "村委会 青石村").
    let said = crate::helpers::words(&page);
    for office in ["青石镇人民政府：0854-7321001", "青石村村委会：0854-7321201"] {
        assert!(said.contains(office), "{office} in {said}");
    }
    let english = crate::helpers::html_with_accept_language(&app, &link, "en").await;
    let said = crate::helpers::words(&english.replace("<!>", ""));
    for office in [
        "青石镇 Township Government: 0854-7321001",
        "青石村 Village Committee: 0854-7321201",
    ] {
        assert!(said.contains(office), "{office} in {said}");
    }
    let tracking = link
        .trim_start_matches("/report/submitted/")
        .split('?')
        .next()
        .unwrap_or_default();
    let contacts = track(&app, tracking).await["contacts"].to_string();
    assert!(
        at(&contacts, township) < at(&contacts, village),
        "the look-up lists the township first: {contacts}"
    );
}

/// The confirmation page says the village notice is also on this site: it links to it, and
/// the notice says where an objection goes with numbers to tap (village, township, 12317).
#[tokio::test]
async fn the_confirmation_links_to_the_village_notice_and_the_notice_names_whom_to_call() {
    let app = spawn_app().await;
    let (_, page) = confirmation(&app, "张小明").await;
    let link = crate::helpers::tag_with(&page, r#"data-testid="notice-link""#);
    assert!(
        link.contains(&format!(r#"href="/notice/{QINGSHI_VILLAGE}""#)),
        "{link}"
    );
    let notice = app.get_html(&format!("/notice/{QINGSHI_VILLAGE}")).await;
    let after = &notice[notice.find("异议").expect("the objection line")..];
    for number in ["tel:08547321201", "tel:12317"] {
        assert!(after.contains(number), "{number} after the objection line");
    }
}

/// Back after filing opens the form again: it says a report was just sent from this phone and
/// where to follow it, naming nobody. A refused filing marks nothing; another browser is told
/// nothing.
#[tokio::test]
async fn the_form_opened_again_after_filing_says_a_report_was_just_sent() {
    let app = spawn_app().await;
    let note = r#"data-testid="filed-recently""#;
    let fresh = app.get_html("/report").await;
    assert!(!fresh.contains(note));
    assert!(
        !fresh.contains("<details"),
        "a first visit shows the form itself"
    );
    let refused = app
        .post_api(
            "/api/reports/submit",
            &crate::helpers::report_fields("", MOBILE, QINGSHI_VILLAGE),
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(
        !app.get_html("/report").await.contains(note),
        "a refused filing marks nothing"
    );

    confirmation(&app, "张小明").await;
    let again = app.get_html("/report").await;
    let said = again.split(note).nth(1).expect("the note");
    let said = &said[..said.find("</p>").expect("its end")];
    assert!(said.contains("同一户不用再提交"), "{said}");
    assert!(said.contains(r#"href="/track""#), "{said}");
    assert!(!said.contains("张小明"), "nobody named: {said}");
    let elsewhere = app.seen_at_address(2);
    assert!(!elsewhere.get_html("/report").await.contains(note));
    // Nor does the browser put the last filer's details back into the form (tester: Back
    // restored name, mobile and description on a shared phone).
    // The form waits behind a closed 为另一户申报, so the page opens on the note, not
    // scrolled to the submit button (tester), and the same household is not sent twice.
    let behind = &again[again.find("<details").expect("the form is behind a button")..];
    assert!(
        behind.starts_with(r#"<details class="filed-another">"#),
        "closed: {behind:.60}"
    );
    assert!(behind.contains("为另一户申报</summary>"));
    assert!(behind.contains(r#"class="report-form""#));
    let form = crate::helpers::tag_with(&again, r#"class="report-form""#);
    assert!(form.contains(r#"autocomplete="off""#), "{form}");
}

/// Within the link's hour the township may already have refused the filing: the confirmation
/// then says where it stands, not that the township will accept it by a date (tester).
#[tokio::test]
async fn a_confirmation_reopened_after_a_refusal_says_so_instead_of_promising_acceptance() {
    let app = spawn_app().await;
    let (link, first) = confirmation(&app, "张小明").await;
    assert!(
        first.contains(r#"data-testid="accept-by""#),
        "promised at first"
    );
    assert!(!first.contains(r#"data-testid="moved-on""#));
    // Its look-up link opens with the number filled in, the mobile to type (tester).
    let look_up = crate::helpers::tag_with(&first, r#"data-testid="track-link""#);
    let href = look_up.split(r#"href=""#).nth(1).expect("href");
    let href = &href[..href.find('"').expect("end")];
    assert!(href.starts_with("/track?n="), "{look_up}");
    let track_page = app.get_html(href).await;
    let number = crate::helpers::tag_with(&track_page, r#"id="t-tracking""#);
    assert!(
        number.contains(&format!(r#"value="{}""#, &href[9..])),
        "{number}"
    );
    let mobile = crate::helpers::tag_with(&track_page, r#"id="t-mobile""#);
    assert!(mobile.contains("autofocus"), "{mobile}");

    let tracking = link
        .trim_start_matches("/report/submitted/")
        .split('?')
        .next()
        .expect("the number");
    let id = app.case_id_of(tracking).await;
    let reject = CaseCommand::RejectOutOfScope {
        reason: "非农村户籍".into(),
    };
    run(&app, &township_officer(), &id, reject).await;

    let again = app.get_html(&link).await;
    // The date the township tells the household by sits in its own sentence, not after the
    // appeal one, where it read as a deadline to appeal by (tester).
    assert!(again.contains("乡镇工作人员最迟在"), "the township's date");
    assert!(!again.contains("12317热线。最迟在"));
    // The reason moved from the next step into what happened: the page still says it, its
    // typed words marked as Chinese.
    assert!(
        again.contains(r#"原因：<span lang="zh-CN">非农村户籍</span>。"#),
        "the reason"
    );
    let now = &again[again
        .find(r#"data-testid="moved-on""#)
        .expect("where it stands")..];
    let now = &now[..now.find("</p>").expect("its end")];
    assert!(now.contains("不予受理"), "{now}");
    // Not under a green box, and what comes next is labelled as such (tester).
    let card = crate::helpers::tag_with(&again, r#"data-testid="filed-card""#);
    assert!(!card.contains("success"), "{card}");
    let next = again
        .split(r#"data-testid="moved-on-next""#)
        .nth(1)
        .expect("the next step");
    let next = &next[..next.find("</p>").expect("its end")];
    assert!(
        next.contains("接下来") && next.contains("乡镇工作人员最迟在"),
        "{next}"
    );
    for promise in ["accept-by", "visit-by", "decide-by"] {
        assert!(
            !again.contains(&format!(r#"data-testid="{promise}""#)),
            "{promise} no longer promised"
        );
    }
}

/// While the household is on its village's notice board, its page links to the board (as
/// the confirmation did), and only then (household tester).
#[tokio::test]
async fn the_progress_page_links_to_the_notice_while_the_household_is_on_it() {
    let app = spawn_app().await;
    let tracking = app.submit_report("张三", MOBILE, QINGSHI_VILLAGE).await;
    let id = app.case_id_of(&tracking).await;
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    assert_eq!(track(&app, &tracking).await["notice_village"], Value::Null);
    let cadre = crate::fixtures::village_cadre();
    crate::storage::notice_started(&app, &id, 300_000).await;
    assert_eq!(
        track(&app, &tracking).await["notice_village"],
        QINGSHI_VILLAGE
    );
    let page = track_page(&app, &tracking, MOBILE).await;
    assert!(
        page.contains(&format!(
            r#"href="/notice/{QINGSHI_VILLAGE}" data-testid="notice-link""#
        )),
        "linked"
    );
    // Whom to call is a tap away from the top (at 200% text it was screens down: household
    // tester).
    assert!(page.contains(r##"<a href="#contacts" data-testid="to-contacts">有事找谁</a>"##));
    assert!(page.contains(r#"id="contacts""#));
    // It says how the board lists the household, as the board itself shows it: the head's
    // name, partly hidden (the applicant looked for her own name: household tester).
    // The name is data in the sentence, marked Chinese in English too (household tester).
    let said = track(&app, &tracking).await["notice_listed_as"].clone();
    assert_eq!(said[0]["Words"], "网上公示名单上写的是户主姓名：", "{said}");
    // Only the web notice hides part of it (household re-tester: her own name, masked, read
    // as the board's).
    assert_eq!(
        said[2]["Words"], "。村务公开栏上张贴的是完整姓名。",
        "{said}"
    );
    let name = said[1]["Data"]
        .as_str()
        .expect("the name as data")
        .to_owned();
    assert!(name.contains('*'), "{said}");
    let posted = app
        .post_plain_form(
            "/api/reports/track",
            "/track",
            &crate::helpers::fields(&[("tracking", &tracking), ("mobile", MOBILE)]),
        )
        .await;
    let location = posted.headers()["location"].to_str().expect("location");
    let path = &location[location.find("/track").expect("the look-up")..];
    let english = crate::helpers::html_with_accept_language(&app, path, "en").await;
    let line = crate::helpers::tag_with(&english, r#"data-testid="listed-as""#);
    assert!(!line.is_empty());
    assert!(
        english.contains(&format!(r#"<span lang="zh-CN">{name}"#)),
        "marked: {english}"
    );
    let board = app.get_html(&format!("/notice/{QINGSHI_VILLAGE}")).await;
    assert!(board.contains(&name), "{name} is on the board");
    app.clock.advance(chrono::Duration::days(5));
    run(&app, &cadre, &id, CaseCommand::EndNotice).await;
    assert_eq!(track(&app, &tracking).await["notice_village"], Value::Null);
    assert_eq!(
        track(&app, &tracking).await["notice_listed_as"],
        Value::Null
    );
}

/// A measure whose start has passed without it starting said only "计划中" beside the date
/// gone by (household tester): it says it is late and whom to ask; on its day it does not.
#[tokio::test]
async fn a_measure_past_its_start_says_it_is_late_and_whom_to_ask() {
    use app::domain::vocab::MeasureType;
    let app = spawn_app().await;
    let mobile = "13800138321";
    let id = crate::department_scope::planned(&app, mobile, &[MeasureType::MinimumLiving]).await;
    // Not due before the plan's notice may end (officer tester): its fifth day is the day.
    crate::storage::plan_on_notice(&app, &id).await;
    app.clock.advance(chrono::Duration::days(5));
    let officer = app.login("zhen-qingshi").await;
    let tracking = crate::helpers::detail(&officer, &id).await["tracking"]
        .as_str()
        .expect("tracking")
        .to_owned();
    // Not "或负责单位": the department has no number on the page (household tester).
    let late = "已过原定开始日期，可以问问帮扶责任人";
    let page = track_page(&app, &tracking, mobile).await;
    assert!(
        page.contains("计划中") && !page.contains(late),
        "on its day"
    );
    app.clock.advance(chrono::Duration::days(3));
    let page = track_page(&app, &tracking, mobile).await;
    assert!(page.contains(late), "three days on");
    assert!(!page.contains("或负责单位"), "no one to call there");
}

/// Dates promised in a year whose holidays are not entered count Monday to Friday: the
/// confirmation and the look-up say they may move (dates fell in Spring Festival 2027 and
/// read as certain: household tester).
#[tokio::test]
async fn dates_in_a_year_without_its_holidays_are_said_to_maybe_move() {
    let app = spawn_app().await;
    let said = "2027年的放假安排还没有录入";
    let (_, this_year) = confirmation(&app, "张小明").await;
    assert!(!this_year.contains("dates-may-move"), "2026 is entered");
    app.clock.advance(chrono::Duration::days(35));
    let (_, next_year) = confirmation(&app, "李小红").await;
    let note = crate::helpers::tag_with(&next_year, r#"data-testid="dates-may-move""#);
    assert!(next_year.contains(said), "{note}");
}

/// The page lists each step so far with its day (办理经过): it showed only where the filing
/// stood, undated (household tester).
#[tokio::test]
async fn the_progress_page_lists_each_step_with_its_day() {
    let app = spawn_app().await;
    let tracking = app.submit_report("张三", MOBILE, QINGSHI_VILLAGE).await;
    let id = app.case_id_of(&tracking).await;
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    crate::storage::notice_started(&app, &id, 300_000).await;
    let history: Vec<String> =
        serde_json::from_value(track(&app, &tracking).await["history"].clone()).expect("a list");
    let at = |words: &str| {
        history
            .iter()
            .position(|l| l.contains(words))
            .unwrap_or_else(|| panic!("{words}: {history:?}"))
    };
    assert!(at("提交了申报") < at("乡镇受理了申报"));
    assert!(at("乡镇受理了申报") < at("张榜公示"));
    assert!(history[0].starts_with("2026年11月23日："), "{history:?}");
    let page = track_page(&app, &tracking, MOBILE).await;
    assert!(page.contains(r#"data-testid="history""#) && page.contains("办理经过"));
}
