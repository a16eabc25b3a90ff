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

/// Writes and checks the chosen specs' crates; prints one line per spec and
/// a summary with the failures.
pub(crate) fn compile(
    root: &Path,
    executable: &Path,
    directory: &Path,
    generated: &[&PathBuf],
    selection: &Selection,
) -> Result<()> {
    let chosen = selection.choose(directory, generated);
    if chosen.is_empty() {
        return Ok(());
    }
    let work = root.join("target/corpus");
    let target_dir = work.join("target");
    let lock = root.join("Cargo.lock");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let has_clippy = Command::new(&cargo)
        .args(["clippy", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    let tool = if has_clippy { "clippy" } else { "check" };
    println!(
        "compiling {} crates with cargo {tool} (listed {}, then {})",
        chosen.len(),
        selection.listed.len(),
        if selection.all {
            "every other spec".to_owned()
        } else {
            format!("a sample of {}", selection.sample)
        }
    );
    let started = Instant::now();
    let mut times = Vec::new();
    let mut failures: Vec<(String, String)> = Vec::new();
    let mut with_warnings: Vec<(String, usize, String)> = Vec::new();
    for (index, spec) in chosen.iter().enumerate() {
        let name = relative(directory, spec);
        let crate_name = format!("corpus_{index:04}");
        let out = work.join(&crate_name);
        let _ = std::fs::remove_dir_all(&out);
        let status = Command::new(executable)
            .arg("corpus-one")
            .arg(spec)
            .arg(&out)
            .arg(&crate_name)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        if !status.success() {
            println!("failed    {name}: could not write the crate");
            failures.push((name, "could not write the crate".to_owned()));
            continue;
        }
        std::fs::copy(&lock, out.join("Cargo.lock"))
            .with_context(|| format!("could not copy Cargo.lock to {}", out.display()))?;
        let spec_started = Instant::now();
        let checked = check_crate(&cargo, tool, &out, &target_dir)?;
        let took = spec_started.elapsed();
        times.push(took);
        match checked {
            Checked::Passed { warnings, first } => {
                println!(
                    "compiled  {:>6.1} s  {warnings:>3} warnings  {name}",
                    took.as_secs_f64()
                );
                if let Some(first) = first {
                    println!("          first warning: {first}");
                    with_warnings.push((name, warnings, first));
                }
                // The sources are only needed to look at a failure.
                let _ = std::fs::remove_dir_all(&out);
            }
            Checked::Failed(first_error) => {
                println!(
                    "failed    {:>6.1} s  {name}: {first_error}",
                    took.as_secs_f64()
                );
                failures.push((name, first_error));
            }
        }
    }
    print_summary(
        &chosen,
        &failures,
        &with_warnings,
        &times,
        started.elapsed(),
        generated.len(),
    );
    Ok(())
}

/// Runs `cargo clippy` (or `check`) in one crate directory.
fn check_crate(cargo: &str, tool: &str, out: &Path, target_dir: &Path) -> Result<Checked> {
    let output = Command::new(cargo)
        .args([tool, "--quiet", "--offline", "--message-format", "short"])
        .env("CARGO_TARGET_DIR", target_dir)
        // Incremental state for thousands of one-off crates is only disk.
        .env("CARGO_INCREMENTAL", "0")
        .current_dir(out)
        .output()
        .with_context(|| format!("could not run cargo {tool} in {}", out.display()))?;
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

/// The totals, the failures again, and what the whole corpus would take.
fn print_summary(
    chosen: &[&PathBuf],
    failures: &[(String, String)],
    with_warnings: &[(String, usize, String)],
    times: &[Duration],
    elapsed: Duration,
    generated: usize,
) {
    let compiled = chosen.len() - failures.len();
    println!(
        "compiled {compiled} of {} crates, {} failed, {} with warnings, in {:.0} s",
        chosen.len(),
        failures.len(),
        with_warnings.len(),
        elapsed.as_secs_f64()
    );
    for (name, first_error) in failures {
        println!("  failed: {name}: {first_error}");
    }
    for (name, count, first) in with_warnings {
        println!("  {count} warnings: {name}: {first}");
    }
    if !times.is_empty() {
        let mut sorted = times.to_vec();
        sorted.sort();
        let total: Duration = sorted.iter().sum();
        let mean = total.as_secs_f64() / sorted.len() as f64;
        let median = sorted[sorted.len() / 2].as_secs_f64();
        println!(
            "check time per crate: mean {mean:.1} s, median {median:.1} s, slowest {:.1} s; \
             at the mean, all {generated} generated specs would take {:.1} h",
            sorted.last().map_or(0.0, Duration::as_secs_f64),
            mean * generated as f64 / 3600.0
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
