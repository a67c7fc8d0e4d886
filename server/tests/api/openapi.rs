//! `/api/openapi.json` is a valid OpenAPI 3.1 document that covers every server function the
//! server registered (so a new server function without an entry fails here), with every
//! schema reference resolved.
use serde_json::Value;

use crate::helpers::spawn_app;

fn refs<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(target)) => found.push(target),
                    _ => refs(inner, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| refs(item, found)),
        _ => {}
    }
}

#[tokio::test]
async fn the_openapi_document_is_valid_and_covers_every_registered_route() {
    let app = spawn_app().await;
    let response = reqwest::get(app.url("/api/openapi.json"))
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("body");
    let spec = oas3::from_json(&text).expect("an OpenAPI 3.1 document");
    spec.validate_version()
        .expect("a supported OpenAPI version");

    let registered: Vec<(String, http::Method)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_owned(), method))
        .collect();
    assert!(registered.len() > 40, "{registered:?}");
    let missing: Vec<String> = registered
        .iter()
        .filter(|(path, method)| spec.operation(method, path).is_none())
        .map(|(path, method)| format!("{method} {path}"))
        .collect();
    assert!(
        missing.is_empty(),
        "server functions without an entry in app/src/api/openapi.rs: {missing:?}"
    );
    let documented = spec.operations().count();
    assert_eq!(
        documented,
        registered.len(),
        "no entry for a route that does not exist"
    );

    // Every reference names a schema the document defines.
    let json: Value = serde_json::from_str(&text).expect("json");
    let mut found = Vec::new();
    refs(&json, &mut found);
    assert!(!found.is_empty());
    for target in found {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected reference {target}"));
        assert!(
            json["components"]["schemas"][name].is_object(),
            "{target} is not defined"
        );
    }
    // The bearer routes say so.
    let push = &json["paths"]["/api/alerts/push"]["post"];
    assert!(push["security"].to_string().contains("department_key"));
    assert!(push["responses"]["401"].is_object());
    let outcomes = &json["paths"]["/api/alerts/outcomes"]["get"];
    assert_eq!(outcomes["parameters"][0]["name"], "since");
    // The look-up's ID-number way in is documented (attacker tester: it was left out).
    let track = json["paths"]["/api/reports/track"]["post"].to_string();
    assert!(track.contains("\"id_number\""), "{track}");
}
