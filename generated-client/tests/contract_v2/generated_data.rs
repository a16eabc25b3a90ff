//! Generated data as an oracle for v2: Prism serving `spec/pipedrive-v2.yaml`
//! with `--dynamic`, so that every response is made up by json-schema-faker
//! from our schemas rather than taken from our examples. Every operation's
//! generated response must decode, for each of a few fixed seeds (Prism's
//! `--seed` makes the data the same on every run).

use std::time::Instant;

use crate::prism::Prism;
use crate::tally::Tally;
use crate::{clients_for, coverage_problems, spec, v2_calls, v2_spec};

/// The seeds of json-schema-faker's random numbers, as for v1: each gives
/// other values, other optional fields and other branches of the unions.
const SEEDS: [&str; 3] = ["1", "2", "3"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_v2_operation_decodes_generated_responses() {
    let started = Instant::now();
    let spec_operations = spec::operation_ids(&v2_spec());
    let mut figures = Vec::new();
    let mut report = Vec::new();
    for seed in SEEDS {
        // One server per seed: Prism takes the seed once, at start.
        let mut prism = Prism::start(&v2_spec(), &["--dynamic", "--seed", seed]);
        let clients = clients_for(&prism.base_url());
        let mut tally = Tally::default();
        v2_calls::call_every_v2_operation(&clients, &mut tally).await;

        let decoded = spec_operations
            .intersection(&tally.passed_operations())
            .count();
        figures.push(format!(
            "seed {seed}: {decoded}/{} accepted and decoded",
            spec_operations.len()
        ));
        report.extend(coverage_problems(
            &spec_operations,
            &tally,
            &format!("seed {seed}: "),
        ));
        report.extend(tally.generated_data_problems(&format!("seed {seed}: ")));
        if let Some(status) = prism.exit_status() {
            report.push(format!(
                "seed {seed}: Prism exited during the run with {status}:\n{}",
                prism.log_tail(20)
            ));
        }
    }
    println!(
        "contract v2 (generated data): {} ({:.1} s)",
        figures.join(", "),
        started.elapsed().as_secs_f64(),
    );
    assert!(
        report.is_empty(),
        "{} problem(s) with generated v2 responses:\n  - {}",
        report.len(),
        report.join("\n  - "),
    );
}
