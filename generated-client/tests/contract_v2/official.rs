//! Pipedrive's official v2 spec as an oracle: Prism serving the official
//! spec (`tests/data/pipedrive-v2-official.yaml`, the operations of our v2
//! spec without prose, made by `cargo xtask strip-spec --keep-operations-of
//! spec/pipedrive-v2.yaml`), and the same calls as the v2 contract test made
//! through the client generated from our spec. Prism validates every request
//! against the official spec and answers with the official examples, which
//! must decode.
//!
//! Where our spec deliberately differs from the official one (the official
//! spec's known errors), the difference is listed below with its reason, and
//! the test checks that it still shows: a listed difference that no longer
//! occurs fails the test, so the list cannot go stale.

use std::path::PathBuf;
use std::time::Instant;

use pipedrive::Client;
use pipedrive::runtime::Request;

use crate::known_differences::{KnownDifference, judge};
use crate::prism::Prism;
use crate::tally::{Tally, VIOLATIONS_HEADER};
use crate::{clients_for, coverage_problems, spec, v2_calls, v2_spec};

/// Pipedrive's official v2 spec of 2026-08-18, reduced and stripped.
fn official_v2_spec() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/pipedrive-v2-official.yaml")
}

/// Where our spec deliberately differs from the official one. Each entry
/// must still make its call fail with its symptom.
const KNOWN_DIFFERENCES: [KnownDifference; 10] = [
    // Lists in one comma-separated query parameter.
    KnownDifference {
        operation: "getDeals",
        call: v2_calls::FILTERED,
        symptom: r#""location":["query","include_fields"]"#,
        reason: "`include_fields` is a comma-separated list of optional fields, as Pipedrive \
                 documents and serves it; the official spec types it as one enum value",
    },
    KnownDifference {
        operation: "searchDeals",
        call: v2_calls::TWO_FIELDS,
        symptom: r#""location":["query","fields"]"#,
        reason: "`fields` is a comma-separated list of the fields to search, as in v1; the \
                 official spec types it as one enum value",
    },
    KnownDifference {
        operation: "getInstallments",
        call: v2_calls::TWO_IDS,
        symptom: r#""location":["query","deal_ids","0"]"#,
        reason: "`deal_ids` is sent comma-separated (`deal_ids=1,2`) like v2's other ID lists; \
                 the official spec gives no style, so Prism expects repeated keys",
    },
    // A null that clears a value.
    KnownDifference {
        operation: "updateDeal",
        call: v2_calls::CLEARING,
        symptom: r#""location":["body","person_id"]"#,
        reason: NULL_LINKS,
    },
    KnownDifference {
        operation: "updateDeal",
        call: v2_calls::CLEARING,
        symptom: r#""location":["body","org_id"]"#,
        reason: NULL_LINKS,
    },
    // The product `custom_fields` example is a schema, not a value.
    KnownDifference {
        operation: "getProducts",
        call: v2_calls::PLAIN,
        symptom: PRODUCT_CUSTOM_FIELDS_SYMPTOM,
        reason: PRODUCT_CUSTOM_FIELDS,
    },
    KnownDifference {
        operation: "getProduct",
        call: v2_calls::PLAIN,
        symptom: PRODUCT_CUSTOM_FIELDS_SYMPTOM,
        reason: PRODUCT_CUSTOM_FIELDS,
    },
    KnownDifference {
        operation: "addProduct",
        call: v2_calls::CUSTOM_FIELDS,
        symptom: PRODUCT_CUSTOM_FIELDS_SYMPTOM,
        reason: PRODUCT_CUSTOM_FIELDS,
    },
    KnownDifference {
        operation: "updateProduct",
        call: v2_calls::PLAIN,
        symptom: PRODUCT_CUSTOM_FIELDS_SYMPTOM,
        reason: PRODUCT_CUSTOM_FIELDS,
    },
    KnownDifference {
        operation: "duplicateProduct",
        call: v2_calls::PLAIN,
        symptom: PRODUCT_CUSTOM_FIELDS_SYMPTOM,
        reason: PRODUCT_CUSTOM_FIELDS,
    },
];

/// Why clearing a deal's person or organization differs.
const NULL_LINKS: &str = "`null` unlinks the deal's person or organization, as v2 documents \
     for every nullable write field; the official spec types the IDs as plain integers";

/// How a product `custom_fields` example that is a schema fails to decode.
const PRODUCT_CUSTOM_FIELDS_SYMPTOM: &str =
    "custom_fields.additionalProperties: the value matches no variant of `CustomFieldValue`";

/// Why the official product examples do not decode.
const PRODUCT_CUSTOM_FIELDS: &str = "the official product example's `custom_fields` is the \
     JSON schema of the map (`{additionalProperties: {...}}`) pasted as a value; a real \
     product's custom fields are keyed by field hash, with values of the shapes v2.md lists";

