//! The compile half of `cargo xtask corpus`: writes a standalone crate for
//! each chosen spec and checks it with `cargo clippy` (or `cargo check` when
//! clippy is missing), one crate after another, reporting each spec with
//! its first error or warning.
//!
//! Which specs: `--compile all`, or `--compile <n>` for a sample of `n`
//! drawn by a seeded hash of each spec's path relative to the corpus
//! directory (the same corpus gives the same sample on every machine, and
//! unlike every k-th spec in sorted order it does not follow the corpus's
//! alphabetical clusters, such as azure.com's 600 specs), and
//! `--compile-list <file>` for named specs (one relative path per line, `#`
//! starts a comment), checked first.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

/// The seed of the sample's hash: fixed, so that the sample is too.
const SAMPLE_SEED: u64 = 0x5eed_0c0d_e6e4_2026;

/// Which generated specs to compile.
#[derive(Debug, Default)]
pub(crate) struct Selection {
    /// `--compile all`.
    pub(crate) all: bool,
    /// `--compile <n>`.
    pub(crate) sample: usize,
    /// `--compile-list <file>`: paths relative to the corpus directory.
    pub(crate) listed: Vec<String>,
}

impl Selection {
    /// Whether anything is to be compiled.
    pub(crate) fn is_empty(&self) -> bool {
        !self.all && self.sample == 0 && self.listed.is_empty()
    }

    /// Reads a `--compile-list` file.
    pub(crate) fn read_list(path: &Path) -> Result<Vec<String>> {
        let text = crate::read_to_string(path)?;
        Ok(text
            .lines()
            .map(|line| line.split('#').next().unwrap_or_default().trim())
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect())
    }

    /// The specs to compile, listed ones first (in the list's order), then
    /// the sample (in hash order) or every spec (sorted).
    fn choose<'s>(&self, directory: &Path, generated: &[&'s PathBuf]) -> Vec<&'s PathBuf> {
        let mut chosen: Vec<&PathBuf> = Vec::new();
        for listed in &self.listed {
            let wanted = directory.join(listed);
            if let Some(spec) = generated.iter().find(|spec| ***spec == wanted) {
                chosen.push(spec);
            } else {
                println!("not generated, so not compiled: {listed}");
            }
        }
        let rest: Vec<&PathBuf> = if self.all {
            generated.to_vec()
        } else {
            let mut ranked: Vec<(u64, &PathBuf)> = generated
                .iter()
                .map(|spec| (sample_rank(&relative(directory, spec)), *spec))
                .collect();
            ranked.sort();
            ranked
                .into_iter()
                .take(self.sample)
                .map(|(_, spec)| spec)
                .collect()
        };
        for spec in rest {
            if !chosen.contains(&spec) {
                chosen.push(spec);
            }
        }
        chosen
    }
}

/// A spec's place in the sample: FNV-1a of its relative path, seeded.
fn sample_rank(relative_path: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ SAMPLE_SEED;
    for byte in relative_path.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A spec's path relative to the corpus directory, with `/` separators.
fn relative(directory: &Path, spec: &Path) -> String {
    spec.strip_prefix(directory)
        .unwrap_or(spec)
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What checking one crate gave.
enum Checked {
    Passed {
        warnings: usize,
        first: Option<String>,
    },
    Failed(String),
}

/// A spec's file larger than this is checked in a crate of its own: what a
/// batch saves is the runtime's check and cargo's start (about 1.8 s per
/// crate on a 2-core machine), which a large spec's own check dwarfs.
const BATCH_BYTES: u64 = 400 * 1024;

/// How the specs are checked: in batches of up to `most` specs, `jobs`
/// crates at once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Checking {
    /// `--compile-batch <n>`: the most specs one crate holds (1: a crate per
    /// spec, as a user would generate it).
    pub(crate) most: usize,
    /// `--jobs <n>`: crates checked at once.
    pub(crate) jobs: usize,
}

/// The chosen specs cut into batches, in order: consecutive specs while the
/// batch holds fewer than `most` and their files stay within
/// [`BATCH_BYTES`]; a larger file is a batch of its own.
fn batches<'s>(chosen: &[&'s PathBuf], most: usize) -> Vec<Vec<&'s PathBuf>> {
    let mut batches: Vec<Vec<&PathBuf>> = Vec::new();
    let mut bytes = 0_u64;
    for spec in chosen {
        let size = std::fs::metadata(spec).map_or(u64::MAX, |metadata| metadata.len());
        match batches.last_mut() {
            Some(last) if last.len() < most && bytes.saturating_add(size) <= BATCH_BYTES => {
                last.push(spec);
                bytes += size;
            }
            _ => {
                batches.push(vec![spec]);
                bytes = size;
            }
        }
    }
    batches
}

