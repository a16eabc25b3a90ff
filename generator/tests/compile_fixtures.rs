//! Compiles what the snapshots show: every fixture's generated modules, each
//! mounted as its own module of one scratch crate, all calling one copy of
//! the runtime (`generated-client/src/runtime/`) at the crate's root, checked
//! by `cargo clippy` (or `cargo check` when clippy is missing) and `cargo doc`
//! with warnings denied. A fixture with decoding tests
//! (`fixtures/decode/<stem>.rs`, see the README there) gets them as its
//! module's `tests`, and `cargo test` runs them on the generated code.
//!
//! The scratch crate lives under `CARGO_TARGET_TMPDIR` with its own target
//! directory there, so that repeated runs are incremental. It is its own
//! workspace whose `[workspace.dependencies]` and `Cargo.lock` are copies of
//! the real workspace's, so the runtime's `[dependencies]` are used verbatim
//! and resolve to the same versions (offline once they are fetched).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where generated code expects to be mounted; each fixture's copy is
/// rewritten to its own module.
const GENERATED_MODULE_PATH: &str = "crate::generated::";

/// The root of the real workspace.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The fixture specs that must generate, sorted by file name.
fn fixture_specs() -> Vec<PathBuf> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&directory)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", directory.display()))
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml" || extension == "json")
        })
        .collect();
    specs.sort();
    specs
}

/// The module a fixture is mounted as: its file stem, made an identifier.
fn module_name(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = stem
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() {
                character.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("fixture_{name}")
}

/// The `[section]` of a manifest, header included, up to the next header.
fn manifest_section(manifest: &str, header: &str) -> String {
    let start = manifest
        .find(&format!("\n{header}\n"))
        .unwrap_or_else(|| panic!("no {header} section in the manifest"))
        + 1;
    let rest = &manifest[start..];
    let end = rest[1..].find("\n[").map_or(rest.len(), |index| index + 2);
    rest[..end].to_owned()
}

/// Writes `contents` to `path` unless it already holds exactly that, so that
/// unchanged files keep their timestamps and cargo stays incremental.
fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).is_ok_and(|existing| existing == contents) {
        return;
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .unwrap_or_else(|error| panic!("cannot create {}: {error}", parent.display()));
    }
    std::fs::write(path, contents)
        .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
}

/// Copies the runtime's files, unchanged, to the scratch crate's `runtime`
/// module. Generated code adds nothing to the runtime's types, so every
/// fixture can share it: two fixtures that added a method of one name to a
/// runtime type would not compile.
fn copy_runtime(from: &Path, to: &Path) {
    let entries = std::fs::read_dir(from)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", from.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_runtime(&path, &target);
        } else if let Ok(contents) = std::fs::read_to_string(&path) {
            write_if_changed(&target, &contents);
        }
    }
}

/// The decoding tests of a fixture, if it has any.
fn decode_tests(spec: &Path) -> Option<String> {
    let stem = spec.file_stem()?;
    let tests = spec
        .with_file_name("decode")
        .join(stem)
        .with_extension("rs");
    std::fs::read_to_string(tests).ok()
}

/// What the decoding tests share.
fn decode_support() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/decode/support.rs");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// Writes the scratch crate and returns its directory.
fn write_scratch_crate() -> PathBuf {
    let root = workspace_root();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-crate");
    let workspace_manifest =
        std::fs::read_to_string(root.join("Cargo.toml")).expect("the workspace has a Cargo.toml");
    let runtime_manifest = std::fs::read_to_string(root.join("generated-client/Cargo.toml"))
        .expect("generated-client has a Cargo.toml");
    write_if_changed(
        &scratch.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"generated-fixtures\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n{}\n[workspace]\nresolver = \"3\"\n\n{}",
            manifest_section(&runtime_manifest, "[dependencies]"),
            manifest_section(&workspace_manifest, "[workspace.dependencies]"),
        ),
    );
    if let Ok(lock) = std::fs::read_to_string(root.join("Cargo.lock"))
        && !scratch.join("Cargo.lock").exists()
    {
        write_if_changed(&scratch.join("Cargo.lock"), &lock);
    }

    let mut lib = String::from(
        "//! Every fixture's generated modules, compiled together with one runtime.\n\
         #![deny(missing_docs)]\n\n\
         #[allow(rustdoc::all, reason = \"the runtime's docs are checked in its own crate; their examples name it `pipedrive`\")]\n\
         pub mod runtime;\n\n",
    );
    copy_runtime(
        &root.join("generated-client/src/runtime"),
        &scratch.join("src/runtime"),
    );
    for spec in fixture_specs() {
        let module = module_name(&spec);
        let text = std::fs::read_to_string(&spec)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", spec.display()));
        let options = generator::Options {
            spec_display_path: spec.display().to_string(),
            regenerate_command: "the compile_fixtures test".to_owned(),
        };
        let files = generator::generate(&text, &options)
            .unwrap_or_else(|error| panic!("{} does not generate: {error}", spec.display()));
        let generated_mount = format!("crate::{module}::generated::");
        for file in files {
            let contents = file
                .contents
                .replace(GENERATED_MODULE_PATH, &generated_mount);
            write_if_changed(
                &scratch
                    .join("src")
                    .join(&module)
                    .join("generated")
                    .join(&file.path),
                &contents,
            );
        }
        let decode_tests = decode_tests(&spec).map(|tests| {
            let directory = scratch.join("src").join(&module);
            write_if_changed(&directory.join("tests.rs"), &tests);
            write_if_changed(&directory.join("decode_support.rs"), &decode_support());
            "\n#[cfg(test)]\nmod decode_support;\n\n#[cfg(test)]\nmod tests;\n"
        });
        write_if_changed(
            &scratch.join("src").join(&module).join("mod.rs"),
            &format!(
                "//! The generated modules of `{}`.\n\n\
                 pub mod generated;\n{}",
                spec.display(),
                decode_tests.unwrap_or_default()
            ),
        );
        lib.push_str(&format!("pub mod {module};\n"));
    }
    write_modules_fixture(&scratch, &mut lib);
    write_if_changed(&scratch.join("src/lib.rs"), &lib);
    scratch
}

