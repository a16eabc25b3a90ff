//! `cargo xtask semver-check`: checks the semver verdicts of the API change
//! report against the compiler.
//!
//! `xtask/semver/edits.yaml` lists edits of `spec/pipedrive.yaml`, each with
//! the bump the generated crate must get. For each edit, the edited spec is
//! generated into a standalone crate, and `xtask/semver/user.rs` (code a user
//! wrote against the crate of the unedited spec) is checked against it. A
//! minor or patch verdict is right only if that code still compiles; a major
//! one is confirmed when it does not (the user code touches every item a
//! major edit changes, so a major edit that compiles is a report that cries
//! wolf or user code that misses the point: both fail the check). The report
//! must give each edit the bump the file expects.
//!
//! The crates are written under `target/semver-check` and checked with the
//! workspace's lock file and target directory, so the runtime's dependencies
//! are the pinned versions, built once, and each edit costs one `cargo check`
//! of the generated crate.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use generator::diff::{DiffOptions, RustBump};
use serde_json::Value;

/// One edit of the spec and the verdict it must get.
struct Edit {
    name: String,
    expect: RustBump,
    operations: Vec<Operation>,
}

/// One change to the spec's JSON.
enum Operation {
    /// Puts a value at a pointer; a new key goes first in its map, so that a
    /// name that depends on spec order shows up as a break.
    Set(String, Value),
    /// Pushes a value onto the array at a pointer.
    Append(String, Value),
    /// Deletes what a pointer names.
    Remove(String),
}

/// Runs every edit and fails when any verdict is wrong.
pub(crate) fn run(root: &Path) -> Result<()> {
    let spec_path = root.join("spec/pipedrive.yaml");
    let spec_text = crate::read_to_string(&spec_path)?;
    let spec = generator::parse_document(&spec_text)
        .with_context(|| format!("{} does not parse", spec_path.display()))?;
    let edits = parse_edits(&crate::read_to_string(
        &root.join("xtask/semver/edits.yaml"),
    )?)?;
    let user_code = crate::read_to_string(&root.join("xtask/semver/user.rs"))?;
    let work = root.join("target/semver-check");
    // The workspace's own target directory and lock file: the runtime's
    // dependencies are then the versions the workspace pins, already built
    // by the workspace's own `cargo check`.
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), Into::into);
    let lock = crate::read_to_string(&root.join("Cargo.lock"))?;

    // The user code must first compile against the crate it was written for.
    let base = work.join("crates/base");
    write_variant(root, &spec_text, &base)?;
    let user = work.join("user");
    let checked = check_user_code(&user, &base, &user_code, &lock, &target)?;
    if !checked.compiles {
        eprintln!("{}", checked.errors);
        bail!(
            "xtask/semver/user.rs does not compile against the crate of the unedited spec \
             (cargo's errors are above): fix the user code first"
        );
    }
    println!("semver-check: the user code compiles against the unedited crate");

    let mut failures = Vec::new();
    for (index, edit) in edits.iter().enumerate() {
        let mut edited = spec.clone();
        for operation in &edit.operations {
            apply(&mut edited, operation).with_context(|| format!("edit `{}`", edit.name))?;
        }
        let edited_text = serde_json::to_string_pretty(&edited)?;
        let report = generator::diff::diff(
            &spec_text,
            &edited_text,
            &DiffOptions {
                crate_name: "pipedrive".to_owned(),
            },
        )
        .with_context(|| format!("edit `{}`: the report failed", edit.name))?;
        let bump = report.crate_bump();
        let crate_dir = work.join(format!("crates/edit-{index}"));
        write_variant(root, &edited_text, &crate_dir)?;
        let checked = check_user_code(&user, &crate_dir, &user_code, &lock, &target)?;
        let compiles = checked.compiles;
        let expected_compiles = edit.expect != RustBump::Major;
        println!(
            "semver-check: {:<45} expected {:<5} report {:<5} user code {}",
            edit.name,
            edit.expect.as_str(),
            bump.map_or("none", RustBump::as_str),
            if compiles {
                "compiles"
            } else {
                "does not compile"
            },
        );
        if bump != Some(edit.expect) {
            failures.push(format!(
                "`{}`: the report says {}, the edit is {}",
                edit.name,
                bump.map_or("no change", RustBump::as_str),
                edit.expect.as_str()
            ));
        }
        if compiles != expected_compiles {
            eprintln!("{}", checked.errors);
            failures.push(format!(
                "`{}`: a {} change, but the old user code {}",
                edit.name,
                edit.expect.as_str(),
                if compiles {
                    "still compiles"
                } else {
                    "no longer compiles"
                }
            ));
        }
    }
    if !failures.is_empty() {
        bail!("semver-check failed:\n  {}", failures.join("\n  "));
    }
    println!(
        "semver-check: {} edits, every verdict confirmed by the compiler",
        edits.len()
    );
    Ok(())
}

