//! The OpenAPI document: it parses, names every route the router serves and
//! nothing it does not, every schema it references exists, and every route
//! but sign-in and the document itself needs a bearer token.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::BTreeSet;

/// Every route of the router, `(method, path)`. A new handler goes here and
/// into the document's `paths(...)`; the test fails until both agree.
const ROUTES: &[(&str, &str)] = &[
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/logout"),
    ("get", "/api/v1/me"),
    ("get", "/api/v1/directory"),
    ("get", "/api/v1/policies"),
    ("get", "/api/v1/registration/settings"),
    ("post", "/api/v1/tickets"),
    ("get", "/api/v1/tickets"),
    ("get", "/api/v1/tickets/{id}"),
    ("post", "/api/v1/tickets/{id}/ops"),
    ("get", "/api/v1/tickets/{id}/actions"),
    ("get", "/api/v1/tickets/{id}/reclassification-due"),
    ("get", "/api/v1/portal/form"),
    ("post", "/api/v1/sync/push"),
    ("post", "/api/v1/sync/pull"),
    ("get", "/api/v1/kb"),
    ("post", "/api/v1/kb"),
    ("get", "/api/v1/kb/{id}"),
    ("put", "/api/v1/kb/{id}"),
    ("post", "/api/v1/kb/{id}/transition"),
    ("get", "/api/v1/kb/{id}/comments"),
    ("post", "/api/v1/kb/{id}/comments"),
    ("get", "/api/v1/kb/{id}/usage"),
    ("get", "/api/v1/kb/review-due"),
    ("get", "/api/v1/kb/{id}/revision"),
    ("put", "/api/v1/kb/{id}/revision"),
    ("post", "/api/v1/kb/{id}/revision/transition"),
    ("post", "/api/v1/kb/{id}/reviewed"),
    ("post", "/api/v1/attachments"),
    ("get", "/api/v1/attachments/{sha256}"),
    ("get", "/api/v1/reports/kpi"),
    ("get", "/api/v1/reports/kpi/series"),
    ("get", "/api/v1/reports/kpi.csv"),
    ("get", "/api/v1/admin/users"),
    ("post", "/api/v1/admin/users"),
    ("get", "/api/v1/admin/users/{id}"),
    ("put", "/api/v1/admin/users/{id}"),
    ("post", "/api/v1/admin/users/{id}/disable"),
    ("post", "/api/v1/admin/users/{id}/enable"),
    ("post", "/api/v1/admin/users/{id}/password"),
    ("post", "/api/v1/admin/users/{id}/unlock"),
    ("get", "/api/v1/admin/groups"),
    ("post", "/api/v1/admin/groups"),
    ("post", "/api/v1/admin/groups/{id}/members"),
    ("delete", "/api/v1/admin/groups/{id}/members/{user}"),
    ("get", "/api/v1/admin/routing-rules"),
    ("post", "/api/v1/admin/routing-rules"),
    ("delete", "/api/v1/admin/routing-rules/{id}"),
    ("get", "/api/v1/admin/policies"),
    ("get", "/api/v1/admin/policies/{id}"),
    ("put", "/api/v1/admin/policies/{id}"),
    ("get", "/api/v1/admin/audit"),
    ("get", "/api/v1/admin/mail-outbox"),
    ("post", "/api/v1/admin/mail-outbox/retry"),
    ("get", "/api/v1/openapi.json"),
];

/// Served routes whose handlers are not annotated yet. TODO(sync): remove
/// once `http::sync::{push, pull}` carry `#[utoipa::path]` and are listed in
/// `ApiDoc`'s `paths(...)`; the test fails when an entry here is documented.
const NOT_YET_DOCUMENTED: &[(&str, &str)] = &[];

/// Routes anyone may call.
const PUBLIC: &[&str] = &["/api/v1/auth/login", "/api/v1/openapi.json"];

const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

