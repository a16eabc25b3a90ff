//! Snapshot tests: every fixture spec under `fixtures/` is generated and its
//! files are compared with the snapshot under `snapshots/`.
//!
//! One snapshot per fixture holds all of its files, each after a
//! `// ===== <path> =====` marker, so that a review sees one construct's
//! whole output in one place. Invalid specs live under `fixtures/invalid/`;
//! their snapshot is the error message, which must name the offending node.

use std::path::Path;

/// The options every fixture is generated with.
fn options(spec: &Path) -> generator::Options {
    let file_name = spec
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    generator::Options {
        spec_display_path: format!("tests/fixtures/{file_name}"),
        regenerate_command: "cargo test -p openapi-rust-generator".to_owned(),
    }
}

/// All generated files of one fixture, concatenated behind path markers.
fn generate_all(spec: &Path) -> String {
    let text = std::fs::read_to_string(spec)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", spec.display()));
    let files = generator::generate(&text, &options(spec))
        .unwrap_or_else(|error| panic!("{} does not generate: {error}", spec.display()));
    let mut out = String::new();
    for file in files {
        out.push_str(&format!(
            "// ===== {} =====\n{}\n",
            file.path, file.contents
        ));
    }
    out
}

#[test]
fn every_yaml_fixture_matches_its_snapshot() {
    insta::glob!("fixtures/*.yaml", |spec| {
        insta::assert_snapshot!(generate_all(spec));
    });
}

#[test]
fn every_json_fixture_matches_its_snapshot() {
    insta::glob!("fixtures/*.json", |spec| {
        insta::assert_snapshot!(generate_all(spec));
    });
}

#[test]
fn every_invalid_fixture_reports_where_it_is_wrong() {
    insta::glob!("fixtures/invalid/*.yaml", |spec| {
        let text = std::fs::read_to_string(spec)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", spec.display()));
        match generator::generate(&text, &options(spec)) {
            Ok(_) => panic!("{} generated, but it is invalid", spec.display()),
            Err(error) => insta::assert_snapshot!(error.to_string()),
        }
    });
}

#[test]
fn generation_is_deterministic() {
    insta::glob!("fixtures/*.yaml", |spec| {
        assert_eq!(
            generate_all(spec),
            generate_all(spec),
            "{} differs between runs",
            spec.display()
        );
    });
}
