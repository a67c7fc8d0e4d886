//! Staff pages in English: each page group fetched with the English language cookie shows no
//! Chinese outside elements marked `lang="zh-CN"` (the data: names, places, notes).
use crate::{
    english_page::{assert_english, choose_english},
    helpers::{spawn_app, QINGSHI_VILLAGE},
};

#[tokio::test]
async fn sign_in_missing_pages_and_messages_are_in_english() {
    let app = spawn_app().await;
    choose_english(&app).await;
    let login = assert_english(&app, "/staff/login").await;
    assert!(login.contains(">Staff sign-in</h1>"), "{login}");
    assert!(login.contains(">Password</label>"));
    let missing = assert_english(&app, "/staff/no-such-page").await;
    assert!(missing.contains(">Page not found</h1>"));

    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let officer = app.login("zhen-qingshi").await;
    choose_english(&officer).await;
    let inbox = assert_english(&officer, "/staff/inbox").await;
    assert!(inbox.contains(">Messages</h1>"), "{inbox}");
}

#[tokio::test]
async fn the_village_notice_is_in_english_with_names_marked() {
    let app = spawn_app().await;
    choose_english(&app).await;
    let notice = assert_english(&app, &format!("/notice/{QINGSHI_VILLAGE}")).await;
    assert!(notice.contains("Village Committee"), "{notice}");
}

#[tokio::test]
async fn filing_for_a_household_is_in_english() {
    let app = spawn_app().await;
    let hotline = app.login("rexian").await;
    choose_english(&hotline).await;
    let form = assert_english(&hotline, "/staff/report").await;
    assert!(form.contains(">File for a household</h1>"), "{form}");
    assert!(form.contains("Pledge read aloud"));
    assert!(form.contains(">How it came in *</label>"));
}

#[tokio::test]
async fn the_audit_log_and_department_keys_are_in_english() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let officer = app.login("zhen-qingshi").await;
    let case = app.case_id_of(&tracking).await;
    officer.get_html(&format!("/staff/cases/{case}")).await;
    let shown = crate::access::reveal(&officer, &case, "other", "信访核实").await;
    assert_eq!(shown.status(), 200);
    let admin = app.login("xian-admin").await;
    choose_english(&admin).await;
    let audit = assert_english(&admin, "/staff/audit").await;
    assert!(audit.contains(">Audit log</h1>"), "{audit}");
    assert!(
        audit.contains("<td data-label=\"Staff: \" lang=\"zh-CN\">"),
        "rows are listed: {audit}"
    );
    // Role, action, outcome, reason and the chain's line in English; only the officer's
    // own words stay Chinese, marked.
    for words in [
        ">The audit log is intact: ",
        ">Township officer</td>",
        ">Case opened</td>",
        ">Full ID number shown</td>",
        ">Viewed</td>",
        ">Looking at the household",
        "Other: <span lang=\"zh-CN\">信访核实</span>",
        ">Audit log exported</option>",
    ] {
        assert!(audit.contains(words), "{words}: {audit}");
    }
    let chinese = app.login("xian-admin").await.get_html("/staff/audit").await;
    for words in [
        "审计日志完整，共 ",
        ">查看完整身份证号</td>",
        "其他：<span lang=\"zh-CN\">信访核实</span>",
    ] {
        assert!(chinese.contains(words), "{words}: {chinese}");
    }
    let keys = assert_english(&admin, "/staff/keys").await;
    assert!(keys.contains(">Department API keys</h1>"), "{keys}");
}

#[tokio::test]
async fn accounts_settings_and_the_dashboard_are_in_english() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let admin = app.login("xian-admin").await;
    choose_english(&admin).await;
    let accounts = assert_english(&admin, "/staff/admin").await;
    assert!(accounts.contains(">Accounts</h1>"), "{accounts}");
    assert!(accounts.contains("Phone numbers (shown on the household progress page)"));
    let settings = assert_english(&admin, "/staff/settings").await;
    assert!(settings.contains(">Policy and holidays</h1>"), "{settings}");
    assert!(settings.contains(">Swapped workday</option>"));
    let county = app.login("xian-officer").await;
    choose_english(&county).await;
    let dashboard = assert_english(&county, "/staff/dashboard").await;
    assert!(dashboard.contains("Dashboard</h1>"), "{dashboard}");
    // The filed report's step is named in English in the chart, and words are spaced.
    assert!(!dashboard.contains("待乡镇受理"), "{dashboard}");
    assert!(dashboard.contains("青石县</span> "), "{dashboard}");
    assert!(
        dashboard.contains("Yearly screening campaign"),
        "{dashboard}"
    );
    // A step's name is page text above its bar (at the page's size on any screen; it used to
    // be SVG text, scaled with the drawing), and the bar repeats it for no reader.
    assert!(
        dashboard.contains(r#"state=reported">Waiting for the township to accept</a></span>"#)
            && dashboard
                .contains(r#"preserveAspectRatio="none" aria-hidden="true" class="chart-bar""#),
        "{dashboard}"
    );
}

#[tokio::test]
async fn the_alert_import_page_is_in_english() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    choose_english(&department).await;
    let page = assert_english(&department, "/staff/alerts").await;
    assert!(page.contains(">Import department alerts</h1>"), "{page}");
    assert!(page.contains(">Import</button>"), "{page}");
}

#[tokio::test]
async fn inbox_titles_and_the_dashboard_month_are_in_english() {
    let app = spawn_app().await;
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    // Three days on, the township acceptance is overdue: the officer and the head are told.
    app.clock.advance(chrono::Duration::days(3));
    use app::ssr::clock::Clock;
    app::ssr::services::escalation::sweep(&app.state, app.clock.now())
        .await
        .expect("sweep");
    let officer = app.login("zhen-qingshi").await;
    let chinese = officer.get_html("/staff/inbox").await;
    assert!(chinese.contains(">已逾期：乡镇受理（"), "{chinese}");
    choose_english(&officer).await;
    let inbox = assert_english(&officer, "/staff/inbox").await;
    assert!(
        inbox.contains("<strong class=\"inbox-title\">Overdue: Township acceptance ("),
        "{inbox}"
    );
    // The body too, the village's name kept as data (no body left wholly Chinese).
    assert!(chinese.contains("现已逾期，请尽快办理。"), "{chinese}");
    assert!(!inbox.contains("<div lang=\"zh-CN\">"), "{inbox}");
    let inbox_text = inbox.replace("<!>", "");
    assert!(
        inbox_text
            .contains("<span lang=\"zh-CN\">青石村</span>: \"Township acceptance\" was due on ")
            && inbox_text.contains(" and is now overdue. Please act on it soon."),
        "{inbox}"
    );
    let head = app.login("zhenzhang-qingshi").await;
    choose_english(&head).await;
    let inbox = assert_english(&head, "/staff/inbox").await;
    assert!(
        inbox.contains(">To supervise: Township acceptance is overdue ("),
        "{inbox}"
    );
    assert!(
        inbox
            .replace("<!>", "")
            .contains("(handled by: township) was due on "),
        "{inbox}"
    );

    let county = app.login("xian-officer").await;
    let chinese = county.get_html("/staff/dashboard").await;
    assert!(chinese.contains("<h2>2026年11月"), "{chinese}");
    choose_english(&county).await;
    let dashboard = assert_english(&county, "/staff/dashboard").await;
    assert!(
        dashboard.contains("<h2>November 2026 ") && dashboard.contains("time to identify</h2>"),
        "{dashboard}"
    );
}