fn refs(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "$ref" {
                    out.insert(v.as_str().unwrap_or_default().to_string());
                } else {
                    refs(v, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn document_matches_the_router() {
    let server = TestServer::start().await;
    let anonymous = server.anonymous();
    let (status, doc) = anonymous.get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK, "{doc}");

    // It parses as OpenAPI.
    let parsed: utoipa::openapi::OpenApi = serde_json::from_value(doc.clone()).expect("a valid OpenAPI document");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert!(!parsed.paths.paths.is_empty());

    // Exactly the router's routes.
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| METHODS.iter().filter(|m| item.get(**m).is_some()).map(move |m| (m.to_string(), path.clone())))
        .collect();
    let served: BTreeSet<(String, String)> = ROUTES.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    let pending: BTreeSet<(String, String)> = NOT_YET_DOCUMENTED.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    let stale: Vec<_> = pending.intersection(&documented).collect();
    assert!(stale.is_empty(), "documented now, remove from NOT_YET_DOCUMENTED: {stale:?}");
    let missing: Vec<_> = served.difference(&documented).filter(|r| !pending.contains(*r)).collect();
    let extra: Vec<_> = documented.difference(&served).collect();
    assert!(missing.is_empty(), "served but not documented: {missing:?}");
    assert!(extra.is_empty(), "documented but not in ROUTES: {extra:?}");

    // Every documented route is really served: anonymously, a served route
    // asks for a sign-in (401), an unknown one would be 404 or 405.
    for (method, path) in documented.iter().chain(&pending) {
        let url = format!("{}{}", server.url, path.replace(['{', '}'], ""));
        let request = match method.as_str() {
            "get" => anonymous.http.get(&url),
            "post" => anonymous.http.post(&url).json(&serde_json::json!({})),
            "put" => anonymous.http.put(&url).json(&serde_json::json!({})),
            "delete" => anonymous.http.delete(&url),
            other => panic!("method {other}"),
        };
        let status = request.send().await.unwrap().status();
        if PUBLIC.contains(&path.as_str()) {
            assert!(
                status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}: {status}"
            );
        } else {
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path} must be served and need a sign-in");
        }
    }

    // Each operation: a tag, responses, bearer security unless public.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            assert!(op["tags"].as_array().is_some_and(|t| !t.is_empty()), "{method} {path}: no tag");
            assert!(op["responses"].as_object().is_some_and(|r| !r.is_empty()), "{method} {path}: no responses");
            if PUBLIC.contains(&path.as_str()) {
                assert_eq!(op["security"], serde_json::json!([{}]), "{method} {path} is public");
            }
        }
    }
    assert_eq!(doc["security"], serde_json::json!([{"bearer": []}]));
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");

    // Every referenced schema exists; the protocol types are there.
    let mut referenced = BTreeSet::new();
    refs(&doc, &mut referenced);
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for r in &referenced {
        let name = r.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("unexpected $ref {r}"));
        assert!(schemas.contains_key(name), "$ref {r} has no schema");
    }
    for name in [
        "Article",
        "ArticleInput",
        "ArticleTransition",
        "KpiReport",
        "KpiRow",
        "TicketView",
        "TicketList",
        "Me",
        "Directory",
        "SyncedPolicy",
        "ApiError",
        "PushRequest",
        "PullResponse",
    ] {
        assert!(schemas.contains_key(name), "schema {name}");
    }
}

async fn document(server: &TestServer) -> Value {
    let (status, doc) = server.anonymous().get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    doc
}

/// `(method, path, operation)` of every operation.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                out.push((method.to_string(), path.clone(), op.clone()));
            }
        }
    }
    out
}

fn is_public(op: &Value) -> bool {
    op["security"] == serde_json::json!([{}])
}

