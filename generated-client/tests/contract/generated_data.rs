//! Generated data as an oracle: Prism serving `spec/pipedrive.yaml` with
//! `--dynamic`, so that every response is made up by json-schema-faker from
//! the schema rather than taken from the spec's own examples. Every
//! operation's generated response must decode. Prism's `--seed` makes the
//! data the same on every run; a few seeds vary it.

use std::time::Instant;

use crate::clients_for;
use crate::support::deal_calls::call_every_deal_operation;
use crate::support::prism::Prism;
use crate::support::product_calls::call_every_product_operation;
use crate::support::spec;
use crate::support::tally::Tally;

/// The seeds of json-schema-faker's random numbers (Prism's `--seed`). Each
/// gives other values, other optional fields and other branches of the
/// unions.
const SEEDS: [&str; 3] = ["1", "2", "3"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_decodes_generated_responses() {
    let started = Instant::now();
    let spec_operations = spec::operation_ids(&spec::seed_spec());
    let mut figures = Vec::new();
    let mut report = Vec::new();
    for seed in SEEDS {
        // One server per seed: Prism takes the seed once, at start.
        let mut prism = Prism::start(&spec::seed_spec(), &["--dynamic", "--seed", seed]);
        let base_url = prism.base_url();
        let clients = clients_for(&base_url);
        let mut tally = Tally::default();
        call_every_deal_operation(&clients, &mut tally).await;
        call_every_product_operation(&clients, &mut tally).await;

        let decoded = spec_operations
            .intersection(&tally.passed_operations())
            .count();
        figures.push(format!("seed {seed} {decoded}/{}", spec_operations.len()));
        let called = tally.called_operations();
        let missing: Vec<&String> = spec_operations.difference(&called).collect();
        if !missing.is_empty() {
            report.push(format!("seed {seed}: operations never called: {missing:?}"));
        }
        report.extend(tally.generated_data_problems(&format!("seed {seed}: ")));
        if let Some(status) = prism.exit_status() {
            report.push(format!(
                "seed {seed}: Prism exited during the run with {status}:\n{}",
                prism.log_tail(20)
            ));
        }
    }
    println!(
        "generated data: {} operations decoded ({:.1} s)",
        figures.join(", "),
        started.elapsed().as_secs_f64(),
    );
    assert!(
        report.is_empty(),
        "{} problem(s) with generated responses:\n  - {}",
        report.len(),
        report.join("\n  - "),
    );
}
