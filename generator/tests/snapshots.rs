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

/// The `impl` blocks of `items` (and of the modules among them) whose self
/// type is a runtime type, as text.
fn impls_of_runtime_types(items: &[syn::Item], found: &mut Vec<String>) {
    for item in items {
        match item {
            syn::Item::Impl(block) => {
                let self_type = quote::ToTokens::to_token_stream(&block.self_ty)
                    .to_string()
                    .replace(' ', "");
                if self_type.starts_with("crate::runtime::") {
                    found.push(self_type);
                }
            }
            syn::Item::Mod(module) => {
                if let Some((_, content)) = &module.content {
                    impls_of_runtime_types(content, found);
                }
            }
            _ => {}
        }
    }
}

/// Generated code owns its types: it wraps the runtime's client in a
/// `Client` of its own and never implements anything on a runtime type, so
/// the generator needs no list of the runtime's method names.
#[test]
fn generated_code_implements_nothing_on_runtime_types() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut specs: Vec<std::path::PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", fixtures.display()))
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml" || extension == "json")
        })
        .collect();
    specs.sort();
    assert!(specs.len() > 10, "the fixtures were not found");
    specs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/pipedrive.yaml"));
    for spec in specs {
        let text = std::fs::read_to_string(&spec)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", spec.display()));
        let files = generator::generate(&text, &options(&spec))
            .unwrap_or_else(|error| panic!("{} does not generate: {error}", spec.display()));
        for file in files {
            let syntax = syn::parse_file(&file.contents)
                .unwrap_or_else(|error| panic!("{} {}: {error}", spec.display(), file.path));
            let mut found = Vec::new();
            impls_of_runtime_types(&syntax.items, &mut found);
            assert!(
                found.is_empty(),
                "{} {} implements items on runtime types: {found:?}",
                spec.display(),
                file.path
            );
        }
    }
}

/// A snapshot whose fixture is gone fails the suite, as
/// `cargo insta test --unreferenced=reject` would, without needing cargo-insta
/// on the machine.
#[test]
fn every_snapshot_belongs_to_a_fixture() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let fixtures_of = |test: &str| match test {
        "snapshots__every_yaml_fixture_matches_its_snapshot" => {
            Some((tests.join("fixtures"), "yaml"))
        }
        "snapshots__every_json_fixture_matches_its_snapshot" => {
            Some((tests.join("fixtures"), "json"))
        }
        "snapshots__every_invalid_fixture_reports_where_it_is_wrong" => {
            Some((tests.join("fixtures/invalid"), "yaml"))
        }
        _ => None,
    };
    let count_fixtures = |directory: &Path, extension: &str| {
        std::fs::read_dir(directory)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|entry| entry.path().extension().is_some_and(|e| e == extension))
                    .count()
            })
            .unwrap_or(0)
    };
    let mut orphans = Vec::new();
    let entries = std::fs::read_dir(tests.join("snapshots")).expect("tests/snapshots exists");
    for entry in entries {
        let name = entry.expect("a readable directory entry").file_name();
        let name = name.to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".snap") else {
            orphans.push(format!("{name} (not a .snap file: review or delete it)"));
            continue;
        };
        let referenced = match stem.split_once('@') {
            Some((test, fixture)) => {
                fixtures_of(test).is_some_and(|(directory, _)| directory.join(fixture).is_file())
            }
            // insta names a glob's only match without the `@fixture` suffix,
            // and a test's own snapshot by the test alone.
            None => {
                stem == "snapshots__several_specs_share_one_client"
                    || fixtures_of(stem).is_some_and(|(directory, extension)| {
                        count_fixtures(&directory, extension) == 1
                    })
            }
        };
        if !referenced {
            orphans.push(name);
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots without a fixture (delete them):\n{}",
        orphans.join("\n")
    );
}

/// A spec whose `api_key` scheme sends the key in the query, where
/// `op_security.yaml`'s sends it in a header.
const QUERY_KEY_SPEC: &str = r#"
openapi: 3.0.3
info: { title: Query key, version: "2" }
servers:
  - url: https://{companydomain}.example.com/api/v2
    variables: { companydomain: { default: api } }
security: [{ api_key: [] }]
paths:
  /ping:
    get:
      operationId: ping
      tags: [health]
      responses: { '200': { description: OK. } }
components:
  securitySchemes:
    api_key: { type: apiKey, in: query, name: api_key }
"#;

/// Generates `op_security.yaml`, `op_servers.yaml` and [`QUERY_KEY_SPEC`]
/// into the modules `security`, `servers` and `query`.
fn generate_modules(modules: [&str; 3]) -> Result<Vec<generator::GeneratedFile>, generator::Error> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let security = std::fs::read_to_string(fixtures.join("op_security.yaml")).unwrap();
    let servers = std::fs::read_to_string(fixtures.join("op_servers.yaml")).unwrap();
    let spec = |module: &str, text, path: &str| generator::SpecModule {
        module: module.to_owned(),
        spec_text: text,
        spec_display_path: path.to_owned(),
    };
    generator::generate_modules(
        &[
            spec(modules[0], &security, "op_security.yaml"),
            spec(modules[1], &servers, "op_servers.yaml"),
            spec(modules[2], QUERY_KEY_SPEC, "query.yaml"),
        ],
        "cargo test -p openapi-rust-generator",
    )
}

#[test]
fn several_specs_share_one_client() {
    let files = generate_modules(["security", "servers", "query"])
        .unwrap_or_else(|error| panic!("the specs do not generate: {error}"));
    let paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for expected in [
        "client.rs",
        "mod.rs",
        "query/mod.rs",
        "query/apis/health.rs",
        "servers/client.rs",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} is missing from {paths:?}"
        );
    }
    // The shared root, one module's view and one module's group accessor.
    let mut out = String::new();
    for file in files.iter().filter(|file| {
        matches!(
            file.path.as_str(),
            "mod.rs" | "client.rs" | "query/client.rs" | "query/apis/health.rs"
        )
    }) {
        out.push_str(&format!(
            "// ===== {} =====\n{}\n",
            file.path, file.contents
        ));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn module_names_that_cannot_be_modules_are_refused() {
    let check = |modules: [&str; 3], expected: &str| {
        let message = match generate_modules(modules) {
            Ok(_) => panic!("{modules:?} generated"),
            Err(error) => error.to_string(),
        };
        assert!(message.contains(expected), "{modules:?}: {message}");
    };
    check(
        ["V1", "b", "c"],
        "`V1` (for op_security.yaml) is not a lowercase Rust identifier",
    );
    check(
        ["a", "type", "c"],
        "`type` (for op_servers.yaml) is not a lowercase Rust identifier",
    );
    check(
        ["a", "b", "auth"],
        "`auth` (for query.yaml) is taken by the generated client's own items",
    );
    check(
        ["a", "builder", "c"],
        "`builder` (for op_servers.yaml) is taken",
    );
    check(["a", "b", "a"], "`a` is given to two specs");
}

#[test]
fn a_spec_that_fails_in_a_module_is_named() {
    let result = generator::generate_modules(
        &[generator::SpecModule {
            module: "v2".to_owned(),
            spec_text: "openapi: 3.0.3\ninfo: [",
            spec_display_path: "spec/v2.yaml".to_owned(),
        }],
        "test",
    );
    let message = match result {
        Ok(_) => panic!("a broken spec generated"),
        Err(error) => error.to_string(),
    };
    assert!(
        message.starts_with("spec `spec/v2.yaml` (module `v2`): the spec is not valid YAML"),
        "{message}"
    );
}
