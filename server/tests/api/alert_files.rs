//! A line department chooses its list as a file (.xlsx, .xls, .csv), read by the server with
//! calamine: the hydrated page gets the rows back to push in batches, a browser without
//! JavaScript gets the import page again with every row's outcome. A file refused as a whole
//! writes nothing.
use reqwest::header;
use rust_xlsxwriter::Workbook;
use serde_json::Value;

use crate::helpers::{id_number_for, spawn_app, TestApp, QINGSHI_VILLAGE};

pub(crate) const XLS_FIXTURE: &[u8] = include_bytes!("../fixtures/department_alerts.xls");

/// A multipart body as a browser sends the import form: the chosen file, the pasted text.
fn form(file: Option<(&str, &[u8])>, pasted: &str) -> (String, Vec<u8>) {
    let boundary = "----safetynet-test-boundary";
    let mut body = Vec::new();
    let (name, bytes) = file.unwrap_or(("", b""));
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(
        format!(
            "\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"csv\"\r\n\r\n{pasted}\r\n--{boundary}--\r\n"
        )
        .as_bytes(),
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post(
    officer: &TestApp,
    path: &str,
    accept: &str,
    file: Option<(&str, &[u8])>,
) -> reqwest::Response {
    let (content_type, body) = form(file, "");
    officer
        .client
        .post(officer.url(path))
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT, accept)
        .body(body)
        .send()
        .await
        .expect("request")
}

/// The hydrated page's call: the rows read from the file, or the refusal.
pub(crate) async fn parse(officer: &TestApp, name: &str, bytes: &[u8]) -> (u16, Value) {
    let response = post(
        officer,
        "/staff/alerts/parse",
        "application/json",
        Some((name, bytes)),
    )
    .await;
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

/// The JavaScript-off post, to the import page itself: the import page with the answer.
pub(crate) async fn import(officer: &TestApp, name: &str, bytes: &[u8]) -> (u16, String) {
    let response = post(officer, "/staff/alerts", "text/html", Some((name, bytes))).await;
    let status = response.status().as_u16();
    (status, response.text().await.expect("html"))
}

async fn cases(app: &TestApp) -> i64 {
    sqlx::query_scalar::<_, i64>("select count(*) from cases")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

/// 情况说明, 困难类型, 家庭人口, 村代码, 身份证号码, 手机号码, 姓名, 记录编号.
type SheetRow<'a> = (
    &'a str,
    &'a str,
    f64,
    &'a str,
    &'a str,
    f64,
    &'a str,
    &'a str,
);

/// A department's sheet: its own column order, the phone number and household size typed as
/// numbers, one good row and one with a short phone number.
pub(crate) fn xlsx(header_only: bool) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "情况说明",
        "困难类型",
        "家庭人口",
        "村代码",
        "身份证号码",
        "手机号码",
        "姓名",
        "记录编号",
    ];
    for (c, name) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *name).expect("cell");
    }
    if !header_only {
        let good = id_number_for("13511118888");
        let rows: [SheetRow; 2] = [
            (
                "新发重病",
                "因病、因残",
                3.0,
                QINGSHI_VILLAGE,
                &good,
                13511118888.0,
                "钱大伯",
                "XL-1",
            ),
            (
                "住院",
                "因病",
                2.0,
                QINGSHI_VILLAGE,
                &good,
                1351111.0,
                "孙大娘",
                "XL-2",
            ),
        ];
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, row.0).expect("cell");
            sheet.write_string(r, 1, row.1).expect("cell");
            sheet.write_number(r, 2, row.2).expect("cell");
            sheet.write_string(r, 3, row.3).expect("cell");
            sheet.write_string(r, 4, row.4).expect("cell");
            sheet.write_number(r, 5, row.5).expect("cell");
            sheet.write_string(r, 6, row.6).expect("cell");
            sheet.write_string(r, 7, row.7).expect("cell");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

