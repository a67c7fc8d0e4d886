//! 代为申报 by a 12317 hotline operator or a cadre: channel, consent read aloud, duplicate hints.
use app::ssr::repo::cases as rows;
use serde_json::Value;

use crate::helpers::{detail, fields, id_number_for, spawn_app, TestApp, QINGSHI_VILLAGE};

const HEKOU_VILLAGE: &str = "522799102201";

fn proxy_form(channel: &str, mobile: &str, village: &str) -> Vec<(String, String)> {
    let mut form = crate::helpers::report_fields("孙大娘", mobile, village);
    form.push(("channel".into(), channel.into()));
    form
}

/// Files through the proxy endpoint as `staff` would from the page.
async fn proxy_file(
    staff: &TestApp,
    channel: &str,
    mobile: &str,
    village: &str,
) -> reqwest::Response {
    staff
        .post_api("/api/reports/proxy", &proxy_form(channel, mobile, village))
        .await
}

/// Files as `staff` and opens the page the filing leads to, as the browser does: its
/// `Location`, signed for this sign-in. (The case id, the page.)
async fn file_and_follow(
    staff: &TestApp,
    channel: &str,
    mobile: &str,
    village: &str,
) -> (String, String) {
    let filed = proxy_file(staff, channel, mobile, village).await;
    assert_eq!(filed.status(), 200);
    let location = filed.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let id: String = filed.json().await.expect("case id");
    assert!(
        location.starts_with(&format!("/staff/cases/{id}?filed=1&__sig=")),
        "{location}"
    );
    let page = staff.get_html(&location).await;
    (id, page)
}

async fn case_row(app: &TestApp, id: &str) -> rows::CaseRow {
    rows::by_id(&app.state.db.pool, &app.state.vault, id)
        .await
        .expect("query")
        .expect("case")
}

async fn duplicates(staff: &TestApp, mobile: &str) -> reqwest::Response {
    staff
        .post_api(
            "/api/reports/duplicates",
            &fields(&[("id_number", &id_number_for(mobile)), ("mobile", mobile)]),
        )
        .await
}