/// The fixtures generated together into one crate's modules, each under the
/// module named first, behind one client ([`generator::generate_modules`]).
const MODULE_FIXTURES: &[(&str, &str)] = &[
    ("errors", "op_errors.yaml"),
    ("pagination", "op_pagination.yaml"),
    ("security", "op_security.yaml"),
    ("servers", "op_servers.yaml"),
];

/// Adds the module `fixture_modules`: [`MODULE_FIXTURES`] generated as one
/// crate made from several specs.
fn write_modules_fixture(scratch: &Path, lib: &mut String) {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let texts: Vec<String> = MODULE_FIXTURES
        .iter()
        .map(|(_, file)| {
            std::fs::read_to_string(directory.join(file))
                .unwrap_or_else(|error| panic!("cannot read {file}: {error}"))
        })
        .collect();
    let specs: Vec<generator::SpecModule<'_>> = MODULE_FIXTURES
        .iter()
        .zip(&texts)
        .map(|((module, file), text)| generator::SpecModule {
            module: (*module).to_owned(),
            spec_text: text,
            spec_display_path: (*file).to_owned(),
        })
        .collect();
    let files = generator::generate_modules(&specs, "the compile_fixtures test")
        .unwrap_or_else(|error| panic!("the module fixtures do not generate: {error}"));
    let module = "fixture_modules";
    let generated_mount = format!("crate::{module}::generated::");
    for file in files {
        let contents = file
            .contents
            .replace(GENERATED_MODULE_PATH, &generated_mount);
        write_if_changed(
            &scratch
                .join("src")
                .join(module)
                .join("generated")
                .join(&file.path),
            &contents,
        );
    }
    write_if_changed(
        &scratch.join("src").join(module).join("mod.rs"),
        "//! Several fixtures generated into the modules of one crate.\n\npub mod generated;\n",
    );
    lib.push_str(&format!("pub mod {module};\n"));
}

/// Runs `cargo <arguments>` in the scratch crate; returns whether it
/// succeeded and its output (stderr, then stdout).
fn run_cargo(scratch: &Path, arguments: &[&str], offline: bool) -> (bool, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .current_dir(scratch)
        .args(arguments.iter().take_while(|argument| **argument != "--"))
        .env(
            "CARGO_TARGET_DIR",
            scratch.with_file_name("fixture-crate-target"),
        )
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    if offline {
        command.arg("--offline");
    }
    // Arguments after `--` go to what cargo runs (the test binary).
    command.args(arguments.iter().skip_while(|argument| **argument != "--"));
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("cannot run cargo: {error}"));
    // A failing test reports on stdout, after cargo's own output.
    let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stdout));
    (output.status.success(), text)
}

/// The `error:` and `warning:` blocks of cargo's output, without the noise.
fn diagnostics(stderr: &str) -> String {
    let mut kept = Vec::new();
    let mut keeping = false;
    for line in stderr.lines() {
        if line.starts_with("error") || line.starts_with("warning") {
            keeping = true;
        } else if line.trim_start().starts_with("Compiling")
            || line.trim_start().starts_with("Checking")
        {
            keeping = false;
        }
        if keeping {
            kept.push(line);
        }
    }
    kept.join("\n")
}

#[test]
fn every_fixture_compiles_without_warnings() {
    let scratch = write_scratch_crate();
    let has_clippy = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(["clippy", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    let check: &[&str] = if has_clippy {
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]
    } else {
        &["check", "--quiet", "--all-targets"]
    };
    // Offline first (the usual case: the workspace already fetched every
    // dependency); online only when something is missing.
    let (mut success, mut stderr) = run_cargo(&scratch, check, true);
    if !success && stderr.contains("offline") {
        (success, stderr) = run_cargo(&scratch, check, false);
    }
    assert!(
        success,
        "the generated fixtures do not compile cleanly (crate at {}):\n{}",
        scratch.display(),
        diagnostics(&stderr)
    );
    if !has_clippy {
        // Without clippy, warnings still fail the test through the output.
        assert!(
            !stderr.contains("warning"),
            "the generated fixtures compile with warnings:\n{}",
            diagnostics(&stderr)
        );
    }
    let (documented, stderr) = run_cargo(&scratch, &["doc", "--quiet", "--no-deps"], true);
    assert!(
        documented,
        "the generated fixtures' docs have warnings:\n{}",
        diagnostics(&stderr)
    );
    let (tested, stderr) = run_cargo(
        &scratch,
        &["test", "--quiet", "--lib", "--", "--skip", "::runtime::"],
        true,
    );
    assert!(
        tested,
        "the fixtures' decoding tests fail (crate at {}):\n{stderr}",
        scratch.display()
    );
}
