//! The raw-table scan after random journeys (proptest): whatever mix of self-reports, drafts,
//! tracking-number texts, proxy filings and home checks with members' ID numbers is stored,
//! no text column holds a plaintext ID number or mobile.
use app::domain::{case::CaseCommand, id_number::IdNumber};
use proptest::prelude::*;

use crate::{
    fixtures::{record, township_officer, village_cadre},
    helpers::{
        fields, id_number_for, report_fields, spawn_app, valid_id_number, TestApp, QINGSHI_VILLAGE,
    },
    personal_data::{plaintext_in, raw_text},
    storage::{run, today},
};

#[derive(Debug, Clone)]
enum Step {
    SelfReport(String),
    Draft(String),
    Text(String),
    Proxy(String),
    /// Home check of the n-th filing (modulo), with members' ID serials.
    HomeCheck(usize, Vec<u32>),
}

fn mobile() -> impl Strategy<Value = String> {
    "1[3-9][0-9]{9}"
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        mobile().prop_map(Step::SelfReport),
        mobile().prop_map(Step::Draft),
        mobile().prop_map(Step::Text),
        mobile().prop_map(Step::Proxy),
        (0usize..8, prop::collection::vec(0u32..1000, 1..4))
            .prop_map(|(n, ids)| Step::HomeCheck(n, ids)),
    ]
}

/// Runs the steps; returns every ID number and mobile typed.
async fn play(app: &TestApp, steps: &[Step]) -> Vec<String> {
    let mut known = Vec::new();
    let mut filed: Vec<(String, bool)> = Vec::new();
    let hotline = app.login("rexian").await;
    // Test ID numbers follow the mobile modulo 997: two mobiles can give one ID number, and
    // the township may not accept a suspected duplicate, so such a second filing is skipped.
    let mut ids = std::collections::HashSet::new();
    for step in steps {
        if let Step::SelfReport(m) | Step::Proxy(m) = step {
            if !ids.insert(id_number_for(m)) {
                continue;
            }
        }
        match step {
            Step::SelfReport(m) => {
                let tracking = app.submit_report("张三", m, QINGSHI_VILLAGE).await;
                filed.push((app.case_id_of(&tracking).await, false));
            }
            Step::Draft(m) => {
                let mut bad = report_fields("王五", m, QINGSHI_VILLAGE);
                bad.retain(|(k, _)| k != "form[consent]");
                app.post_plain_form("/api/reports/submit", "/report", &bad)
                    .await;
            }
            Step::Text(m) => {
                app.post_api("/api/reports/resend", &fields(&[("mobile", m)]))
                    .await;
            }
            Step::Proxy(m) => {
                let mut form = report_fields("孙大娘", m, QINGSHI_VILLAGE);
                form.push(("channel".into(), "proxy_hotline".into()));
                let id: String = hotline
                    .post_api("/api/reports/proxy", &form)
                    .await
                    .json()
                    .await
                    .expect("case id");
                filed.push((id, false));
            }
            Step::HomeCheck(n, serials) => {
                let Some(len) = Some(filed.len()).filter(|l| *l > 0) else {
                    continue;
                };
                let (id, checked) = &mut filed[n % len];
                if *checked {
                    continue;
                }
                *checked = true;
                run(app, &township_officer(), id, CaseCommand::ACCEPT).await;
                let mut check = record(today(app), 300_000);
                check.members.truncate(1);
                let template = check.members[0].clone();
                check.members = serials
                    .iter()
                    .map(|s| {
                        let number = valid_id_number(*s);
                        known.push(number.clone());
                        let mut member = template.clone();
                        member.id_number = Some(IdNumber::parse(&number).expect("id"));
                        member
                    })
                    .collect();
                run(
                    app,
                    &village_cadre(),
                    id,
                    CaseCommand::RecordHomeCheck { record: check },
                )
                .await;
            }
        }
        if let Step::SelfReport(m) | Step::Draft(m) | Step::Text(m) | Step::Proxy(m) = step {
            known.push(m.clone());
            known.push(id_number_for(m));
        }
    }
    known
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn a_random_journey_leaves_no_plaintext_at_rest(steps in prop::collection::vec(step(), 1..10)) {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let hits = runtime.block_on(async {
            let app = spawn_app().await;
            let known = play(&app, &steps).await;
            plaintext_in(&raw_text(&app.state.db.pool).await, &known)
        });
        prop_assert!(hits.is_empty(), "plaintext at rest:\n{}", hits.join("\n"));
    }
}