#[tokio::test]
async fn a_hotline_operator_files_for_a_caller_and_the_consent_read_aloud_is_recorded() {
    let app = spawn_app().await;
    let operator = app.login("rexian").await;
    let (id, page) =
        file_and_follow(&operator, "proxy_hotline", "13512345678", QINGSHI_VILLAGE).await;
    let row = case_row(&app, &id).await;
    assert_eq!(row.channel, "proxy_hotline");
    // The page the filing leads to says what to read back to the caller: the number and
    // the dates (household tester).
    let script = page
        .split(r#"data-testid="caller-script""#)
        .nth(1)
        .expect("the script to read out");
    let grouped = app::domain::tracking::TrackingNumber::shown_back(&row.tracking_number);
    assert!(script.contains(&grouped), "{script}");
    assert!(
        script.contains("乡镇最迟在") && script.contains("12317"),
        "{script}"
    );
    // …and a text gives the caller the number to keep, as it says (household tester: the
    // number was only read out). A self-report shows it on screen and gets none.
    assert!(script.contains("短信发到您留的手机上"), "{script}");
    assert!(script.contains("先请来电人再说一遍手机号"), "{script}");
    // The number to check it against is in the script itself (it said "above": it was not).
    assert!(script.contains("登记的手机号：135****5678"), "{script}");
    let texts: Vec<(String, String)> =
        sqlx::query_as("select recipient, body from outbox where case_id = $1 and channel = 'sms'")
            .bind(&id)
            .fetch_all(&app.state.db.pool)
            .await
            .expect("outbox");
    assert_eq!(texts.len(), 1, "{texts:?}");
    let to = app::ssr::repo::outbox::open_recipient(&app.state.vault, &texts[0].0).expect("opens");
    assert_eq!(to, "13512345678");
    assert!(texts[0].1.contains(&grouped), "{}", texts[0].1);
    let template = app::domain::wording::sms_templates::template_of(&texts[0].1);
    assert_eq!(template.map(|t| t.key), Some("tracking_number"));
    let own = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let own = app.case_id_of(&own).await;
    let (_, _, _, outbox) = crate::fixtures::footprint(&app, &own).await;
    assert_eq!(outbox, 0, "a self-report gets no text");
    assert_eq!(row.consent_by.as_deref(), Some("demo-rexian"));
    let case = detail(&operator, &id).await;
    // People are named by their display name, never by account id.
    assert_eq!(
        case["consent_zh"],
        "由孙坐席（12317热线）向申请人宣读并征得同意"
    );
    assert_eq!(
        case["timeline"][0]["who"],
        "12317热线坐席（孙坐席（12317热线））"
    );
    // Worded from codes on the English page, the officer's name kept as data.
    assert_eq!(case["consent"]["code"], "read_aloud");
    crate::english_page::choose_english(&operator).await;
    let page = crate::english_page::assert_english(&operator, &format!("/staff/cases/{id}")).await;
    assert!(
        page.replace("<!>", "").contains(
            "Read aloud to the applicant by <span lang=\"zh-CN\">孙坐席（12317热线）</span>, who agreed"
        ),
        "{page}"
    );

    // The township sees it in its queue like any filing.
    let township = app.login("zhen-qingshi").await;
    let queue: Value = township.queue_tab("all").await.json().await.expect("json");
    assert!(queue["items"]
        .as_array()
        .expect("items")
        .iter()
        .any(|i| i["case_id"] == id.as_str()));
}

/// Texts to one phone are counted, a proxy filing's with 忘记查询码's: filing again and again
/// for one number texted it each time (attacker tester). Past the hour's texts the filing
/// still stands; its number is only read out.
#[tokio::test]
async fn filing_again_and_again_for_one_phone_does_not_text_it_each_time() {
    let app = spawn_app().await;
    let operator = app.login("rexian").await;
    let mobile = "13900000001";
    let mut pages = Vec::new();
    for _ in 0..5 {
        // The filing itself is not refused.
        pages.push(file_and_follow(&operator, "proxy_hotline", mobile, QINGSHI_VILLAGE).await);
    }
    // The script promises a text only where one went.
    assert!(pages[0].1.contains("短信发到您留的手机上"));
    let last = &pages[4].1;
    assert!(last.contains("请读给来电人听") && !last.contains("短信发到您留的手机上"));
    // A cadre filing at the household tells the applicant; nobody is on a line (officer
    // tester).
    let cadre = app.login("cun-qingshi").await;
    let (_, told) = file_and_follow(&cadre, "proxy_cadre", "13900000002", QINGSHI_VILLAGE).await;
    assert!(
        told.contains("请告诉申请人") && !told.contains("来电人"),
        "in person"
    );
    let texts = || async {
        let rows: Vec<String> =
            sqlx::query_scalar("select recipient from outbox where channel = 'sms'")
                .fetch_all(&app.state.db.pool)
                .await
                .expect("outbox");
        rows.iter()
            .filter(|to| {
                app::ssr::repo::outbox::open_recipient(&app.state.vault, to).expect("opens")
                    == mobile
            })
            .count()
    };
    let max = app::ssr::services::lookup::MAX_PER_MOBILE as usize;
    assert_eq!(texts().await, max);
    // 忘记查询码 shares the texts: nothing more this hour, one call or five filings. The
    // answer is the usual one (asks decide it, not texts: a refusal would tell a prober of
    // the number that it had been texted this hour).
    let resend = app
        .post_api("/api/reports/resend", &fields(&[("mobile", mobile)]))
        .await;
    assert_eq!(resend.status(), 200);
    assert_eq!(texts().await, max);
    app.clock.advance(chrono::Duration::hours(2));
    let resend = app
        .post_api("/api/reports/resend", &fields(&[("mobile", mobile)]))
        .await;
    assert_eq!(resend.status(), 200);
    assert_eq!(texts().await, 2 * max, "five filings, but the hour's texts");
}

#[tokio::test]
async fn a_proxy_may_use_only_its_own_channels_and_region() {
    let app = spawn_app().await;
    let operator = app.login("rexian").await;
    let wrong_channel = proxy_file(
        &operator,
        "department_alert",
        "13512345678",
        QINGSHI_VILLAGE,
    )
    .await;
    assert_eq!(wrong_channel.status(), 422);
    let body: Value = wrong_channel.json().await.expect("json");
    assert!(body.to_string().contains("channel"), "{body}");

    let cadre = app.login("cun-qingshi").await;
    let elsewhere = proxy_file(&cadre, "proxy_cadre", "13512345679", HEKOU_VILLAGE).await;
    assert_eq!(
        elsewhere.status(),
        422,
        "a village cadre files only in its village"
    );
    // Said under the village, and the form offers only the cadre's own, chosen already
    // (the whole county was offered: officer tester).
    let said = elsewhere.text().await.expect("body");
    assert!(said.contains("只能为本人负责的村"), "{said}");
    let page = cadre.get_html("/staff/report").await;
    assert!(
        !page.contains(HEKOU_VILLAGE),
        "another township's village offered"
    );
    assert!(
        page.contains(&format!(r#"value="{QINGSHI_VILLAGE}" selected"#)),
        "its one village chosen"
    );

    let admin = app.login("xian-admin").await;
    let forbidden = proxy_file(&admin, "proxy_cadre", "13512345679", QINGSHI_VILLAGE).await;
    assert_eq!(forbidden.status(), 403);
}

#[tokio::test]
async fn while_typing_a_proxy_sees_earlier_filings_for_the_household() {
    let app = spawn_app().await;
    let operator = app.login("rexian").await;
    let none: Value = duplicates(&operator, "13512345678")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(none, serde_json::json!([]));

    let tracking = app
        .submit_report("孙大娘", "13512345678", QINGSHI_VILLAGE)
        .await;
    let found: Value = duplicates(&operator, "13512345678")
        .await
        .json()
        .await
        .expect("json");
    // The hotline covers the county but opens only what it filed: a household's own filing
    // is said to be there, where and how far, never whose it is or its tracking number
    // (attacker tester: an ID number typed here gave both, and the number opened the
    // household's progress page). A caller gets the number by 忘记查询码, on their phone.
    let grouped = app::domain::tracking::TrackingNumber::shown_back(&tracking);
    assert_eq!(found[0]["tracking"], format!("{}-****-**", &grouped[..4]));
    assert_eq!(found[0]["applicant"], "");
    assert_eq!(found[0]["case_id"], Value::Null);
    assert_eq!(found[0]["reasons_zh"], "身份证号相同、手机号相同");
    // The island shows the server's words as they come: Chinese here, English below.
    assert_eq!(found[0]["state_words"], "待乡镇受理");
    assert_eq!(found[0]["reasons_words"], "身份证号相同、手机号相同");
    crate::english_page::choose_english(&operator).await;
    let english: Value = duplicates(&operator, "13512345678")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        english[0]["state_words"],
        "Waiting for the township to accept"
    );
    assert_eq!(
        english[0]["reasons_words"],
        "Same ID number, Same mobile number"
    );
    assert_eq!(english[0]["state_zh"], "待乡镇受理");

    // The village's own cadre may open the case: the number is shown whole, grouped (it
    // was ten symbols in a row).
    let cadre = app.login("cun-qingshi").await;
    let whole: Value = duplicates(&cadre, "13512345678")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(whole[0]["tracking"], grouped.as_str());
    assert_eq!(whole[0]["applicant"], "孙大娘");
    // And the hotline sees whole what it filed itself.
    let filed = proxy_file(&operator, "proxy_hotline", "13512345670", QINGSHI_VILLAGE).await;
    let own_id: String = filed.json().await.expect("case id");
    let own: Value = duplicates(&operator, "13512345670")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(own[0]["case_id"], own_id.as_str());
    assert!(!own[0]["tracking"].as_str().expect("tracking").contains('*'));

    // Its own case's page lists the earlier filing as narrowly (the same leak was there).
    let earlier = proxy_file(&operator, "proxy_hotline", "13512345678", QINGSHI_VILLAGE).await;
    let earlier_id: String = earlier.json().await.expect("case id");
    let own_case = detail(&operator, &earlier_id).await;
    let listed = &own_case["duplicates"][0];
    assert_eq!(listed["tracking"], format!("{}-****-**", &grouped[..4]));
    assert_eq!(listed["applicant"], "");
    // And its history (系统提示疑似重复申报：…) masks it too (attacker re-tester).
    let history = crate::helpers::timeline(&own_case);
    assert!(
        history.contains(&format!("{}-****-**", &grouped[..4])),
        "{history}"
    );
    assert!(!history.contains(grouped.as_str()), "{history}");

    // Another township's officer learns nothing of a filing outside their region (issue 8).
    let other = app.login("zhen-hekou").await;
    let outside: Value = duplicates(&other, "13512345678")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(outside, serde_json::json!([]));

    let admin = app.login("xian-admin").await;
    assert_eq!(duplicates(&admin, "13512345678").await.status(), 403);
}

#[tokio::test]
async fn a_department_files_an_alert_without_anyone_reading_the_pledge() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    let filed = proxy_file(
        &department,
        "department_alert",
        "13512345677",
        QINGSHI_VILLAGE,
    )
    .await;
    assert_eq!(filed.status(), 200);
    let id: String = filed.json().await.expect("case id");
    let row = case_row(&app, &id).await;
    assert_eq!(row.consent_by, None);
    let page = department.get_html("/staff/report").await;
    assert!(
        page.contains("入户核查时由农户签署"),
        "no read-aloud tick for departments"
    );
    let county = app.login("xian-officer").await;
    let case = detail(&county, &id).await;
    assert_eq!(
        case["consent_zh"],
        "部门预警，入户核查时由农户签署承诺授权书"
    );
}

/// The read-back script is shown only on the address the filing sent its own sign-in to: an
/// address typed by hand, or the link opened by a colleague, shows the case without it
/// (anyone who could open the case could add `?filed` and read a script naming dates long
/// gone: officer re-tester). Without JavaScript the redirect carries the same signed mark.
#[tokio::test]
async fn the_read_back_script_is_only_on_the_filing_s_own_signed_address() {
    let app = spawn_app().await;
    let cadre = app.login("cun-qingshi").await;
    let (id, page) = file_and_follow(&cadre, "proxy_cadre", "13900000003", QINGSHI_VILLAGE).await;
    let script = r#"data-testid="caller-script""#;
    assert!(page.contains(script), "the poster's own address");
    for made_up in [
        format!("/staff/cases/{id}?filed"),
        format!("/staff/cases/{id}?filed=1"),
    ] {
        let page = cadre.get_html(&made_up).await;
        assert!(!page.contains(script), "{made_up}");
        assert!(page.contains("孙大娘"), "the case is still shown");
    }
    let plain = cadre
        .post_plain_form(
            "/api/reports/proxy",
            "/staff/report",
            &proxy_form("proxy_cadre", "13900000004", QINGSHI_VILLAGE),
        )
        .await;
    assert_eq!(plain.status(), 302);
    let location = plain.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.contains("?filed=1&__sig="), "{location}");
    assert!(cadre.get_html(&location).await.contains(script));
    let township = app.login("zhen-qingshi").await;
    let forwarded = township.get_html(&location).await;
    assert!(!forwarded.contains(script), "a colleague's link");
}

