//! How requests are encoded: query styles, path segments, headers, cookies,
//! form, JSON and multipart bodies.

use std::collections::BTreeMap;

use pipedrive::runtime::{ClientBuilder, FilePart, QueryStyle, Request, RetryPolicy, encode_path};
use serde_json::json;
use wiremock::matchers::{body_string_contains, header, headers, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn new_request() -> Request {
    Request::new(http::Method::GET, "/items", "/items")
}

/// Encodes one parameter in a style and compares the query string.
fn check_query(value: serde_json::Value, style: QueryStyle, expected: &str) {
    let mut request = new_request();
    request.query_with_style("p", &value, style);
    assert_eq!(request.query_string(), expected, "{value} in {style:?}");
}

#[test]
fn query_parameters_follow_their_style() {
    let explode = QueryStyle::Form { explode: true };
    let no_explode = QueryStyle::Form { explode: false };
    check_query(json!(5), explode, "p=5");
    check_query(json!("a b&c=d"), explode, "p=a%20b%26c%3Dd");
    check_query(json!(true), explode, "p=true");
    check_query(json!(null), explode, "");
    check_query(json!([1, 2, 3]), explode, "p=1&p=2&p=3");
    check_query(json!([]), explode, "");
    check_query(json!([1, "x,y", 3]), no_explode, "p=1,x%2Cy,3");
    check_query(json!(["a", "b"]), QueryStyle::SpaceDelimited, "p=a%20b");
    check_query(json!(["a", "b"]), QueryStyle::PipeDelimited, "p=a|b");
    check_query(
        json!({"status": "open", "owner": 7}),
        explode,
        "status=open&owner=7",
    );
    check_query(
        json!({"status": "open", "owner": 7}),
        no_explode,
        "p=status,open,owner,7",
    );
    check_query(
        json!({"status": "open", "range": {"from": 1}}),
        QueryStyle::DeepObject,
        "p[status]=open&p[range][from]=1",
    );
    check_query(json!(12.5), QueryStyle::DeepObject, "p=12.5");
}

#[test]
fn optional_query_parameters_are_skipped_when_none() {
    let mut request = new_request();
    request.query("start", &Some(0));
    request.query("user_id", &None::<i64>);
    request.query("term", &"ac/dc");
    assert_eq!(request.query_string(), "start=0&term=ac%2Fdc");
}

#[test]
fn path_segments_are_percent_encoded() {
    let cases: [(serde_json::Value, &str); 5] = [
        (json!(42), "42"),
        (json!("a/b?c#d"), "a%2Fb%3Fc%23d"),
        (json!("ünïcode"), "%C3%BCn%C3%AFcode"),
        (json!([1, 2]), "1%2C2"),
        (json!("safe-._~"), "safe-._~"),
    ];
    for (value, expected) in cases {
        assert_eq!(encode_path(&value), expected, "{value}");
    }
}

#[derive(serde::Serialize)]
struct NewDeal {
    title: String,
    value: Option<String>,
    label: Vec<i64>,
    org_id: Option<i64>,
    address: BTreeMap<String, String>,
    #[serde(flatten)]
    custom_fields: serde_json::Map<String, serde_json::Value>,
}

fn new_deal() -> NewDeal {
    let mut custom_fields = serde_json::Map::new();
    custom_fields.insert(
        "dcf558aac1ae4e8c4f849ba5e668430d8df9be12".to_owned(),
        json!("Gold & Silver"),
    );
    NewDeal {
        title: "Q3 deal".to_owned(),
        value: Some("1500".to_owned()),
        label: vec![1, 2],
        org_id: None,
        address: BTreeMap::from([("city".to_owned(), "Tallinn".to_owned())]),
        custom_fields,
    }
}

/// The fields of `new_deal()` that a form can carry: `org_id` is left out
/// rather than `null`, and there is no nested object.
#[derive(serde::Serialize)]
struct NewFormDeal {
    title: String,
    value: Option<String>,
    label: Vec<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    org_id: Option<i64>,
    #[serde(flatten)]
    custom_fields: serde_json::Map<String, serde_json::Value>,
}

fn new_form_deal() -> NewFormDeal {
    let deal = new_deal();
    NewFormDeal {
        title: deal.title,
        value: deal.value,
        label: deal.label,
        org_id: deal.org_id,
        custom_fields: deal.custom_fields,
    }
}

#[test]
fn form_bodies_flatten_to_pairs() {
    let mut repeated = Request::new(http::Method::POST, "/deals", "/deals");
    let mut bracketed = Request::new(http::Method::POST, "/deals", "/deals");

    let results = (
        repeated.form_body(&new_form_deal()),
        bracketed.form_body_with_bracketed_arrays(&new_form_deal()),
    );

    assert!(results.0.is_ok() && results.1.is_ok());
    assert_eq!(
        repeated.body_text().as_deref(),
        Some(
            "title=Q3%20deal&value=1500&label=1&label=2&dcf558aac1ae4e8c4f849ba5e668430d8df9be12=Gold%20%26%20Silver"
        )
    );
    assert_eq!(
        bracketed.body_text().as_deref(),
        Some(
            "title=Q3%20deal&value=1500&label[]=1&label[]=2&dcf558aac1ae4e8c4f849ba5e668430d8df9be12=Gold%20%26%20Silver"
        )
    );
}

/// Encodes `body` as a form and returns the error message, if any.
fn form_error(body: serde_json::Value) -> Option<String> {
    let mut request = Request::new(http::Method::POST, "/deals", "/deals");
    request
        .form_body(&body)
        .err()
        .map(|error| error.to_string())
}

#[test]
fn a_form_body_refuses_what_it_cannot_carry_and_names_the_field() {
    let cases = [
        (json!({"title": "T", "org_id": null}), "org_id: null"),
        (
            json!({"title": "T", "address": {"city": "Tallinn"}}),
            "address: an object",
        ),
        (json!({"label": [1, null]}), "label[1]: null"),
        (
            json!({"email": [{"value": "a@b.c"}]}),
            "email[0]: an object",
        ),
        (json!({"tags": [[1]]}), "tags[0]: an array"),
        (json!({"label": []}), "label: an empty array"),
    ];
    for (body, expected) in cases {
        let message = form_error(body.clone()).unwrap_or_default();
        assert!(
            message.starts_with(&format!(
                "invalid request: the form body of POST /deals cannot be encoded: {expected} cannot be sent in a form body"
            )),
            "{body}: {message:?}"
        );
    }
    assert_eq!(
        form_error(json!({"title": "T", "done": false, "probability": 12.5})),
        None
    );
}

#[test]
fn a_body_that_is_not_an_object_cannot_be_a_form() {
    let mut request = Request::new(http::Method::POST, "/deals", "/deals");
    let error = request
        .form_body(&[1, 2])
        .err()
        .map(|error| error.to_string());
    assert_eq!(
        error.as_deref(),
        Some(
            "invalid request: the form body of POST /deals cannot be encoded: a form body must serialize to an object with named fields, not an array"
        )
    );
}

async fn client_for(server: &MockServer) -> pipedrive::runtime::Client {
    match ClientBuilder::new(&server.uri())
        .retry_policy(RetryPolicy::none())
        .build()
    {
        Ok(client) => client,
        Err(error) => panic!("the test client should build: {error}"),
    }
}

#[tokio::test]
async fn headers_cookies_and_bodies_arrive_as_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/deals"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(header("x-request-id", "abc"))
        .and(headers("x-tags", vec!["a", "b"]))
        .and(header("cookie", "session=s%201"))
        .and(body_string_contains("title=Q3%20deal&value=1500"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(header("content-type", "application/json"))
        .and(body_string_contains(
            r#"{"title":"Q3 deal","value":"1500","label":[1,2],"org_id":null"#,
        ))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server).await;
    let mut form = Request::new(http::Method::POST, "/deals", "/deals");
    form.header("x-request-id", &"abc");
    form.header("x-tags", &["a", "b"]);
    form.header("x-absent", &None::<String>);
    form.cookie("session", &"s 1");
    let mut json_request = Request::new(http::Method::PUT, "/deals/{id}", "/deals/1");

    let form_built = form.form_body(&new_form_deal());
    let json_built = json_request.json_body(&new_deal());
    let form_status = client.execute(form).await.map(|response| response.status());
    let json_status = client
        .execute(json_request)
        .await
        .map(|response| response.status());

    assert!(form_built.is_ok() && json_built.is_ok());
    assert_eq!((form_status.ok(), json_status.ok()), (Some(201), Some(200)));
    server.verify().await;
}

#[derive(serde::Serialize)]
struct ProductImage {
    product_id: i64,
    image: FilePart,
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[tokio::test]
async fn multipart_bodies_have_one_part_per_field_and_survive_a_retry() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client: pipedrive::runtime::Client = match ClientBuilder::new(&server.uri())
        .retry_policy(RetryPolicy::default().initial_backoff(std::time::Duration::from_millis(1)))
        .build()
    {
        Ok(client) => client,
        Err(error) => panic!("the test client should build: {error}"),
    };
    let body = ProductImage {
        product_id: 7,
        image: FilePart::new(b"\x89PNG-bytes".to_vec())
            .file_name("logo.png")
            .content_type("image/png"),
        tags: vec!["red".to_owned(), "blue".to_owned()],
        note: None,
    };
    let mut request = Request::new(
        http::Method::PUT,
        "/products/{id}/images",
        "/products/7/images",
    );

    let built = request.multipart_body(&body);
    let status = client
        .execute(request)
        .await
        .map(|response| response.status());

    assert!(built.is_ok());
    assert_eq!(status.ok(), Some(200));
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 2, "the 503 was retried");
    for received in &requests {
        let body = String::from_utf8_lossy(&received.body);
        for expected in [
            "name=\"product_id\"\r\n\r\n7\r\n",
            "name=\"image\"; filename=\"logo.png\"\r\nContent-Type: image/png\r\n\r\n\u{fffd}PNG-bytes\r\n",
            "name=\"tags\"\r\n\r\nred\r\n",
            "name=\"tags\"\r\n\r\nblue\r\n",
        ] {
            assert!(body.contains(expected), "{expected:?} missing from {body}");
        }
        assert!(!body.contains("name=\"note\""), "{body}");
    }
}