/// Reads `edits.yaml`.
fn parse_edits(text: &str) -> Result<Vec<Edit>> {
    let entries: Vec<Value> = serde_yaml::from_str(text).context("edits.yaml does not parse")?;
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            parse_edit(entry).with_context(|| format!("edits.yaml entry {index}"))
        })
        .collect()
}

/// Reads one entry of `edits.yaml`.
fn parse_edit(entry: &Value) -> Result<Edit> {
    let name = entry["name"].as_str().context("no `name`")?.to_owned();
    let expect = match entry["expect"].as_str() {
        Some("major") => RustBump::Major,
        Some("minor") => RustBump::Minor,
        Some("patch") => RustBump::Patch,
        other => bail!("`expect` is major, minor or patch, not {other:?}"),
    };
    let mut operations = Vec::new();
    if let Some(set) = entry.get("set") {
        let set = set
            .as_object()
            .context("`set` is a map of pointer to value")?;
        operations.extend(
            set.iter()
                .map(|(pointer, value)| Operation::Set(pointer.clone(), value.clone())),
        );
    }
    if let Some(append) = entry.get("append") {
        let append = append
            .as_object()
            .context("`append` is a map of pointer to value")?;
        operations.extend(
            append
                .iter()
                .map(|(pointer, value)| Operation::Append(pointer.clone(), value.clone())),
        );
    }
    if let Some(remove) = entry.get("remove") {
        let remove = remove
            .as_array()
            .context("`remove` is a list of pointers")?;
        for pointer in remove {
            let pointer = pointer.as_str().context("a pointer is a string")?;
            operations.push(Operation::Remove(pointer.to_owned()));
        }
    }
    if operations.is_empty() {
        bail!("edit `{name}` changes nothing");
    }
    Ok(Edit {
        name,
        expect,
        operations,
    })
}

/// Applies one operation; a pointer that names nothing is an error.
fn apply(spec: &mut Value, operation: &Operation) -> Result<()> {
    match operation {
        Operation::Set(pointer, value) => {
            let (parent, key) = split_pointer(pointer)?;
            let map = spec
                .pointer_mut(parent)
                .and_then(Value::as_object_mut)
                .with_context(|| format!("{parent} names no map in the spec"))?;
            if let Some(slot) = map.get_mut(&key) {
                *slot = value.clone();
            } else {
                let rest = std::mem::take(map);
                map.insert(key, value.clone());
                map.extend(rest);
            }
        }
        Operation::Append(pointer, value) => {
            spec.pointer_mut(pointer)
                .and_then(Value::as_array_mut)
                .with_context(|| format!("{pointer} names no list in the spec"))?
                .push(value.clone());
        }
        Operation::Remove(pointer) => {
            let (parent, key) = split_pointer(pointer)?;
            let removed = match spec.pointer_mut(parent) {
                Some(Value::Object(map)) => map.shift_remove(&key).is_some(),
                Some(Value::Array(list)) => match key.parse::<usize>() {
                    Ok(index) if index < list.len() => {
                        list.remove(index);
                        true
                    }
                    _ => false,
                },
                _ => false,
            };
            if !removed {
                bail!("{pointer} names nothing in the spec");
            }
        }
    }
    Ok(())
}

