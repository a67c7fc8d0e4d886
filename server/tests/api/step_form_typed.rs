//! Staff step forms posted without JavaScript: a refused form comes back with what was typed
//! and the errors (the home check 入户核查, assigning 帮扶责任人), in a response that is not
//! stored; a good one still goes on to the case page. The forms post to the case page's own
//! address, so the browser's address stays the case page whatever the answer.
use reqwest::StatusCode;

use crate::{
    fixtures::accepted_case,
    helpers::{detail, fields, spawn_app, tag_with, TestApp, QINGSHI_VILLAGE},
};

/// Posts a step form as a browser without JavaScript does: to the case page itself.
pub(crate) async fn plain_step(
    officer: &TestApp,
    id: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let version = detail(officer, id).await["version"]
        .as_i64()
        .expect("version");
    let mut body = fields(&[("case_id", id)]);
    body.push(("version".into(), version.to_string()));
    body.extend(
        form.iter()
            .map(|(k, v)| (format!("form[{k}]"), (*v).to_owned())),
    );
    officer
        .post_plain_form(
            &format!("/staff/cases/{id}"),
            &format!("/staff/cases/{id}"),
            &body,
        )
        .await
}

#[tokio::test]
async fn a_refused_home_check_comes_back_with_everything_typed() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138077").await;
    let cadre = app.login("cun-qingshi").await;
    let today = detail(&cadre, &id).await["today"]
        .as_str()
        .expect("today")
        .to_owned();
    // Everything but the signed consent and the answer on drinking water.
    let form = [
        ("kind", "record_home_check"),
        ("date", today.as_str()),
        ("visitors", "王村干、李乡干"),
        ("members][0][name", "张三"),
        ("members][0][labour", "full"),
        ("members][0][income", "3000"),
        ("members][1][name", "张小妹"),
        ("members][1][labour", "none"),
        ("members][1][income", "1234"),
        ("rigid_expenditure", "45678"),
        ("guarantees][0", "food"),
        ("guarantees][1", "clothing:no"),
        ("guarantees][2", "compulsory_education"),
        ("guarantees][3", "basic_medical"),
        ("guarantees][4", "housing_safety"),
    ];
    let response = plain_step(&cadre, &id, &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = response.text().await.expect("html");
    for kept in ["王村干、李乡干", "张小妹", "1234", "45678"] {
        assert!(page.contains(&format!("value=\"{kept}\"")), "{kept} kept");
    }
    // Each 是/否 answer comes back as it was chosen.
    assert!(page.contains(r#"value="clothing:no" checked"#), "否 kept");
    assert!(
        !page.contains(r#"value="clothing" checked"#),
        "是 not chosen"
    );
    assert!(page.contains(r#"value="food" checked"#), "是 kept");
    // The one item left unanswered is marked, and only it.
    assert_eq!(page.matches("（未选）").count(), 1);
    let row = page
        .split(r#"aria-labelledby="yn-drinking_water""#)
        .nth(1)
        .expect("the water row");
    assert!(
        row[..row.find('>').expect("tag end")].contains(r#"aria-invalid="true""#),
        "{}",
        &row[..200]
    );
    assert!(page.contains("banner error"), "and says why");
    // The banner names each problem: on a phone the form is thousands of pixels tall.
    let banner = &page[page.find("banner error").expect("banner")..];
    let banner = &banner[..banner.find("</div>").expect("banner end")];
    assert_eq!(banner.matches("<li>").count(), 3, "{banner}");
    let zh = app::domain::lang::Lang::Zh;
    for label in [
        app::tr::case_page::label::guarantees(zh),
        app::tr::case_page::label::consent_signed(zh),
    ] {
        assert!(banner.contains(label), "{label} named: {banner}");
    }
    assert_eq!(detail(&cadre, &id).await["state_zh"], "待入户核查");
}

#[tokio::test]
async fn a_refused_responsible_person_comes_back_with_the_field_error() {
    let app = spawn_app().await;
    let (_, id) = crate::responsible_phone::identified(&app).await;
    let township = app.login("zhen-qingshi").await;
    let response = plain_step(
        &township,
        &id,
        &[
            ("kind", "assign_responsible"),
            ("person", "王明"),
            ("mobile", "1390013900"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.expect("html");
    assert!(page.contains("value=\"王明\""), "the name is kept");
    assert!(page.contains("value=\"1390013900\""), "the number is kept");
    assert!(page.contains("11位手机号码"), "the field error is shown");
}

/// The opening tag of the first form with `class`.
fn form_tag<'p>(page: &'p str, class: &str) -> &'p str {
    tag_with(page, &format!(r#"class="{class}""#))
}

/// The opening tag that carries `attribute` (the first one).
#[tokio::test]
async fn step_forms_post_to_the_case_page_and_a_good_one_goes_on_to_it() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138078", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    let township = app.login("zhen-qingshi").await;
    let page = township.get_html(&format!("/staff/cases/{id}")).await;
    assert!(
        page.contains(&format!("formaction=\"/staff/cases/{id}#step-accept\"")),
        "the step buttons post to the case page"
    );
    assert!(
        form_tag(&page, "step-form").contains("novalidate"),
        "the server, not the browser, words what is missing: {}",
        form_tag(&page, "step-form")
    );
    let login = app.get_html("/staff/login").await;
    assert!(
        form_tag(&login, "login-form").contains("novalidate"),
        "the sign-in form too: {}",
        form_tag(&login, "login-form")
    );
    let response = plain_step(&township, &id, &[("kind", "accept")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().expect("location");
    assert!(
        location.starts_with(&format!("/staff/cases/{id}?done=accept.")),
        "{location}"
    );
    // In view: the steps section, where the done banner is.
    assert!(location.ends_with("#steps"), "{location}");
    assert_eq!(detail(&township, &id).await["state_zh"], "待入户核查");
    // The page it goes on to says the step was taken; the plain page does not.
    let done = township.get_html(location).await;
    assert!(done.contains("已办理：受理。"), "the step taken is named");
    let plain = township.get_html(&format!("/staff/cases/{id}")).await;
    assert!(!plain.contains("已办理："), "only after a step");
    // Only a mark the server made, for this case: not a link someone wrote or copied.
    let mark = location.split_once("?done=").expect("mark").1;
    let (_, signature) = mark.split_once('.').expect("signed");
    let other = app
        .case_id_of(
            &app.submit_report("李四", "13800138077", QINGSHI_VILLAGE)
                .await,
        )
        .await;
    let forged = [
        format!("/staff/cases/{id}?done=drop_table"),
        format!("/staff/cases/{id}?done=accept"),
        format!("/staff/cases/{id}?done=reject_out_of_scope.{signature}"),
        format!("/staff/cases/{id}?done=accept.{}", "0".repeat(32)),
        format!("/staff/cases/{other}?done={mark}"),
    ];
    for link in forged {
        let page = township.get_html(&link).await;
        assert!(!page.contains("已办理："), "{link}");
        assert!(
            page.contains("现在可以办理"),
            "the page itself still shows: {link}"
        );
    }
    // The mark is the sign-in's own: forwarded to a colleague, or opened in another sign-in,
    // the link shows the case without claiming a step for its reader.
    let colleague = app.login("zhen-qingshi").await;
    let page = colleague.get_html(location).await;
    assert!(!page.contains("已办理："), "another session: {location}");
    assert!(page.contains("现在可以办理"), "the case still shows");
}

#[tokio::test]
async fn a_step_someone_else_already_took_is_refused_with_a_message_not_a_silent_reload() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138079", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    let township = app.login("zhen-qingshi").await;
    let stale = detail(&township, &id).await["version"]
        .as_i64()
        .expect("version");
    // Another officer (here the same one in another tab) accepts the case first.
    let response = plain_step(&township, &id, &[("kind", "accept")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // The first tab's 受理 form, posted with the version it was shown.
    let mut body = fields(&[("case_id", id.as_str()), ("form[kind]", "accept")]);
    body.push(("version".into(), stale.to_string()));
    let page = format!("/staff/cases/{id}");
    let response = township.post_plain_form(&page, &page, &body).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("html");
    assert!(
        html.contains("这个案件刚被更新过"),
        "the officer is told the case moved on"
    );
    assert_eq!(detail(&township, &id).await["state_zh"], "待入户核查");
}

/// A refused step posted without a Referer is sent to `/` (there is no page to return to
/// with the error): it must not come back announced as done.
#[tokio::test]
async fn a_refused_step_posted_without_a_referer_is_not_announced_as_done() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("李四", "13800138079", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    let township = app.login("zhen-qingshi").await;
    // A version the case never had: refused as changed by someone else.
    let mut body = fields(&[("case_id", &id)]);
    body.push(("version".into(), "999".into()));
    body.push(("form[kind]".into(), "accept".into()));
    let response = township
        .client
        .post(township.url(&format!("/staff/cases/{id}")))
        .header(reqwest::header::ACCEPT, "text/html")
        .form(&body)
        .send()
        .await
        .expect("request");
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = response.headers()["location"].to_str().expect("location");
    assert!(!location.contains("done="), "{location}");
    assert_ne!(detail(&township, &id).await["state_zh"], "待入户核查");
}

/// The `<details>` tag of the step form `code`.
fn step_section<'p>(page: &'p str, code: &str) -> &'p str {
    tag_with(page, &format!(r#"id="step-{code}""#))
}

#[tokio::test]
async fn a_refused_step_comes_back_open_and_in_view_not_in_a_closed_section() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138078").await;
    let cadre = app.login("cun-qingshi").await;
    let page = cadre.get_html(&format!("/staff/cases/{id}")).await;
    // First visit: the first step open, the extension request closed.
    assert!(step_section(&page, "record_home_check").contains(" open"));
    assert!(!step_section(&page, "request_extension").contains(" open"));
    // Each form posts to the case page with its own fragment, so the answer scrolls to it.
    assert!(page.contains(&format!(
        r#"formaction="/staff/cases/{id}#step-request_extension""#
    )));
    let asked = [
        ("kind", "request_extension"),
        ("clock", "home_check"),
        ("days", "0"),
        ("reason", "户主外出务工"),
    ];
    let response = plain_step(&cadre, &id, &asked).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.expect("html");
    assert!(page.contains("延期至少 1 个工作日"), "the reason is shown");
    assert!(
        step_section(&page, "request_extension").contains(" open"),
        "{}",
        step_section(&page, "request_extension")
    );
    assert!(!step_section(&page, "record_home_check").contains(" open"));
}

/// A reason typed with markup comes back in its box as typed, not as markup on the page
/// (leptos writes a textarea's text unescaped; the page escapes it first).
#[tokio::test]
async fn a_refused_reason_with_markup_comes_back_as_typed_text() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138078").await;
    let cadre = app.login("cun-qingshi").await;
    let reason = "路远</textarea><h1>假标题</h1> &amp; 第二行";
    let form = [
        ("kind", "request_extension"),
        ("clock", "home_check"),
        ("days", "x"),
        ("reason", reason),
    ];
    let response = plain_step(&cadre, &id, &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.expect("html");
    assert!(
        !page.contains("<h1>假标题</h1>"),
        "no markup of the typist's"
    );
    assert!(
        page.contains(
            "路远&lt;/textarea&gt;&lt;h1&gt;假标题&lt;/h1&gt; &amp;amp; 第二行</textarea>"
        ),
        "the reason as typed"
    );
}

/// The engine's refusal of one field (a home check dated tomorrow) is shown under that field
/// on the first send, the banner asking to check what is marked.
#[tokio::test]
async fn a_refused_date_is_shown_under_the_date_field() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138079").await;
    let cadre = app.login("cun-qingshi").await;
    let today = detail(&cadre, &id).await["today"]
        .as_str()
        .expect("today")
        .parse::<chrono::NaiveDate>()
        .expect("a date");
    let tomorrow = (today + chrono::Duration::days(1)).to_string();
    let form = [
        ("kind", "record_home_check"),
        ("date", tomorrow.as_str()),
        ("visitors", "王村干"),
        ("members][0][name", "张三"),
        ("members][0][labour", "full"),
        ("members][0][income", "3000"),
        ("rigid_expenditure", "0"),
        ("consent_signed", "on"),
    ];
    let response = plain_step(&cadre, &id, &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.expect("html");
    let under = crate::helpers::paragraph(&page, "e-record_home_check-date");
    assert!(under.contains("日期不能晚于今天"), "{under}");
    assert!(page.contains("请检查标红的内容"), "the banner points to it");
    assert_eq!(detail(&cadre, &id).await["state_zh"], "待入户核查");
}

/// A plan's problems are each under their measure's row, naming the measure and the field
/// (措施2（金额）), and only the wrong controls are marked; all come on the first send. A row
/// no suggestion fills starts empty.
#[tokio::test]
async fn a_refused_plan_marks_each_wrong_control_under_its_measure() {
    let app = spawn_app().await;
    let (_, id) = crate::responsible_phone::identified(&app).await;
    let township = app.login("zhen-qingshi").await;
    let page = township.get_html(&format!("/staff/cases/{id}")).await;
    let spare = tag_with(&page, r#"name="form[measures][2][amount]""#);
    assert!(spare.contains(r#"value="""#), "{spare}");
    let form = [
        ("kind", "add_plan"),
        ("measures][0][measure_type", "medical"),
        ("measures][0][amount", "100"),
        ("measures][0][start", "2026-11-20"),
        ("measures][0][end", "2026-11-19"),
        ("measures][1][measure_type", "employment"),
        ("measures][1][amount", "abc"),
        ("measures][1][start", "2026-11-20"),
        ("measures][1][end", "2026-12-20"),
        ("measures][2][measure_type", ""),
    ];
    let response = plain_step(&township, &id, &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.expect("html");
    for (name, said, words) in [
        (
            "measures][0][end",
            "e-add_plan-measures-0-end",
            "措施1（结束日期）：措施的结束日期早于开始日期",
        ),
        (
            "measures][1][amount",
            "e-add_plan-measures-1-amount",
            "措施2（金额）：",
        ),
    ] {
        let control = tag_with(&page, &format!(r#"name="form[{name}]""#));
        assert!(control.contains(r#"aria-invalid="true""#), "{control}");
        assert!(
            control.contains(&format!(r#"aria-describedby="{said}""#)),
            "{control}"
        );
        let item = page
            .split(&format!(r#"id="{said}""#))
            .nth(1)
            .unwrap_or_else(|| panic!("no #{said}"));
        let item = &item[item.find('>').expect("the tag's end") + 1..];
        assert!(item.starts_with(words), "{item}");
        // Right under its control, inside the control's cell.
        let control = page
            .find(&format!(r#"name="form[{name}]""#))
            .expect("control");
        let message = page.find(&format!(r#"id="{said}""#)).expect("message");
        let cell_end = control + page[control..].find("</label>").expect("cell end");
        assert!(
            control < message && message < cell_end,
            "{said} under its control"
        );
    }
    assert_eq!(
        page.matches(r#"aria-invalid="true""#).count(),
        2,
        "only the wrong controls"
    );
    assert!(
        page.contains("请检查标红的内容"),
        "the banner points to them"
    );
    let kept = tag_with(&page, r#"name="form[measures][1][amount]""#);
    assert!(
        kept.contains(r#"value="abc""#),
        "what was typed is kept: {kept}"
    );
}

/// An officer whose role does not take a case's next step is told whose it is, not only
/// what they may do besides (a county officer may ask for an extension on a case waiting for
/// its home check); the village cadre, whose step it is, is not told.
#[tokio::test]
async fn a_case_says_whom_its_next_step_waits_on() {
    let app = spawn_app().await;
    let id = crate::fixtures::accepted_case(&app, "13800138091").await;
    let county = app.login("xian-officer").await;
    let page = county.get_html(&format!("/staff/cases/{id}")).await;
    let said = tag_with(&page, r#"data-testid="waiting-on""#);
    let said = &page[page.find(said).expect("line")..];
    assert!(
        said.contains(
            "本案的下一步由村级干部/网格员、乡镇工作人员办理；下面是您现在也可以办理的事项"
        ),
        "{}",
        &said[..300.min(said.len())]
    );
    let cadre = app.login("cun-qingshi").await;
    let page = cadre.get_html(&format!("/staff/cases/{id}")).await;
    assert!(!page.contains("waiting-on"), "the cadre's own step");
}

/// While the village notice runs, the case waits on the notice, then on the village to end it:
/// not on the county or the departments, whose data comparison and feedback run beside it
/// (tester: 公示中 read 下一步由县级工作人员、县级负责人、行业部门联络员办理).
#[tokio::test]
async fn a_running_notice_says_until_when_and_who_ends_it() {
    let app = spawn_app().await;
    let id = crate::fixtures::accepted_case(&app, "13800138092").await;
    crate::storage::notice_started(&app, &id, 300_000).await;
    for reader in ["xian-officer", "zhen-qingshi"] {
        let page = app
            .login(reader)
            .await
            .get_html(&format!("/staff/cases/{id}"))
            .await;
        // The day it may end is said as that, not as the end of a period (testers read
        // "公示期到12月11日" as six days).
        assert!(page.contains("公示满期后，"), "{reader}");
        assert!(page.contains("起由村级干部/网格员结束公示"), "{reader}");
        assert!(!page.contains("下一步由县级"), "{reader}");
    }
    // The cadre who ends it is told so, not of itself in the third person (officer tester).
    let page = app
        .login("cun-qingshi")
        .await
        .get_html(&format!("/staff/cases/{id}"))
        .await;
    assert!(page.contains("起请您结束公示"), "the cadre's own");
    assert!(!page.contains("起由村级干部/网格员结束公示"));
}

/// A date typed as a browser without a date picker lets one type it ("2026/12/1") came back
/// in a date box, which shows nothing that is not YYYY-MM-DD: an empty box beside "not a
/// date" (officer tester). It comes back as text, as typed; a good date stays a date box.
#[tokio::test]
async fn a_date_the_picker_cannot_show_comes_back_as_typed() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138078").await;
    let cadre = app.login("cun-qingshi").await;
    let form = [("kind", "record_home_check"), ("date", "2026/12/1")];
    let response = plain_step(&cadre, &id, &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.expect("html");
    let date_box = |page: &str| {
        let at = page.find(r#"name="form[date]""#).expect("the date box");
        let start = page[..at].rfind("<input").expect("its tag");
        let end = at + page[at..].find('>').expect("tag end");
        page[start..end].to_owned()
    };
    let shown = date_box(&page);
    assert!(
        shown.contains(r#"type="text""#) && shown.contains(r#"value="2026/12/1""#),
        "{shown}"
    );
    let fresh = cadre.get_html(&format!("/staff/cases/{id}")).await;
    assert!(
        date_box(&fresh).contains(r#"type="date""#),
        "{}",
        date_box(&fresh)
    );
}

/// At 360 px a refusal's example date broke after a hyphen, "2025-" on one line and "03-01"
/// on the next (officer tester): dates in the banner and under the box are kept whole.
#[tokio::test]
async fn a_refused_date_s_example_is_kept_on_one_line() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138078").await;
    let cadre = app.login("cun-qingshi").await;
    let form = [
        ("kind", "record_home_check"),
        ("date", "30.11.2026"),
        ("visitors", "王村干"),
    ];
    let page = plain_step(&cadre, &id, &form)
        .await
        .text()
        .await
        .expect("html");
    let example = r#"<span class="whole">2025-03-01"#;
    let banner = &page[page.find("banner error").expect("banner")..];
    let banner = &banner[..banner.find("</div>").expect("its end")];
    assert!(banner.contains(example), "{banner}");
    let under = crate::helpers::paragraph(&page, "e-record_home_check-date");
    assert!(under.contains(example), "{under}");
}