/// What one spec's check gave, with the crate it was checked in.
struct SpecResult {
    name: String,
    checked: Checked,
    took: Duration,
    /// How many specs shared the crate (1: a standalone crate).
    shared_with: usize,
}

/// What every check needs.
struct Run<'a> {
    executable: &'a Path,
    directory: &'a Path,
    work: PathBuf,
    target_dir: PathBuf,
    lock: PathBuf,
    cargo: String,
    tool: &'static str,
}

/// Writes and checks the chosen specs' crates; prints one line per spec and
/// a summary with the failures.
///
/// Specs are checked in batches (`Checking::most` specs as modules of one
/// crate, through the generator's several-specs mode): a batch that passes
/// with no warning passes every spec in it, and a batch that fails or warns
/// is checked again spec by spec, each in a standalone crate, so every
/// failure and warning reported is that of the spec's own crate.
pub(crate) fn compile(
    root: &Path,
    executable: &Path,
    directory: &Path,
    generated: &[&PathBuf],
    selection: &Selection,
    checking: Checking,
) -> Result<()> {
    let chosen = selection.choose(directory, generated);
    if chosen.is_empty() {
        return Ok(());
    }
    let work = root.join("target/corpus");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let has_clippy = Command::new(&cargo)
        .args(["clippy", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    let run = Run {
        executable,
        directory,
        target_dir: work.join("target"),
        work,
        lock: root.join("Cargo.lock"),
        cargo,
        tool: if has_clippy { "clippy" } else { "check" },
    };
    let batches = batches(&chosen, checking.most.max(1));
    println!(
        "compiling {} specs in {} crates with cargo {}, {} at once (listed {}, then {})",
        chosen.len(),
        batches.len(),
        run.tool,
        checking.jobs,
        selection.listed.len(),
        if selection.all {
            "every other spec".to_owned()
        } else {
            format!("a sample of {}", selection.sample)
        }
    );
    let started = Instant::now();
    let results: Mutex<Vec<SpecResult>> = Mutex::new(Vec::new());
    let next = AtomicUsize::new(0);
    let failed_to_run: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..checking.jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(batch) = batches.get(index) else {
                        break;
                    };
                    match check_batch(&run, index, batch) {
                        Ok(batch_results) => {
                            let mut results = results.lock().unwrap_or_else(|e| e.into_inner());
                            for result in batch_results {
                                print_result(&result, results.len() + 1, chosen.len(), started);
                                results.push(result);
                            }
                        }
                        Err(error) => {
                            *failed_to_run.lock().unwrap_or_else(|e| e.into_inner()) = Some(error);
                            // Stop handing out batches: cargo itself is broken.
                            next.store(batches.len(), Ordering::Relaxed);
                        }
                    }
                }
            });
        }
    });
    if let Some(error) = failed_to_run
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
    {
        return Err(error);
    }
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by(|a, b| a.name.cmp(&b.name));
    print_summary(&results, started.elapsed(), generated.len());
    Ok(())
}

/// Checks one batch: all its specs in one crate, and each alone when that
/// crate cannot be written, fails or warns.
fn check_batch(run: &Run<'_>, index: usize, batch: &[&PathBuf]) -> Result<Vec<SpecResult>> {
    if let [spec] = batch {
        return Ok(vec![check_alone(run, &format!("corpus_{index:04}"), spec)?]);
    }
    let crate_name = format!("corpus_{index:04}");
    let out = run.work.join(&crate_name);
    let _ = std::fs::remove_dir_all(&out);
    let mut command = Command::new(run.executable);
    command.arg("generate");
    for (position, spec) in batch.iter().enumerate() {
        command
            .arg("--spec")
            .arg(format!("s{position:03}={}", spec.display()));
    }
    let written = command
        .arg("--out")
        .arg(&out)
        .arg("--crate-name")
        .arg(&crate_name)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?
        .success();
    let batch_started = Instant::now();
    let checked = if written {
        std::fs::copy(&run.lock, out.join("Cargo.lock"))
            .with_context(|| format!("could not copy Cargo.lock to {}", out.display()))?;
        Some(check_crate(run, &out)?)
    } else {
        None
    };
    let took = batch_started.elapsed();
    let _ = std::fs::remove_dir_all(&out);
    if let Some(Checked::Passed { warnings: 0, .. }) = checked {
        return Ok(batch
            .iter()
            .map(|spec| SpecResult {
                name: relative(run.directory, spec),
                checked: Checked::Passed {
                    warnings: 0,
                    first: None,
                },
                took,
                shared_with: batch.len(),
            })
            .collect());
    }
    batch
        .iter()
        .enumerate()
        .map(|(position, spec)| check_alone(run, &format!("corpus_{index:04}_{position:03}"), spec))
        .collect()
}

