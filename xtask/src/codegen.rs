//! `cargo xtask codegen [--check]`: keeps `generated-client/src/generated`
//! exactly what the generator makes from `spec/pipedrive.yaml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The spec the checked-in client is generated from, relative to the root.
pub(crate) const SPEC_PATH: &str = "spec/pipedrive.yaml";
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

/// Prints the API change report, in the short text form, between the spec
/// at git `HEAD` (the one the checked-in client was made from) and the spec
/// just generated from. Without git or without the spec in `HEAD`, says so
/// and prints nothing else.
fn print_api_changes(root: &Path) -> Result<()> {
    let old = match crate::api_diff::git_show(root, "HEAD", SPEC_PATH) {
        Ok(old) => old,
        Err(error) => {
            println!(
                "API changes not reported: {SPEC_PATH} at git HEAD is unavailable ({error:#})"
            );
            return Ok(());
        }
    };
    let new = crate::read_to_string(&root.join(SPEC_PATH))?;
    let diff = crate::api_diff::compare(&old, &new, crate::api_diff::DEFAULT_CRATE_NAME)
        .with_context(|| format!("could not compare {SPEC_PATH} with its version at git HEAD"))?;
    print!("{}", diff.render(generator::diff::ReportFormat::Text));
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
        "the checked-in client is out of date with {SPEC_PATH}:\n{}\nrun `{REGENERATE_COMMAND}` to fix it",
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

/// Runs the generator on the spec: relative path → contents.
fn generate(root: &Path) -> Result<BTreeMap<String, String>> {
    let spec_path = root.join(SPEC_PATH);
    let text = crate::read_to_string(&spec_path)?;
    let options = generator::Options {
        spec_display_path: SPEC_PATH.to_owned(),
        regenerate_command: REGENERATE_COMMAND.to_owned(),
    };
    let files = generator::generate(&text, &options)
        .with_context(|| format!("could not generate a client from {SPEC_PATH}"))?;
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
        std::fs::copy(
            crate::workspace_root().join(SPEC_PATH),
            root.join(SPEC_PATH),
        )
        .unwrap();
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
