//! Paginated streams against a local HTTP server: offset and cursor paging,
//! empty pages, error pages, items that do not decode, servers that repeat
//! themselves, and the caller's page limit.

use futures_util::StreamExt;
use pipedrive::runtime::{
    Client, ClientBuilder, Error, PageKind, PageSpec, Paginated, PaginationProblem, RawResponse,
    Request, RetryPolicy,
};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

static OFFSET_PAGINATION: PageSpec = PageSpec {
    kind: PageKind::Offset,
    param: "start",
    items: "/data",
    next: "/additional_data/pagination/next_start",
    has_more: Some("/additional_data/pagination/more_items_in_collection"),
};

static CURSOR_PAGINATION: PageSpec = PageSpec {
    kind: PageKind::Cursor,
    param: "cursor",
    items: "/data",
    next: "/additional_data/next_cursor",
    has_more: None,
};

#[derive(Debug, serde::Deserialize)]
struct Deal {
    id: i64,
}

fn decode_error(response: RawResponse) -> Error {
    response.api_error::<serde_json::Value>()
}

fn client_for(server: &MockServer) -> Client {
    let built = ClientBuilder::new(&server.uri())
        .retry_policy(RetryPolicy::none())
        .build();
    match built {
        Ok(client) => client,
        Err(error) => panic!("the test client should build: {error}"),
    }
}

fn list_deals() -> Request {
    let mut request = Request::new(http::Method::GET, "/deals", "/deals");
    request.operation_id("getDeals");
    request.query("limit", &2);
    request
}

/// A v1 offset page holding deals with these ids.
fn offset_page(ids: &[i64], more: bool, next_start: Option<i64>) -> ResponseTemplate {
    let data: Vec<_> = ids
        .iter()
        .map(|id| json!({"id": id, "title": format!("Deal {id}")}))
        .collect();
    let mut pagination = json!({"start": 0, "limit": 2, "more_items_in_collection": more});
    if let Some(next_start) = next_start {
        pagination["next_start"] = json!(next_start);
    }
    ResponseTemplate::new(200).set_body_json(
        json!({"success": true, "data": data, "additional_data": {"pagination": pagination}}),
    )
}

async fn mount_page(server: &MockServer, start: Option<&str>, page: ResponseTemplate) {
    let mock = Mock::given(method("GET"))
        .and(path("/deals"))
        .and(query_param("limit", "2"));
    let mock = match start {
        Some(start) => mock.and(query_param("start", start)),
        None => mock.and(query_param_is_missing("start")),
    };
    mock.respond_with(page).expect(1).mount(server).await;
}

/// The ids of the items, and the Display of every error, in stream order.
async fn drain(stream: Paginated<Deal>) -> Vec<Result<i64, String>> {
    stream
        .map(|item| item.map(|deal| deal.id).map_err(|error| error.to_string()))
        .collect()
        .await
}

fn assert_stream_is_unpin_and_send<S: futures_core::Stream + Unpin + Send>(_stream: &S) {}

#[tokio::test]
async fn an_offset_stream_follows_three_pages() {
    let server = MockServer::start().await;
    mount_page(&server, None, offset_page(&[1, 2], true, Some(2))).await;
    mount_page(&server, Some("2"), offset_page(&[3, 4], true, Some(4))).await;
    mount_page(&server, Some("4"), offset_page(&[5], false, None)).await;
    let client = client_for(&server);

    let stream = client.paginate::<Deal>(list_deals(), &OFFSET_PAGINATION, decode_error);
    assert_stream_is_unpin_and_send(&stream);
    let deals = stream.collect_all().await;

    let ids: Result<Vec<i64>, _> = deals.map(|deals| deals.iter().map(|deal| deal.id).collect());
    assert_eq!(ids.ok(), Some(vec![1, 2, 3, 4, 5]));
    server.verify().await;
}

