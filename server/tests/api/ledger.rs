//! The monitoring ledger (台账) download: monitored households of the officer's region only.
use crate::helpers::{spawn_app_with, TestApp};

async fn download(officer: &TestApp) -> reqwest::Response {
    officer
        .client
        .get(officer.url("/staff/ledger.csv"))
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn a_county_officer_downloads_the_ledger_of_monitored_households() {
    let app = spawn_app_with(true).await;
    let county = app.login("xian-officer").await;
    let response = download(&county).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert!(headers["content-disposition"]
        .to_str()
        .expect("ascii")
        .starts_with("attachment;"));
    let body = response.text().await.expect("body");
    assert!(body.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let lines: Vec<&str> = body.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].starts_with("查询码,乡镇,村,"));
    // Of the nine demo filings only 刘志强's household has been identified.
    assert_eq!(lines.len(), 2, "{body}");
    let row = lines[1];
    for expected in [
        "刘志强",
        "边缘易致贫户",
        // 龙井村's own cadre answers for the household (the demo once named 青石村's).
        "张村干",
        "公益岗位",
        "未消除",
        "青石镇",
    ] {
        assert!(row.contains(expected), "{expected} in {row}");
    }
    assert!(
        !row.contains("522799197001010"),
        "ID numbers are masked in the file: {row}"
    );
}

#[tokio::test]
async fn the_ledger_is_scoped_and_not_for_every_role() {
    let app = spawn_app_with(true).await;
    let hekou = app.login("zhen-hekou").await;
    let body = download(&hekou).await.text().await.expect("body");
    assert!(
        !body.contains("刘志强"),
        "another township's households stay out"
    );

    let admin = app.login("xian-admin").await;
    assert_eq!(download(&admin).await.status(), 403);
    let hotline = app.login("rexian").await;
    assert_eq!(download(&hotline).await.status(), 403);
    // Each refused try is an audit row, as each download is (attacker tester).
    let refused: Vec<String> = sqlx::query_scalar(
        "select actor_id from audit_log where action = 'ledger_exported' and outcome = 'refused' \
         order by actor_id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("audit");
    assert_eq!(refused, ["demo-rexian", "demo-xian-admin"]);

    let anonymous = download(&app).await;
    assert_eq!(anonymous.status(), 303);
    assert_eq!(anonymous.headers()["location"], "/staff/login");
}

#[tokio::test]
async fn the_ledger_downloads_as_an_excel_workbook_with_typed_cells() {
    use calamine::{Data, Reader, Xlsx};

    let app = spawn_app_with(true).await;
    let county = app.login("xian-officer").await;
    let response = county
        .client
        .get(county.url("/staff/ledger.xlsx"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let bytes = response.bytes().await.expect("body").to_vec();
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("a real xlsx file");
    let sheet = workbook.worksheet_range("台账").expect("the 台账 sheet");
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows.len(), 2, "header and 刘志强's household: {rows:?}");
    let column = |title: &str| {
        rows[0]
            .iter()
            .position(|c| c == &Data::String(title.to_owned()))
            .unwrap_or_else(|| panic!("column {title}"))
    };
    let household = rows[1];
    assert_eq!(
        household[column("户主（申请人）")],
        Data::String("刘志强".into())
    );
    assert!(
        matches!(household[column("发现日期")], Data::DateTime(_)),
        "a date cell, not text: {:?}",
        household[column("发现日期")]
    );
    assert!(matches!(household[column("家庭人口")], Data::Float(n) if n >= 1.0));
    assert!(matches!(
        household[column("帮扶金额合计（元）")],
        Data::Float(_)
    ));
    let id = household[column("身份证号（脱敏）")].to_string();
    assert!(id.contains('*') && !id.contains("522799197001010"), "{id}");

    // The measures counted by type (counts by measure, as the reporting rules ask): the
    // total row adds up to the households' own totals.
    let measures = workbook
        .worksheet_range("帮扶措施统计")
        .expect("the measures sheet");
    let rows: Vec<&[Data]> = measures.rows().collect();
    assert_eq!(rows[0][0], Data::String("帮扶措施".into()));
    let total = rows.last().expect("a total row");
    assert_eq!(total[0], Data::String("合计".into()), "{rows:?}");
    assert_eq!(
        total[1],
        Data::Float(1.0),
        "刘志强's household, once: {rows:?}"
    );
    assert_eq!(
        total[5],
        household[column("帮扶金额合计（元）")],
        "the same amount as the ledger's row"
    );
    assert!(
        rows.len() >= 3,
        "a row per measure type, then the total: {rows:?}"
    );
}

/// The ledger names the household as the notice does: the 户主 the home check recorded, with
/// that person's (masked) ID number and the members counted, not the applicant (tester: the
/// ledger said 杨秀英 where the notice board said 王建军).
#[tokio::test]
async fn the_ledger_names_the_head_the_home_check_recorded() {
    use app::domain::{
        case::{state::Relation, CaseCommand},
        id_number::IdNumber,
    };
    let app = spawn_app_with(false).await;
    let tracking = app
        .submit_report("杨秀英", "13800138095", crate::helpers::QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    let township = crate::fixtures::township_officer();
    crate::storage::run(&app, &township, &id, CaseCommand::ACCEPT).await;
    let mut record = crate::fixtures::record(crate::storage::today(&app), 300_000);
    record.members[0].name = "王建军".into();
    record.members[0].relation = Relation::Head;
    record.members[0].id_number = Some(IdNumber::parse("522727198001010015").expect("id"));
    crate::storage::home_check_to_township_with(&app, &id, record).await;
    crate::storage::compare_and_identify(&app, &id).await;

    let officer = app.login("xian-officer").await;
    let body = download(&officer).await.text().await.expect("body");
    let grouped = format!("{}-{}-{}", &tracking[..4], &tracking[4..8], &tracking[8..]);
    let row = body
        .lines()
        .find(|l| l.contains(&tracking) || l.contains(&grouped))
        .unwrap_or_else(|| panic!("{body}"));
    assert!(row.contains("王建军"), "{row}");
    assert!(!row.contains("杨秀英"), "{row}");
    assert!(row.contains("0015"), "the head's ID, masked: {row}");
    assert!(!row.contains("522727198001010015"), "{row}");
}

/// The demo's responsible person for 刘志强 (龙井村) is 龙井村's cadre, who can open the case
/// and finds the household in the queue; 青石村's cadre, once named, could do neither.
#[tokio::test]
async fn the_demo_s_responsible_cadre_can_open_the_household_s_case() {
    let app = spawn_app_with(true).await;
    let cadre = app.login("cun-longjing").await;
    let all: serde_json::Value = cadre.queue_tab("all").await.json().await.expect("json");
    let case = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["applicant"] == "刘志强" && i["state"] == "监测帮扶中")
        .expect("the identified household is in 龙井村's queue");
    let id = case["case_id"].as_str().expect("id");
    let page = crate::helpers::detail(&cadre, id).await;
    let text = page.to_string();
    assert!(text.contains("张村干"), "named responsible: {text}");
    assert!(
        !text.contains("王村干"),
        "青石村's cadre is not in it: {text}"
    );
}