/// Writes one spec's standalone crate and checks it; the sources are kept
/// only when the check fails, to look at.
fn check_alone(run: &Run<'_>, crate_name: &str, spec: &Path) -> Result<SpecResult> {
    let name = relative(run.directory, spec);
    let out = run.work.join(crate_name);
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(run.executable)
        .arg("corpus-one")
        .arg(spec)
        .arg(&out)
        .arg(crate_name)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    if !status.success() {
        return Ok(SpecResult {
            name,
            checked: Checked::Failed("could not write the crate".to_owned()),
            took: Duration::ZERO,
            shared_with: 1,
        });
    }
    std::fs::copy(&run.lock, out.join("Cargo.lock"))
        .with_context(|| format!("could not copy Cargo.lock to {}", out.display()))?;
    let started = Instant::now();
    let checked = check_crate(run, &out)?;
    if let Checked::Passed { .. } = checked {
        let _ = std::fs::remove_dir_all(&out);
    }
    Ok(SpecResult {
        name,
        checked,
        took: started.elapsed(),
        shared_with: 1,
    })
}

/// Runs `cargo clippy` (or `check`) in one crate directory.
fn check_crate(run: &Run<'_>, out: &Path) -> Result<Checked> {
    let output = Command::new(&run.cargo)
        .args([
            run.tool,
            "--quiet",
            "--offline",
            "--message-format",
            "short",
        ])
        .env("CARGO_TARGET_DIR", &run.target_dir)
        // Incremental state for thousands of one-off crates is only disk.
        .env("CARGO_INCREMENTAL", "0")
        .current_dir(out)
        .output()
        .with_context(|| format!("could not run cargo {} in {}", run.tool, out.display()))?;
    forget_crate(&run.target_dir, out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|line| {
            line.contains(": warning: ")
                // Not cargo's own count (`warning: `x` (lib) generated 3 warnings`).
                || (line.starts_with("warning: ") && !line.contains(" generated "))
        })
        .collect();
    if output.status.success() {
        return Ok(Checked::Passed {
            warnings: warnings.len(),
            first: warnings.first().map(|line| (*line).to_owned()),
        });
    }
    let first_error = stderr
        .lines()
        .find(|line| line.contains("error[") || line.contains(": error: "))
        .or_else(|| stderr.lines().find(|line| line.contains("error")))
        .unwrap_or("no error line")
        .to_owned();
    Ok(Checked::Failed(first_error))
}

/// Removes what checking the crate in `out` left in the shared target
/// directory (its metadata and fingerprints; the dependencies stay): the
/// whole corpus would otherwise leave tens of gigabytes of metadata of crates
/// that are never built again.
fn forget_crate(target_dir: &Path, out: &Path) {
    let Some(crate_name) = out.file_name().and_then(|name| name.to_str()) else {
        return;
    };
    let profile = target_dir.join("debug");
    for (directory, prefix) in [
        (profile.join("deps"), format!("lib{crate_name}-")),
        (profile.join("deps"), format!("{crate_name}-")),
        (profile.join(".fingerprint"), format!("{crate_name}-")),
    ] {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let path = entry.path();
                let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
            }
        }
    }
}

/// One spec's line, with how far the run is.
fn print_result(result: &SpecResult, done: usize, total: usize, started: Instant) {
    let progress = format!("[{done}/{total}, {:.0} s]", started.elapsed().as_secs_f64());
    let place = if result.shared_with > 1 {
        format!("in a crate of {} specs", result.shared_with)
    } else {
        "alone".to_owned()
    };
    match &result.checked {
        Checked::Passed { warnings, first } => {
            println!(
                "compiled  {:>6.1} s  {place:<22} {warnings:>3} warnings  {}  {progress}",
                result.took.as_secs_f64(),
                result.name
            );
            if let Some(first) = first {
                println!("          first warning: {first}");
            }
        }
        Checked::Failed(first_error) => println!(
            "failed    {:>6.1} s  {}: {first_error}  {progress}",
            result.took.as_secs_f64(),
            result.name
        ),
    }
}

