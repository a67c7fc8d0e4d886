//! The dashboard's tables as a real workbook, read back with calamine: one sheet per table,
//! counts as numbers, the as-of day as a date, a frozen header row.
use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};

use crate::helpers::spawn_app_with;

#[tokio::test]
async fn the_dashboard_downloads_as_a_workbook_with_typed_cells_and_a_frozen_header() {
    let app = spawn_app_with(true).await;
    let county = app.login("xian-officer").await;
    let page = county.get_html("/staff/dashboard").await;
    assert!(
        page.contains("href=\"/staff/dashboard.xlsx\""),
        "a link on the dashboard"
    );

    let response = county
        .client
        .get(county.url("/staff/dashboard.xlsx"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(response.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .starts_with("attachment; filename=\"dashboard.xlsx\""));
    let bytes = response.bytes().await.expect("body").to_vec();
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).expect("a real xlsx file");
    assert_eq!(
        book.sheet_names(),
        [
            "各环节事项",
            "逾期事项分布",
            "认定用时",
            "监测对象",
            "风险等级和类型",
            "本月变动",
            "集中排查进度"
        ]
    );

    let steps = book.worksheet_range("各环节事项").expect("sheet");
    let rows: Vec<&[Data]> = steps.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["环节", "按时", "即将到期", "已逾期", "合计"]);
    assert!(rows.len() > 1, "the demo cases are open at some step");
    let mut open = 0.0;
    for row in &rows[1..] {
        assert!(matches!(row[0], Data::String(_)), "{row:?}");
        let numbers: Vec<f64> = row[1..]
            .iter()
            .map(|c| match c {
                Data::Float(n) => *n,
                other => panic!("a count as a number, not {other:?}"),
            })
            .collect();
        assert_eq!(numbers[0] + numbers[1] + numbers[2], numbers[3], "{row:?}");
        open += numbers[3];
    }
    assert!(open >= 1.0);

    let timing = book.worksheet_range("认定用时").expect("sheet");
    let rows: Vec<&[Data]> = timing.rows().collect();
    assert_eq!(rows[0][0], Data::String("统计日期".into()));
    // Decided, then split: identified and not (tester: a refusal read as identified).
    assert_eq!(rows[0][2], Data::String("本月办结认定（户）".into()));
    assert_eq!(rows[0][3], Data::String("其中纳入监测（户）".into()));
    assert_eq!(rows[0][4], Data::String("其中不纳入（户）".into()));
    assert!(matches!(rows[1][0], Data::DateTime(_)), "{:?}", rows[1][0]);
    assert_eq!(
        rows[1][6],
        Data::Float(15.0),
        "the 15-day limit as a number"
    );

    // 监测对象: a row per category and a total row, the same figures the page gives.
    let board: serde_json::Value = county
        .post_api("/api/dashboard/mine", &[])
        .await
        .json()
        .await
        .expect("json");
    let objects = book.worksheet_range("监测对象").expect("sheet");
    let rows: Vec<&[Data]> = objects.rows().collect();
    assert_eq!(rows[0][1], Data::String("风险未消除（户）".into()));
    assert_eq!(rows.len(), 5, "three categories and the total");
    let at_risk: u64 = board["objects"]["by_category"]
        .as_array()
        .expect("categories")
        .iter()
        .map(|c| c["at_risk"].as_u64().expect("count"))
        .sum();
    assert!(at_risk >= 1, "the demo county monitors households: {board}");
    assert_eq!(rows[4][0], Data::String("合计".into()));
    assert_eq!(rows[4][1], Data::Float(at_risk as f64));
    let levels = book.worksheet_range("风险等级和类型").expect("sheet");
    let tiers: f64 = levels
        .rows()
        .filter(|r| r[0] == Data::String("风险等级".into()))
        .map(|r| match r[2] {
            Data::Float(n) => n,
            _ => panic!("a count as a number: {r:?}"),
        })
        .sum();
    assert_eq!(
        tiers, at_risk as f64,
        "every household at risk has one level"
    );

    // The header row is frozen in every sheet.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    for n in 1..=7 {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
            .expect("sheet xml")
            .read_to_string(&mut xml)
            .expect("utf-8");
        assert!(
            xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""),
            "{xml}"
        );
    }

    // A liaison's workbook has its queue's sheets only: no empty campaign sheet.
    let liaison = app.login("bumen-minzheng").await;
    let bytes = liaison.get_bytes("/staff/dashboard.xlsx").await;
    let book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    assert_eq!(
        book.sheet_names(),
        ["各环节事项", "逾期事项分布", "认定用时"]
    );

    let signed_out = crate::helpers::client(&app.base)
        .get(app.base.clone() + "/staff/dashboard.xlsx")
        .send()
        .await
        .expect("request");
    assert_eq!(signed_out.status(), 303, "to the login page");
}
