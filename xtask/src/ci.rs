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
            program: cargo,
            args: &["test", "--workspace"],
            env: &[("INSTA_UPDATE", "no")],
        },
    ];
    let started = Instant::now();
    for (index, step) in steps.iter().enumerate() {
        println!("==> [{}/{}] {}", index + 1, steps.len(), step.name);
        let step_started = Instant::now();
        let status = Command::new(&step.program)
            .args(step.args)
            .envs(step.env.iter().copied())
            .current_dir(root)
            .status()
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
    Ok(())
}
