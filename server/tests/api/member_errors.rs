//! A refused home check (入户核查) shows every problem of every member at once, each naming
//! the member, and marks only the wrong controls (`aria-invalid`, tied to their message).
use crate::{
    fixtures::accepted_case,
    helpers::{detail, fields, spawn_app},
};

#[tokio::test]
async fn every_member_problem_is_shown_at_once_on_its_own_control() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138078").await;
    let cadre = app.login("cun-qingshi").await;
    let case = detail(&cadre, &id).await;
    let version = case["version"].as_i64().expect("version").to_string();
    let today = case["today"].as_str().expect("today").to_owned();
    let mut body = fields(&[
        ("case_id", id.as_str()),
        ("version", version.as_str()),
        ("form[kind]", "record_home_check"),
        ("form[date]", today.as_str()),
        ("form[visitors]", "王村干"),
        ("form[members][0][name]", "张三"),
        ("form[members][0][relation]", "head"),
        ("form[members][0][labour]", "full"),
        ("form[members][0][income]", "3000"),
        // No relation, no ability to work, income not a number.
        ("form[members][1][name]", "李芳"),
        ("form[members][1][income]", "abc"),
        ("form[guarantees][0]", "food"),
        ("form[guarantees][1]", "clothing"),
        ("form[guarantees][2]", "compulsory_education"),
        ("form[guarantees][3]", "basic_medical"),
        ("form[guarantees][4]", "housing_safety"),
        ("form[guarantees][5]", "drinking_water"),
        ("form[consent_signed]", "on"),
    ]);
    body.push(("form[members][2][name]".into(), String::new()));
    let page = cadre
        .post_plain_form(
            &format!("/staff/cases/{id}"),
            &format!("/staff/cases/{id}"),
            &body,
        )
        .await
        .text()
        .await
        .expect("html");
    for part in ["劳动能力", "年收入", "与户主关系"] {
        assert!(
            page.contains(&format!("第2位成员 李芳（{part}）")),
            "{part} named with the member's name"
        );
    }
    assert_eq!(
        page.matches("aria-invalid=\"true\"").count(),
        3,
        "only the wrong controls"
    );
    let tag = crate::helpers::tag_with(&page, "name=\"form[members][1][income]\"");
    assert!(tag.contains("value=\"abc\""), "kept: {tag}");
    assert!(tag.contains("aria-invalid=\"true\""), "{tag}");
    let said = "e-record_home_check-members-1-income";
    assert!(
        tag.contains(&format!("aria-describedby=\"{said}\"")),
        "{tag}"
    );
    // Each message right under its own control: after it, before the row's next control (on a
    // phone the six controls stack, and a list under the row sat far below the relation).
    for (part, next) in [("relation", "name"), ("labour", "status"), ("income", "")] {
        let said = format!("id=\"e-record_home_check-members-1-{part}\"");
        let message = page.find(&said).expect("its message has the id");
        let control = page
            .find(&format!("name=\"form[members][1][{part}]\""))
            .expect("control");
        let next = match next {
            "" => page.find("name=\"form[members][2][relation]\""),
            next => page.find(&format!("name=\"form[members][1][{next}]\"")),
        }
        .expect("next control");
        assert!(
            control < message && message < next,
            "{part}: under its control"
        );
    }
    assert_eq!(
        page.matches("row-errors").count(),
        0,
        "no list repeats them"
    );
}