#[test]
fn a_multipart_body_refuses_what_a_part_cannot_carry() {
    for (body, expect) in [
        (
            serde_json::json!({"title": "a", "note": null}),
            "field `note` is null, which a multipart body cannot carry",
        ),
        (
            serde_json::json!({"tags": ["a", null]}),
            "field `tags[1]` is null, which a multipart body cannot carry",
        ),
        (
            serde_json::json!({"tags": []}),
            "field `tags` is an empty list, which a multipart body cannot carry",
        ),
    ] {
        let mut request = Request::new(http::Method::POST, "/files", "/files");
        let error = request
            .multipart_body(&body)
            .err()
            .map(|error| error.to_string());
        assert!(
            error.as_deref().is_some_and(|error| error.contains(expect)),
            "{body}: {error:?}"
        );
    }
}

#[tokio::test]
async fn a_multipart_body_of_one_file_is_one_file_part() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = client_for(&server).await;
    let file = FilePart::new(b"%PDF-1.7".to_vec())
        .file_name("report.pdf")
        .content_type("application/pdf");
    let mut request = Request::new(http::Method::POST, "/attachments", "/attachments");

    request.multipart_file_body("file", &file);
    let status = client
        .execute(request)
        .await
        .map(|response| response.status());

    assert_eq!(status.ok(), Some(200));
    let requests = server.received_requests().await.unwrap_or_default();
    let body = requests
        .first()
        .map(|received| String::from_utf8_lossy(&received.body).into_owned())
        .unwrap_or_default();
    assert!(
        body.contains(
            "name=\"file\"; filename=\"report.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n"
        ),
        "{body}"
    );
    assert_eq!(body.matches("Content-Disposition").count(), 1, "{body}");
}

#[test]
fn a_file_part_in_json_is_its_text() {
    let read: Result<FilePart, _> = serde_json::from_str("\"N\"");
    let written = read
        .as_ref()
        .map_err(ToString::to_string)
        .and_then(|file| serde_json::to_string(file).map_err(|error| error.to_string()));
    assert_eq!(
        read.as_ref().map(|file| file.bytes().to_vec()).ok(),
        Some(b"N".to_vec())
    );
    assert_eq!(written.as_deref(), Ok("\"N\""));

    let not_text = serde_json::to_string(&FilePart::new(vec![0xff, 0xfe]));
    let message = not_text.map_err(|error| error.to_string()).err();
    assert!(
        message
            .as_deref()
            .is_some_and(|message| message.contains("not UTF-8")),
        "{message:?}"
    );
    let number: Result<FilePart, _> = serde_json::from_str("12");
    assert!(number.is_err());
}