/// A request that our spec rejects and the official spec accepts, because
/// the official spec is laxer than the API: the official test checks that the
/// official spec still accepts it, and our examples test that ours rejects it.
pub(crate) struct LaxerInOfficialSpec {
    /// The operation.
    pub operation: &'static str,
    /// The path it is sent to.
    pub path: &'static str,
    /// The query parameter and its value, which the API would refuse.
    pub query: (&'static str, &'static str),
    /// Why our spec rejects it.
    pub reason: &'static str,
}

/// The official spec's errors that make it accept what it should refuse.
pub(crate) const LAXER_IN_OFFICIAL_SPEC: [LaxerInOfficialSpec; 2] = [
    LaxerInOfficialSpec {
        operation: "getDeals",
        path: "/deals",
        query: ("updated_since", "yesterday"),
        reason: TIMESTAMPS,
    },
    LaxerInOfficialSpec {
        operation: "getProducts",
        path: "/products",
        query: ("limit", "5000"),
        reason: "a page holds at most 500 items; the official spec gives `limit` no maximum",
    },
];

/// Why timestamps differ.
const TIMESTAMPS: &str = "v2's timestamps are RFC 3339 date-times, typed as such in ours; the \
     official spec types them (parameters and fields alike) as plain strings";

/// Sends every request of [`LAXER_IN_OFFICIAL_SPEC`] raw through `client`
/// and reports, for each, whether Prism accepted it (a success status and no
/// violation of the request).
pub(crate) async fn send_laxer_requests(
    client: &Client,
) -> Vec<(&'static LaxerInOfficialSpec, Result<(), String>)> {
    let mut outcomes = Vec::new();
    for lax in &LAXER_IN_OFFICIAL_SPEC {
        let mut request = Request::new(http::Method::GET, lax.path, lax.path);
        request.operation_id(lax.operation);
        request.query(lax.query.0, lax.query.1);
        let outcome = match client.execute(request).await {
            Ok(response)
                if (200..300).contains(&response.status())
                    && response.headers().get(VIOLATIONS_HEADER).is_none() =>
            {
                Ok(())
            }
            Ok(response) => Err(format!(
                "status {}, violations {:?}",
                response.status(),
                response.headers().get(VIOLATIONS_HEADER)
            )),
            Err(error) => Err(error.to_string()),
        };
        outcomes.push((lax, outcome));
    }
    outcomes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_v2_operation_passes_the_official_spec() {
    let started = Instant::now();
    let our_operations = spec::operation_ids(&v2_spec());
    let official_operations = spec::operation_ids(&official_v2_spec());
    let mut prism = Prism::start(&official_v2_spec(), &[]);
    let prism_ready = started.elapsed();
    let clients = clients_for(&prism.base_url());
    let mut tally = Tally::default();
    v2_calls::call_every_v2_operation(&clients, &mut tally).await;
    let laxer = send_laxer_requests(&clients.header).await;

    // The official spec must hold every operation of ours: the stripped copy
    // keeps only ours, so the two lists are equal.
    let mut report = Vec::new();
    if our_operations != official_operations {
        report.push(format!(
            "the official v2 spec lacks {:?}",
            our_operations
                .difference(&official_operations)
                .collect::<Vec<_>>()
        ));
    }
    report.extend(coverage_problems(&our_operations, &tally, ""));
    let figures = judge(&tally, &our_operations, &KNOWN_DIFFERENCES, &mut report);
    for (lax, outcome) in &laxer {
        if let Err(problem) = outcome {
            report.push(format!(
                "the official spec no longer accepts {} {}={} ({problem}; listed because {}): \
                 remove it from LAXER_IN_OFFICIAL_SPEC",
                lax.operation, lax.query.0, lax.query.1, lax.reason
            ));
        }
    }
    println!(
        "contract v2 (official spec): {}/{} accepted and decoded, {}/{} accepted ({} calls, \
         {} listed differences aside, {} laxer requests accepted; the official examples break the official schemas in {} \
         places); Prism ready after {:.1} s, total {:.1} s",
        figures.decoded,
        our_operations.len(),
        figures.accepted,
        our_operations.len(),
        figures.calls,
        KNOWN_DIFFERENCES.len(),
        laxer.iter().filter(|(_, outcome)| outcome.is_ok()).count(),
        tally.response_violations().len(),
        prism_ready.as_secs_f64(),
        started.elapsed().as_secs_f64(),
    );
    if let Some(status) = prism.exit_status() {
        report.push(format!("Prism exited during the run with {status}"));
    }
    assert!(
        report.is_empty(),
        "{} problem(s) against the official v2 spec:\n  - {}\n\nPrism log (last lines):\n{}",
        report.len(),
        report.join("\n  - "),
        prism.log_tail(20),
    );
}
