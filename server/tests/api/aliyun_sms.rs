//! `SMS_PROVIDER=aliyun`: household texts go to Aliyun SMS `SendSms` as template code and
//! variables, signed with the AccessKey. A loopback stub plays Aliyun: it recomputes the RPC
//! signature from the parameters it received and refuses a mismatch, as Aliyun does.
use std::sync::{Arc, Mutex};

use app::ssr::services::outbox::{
    aliyun_sms::rpc_signature, AliyunSms, AliyunSmsGateway, SmsError, SmsGateway,
};
use axum::{extract::State, routing::post, Form, Json, Router};
use serde_json::{json, Value};

const SECRET: &str = "county-access-key-secret";

type Seen = Arc<Mutex<Vec<Vec<(String, String)>>>>;

async fn aliyun(
    State(seen): State<Seen>,
    Form(params): Form<Vec<(String, String)>>,
) -> Json<Value> {
    seen.lock().expect("lock").push(params.clone());
    let given = params
        .iter()
        .find(|(k, _)| k == "Signature")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    if rpc_signature(SECRET, "POST", &params) != given {
        return Json(json!({ "Code": "SignatureDoesNotMatch" }));
    }
    let phone = params
        .iter()
        .find(|(k, _)| k == "PhoneNumbers")
        .map(|(_, v)| v.as_str());
    if phone == Some("10000000000") {
        return Json(json!({ "Code": "isv.MOBILE_NUMBER_ILLEGAL" }));
    }
    Json(json!({ "Code": "OK", "BizId": "900619746936498440^0", "RequestId": "stub" }))
}

async fn stub() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/", listener.local_addr().expect("addr"));
    let router = Router::new()
        .route("/", post(aliyun))
        .with_state(seen.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    (url, seen)
}

fn gateway(endpoint: &str, secret: &str) -> AliyunSmsGateway {
    let templates = [
        ("identified", "SMS_100001"),
        ("not_identified", "SMS_100002"),
        ("not_accepted", "SMS_100003"),
    ];
    AliyunSmsGateway::new(
        AliyunSms {
            endpoint: endpoint.to_owned(),
            access_key_id: "LTAI-county".to_owned(),
            access_key_secret: secret.to_owned(),
            sign_name: "防返贫监测".to_owned(),
            templates: templates
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        },
        None,
    )
    .expect("client")
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> &'a str {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("{name} missing"))
}

#[tokio::test]
async fn a_household_text_goes_to_aliyun_as_its_template_signed_with_the_access_key() {
    let (url, seen) = stub().await;
    let sms = gateway(&url, SECRET);
    sms.send(
        "13511112222",
        "【防返贫监测】您的申报（ABCDEFGHJK）经审核未被认定为监测对象，原因：收入高于监测线。如有异议可向乡镇申诉，或拨打12317。",
    )
    .await
    .expect("accepted");
    let params = seen.lock().expect("lock")[0].clone();
    assert_eq!(param(&params, "Action"), "SendSms");
    assert_eq!(param(&params, "Version"), "2017-05-25");
    assert_eq!(param(&params, "PhoneNumbers"), "13511112222");
    assert_eq!(param(&params, "SignName"), "防返贫监测");
    assert_eq!(param(&params, "TemplateCode"), "SMS_100002");
    let variables: Value = serde_json::from_str(param(&params, "TemplateParam")).expect("json");
    assert_eq!(
        variables,
        json!({ "tracking": "ABCDEFGHJK", "reason": "收入高于监测线" })
    );
    assert_eq!(param(&params, "AccessKeyId"), "LTAI-county");
    assert!(
        !params.iter().any(|(_, v)| v.contains(SECRET)),
        "the secret never travels"
    );

    // Aliyun's refusals (a wrong number) leave the row to be retried and dead-lettered.
    let refused = sms
        .send(
            "10000000000",
            "【防返贫监测】您的申报（ABCDEFGHJK）已认定为监测对象，帮扶责任人将很快与您联系。",
        )
        .await;
    assert!(matches!(refused, Err(SmsError::Refused(code)) if code == "isv.MOBILE_NUMBER_ILLEGAL"));
}

#[tokio::test]
async fn a_wrong_secret_or_a_text_without_a_template_is_not_sent() {
    let (url, seen) = stub().await;
    let identified =
        "【防返贫监测】您的申报（ABCDEFGHJK）已认定为监测对象，帮扶责任人将很快与您联系。";
    let wrong = gateway(&url, "another-secret")
        .send("13511112222", identified)
        .await;
    assert!(matches!(wrong, Err(SmsError::Refused(code)) if code == "SignatureDoesNotMatch"));

    let sms = gateway(&url, SECRET);
    let before = seen.lock().expect("lock").len();
    // `eliminated` has no template code configured here; free text has no template at all.
    for text in [
        "【防返贫监测】经核实，您家（ABCDEFGHJK）风险已消除。如再遇困难，可随时申报。",
        "【防返贫监测】今晚开会",
    ] {
        assert!(
            matches!(
                sms.send("13511112222", text).await,
                Err(SmsError::NoTemplate)
            ),
            "{text}"
        );
    }
    assert_eq!(
        seen.lock().expect("lock").len(),
        before,
        "nothing reached Aliyun"
    );
}