fn params_in(op: &Value, place: &str) -> Vec<String> {
    op["parameters"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter(|p| p["in"] == place)
                .map(|p| p["name"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn body_types(op: &Value) -> Vec<String> {
    op["requestBody"]["content"]
        .as_object()
        .map(|c| c.keys().cloned().collect())
        .unwrap_or_default()
}

/// Every error the server can answer for an operation is in its responses,
/// as an `ApiError`: 401 where a token is needed, 400/413/415 where a body
/// is read and 422 where it is JSON, 400 where a path or query is parsed,
/// 503 (and 429, both with `Retry-After`) on sign-in; and a `default` for
/// what any request may meet (414, 431, 500).
#[tokio::test(flavor = "multi_thread")]
async fn every_operation_documents_its_errors() {
    let server = TestServer::start().await;
    let doc = document(&server).await;
    let mut problems = Vec::new();
    for (method, path, op) in operations(&doc) {
        let responses = op["responses"].as_object().unwrap();
        let mut expect: Vec<&str> = vec!["default"];
        if !is_public(&op) {
            expect.push("401");
        }
        let bodies = body_types(&op);
        if !bodies.is_empty() {
            expect.extend(["400", "413", "415"]);
        }
        if bodies.iter().any(|b| b == "application/json") {
            expect.push("422");
        }
        if !params_in(&op, "path").is_empty() || !params_in(&op, "query").is_empty() {
            expect.push("400");
        }
        if path == "/api/v1/auth/login" {
            expect.extend(["429", "503"]);
            for code in ["429", "503"] {
                if responses.get(code).is_some_and(|r| r["headers"]["Retry-After"].is_null()) {
                    problems.push(format!("{method} {path}: {code} without Retry-After"));
                }
            }
        }
        for code in expect {
            if !responses.contains_key(code) {
                problems.push(format!("{method} {path}: no {code}"));
            }
        }
        for (code, response) in responses {
            let error = code == "default" || code.starts_with('4') || code.starts_with('5');
            if error && response["content"]["application/json"]["schema"]["$ref"] != "#/components/schemas/ApiError" {
                problems.push(format!("{method} {path}: {code} is not an ApiError: {response}"));
            }
            if response["description"].as_str().is_none_or(str::is_empty) {
                problems.push(format!("{method} {path}: {code} has no description"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Follows `$ref`s and `oneOf`/`anyOf` with `null` to the schema of a value.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    if let Some(r) = schema["$ref"].as_str() {
        return resolve(doc, &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")]);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(options) = schema[key].as_array() {
            let non_null: Vec<&Value> = options.iter().filter(|o| o["type"] != "null").collect();
            if non_null.len() == 1 {
                return resolve(doc, non_null[0]);
            }
        }
    }
    schema
}

fn enum_values(schema: &Value) -> BTreeSet<String> {
    schema["enum"]
        .as_array()
        .map(|v| v.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn names<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> BTreeSet<String> {
    all.iter().map(|v| name(*v).to_string()).collect()
}

/// Fields that hold one of a closed set of names are enums in the schemas,
/// with exactly the names the server accepts; priorities are 1–5.
#[tokio::test(flavor = "multi_thread")]
async fn closed_sets_are_enums_in_the_schemas() {
    use helpdesk_domain::workflow::Role;
    use helpdesk_domain::{Line, Status, TicketType};
    let server = TestServer::start().await;
    let doc = document(&server).await;
    let expected: Vec<(&str, BTreeSet<String>)> = vec![
        ("role", names(Role::ALL, Role::as_str)),
        ("line", names(Line::ALL, Line::as_str)),
        ("status", names(Status::ALL, Status::as_str)),
        ("type", names(TicketType::ALL, TicketType::as_str)),
        ("ticket_type", names(TicketType::ALL, TicketType::as_str)),
        ("language", ["uk", "ru", "en"].iter().map(|s| s.to_string()).collect()),
    ];
    let article_statuses: BTreeSet<String> = ["draft", "review", "approved", "published", "archived"].iter().map(|s| s.to_string()).collect();
    let mail_statuses: BTreeSet<String> = ["queued", "sent", "failed"].iter().map(|s| s.to_string()).collect();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        let Some(properties) = schema["properties"].as_object() else { continue };
        for (field, property) in properties {
            let resolved = resolve(&doc, property);
            if field == "priority" {
                seen.insert(field.clone());
                if resolved["type"] != "integer" || resolved["minimum"] != 1 || resolved["maximum"] != 5 {
                    problems.push(format!("{name}.{field}: not an integer 1–5: {resolved}"));
                }
                continue;
            }
            if field == "permissions" {
                seen.insert(field.clone());
                let props = resolved["properties"]
                    .as_object()
                    .map(|p| p.keys().cloned().collect::<BTreeSet<_>>())
                    .unwrap_or_default();
                if props != ["group_lead", "kb_editor"].iter().map(|s| s.to_string()).collect() {
                    problems.push(format!("{name}.{field}: not the permissions object: {resolved}"));
                }
                continue;
            }
            let Some((_, values)) = expected.iter().find(|(f, _)| f == field) else {
                continue;
            };
            seen.insert(field.clone());
            let got = enum_values(resolved);
            let ok = &got == values || (field == "status" && (got == article_statuses || (name == "OutboxMail" && got == mail_statuses)));
            if !ok {
                problems.push(format!("{name}.{field}: {resolved} is not the enum {values:?}"));
            }
        }
    }
    for field in ["role", "line", "status", "type", "ticket_type", "language", "priority", "permissions"] {
        assert!(seen.contains(field), "no schema has a `{field}` field");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every status the server answers to a battery of requests per operation
/// (anonymous, a bad token, each role with missing ids and empty bodies,
/// malformed and wrongly typed bodies, no content type, a body too large,
/// an unknown content encoding, a path that is not UTF-8, unknown and
/// mistyped query parameters) is documented for that operation.
#[tokio::test(flavor = "multi_thread")]
async fn every_status_the_server_answers_is_documented() {
    let server = TestServer::start().await;
    let doc = document(&server).await;
    let mut ops = operations(&doc);
    // Sign-out last: it ends the token the other probes use.
    ops.sort_by_key(|(_, path, _)| path == "/api/v1/auth/logout");
    let mut tokens = Vec::new();
    for user in ["req", "olga", "admin"] {
        tokens.push(server.login(user).await.token.unwrap());
    }
    let admin = tokens[2].clone();
    let http = reqwest::Client::new();
    let mut problems = BTreeSet::new();
    for (method, path, op) in &ops {
        let documented: BTreeSet<String> = op["responses"].as_object().unwrap().keys().cloned().collect();
        let bodies = body_types(op);
        let json_body = bodies.iter().any(|b| b == "application/json");
        let body_type = bodies.first().cloned();
        let with_path = |id: &str| {
            let mut p = path.clone();
            for name in params_in(op, "path") {
                p = p.replace(&format!("{{{name}}}"), id);
            }
            format!("{}{p}", server.url)
        };
        let request = |url: String, token: Option<&str>| {
            let rb = http.request(method.to_uppercase().parse().unwrap(), url);
            match token {
                Some(t) => rb.bearer_auth(t),
                None => rb,
            }
        };
        let empty_body = |rb: reqwest::RequestBuilder| match &body_type {
            Some(t) if t == "application/json" => rb.json(&serde_json::json!({})),
            Some(t) => rb.header("content-type", t.as_str()).body(""),
            None => rb,
        };
        let mut probes: Vec<(String, reqwest::RequestBuilder)> = vec![
            ("anonymous".into(), empty_body(request(with_path("x"), None))),
            ("bad token".into(), empty_body(request(with_path("x"), Some("not-a-token")))),
        ];
        for (user, token) in ["req", "olga", "admin"].iter().zip(&tokens) {
            probes.push((format!("{user}, missing id"), empty_body(request(with_path("no-such-id"), Some(token)))));
        }
        if let Some(t) = &body_type {
            let typed = |rb: reqwest::RequestBuilder| rb.header("content-type", t.as_str());
            probes.push(("malformed body".into(), typed(request(with_path("x"), Some(&admin))).body("{\"oops")));
            probes.push(("not UTF-8".into(), typed(request(with_path("x"), Some(&admin))).body(vec![0xff, 0xfe, 0x00])));
            probes.push(("too large".into(), typed(request(with_path("x"), Some(&admin))).body(vec![b' '; 17 << 20])));
            probes.push((
                "unknown encoding".into(),
                typed(request(with_path("x"), Some(&admin))).header("content-encoding", "br").body("{}"),
            ));
            if json_body {
                probes.push(("wrong type".into(), request(with_path("x"), Some(&admin)).json(&serde_json::json!([1, 2]))));
                probes.push(("no content type".into(), request(with_path("x"), Some(&admin)).body("{}")));
            }
        }
        if !params_in(op, "path").is_empty() {
            probes.push(("path not UTF-8".into(), empty_body(request(with_path("%FF"), Some(&admin)))));
        }
        probes.push(("unknown query".into(), empty_body(request(format!("{}?zz=1", with_path("x")), Some(&admin)))));
        for name in params_in(op, "query") {
            probes.push((
                format!("query {name}=-1x"),
                empty_body(request(format!("{}?{name}=-1x", with_path("x")), Some(&admin))),
            ));
        }
        for (probe, rb) in probes {
            let response = rb.send().await.unwrap();
            let status = response.status().as_u16().to_string();
            let text = response.text().await.unwrap_or_default();
            if !documented.contains(&status) {
                problems.insert(format!(
                    "{method} {path}: {probe} → {status} not documented ({})",
                    text.chars().take(120).collect::<String>()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.into_iter().collect::<Vec<_>>().join("\n"));
}
