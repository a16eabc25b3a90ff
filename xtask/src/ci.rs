//! `cargo xtask ci`: every check and test the project has, in the order CI
//! runs them. `.ci/run` runs exactly this command.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

/// One step: a name and the command that runs it.
struct Step {
    name: &'static str,
    program: String,
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
}

/// Runs every step in order and stops at the first failure.
pub(crate) fn run(root: &Path) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let steps = [
        Step {
            name: "spec: install pinned npm tools, lint, check examples",
            program: "bash".to_owned(),
            args: &["spec/check.sh"],
            env: &[],
        },
        Step {
            name: "format",
            program: cargo.clone(),
            args: &["fmt", "--all", "--check"],
            env: &[],
        },
        Step {
            name: "generated client is up to date",
            program: cargo.clone(),
            args: &["xtask", "codegen", "--check"],
            env: &[],
        },
        Step {
            name: "clippy",
            program: cargo.clone(),
            args: &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
            env: &[],
        },
        Step {
            name: "rustdoc",
            program: cargo.clone(),
            args: &["doc", "--no-deps", "--workspace"],
            env: &[("RUSTDOCFLAGS", "-D warnings")],
        },
        Step {
            name: "tests",
            program: cargo.clone(),
            args: &["test", "--workspace"],
            env: &[("INSTA_UPDATE", "no")],
        },
        Step {
            name: "semver verdicts confirmed by the compiler",
            program: cargo,
            args: &["xtask", "semver-check"],
            env: &[],
        },
    ];
    let started = Instant::now();
    let mut totals = TestTotals::default();
    for (index, step) in steps.iter().enumerate() {
        println!("==> [{}/{}] {}", index + 1, steps.len(), step.name);
        let step_started = Instant::now();
        let mut command = Command::new(&step.program);
        command
            .args(step.args)
            .envs(step.env.iter().copied())
            .current_dir(root);
        let status = run_counting_tests(&mut command, &mut totals)
            .with_context(|| format!("could not start `{}`", step.program))?;
        if !status.success() {
            bail!(
                "step `{}` failed ({status}): `{} {}`",
                step.name,
                step.program,
                step.args.join(" ")
            );
        }
        println!(
            "==> {} passed in {:.1} s",
            step.name,
            step_started.elapsed().as_secs_f64()
        );
    }
    println!(
        "==> all {} steps passed in {:.1} s",
        steps.len(),
        started.elapsed().as_secs_f64()
    );
    // One closing line for the whole run, summed over every test binary.
    println!("tests: {} passed, {} failed", totals.passed, totals.failed);
    Ok(())
}

/// Tests counted over every `test result:` line cargo printed.
#[derive(Debug, Default, PartialEq, Eq)]
struct TestTotals {
    passed: u64,
    failed: u64,
}

impl TestTotals {
    /// Adds the counts of a line like
    /// `test result: ok. 8 passed; 0 failed; 0 ignored; ...`.
    fn add_line(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(count)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(count) = count.parse::<u64>() else {
                continue;
            };
            match label.trim_end_matches('.') {
                "passed" => self.passed += count,
                "failed" => self.failed += count,
                _ => {}
            }
        }
    }
}

/// Runs `command`, passing its output through, and counts the test results
/// it prints on standard output.
fn run_counting_tests(
    command: &mut Command,
    totals: &mut TestTotals,
) -> std::io::Result<std::process::ExitStatus> {
    let mut child = command.stdout(std::process::Stdio::piped()).spawn()?;
    if let Some(stdout) = child.stdout.take() {
        for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
            let line = line?;
            println!("{line}");
            totals.add_line(&line);
        }
    }
    child.wait()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_result_lines_are_summed() {
        let mut totals = TestTotals::default();
        for line in [
            "test result: ok. 8 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.01s",
            "running 3 tests",
            "test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out",
            "test something ... ok",
        ] {
            totals.add_line(line);
        }
        assert_eq!(
            totals,
            TestTotals {
                passed: 10,
                failed: 1
            }
        );
    }
}