/// A pointer's parent and its last token, unescaped (`~1` is `/`, `~0` is `~`).
fn split_pointer(pointer: &str) -> Result<(&str, String)> {
    let (parent, last) = pointer
        .rsplit_once('/')
        .with_context(|| format!("`{pointer}` is not a JSON pointer"))?;
    Ok((parent, last.replace("~1", "/").replace("~0", "~")))
}

/// Writes the standalone crate `pipedrive` of `spec_text` into `out`.
fn write_variant(root: &Path, spec_text: &str, out: &Path) -> Result<()> {
    crate::standalone::write_crate(root, spec_text, "spec/pipedrive.yaml", out, "pipedrive")?;
    Ok(())
}

/// Writes the user crate against `pipedrive` at `crate_dir` and checks it;
/// cargo's output is kept, to show when the outcome is not the expected one.
fn check_user_code(
    user: &Path,
    crate_dir: &Path,
    code: &str,
    lock: &str,
    target: &Path,
) -> Result<Checked> {
    let dependency = crate_dir
        .canonicalize()
        .with_context(|| format!("{} was not written", crate_dir.display()))?;
    crate::standalone::write_file(
        &user.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"semver-user\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\npipedrive = {{ path = {:?} }}\n\n[workspace]\n",
            dependency.display().to_string()
        ),
    )?;
    crate::standalone::write_file(&user.join("src/lib.rs"), code)?;
    crate::standalone::write_file(&user.join("Cargo.lock"), lock)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["check", "--quiet", "--color", "never", "--manifest-path"])
        .arg(user.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target)
        .env_remove("RUSTFLAGS")
        .output()
        .context("could not run cargo check")?;
    Ok(Checked {
        compiles: output.status.success(),
        errors: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// The outcome of checking the user code against one crate.
struct Checked {
    compiles: bool,
    /// What cargo printed, shown when the outcome is not the expected one.
    errors: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> Value {
        serde_json::json!({
            "paths": {"/a": {"get": {"parameters": [1]}}},
            "components": {"schemas": {"A": {"properties": {"x": {}, "y": {}}}}}
        })
    }

    #[test]
    fn set_puts_a_new_key_first() {
        let mut spec = spec();
        apply(
            &mut spec,
            &Operation::Set("/paths/~1b".into(), serde_json::json!({})),
        )
        .unwrap();
        let keys: Vec<&String> = spec["paths"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["/b", "/a"]);
    }

    #[test]
    fn append_and_remove_change_what_the_pointer_names() {
        let mut spec = spec();
        apply(
            &mut spec,
            &Operation::Append("/paths/~1a/get/parameters".into(), serde_json::json!(2)),
        )
        .unwrap();
        assert_eq!(
            spec["paths"]["/a"]["get"]["parameters"],
            serde_json::json!([1, 2])
        );
        apply(
            &mut spec,
            &Operation::Remove("/components/schemas/A/properties/x".into()),
        )
        .unwrap();
        let keys: Vec<&String> = spec["components"]["schemas"]["A"]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(keys, ["y"]);
    }

    #[test]
    fn a_pointer_that_names_nothing_is_an_error() {
        let mut spec = spec();
        let error = apply(&mut spec, &Operation::Remove("/paths/~1nope".into())).unwrap_err();
        assert_eq!(error.to_string(), "/paths/~1nope names nothing in the spec");
        let error = apply(
            &mut spec,
            &Operation::Append("/paths/~1a/get".into(), serde_json::json!(1)),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "/paths/~1a/get names no list in the spec"
        );
    }

    #[test]
    fn the_checked_in_edits_parse() {
        let text = include_str!("../semver/edits.yaml");
        let edits = parse_edits(text).unwrap();
        assert!(edits.len() >= 7);
        assert!(edits.iter().any(|edit| edit.expect == RustBump::Major));
        assert!(edits.iter().any(|edit| edit.expect == RustBump::Minor));
    }
}
