//! `cargo xtask codegen [--check]`: keeps `generated-client/src/generated`
//! exactly what the generator makes from the specs in [`SPECS`], each in its
//! own module (`pipedrive::v1`, `pipedrive::v2`) behind one client.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The v1 spec, relative to the root: the first of [`SPECS`], whose default
/// server the client's builder starts from.
pub(crate) const SPEC_PATH: &str = "spec/pipedrive.yaml";
/// The specs the checked-in client is generated from, relative to the root,
/// each with the module its code lives in.
pub(crate) const SPECS: &[(&str, &str)] = &[("v1", SPEC_PATH), ("v2", "spec/pipedrive-v2.yaml")];
/// Where the generated modules of the checked-in client live.
const GENERATED_DIR: &str = "generated-client/src/generated";
/// The command that regenerates the client, as printed in headers and errors.
const REGENERATE_COMMAND: &str = "cargo xtask codegen";

/// Regenerates the checked-in client, writing only the files that changed and
/// deleting the ones the generator no longer makes.
pub(crate) fn write(root: &Path) -> Result<()> {
    let wanted = generate(root)?;
    let directory = root.join(GENERATED_DIR);
    let existing = read_existing(&directory)?;
    let mut written = 0;
    for (relative, contents) in &wanted {
        if existing.get(relative).map(|old| normalise(old)) == Some(normalise(contents)) {
            continue;
        }
        let path = directory.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("could not create {}", parent.display()))?;
        }
        std::fs::write(&path, contents)
            .with_context(|| format!("could not write {}", path.display()))?;
        written += 1;
    }
    let mut deleted = 0;
    for relative in existing.keys().filter(|path| !wanted.contains_key(*path)) {
        let path = directory.join(relative);
        std::fs::remove_file(&path)
            .with_context(|| format!("could not delete {}", path.display()))?;
        deleted += 1;
    }
    remove_empty_directories(&directory)?;
    println!(
        "{GENERATED_DIR}: {} files, {written} written, {deleted} deleted",
        wanted.len()
    );
    print_api_changes(root)
}

/// Prints the API change report of each spec, in the short text form,
/// between the spec at git `HEAD` (the one the checked-in client was made
/// from) and the spec just generated from, its Rust items under the spec's
/// module (`pipedrive::v2::models::Deal`). For a spec without git or not in
/// `HEAD`, says so and reports nothing else for it.
fn print_api_changes(root: &Path) -> Result<()> {
    for (module, spec_path) in SPECS {
        println!("{spec_path} (pipedrive::{module}):");
        let old = match crate::api_diff::git_show(root, "HEAD", spec_path) {
            Ok(old) => old,
            Err(error) => {
                println!(
                    "API changes not reported: {spec_path} at git HEAD is unavailable ({error:#})"
                );
                continue;
            }
        };
        let new = crate::read_to_string(&root.join(spec_path))?;
        let crate_name = format!("{}::{module}", crate::api_diff::DEFAULT_CRATE_NAME);
        let diff = crate::api_diff::compare(&old, &new, &crate_name).with_context(|| {
            format!("could not compare {spec_path} with its version at git HEAD")
        })?;
        print!("{}", diff.render(generator::diff::ReportFormat::Text));
    }
    Ok(())
}

/// Fails, naming every stale file, when the checked-in client differs from
/// what the generator makes. Changes nothing.
pub(crate) fn check(root: &Path) -> Result<()> {
    let problems = stale_files(root)?;
    if problems.is_empty() {
        return Ok(());
    }
    bail!(
        "the checked-in client is out of date with {}:\n{}\nrun `{REGENERATE_COMMAND}` to fix it",
        spec_list(),
        problems
            .iter()
            .map(|line| format!("  {line}"))
            .collect::<Vec<_>>()
            .join("\n")
    )
}

/// One line per file that differs: `changed`, `missing` or `not generated`.
fn stale_files(root: &Path) -> Result<Vec<String>> {
    let wanted = generate(root)?;
    let directory = root.join(GENERATED_DIR);
    let existing = read_existing(&directory)?;
    let mut problems = Vec::new();
    for (relative, contents) in &wanted {
        match existing.get(relative) {
            None => problems.push(format!("missing: {GENERATED_DIR}/{relative}")),
            Some(old) if normalise(old) != normalise(contents) => {
                problems.push(format!("changed: {GENERATED_DIR}/{relative}"));
            }
            Some(_) => {}
        }
    }
    for relative in existing.keys().filter(|path| !wanted.contains_key(*path)) {
        problems.push(format!("not generated: {GENERATED_DIR}/{relative}"));
    }
    Ok(problems)
}