/// The totals, the failures and warnings again, and the rate.
fn print_summary(results: &[SpecResult], elapsed: Duration, generated: usize) {
    let failures: Vec<(&str, &str)> = results
        .iter()
        .filter_map(|result| match &result.checked {
            Checked::Failed(first) => Some((result.name.as_str(), first.as_str())),
            Checked::Passed { .. } => None,
        })
        .collect();
    let with_warnings: Vec<(&str, usize, &str)> = results
        .iter()
        .filter_map(|result| match &result.checked {
            Checked::Passed {
                warnings,
                first: Some(first),
            } => Some((result.name.as_str(), *warnings, first.as_str())),
            _ => None,
        })
        .collect();
    println!(
        "compiled {} of {} specs, {} failed, {} with warnings, in {:.0} s",
        results.len() - failures.len(),
        results.len(),
        failures.len(),
        with_warnings.len(),
        elapsed.as_secs_f64()
    );
    for (name, first_error) in &failures {
        println!("  failed: {name}: {first_error}");
    }
    for (name, count, first) in &with_warnings {
        println!("  {count} warnings: {name}: {first}");
    }
    if !results.is_empty() {
        let per_spec = elapsed.as_secs_f64() / results.len() as f64;
        println!(
            "{per_spec:.1} s per spec (wall clock, batches and jobs included); \
             at that rate all {generated} generated specs take {:.1} h",
            per_spec * generated as f64 / 3600.0
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_fixed_and_spread() {
        let directory = Path::new("/corpus");
        let specs: Vec<PathBuf> = (0..200)
            .map(|index| directory.join(format!("vendor{index:03}.com/openapi.yaml")))
            .collect();
        let generated: Vec<&PathBuf> = specs.iter().collect();
        let selection = Selection {
            sample: 20,
            ..Selection::default()
        };
        let first = selection.choose(directory, &generated);
        let second = selection.choose(directory, &generated);
        assert_eq!(first, second);
        assert_eq!(first.len(), 20);
        // Not the first twenty in sorted order, nor every tenth.
        assert!(first.iter().any(|spec| **spec > specs[100]));
        assert!(first.iter().any(|spec| **spec < specs[100]));
        assert_ne!(
            first,
            generated.iter().step_by(10).copied().collect::<Vec<_>>()
        );
    }

    #[test]
    fn listed_specs_come_first_and_once() {
        let directory = Path::new("/corpus");
        let specs: Vec<PathBuf> = ["a.com/x.json", "b.com/y.json", "c.com/z.json"]
            .iter()
            .map(|name| directory.join(name))
            .collect();
        let generated: Vec<&PathBuf> = specs.iter().collect();
        let selection = Selection {
            all: true,
            listed: vec!["c.com/z.json".to_owned(), "missing.json".to_owned()],
            ..Selection::default()
        };
        let chosen = selection.choose(directory, &generated);
        assert_eq!(chosen, vec![&specs[2], &specs[0], &specs[1]]);
    }

    #[test]
    fn batches_keep_order_and_put_large_specs_alone() {
        let directory = std::env::temp_dir().join(format!("corpus-batches-{}", std::process::id()));
        let sizes = [10_usize, 20, 500 * 1024, 30, 40, 50, 60];
        let written: std::io::Result<Vec<PathBuf>> = sizes
            .iter()
            .enumerate()
            .map(|(index, size)| {
                let path = directory.join(format!("spec{index}.json"));
                std::fs::create_dir_all(&directory)?;
                std::fs::write(&path, vec![b' '; *size])?;
                Ok(path)
            })
            .collect();
        let specs = written.unwrap_or_default();
        let chosen: Vec<&PathBuf> = specs.iter().collect();
        let cut = batches(&chosen, 3);
        let _ = std::fs::remove_dir_all(&directory);
        let shape: Vec<usize> = cut.iter().map(Vec::len).collect();
        // The large spec is alone and closes the batch before it; the rest
        // fill batches of at most three, in order.
        assert_eq!(shape, vec![2, 1, 3, 1]);
        assert_eq!(cut.concat(), chosen);
        assert_eq!(cut[1], vec![&specs[2]]);
    }

    #[test]
    fn a_list_file_skips_comments_and_blank_lines() {
        let path = std::env::temp_dir().join(format!("corpus-list-{}.txt", std::process::id()));
        let written = std::fs::write(
            &path,
            "# known failures\na.com/x.json\n\n  b.com/y.json # E0277\n",
        );
        let read = written
            .map_err(anyhow::Error::from)
            .and_then(|()| Selection::read_list(&path));
        let _ = std::fs::remove_file(&path);
        assert_eq!(
            read.ok(),
            Some(vec!["a.com/x.json".to_owned(), "b.com/y.json".to_owned()])
        );
    }
}
