//! Contract tests for v2: every operation of `spec/pipedrive-v2.yaml`, called
//! through `client.v2()` of the one client, against Prism, a mock server that
//! rejects any request that breaks the spec it serves. This file checks
//! against our spec's own examples; `contract_v2/generated_data.rs` against
//! data Prism makes up from our schemas; `contract_v2/official.rs` against
//! Pipedrive's official v2 spec; and `contract_v2/awkward.rs` runs the
//! cases Prism cannot serve (the last page, custom fields of every kind, a
//! null person and organization, a 404 from the convert endpoints) from
//! response fixtures. The calls are those of `support/v2_calls.rs`; the
//! Prism guard and the tally are the v1 contract test's.

#[path = "contract_v2/awkward.rs"]
mod awkward;
#[path = "contract_v2/generated_data.rs"]
mod generated_data;
#[path = "support/known_differences.rs"]
mod known_differences;
#[path = "contract_v2/official.rs"]
mod official;
#[path = "support/prism.rs"]
mod prism;
#[path = "support/spec.rs"]
#[allow(dead_code, reason = "the v1 contract tests use the rest")]
mod spec;
#[path = "support/tally.rs"]
#[allow(
    dead_code,
    reason = "v2 has no query-parameter credential to call with"
)]
mod tally;
#[path = "support/v2_calls.rs"]
mod v2_calls;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

use pipedrive::runtime::Error;
use pipedrive::{Client, auth};
use prism::Prism;
use tally::{Clients, Tally};

/// The API token the clients send; Prism accepts any value.
const TOKEN: &str = "contract-test-token-v2";

/// Our v2 spec.
fn v2_spec() -> PathBuf {
    spec::workspace_root().join("spec/pipedrive-v2.yaml")
}

/// One client per way of sending the token, all against `base_url`. The
/// client is built the way a user builds it; Prism's loopback address names
/// no Pipedrive host, so every version is served from it as it is.
fn clients_for(base_url: &str) -> Clients {
    let build = |credential| {
        Client::builder()
            .base_url(base_url)
            .credential(credential)
            .build()
            .unwrap_or_else(|error| panic!("the test client does not build: {error}"))
    };
    Clients {
        header: build(auth::api_key(TOKEN)),
        query: build(auth::api_token(TOKEN)),
        bearer: build(auth::oauth2(TOKEN)),
    }
}

/// The operations of `spec` that the tally never called, and the ones it
/// called that `spec` lacks, as report lines.
fn coverage_problems(spec: &BTreeSet<String>, tally: &Tally, prefix: &str) -> Vec<String> {
    let called = tally.called_operations();
    let mut report = Vec::new();
    let missing: Vec<&String> = spec.difference(&called).collect();
    if !missing.is_empty() {
        report.push(format!("{prefix}operations never called: {missing:?}"));
    }
    let unknown: Vec<&String> = called.difference(spec).collect();
    if !unknown.is_empty() {
        report.push(format!(
            "{prefix}operations called that the spec lacks: {unknown:?}"
        ));
    }
    report
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_v2_operation_passes_prism_validation_and_decodes() {
    let started = Instant::now();
    let mut prism = Prism::start(&v2_spec(), &[]);
    let prism_ready = started.elapsed();
    let clients = clients_for(&prism.base_url());
    let mut tally = Tally::default();
    v2_calls::call_every_v2_operation(&clients, &mut tally).await;

    let spec_operations = spec::operation_ids(&v2_spec());
    let mut report = coverage_problems(&spec_operations, &tally, "");
    report.extend(tally.failures().iter().cloned());
    // Our examples must satisfy our schemas: there is no list of exceptions.
    for violation in tally.response_violations() {
        report.push(format!(
            "the spec's example breaks its own schema (Prism's response validation): {violation}"
        ));
    }

    // The cursor list as a stream: the example page names a next cursor, so
    // the stream is bounded and must end with the page limit. (The last
    // page, `next_cursor: null`, is a fixture in `awkward.rs`.)
    let streamed = clients
        .header
        .v2()
        .deals()
        .get_deals()
        .stream()
        .max_pages(2)
        .collect_all()
        .await;
    match streamed {
        Err(Error::Pagination(error)) if error.pages == 2 => {}
        other => report.push(format!(
            "getDeals stream: expected the page limit after 2 pages, got {other:?}"
        )),
    }

    // What the official spec wrongly accepts, ours must reject.
    for (lax, outcome) in official::send_laxer_requests(&clients.header).await {
        if outcome.is_ok() {
            report.push(format!(
                "our spec accepts {} {}={}, which it must reject: {}",
                lax.operation, lax.query.0, lax.query.1, lax.reason
            ));
        }
    }

    let passed = spec_operations
        .intersection(&tally.passed_operations())
        .count();
    println!(
        "contract v2 (our spec's examples): {passed}/{} accepted and decoded ({} calls, \
         Prism ready after {:.1} s, total {:.1} s)",
        spec_operations.len(),
        tally.call_count(),
        prism_ready.as_secs_f64(),
        started.elapsed().as_secs_f64(),
    );
    if let Some(status) = prism.exit_status() {
        report.push(format!("Prism exited during the run with {status}"));
    }
    assert!(
        report.is_empty(),
        "{} v2 contract problem(s):\n  - {}\n\nPrism log (last lines):\n{}",
        report.len(),
        report.join("\n  - "),
        prism.log_tail(40),
    );
}