#[tokio::test]
async fn an_xlsx_in_any_column_order_is_read_on_the_server_for_the_page_to_push() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    let (status, answer) = parse(&department, "民政预警名单.xlsx", &xlsx(false)).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["Batches"]["rows"], 2);
    let rows = batch(&answer, 0);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["reference"], "XL-1");
    assert_eq!(rows[0]["name"], "钱大伯");
    assert_eq!(
        rows[0]["mobile"], "13511118888",
        "a number cell reads as its digits"
    );
    assert_eq!(rows[0]["household_size"], "3");
    assert_eq!(
        rows[0]["risk_types"],
        serde_json::json!(["illness", "disability"])
    );
    assert_eq!(
        cases(&app).await,
        0,
        "reading files nothing: the page pushes the rows"
    );

    // The page posts each batch body as it is to alerts/push.
    let body = answer["Batches"]["bodies"][0]
        .as_str()
        .expect("body")
        .to_owned();
    let pushed: Value = department
        .client
        .post(department.url("/api/alerts/push"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json")
        .body(body)
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert!(pushed[0]["tracking"].is_string(), "{pushed}");
    assert_eq!(pushed[1]["errors"][0]["field"], "mobile");
    assert_eq!(cases(&app).await, 1);

    let (status, answer) = parse(&department, "alerts.xls", XLS_FIXTURE).await;
    assert_eq!(status, 200, "{answer}");
    let rows = batch(&answer, 0);
    assert_eq!(rows[0]["reference"], "XLS-1");
    assert_eq!(rows[0]["mobile"], "13511117777");
    assert_eq!(rows[0]["group"], "一组");
    assert_eq!(rows[1]["reference"], "XLS-2");

    // 60 rows come back as three batches of at most 25.
    let mut csv =
        String::from("记录编号,姓名,手机号码,身份证号码,村代码,家庭人口,困难类型,情况说明\n");
    for i in 0..60 {
        csv.push_str(&format!(
            "R{i},钱大伯,13511112222,x,{QINGSHI_VILLAGE},3,因病,住院\n"
        ));
    }
    let (_, answer) = parse(&department, "名单.csv", csv.as_bytes()).await;
    assert_eq!(answer["Batches"]["rows"], 60);
    let sizes: Vec<usize> = (0..3).map(|i| batch(&answer, i).len()).collect();
    assert_eq!(sizes, [25, 25, 10]);
}

/// The rows of the `n`th batch body of a parse answer.
fn batch(answer: &Value, n: usize) -> Vec<Value> {
    let body: Value = serde_json::from_str(answer["Batches"]["bodies"][n].as_str().expect("body"))
        .expect("a JSON body");
    body["alerts"].as_array().expect("alerts").clone()
}

#[tokio::test]
async fn without_javascript_a_chosen_file_gets_the_row_by_row_answer_page() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    let (status, page) = import(&department, "名单.xlsx", &xlsx(false)).await;
    assert_eq!(status, 200, "the answer page, not a redirect to the queue");
    assert!(page.contains("已登记1条，未登记1条"), "{page}");
    assert!(page.contains("XL-1") && page.contains("XL-2"));
    // A row's problem names its column as the header does, never the program's field name.
    for field in [
        "reference",
        "name",
        "mobile",
        "id_number",
        "village",
        "household_size",
    ] {
        assert!(!page.contains(&format!("{field}：")), "{field} in {page}");
    }
    for field in ["risk_types", "description", "group"] {
        assert!(!page.contains(&format!("{field}：")), "{field} in {page}");
    }
    assert!(
        page.contains("部门预警导入"),
        "the import page, ready for the next list"
    );
    assert_eq!(cases(&app).await, 1);

    let (status, page) = import(&department, "名单.xls", XLS_FIXTURE).await;
    assert_eq!(status, 200);
    assert!(page.contains("已登记1条，未登记1条"), "{page}");
    assert!(page.contains("XLS-2"));

    // A GBK CSV as Excel or WPS in China saves it.
    let csv = format!(
        "村代码,记录编号,姓名,手机号码,身份证号码,家庭人口,困难类型,情况说明\r\n\
         {QINGSHI_VILLAGE},CSV-1,李奶奶,13511119999,{},1,因病,独居，新发重病\r\n",
        id_number_for("13511119999")
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
    let (status, page) = import(&department, "名单.csv", &gbk).await;
    assert_eq!(status, 200);
    assert!(page.contains("已登记1条，未登记0条"), "{page}");
    assert_eq!(cases(&app).await, 3);
}

#[tokio::test]
async fn a_wrong_empty_incomplete_or_too_big_file_is_refused_and_nothing_is_filed() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    let big = vec![b'a'; 1024 * 1024 + 1];
    let refusals: [(&str, Vec<u8>, &str); 6] = [
        ("photo.png", b"\x89PNG\r\n\x1a\n".to_vec(), "文件类型不对"),
        ("名单.xlsx", b"just text".to_vec(), "文件类型不对"),
        ("名单.xlsx", xlsx(true), "只有表头"),
        ("名单.csv", Vec::new(), "文件是空的"),
        (
            "名单.csv",
            "姓名,手机号码\n张三,13800138000\n".as_bytes().to_vec(),
            "表头缺少“记录编号”",
        ),
        ("名单.csv", big, "文件太大"),
    ];
    for (name, bytes, says) in refusals {
        let (status, answer) = parse(&department, name, &bytes).await;
        assert_eq!(status, 422, "{name}: {answer}");
        assert!(
            answer["Refused"]["message"]
                .as_str()
                .expect("message")
                .contains(says),
            "{name}: {answer}"
        );
        let (status, page) = import(&department, name, &bytes).await;
        assert_eq!(status, 200, "{name}");
        assert!(
            page.contains(says) && page.contains("没有导入任何内容"),
            "{name}: {page}"
        );
    }
    assert_eq!(cases(&app).await, 0);

    // Only a role that files department alerts may import.
    let hotline = app.login("rexian").await;
    let (status, _) = parse(&hotline, "名单.xlsx", &xlsx(false)).await;
    assert_eq!(status, 403);
}