#[tokio::test]
async fn a_cursor_stream_stops_when_the_next_cursor_is_null() {
    let server = MockServer::start().await;
    Mock::given(query_param_is_missing("cursor"))
        .respond_with(cursor_page(&[10, 11], json!("eyJpZCI6MTF9")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(query_param("cursor", "eyJpZCI6MTF9"))
        .respond_with(cursor_page(&[12], json!("eyJpZCI6MTJ9")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(query_param("cursor", "eyJpZCI6MTJ9"))
        .respond_with(cursor_page(&[13], json!(null)))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server);

    let items = drain(client.paginate(list_deals(), &CURSOR_PAGINATION, decode_error)).await;

    assert_eq!(items, vec![Ok(10), Ok(11), Ok(12), Ok(13)]);
    server.verify().await;
}

#[tokio::test]
async fn a_page_with_null_data_ends_the_stream_cleanly() {
    let server = MockServer::start().await;
    mount_page(&server, None, offset_page(&[1], true, Some(1))).await;
    mount_page(
        &server,
        Some("1"),
        ResponseTemplate::new(200).set_body_json(json!({
            "success": true,
            "data": null,
            "additional_data": {"pagination": {"more_items_in_collection": true, "next_start": 2}}
        })),
    )
    .await;
    let client = client_for(&server);

    let items = drain(client.paginate(list_deals(), &OFFSET_PAGINATION, decode_error)).await;

    assert_eq!(items, vec![Ok(1)]);
    server.verify().await;
}

#[tokio::test]
async fn an_error_page_is_yielded_last() {
    let server = MockServer::start().await;
    mount_page(&server, None, offset_page(&[1, 2], true, Some(2))).await;
    mount_page(
        &server,
        Some("2"),
        ResponseTemplate::new(500)
            .set_body_json(json!({"success": false, "error": "Internal error"})),
    )
    .await;
    let client = client_for(&server);

    let items = drain(client.paginate(list_deals(), &OFFSET_PAGINATION, decode_error)).await;

    assert_eq!(
        items,
        vec![
            Ok(1),
            Ok(2),
            Err("API error 500 Internal Server Error from GET /deals: Internal error".to_owned())
        ]
    );
    server.verify().await;
}

#[tokio::test]
async fn an_item_that_does_not_decode_is_an_error_naming_its_path_and_the_stream_goes_on() {
    let server = MockServer::start().await;
    mount_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_json(json!({
            "data": [{"id": 1}, {"id": "two"}, {"id": 3}],
            "additional_data": {"pagination": {"more_items_in_collection": false}}
        })),
    )
    .await;
    let client = client_for(&server);

    let items = drain(client.paginate(list_deals(), &OFFSET_PAGINATION, decode_error)).await;

    assert_eq!(items.len(), 3);
    assert_eq!(items[0], Ok(1));
    assert_eq!(items[2], Ok(3));
    let message = items[1].clone().err().unwrap_or_default();
    assert!(
        message.starts_with("could not decode the 200 response of getDeals at data[1].id: invalid type: string \"two\""),
        "{message}"
    );
}

/// Serves the same page whatever the `start` parameter (a server that
/// ignores it), as many times as it is asked.
async fn mount_any_start(server: &MockServer, page: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path("/deals"))
        .respond_with(page)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_next_offset_already_fetched_ends_the_stream_with_an_error() {
    let server = MockServer::start().await;
    mount_page(&server, None, offset_page(&[1], true, Some(1))).await;
    mount_page(&server, Some("1"), offset_page(&[2], true, Some(1))).await;
    let client = client_for(&server);

    let items = drain(client.paginate(list_deals(), &OFFSET_PAGINATION, decode_error)).await;

    assert_eq!(
        items,
        vec![
            Ok(1),
            Ok(2),
            Err("the paginated stream of getDeals stopped after 2 pages: the API named start=1 as the next page, which this stream already fetched as page 2; following it would yield the same items again".to_owned())
        ]
    );
    server.verify().await;
}

#[tokio::test]
async fn more_pages_with_no_next_offset_end_the_stream_with_an_error_not_quietly() {
    let server = MockServer::start().await;
    mount_page(&server, None, offset_page(&[1, 2], true, Some(2))).await;
    mount_page(&server, Some("2"), offset_page(&[3, 4], true, None)).await;
    let client = client_for(&server);

    let items = drain(client.paginate(list_deals(), &OFFSET_PAGINATION, decode_error)).await;

    assert_eq!(
        items,
        vec![
            Ok(1),
            Ok(2),
            Ok(3),
            Ok(4),
            Err("the paginated stream of getDeals stopped after 2 pages: the page says more pages follow (/additional_data/pagination/more_items_in_collection) but names no next page (/additional_data/pagination/next_start is missing or empty), so the rest of the list cannot be fetched".to_owned())
        ]
    );
    server.verify().await;
}

#[tokio::test]
async fn a_first_page_that_names_itself_as_next_is_not_yielded_twice() {
    // Before: 1, 2, 1, 2 (the first page has no `start`, so `next_start: 0`
    // looked like progress).
    let server = MockServer::start().await;
    mount_any_start(&server, offset_page(&[1, 2], true, Some(0))).await;
    let client = client_for(&server);

    let items = drain(client.paginate(list_deals(), &OFFSET_PAGINATION, decode_error)).await;

    assert_eq!(
        items,
        vec![
            Ok(1),
            Ok(2),
            Err("the paginated stream of getDeals stopped after 1 page: the API named start=0 as the next page, which this stream already fetched as page 1; following it would yield the same items again".to_owned())
        ]
    );
    assert_eq!(
        server
            .received_requests()
            .await
            .map(|requests| requests.len()),
        Some(1)
    );
}

#[tokio::test]
async fn an_offset_the_caller_set_counts_as_fetched() {
    let server = MockServer::start().await;
    mount_page(&server, Some("4"), offset_page(&[5, 6], true, Some(4))).await;
    let client = client_for(&server);
    let mut request = list_deals();
    request.query("start", &4);

    let items = drain(client.paginate(request, &OFFSET_PAGINATION, decode_error)).await;

    assert_eq!(items.len(), 3);
    let message = items[2].clone().err().unwrap_or_default();
    assert!(
        message.contains(
            "the API named start=4 as the next page, which this stream already fetched as page 1"
        ),
        "{message}"
    );
    server.verify().await;
}

#[tokio::test]
async fn a_server_that_ignores_the_offset_is_caught_by_its_repeated_items() {
    // `more_items_in_collection` stays true and `next_start` advances, but
    // every page holds the same items.
    let server = MockServer::start().await;
    mount_page(&server, None, offset_page(&[1, 2], true, Some(2))).await;
    mount_page(&server, Some("2"), offset_page(&[1, 2], true, Some(4))).await;
    let client = client_for(&server);

    let items = drain(client.paginate(list_deals(), &OFFSET_PAGINATION, decode_error)).await;

    assert_eq!(
        items,
        vec![
            Ok(1),
            Ok(2),
            Err("the paginated stream of getDeals stopped after 2 pages: page 2 holds exactly the items of page 1 (does the API ignore the page parameter?), so its items were not yielded".to_owned())
        ]
    );
    server.verify().await;
}

#[tokio::test]
async fn a_next_offset_below_the_current_one_ends_the_stream_with_an_error() {
    let server = MockServer::start().await;
    mount_page(&server, None, offset_page(&[1, 2], true, Some(4))).await;
    mount_page(&server, Some("4"), offset_page(&[5, 6], true, Some(2))).await;
    let client = client_for(&server);

    let items = drain(client.paginate(list_deals(), &OFFSET_PAGINATION, decode_error)).await;

    assert_eq!(
        items,
        vec![
            Ok(1),
            Ok(2),
            Ok(5),
            Ok(6),
            Err("the paginated stream of getDeals stopped after 2 pages: the API named start=2 as the next page, before the current start=4; following it would yield items again".to_owned())
        ]
    );
    server.verify().await;
}

/// A cursor page holding deals with these ids and naming `next` as the next
/// cursor.
fn cursor_page(ids: &[i64], next: serde_json::Value) -> ResponseTemplate {
    let data: Vec<_> = ids.iter().map(|id| json!({"id": id})).collect();
    ResponseTemplate::new(200).set_body_json(
        json!({"success": true, "data": data, "additional_data": {"next_cursor": next}}),
    )
}

#[tokio::test]
async fn a_cursor_seen_before_ends_the_stream_even_when_it_is_not_the_last_one() {
    // Before: 1, 2, 3, 2, 3, 2, 3, ... for ever (only the previous cursor was
    // compared).
    let server = MockServer::start().await;
    for (cursor, ids, next) in [
        (None, [1], "A"),
        (Some("A"), [2], "B"),
        (Some("B"), [3], "A"),
    ] {
        let mock = match cursor {
            Some(cursor) => Mock::given(query_param("cursor", cursor)),
            None => Mock::given(query_param_is_missing("cursor")),
        };
        mock.respond_with(cursor_page(&ids, json!(next)))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client_for(&server);

    let items = drain(client.paginate(list_deals(), &CURSOR_PAGINATION, decode_error)).await;

    assert_eq!(
        items,
        vec![
            Ok(1),
            Ok(2),
            Ok(3),
            Err("the paginated stream of getDeals stopped after 3 pages: the API named cursor=A as the next page, which this stream already fetched as page 2; following it would yield the same items again".to_owned())
        ]
    );
    server.verify().await;
}

#[tokio::test]
async fn the_page_limit_ends_a_longer_list_with_an_error_after_the_last_page_allowed() {
    let server = MockServer::start().await;
    mount_page(&server, None, offset_page(&[1, 2], true, Some(2))).await;
    mount_page(&server, Some("2"), offset_page(&[3, 4], true, Some(4))).await;
    let client = client_for(&server);

    let stream = client
        .paginate::<Deal>(list_deals(), &OFFSET_PAGINATION, decode_error)
        .max_pages(2);
    assert_stream_is_unpin_and_send(&stream);
    let items = drain(stream).await;

    assert_eq!(
        items,
        vec![
            Ok(1),
            Ok(2),
            Ok(3),
            Ok(4),
            Err("the paginated stream of getDeals stopped after 2 pages: the limit of 2 pages set with max_pages was reached while the API reports more pages".to_owned())
        ]
    );
    // The third page was never asked for.
    server.verify().await;
}

#[tokio::test]
async fn a_list_that_ends_within_the_page_limit_has_no_error() {
    let server = MockServer::start().await;
    mount_page(&server, None, offset_page(&[1, 2], true, Some(2))).await;
    mount_page(&server, Some("2"), offset_page(&[3], false, None)).await;
    let client = client_for(&server);

    let stream = client
        .paginate::<Deal>(list_deals(), &OFFSET_PAGINATION, decode_error)
        .max_pages(2);
    let deals = stream.collect_all().await;

    let ids: Result<Vec<i64>, _> = deals.map(|deals| deals.iter().map(|deal| deal.id).collect());
    assert_eq!(ids.ok(), Some(vec![1, 2, 3]));
    server.verify().await;
}

#[tokio::test]
async fn a_page_limit_of_zero_sends_nothing() {
    let server = MockServer::start().await;
    let client = client_for(&server);

    let stream = client
        .paginate::<Deal>(list_deals(), &OFFSET_PAGINATION, decode_error)
        .max_pages(0);
    let outcome = stream.collect_all().await;

    match outcome {
        Err(Error::Pagination(error)) => {
            assert_eq!(error.pages, 0);
            assert_eq!(error.problem, PaginationProblem::PageLimit { max_pages: 0 });
            assert_eq!(error.operation, "getDeals");
        }
        other => panic!("expected the page limit error, got {other:?}"),
    }
    assert_eq!(
        server
            .received_requests()
            .await
            .map(|requests| requests.len()),
        Some(0)
    );
}