/// A refused proxy filing kept without JavaScript (the applicant's ID number in full) is kept
/// for that sign-in only: after signing out, the browser's public form does not open it (it
/// did, on a shared village-office computer: attacker tester).
#[tokio::test]
async fn a_kept_proxy_draft_ends_with_the_sign_in() {
    let app = spawn_app().await;
    let cadre = app.login("cun-qingshi").await;
    let mut form = proxy_form("proxy_cadre", "13900000005", QINGSHI_VILLAGE);
    form.retain(|(name, _)| name != "form[consent]");
    form.iter_mut()
        .filter(|(name, _)| name == "form[name]")
        .for_each(|(_, value)| *value = "李秘密".into());
    let refused = cadre
        .post_plain_form("/api/reports/proxy", "/staff/report", &form)
        .await;
    let kept = refused
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find(|c| c.starts_with("sn_draft="))
        .map(|c| c.split(';').next().unwrap_or(c).to_owned())
        .expect("the browser's draft cookie");
    let location = refused.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let draft = location
        .split("draft=")
        .nth(1)
        .map(|d| d.split('&').next().unwrap_or(d).to_owned())
        .expect("kept as a draft");
    assert!(
        cadre.get_html(&location).await.contains("李秘密"),
        "kept for the form"
    );
    let out = cadre.post_api("/api/auth/logout", &[]).await;
    let cookies: Vec<&str> = out
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("sn_draft=;") && c.contains("Max-Age=0")),
        "{cookies:?}"
    );
    let public = cadre.get_html(&format!("/report?draft={draft}")).await;
    assert!(!public.contains("李秘密"), "not after signing out");
    // Nor with the old cookie kept, signed out or signed in as another account.
    let base = app.base.clone();
    let open = |cookie: String, path: String| {
        let url = format!("{base}{path}");
        async move {
            crate::hardening::bare_client()
                .get(url)
                .header(reqwest::header::COOKIE, cookie)
                .send()
                .await
                .expect("page")
                .text()
                .await
                .expect("html")
        }
    };
    let page = open(kept.clone(), format!("/report?draft={draft}")).await;
    assert!(!page.contains("李秘密"), "signed out, the old cookie");
    let other = crate::hardening::session_cookie(&app, "cun-longjing").await;
    let path = location[location.find("/staff/report").expect("the form")..].to_owned();
    let page = open(format!("{kept}; {other}"), path).await;
    assert!(!page.contains("李秘密"), "another account");
}