/// The specs, as error messages name them.
fn spec_list() -> String {
    SPECS
        .iter()
        .map(|(_, path)| *path)
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Runs the generator on the specs: relative path → contents.
fn generate(root: &Path) -> Result<BTreeMap<String, String>> {
    let texts = SPECS
        .iter()
        .map(|(_, path)| crate::read_to_string(&root.join(path)))
        .collect::<Result<Vec<_>>>()?;
    let specs: Vec<generator::SpecModule<'_>> = SPECS
        .iter()
        .zip(&texts)
        .map(|((module, path), text)| generator::SpecModule {
            module: (*module).to_owned(),
            spec_text: text,
            spec_display_path: (*path).to_owned(),
        })
        .collect();
    let files = generator::generate_modules(&specs, REGENERATE_COMMAND)
        .with_context(|| format!("could not generate the client from {}", spec_list()))?;
    Ok(files
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect())
}

/// Every file under `directory`, by `/`-separated relative path.
pub(crate) fn read_existing(directory: &Path) -> Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    if directory.exists() {
        collect_files(directory, directory, &mut files)?;
    }
    Ok(files)
}

fn collect_files(
    base: &Path,
    directory: &Path,
    files: &mut BTreeMap<String, String>,
) -> Result<()> {
    let entries = std::fs::read_dir(directory)
        .with_context(|| format!("could not list {}", directory.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("could not list {}", directory.display()))?
            .path();
        if path.is_dir() {
            collect_files(base, &path, files)?;
        } else {
            let relative = relative_path(base, &path);
            files.insert(relative, crate::read_to_string(&path)?);
        }
    }
    Ok(())
}

fn relative_path(base: &Path, path: &Path) -> String {
    let relative: PathBuf = path.strip_prefix(base).unwrap_or(path).to_path_buf();
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn remove_empty_directories(directory: &Path) -> Result<()> {
    if !directory.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(directory)
        .with_context(|| format!("could not list {}", directory.display()))?
    {
        let path = entry
            .with_context(|| format!("could not list {}", directory.display()))?
            .path();
        if path.is_dir() {
            remove_empty_directories(&path)?;
            if std::fs::read_dir(&path)?.next().is_none() {
                std::fs::remove_dir(&path)
                    .with_context(|| format!("could not delete {}", path.display()))?;
            }
        }
    }
    Ok(())
}

/// Line endings do not count as a difference (a Windows checkout has CRLF).
fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` catches a client that was not regenerated after a spec or
    /// generator change.
    #[test]
    fn checked_in_client_is_up_to_date() {
        if let Err(error) = check(&crate::workspace_root()) {
            panic!("{error:#}");
        }
    }

    #[test]
    fn check_names_changed_missing_and_extra_files() {
        let root = std::env::temp_dir().join(format!("xtask-check-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("spec")).unwrap();
        for (_, spec_path) in SPECS {
            std::fs::copy(
                crate::workspace_root().join(spec_path),
                root.join(spec_path),
            )
            .unwrap();
        }
        write(&root).unwrap();
        assert!(stale_files(&root).unwrap().is_empty());

        let directory = root.join(GENERATED_DIR);
        let first = read_existing(&directory)
            .unwrap()
            .into_keys()
            .next()
            .unwrap();
        std::fs::write(directory.join(&first), "// edited by hand\n").unwrap();
        std::fs::write(directory.join("stray.rs"), "").unwrap();
        let problems = stale_files(&root).unwrap();
        assert_eq!(
            problems,
            vec![
                format!("changed: {GENERATED_DIR}/{first}"),
                format!("not generated: {GENERATED_DIR}/stray.rs"),
            ]
        );
        let message = format!("{:#}", check(&root).unwrap_err());
        assert!(message.contains("run `cargo xtask codegen`"), "{message}");

        write(&root).unwrap();
        assert!(stale_files(&root).unwrap().is_empty());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn crlf_checkouts_are_not_stale() {
        assert_eq!(normalise("a\r\nb\n"), normalise("a\nb\n"));
    }
}
