//! `cargo xtask api-diff OLD NEW`: the API change report between two specs,
//! each a file or a `REV:path` git revision. The comparison itself is
//! `generator::diff::diff`.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use generator::diff::{ApiDiff, DiffOptions, ReportFormat};

/// The crate name the report's Rust paths start with unless told otherwise.
pub(crate) const DEFAULT_CRATE_NAME: &str = "pipedrive";

/// The parsed command line.
pub(crate) struct Arguments {
    old: String,
    new: String,
    format: ReportFormat,
    fail_on_breaking: bool,
    crate_name: String,
}

impl Arguments {
    pub(crate) fn parse(args: &[String]) -> Result<Self> {
        let mut specs = Vec::new();
        let mut format = ReportFormat::Text;
        let mut fail_on_breaking = false;
        let mut crate_name = DEFAULT_CRATE_NAME.to_owned();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            match arg.as_str() {
                "--format" => {
                    let value = iter.next().context("--format needs a value")?;
                    format = value.parse().map_err(anyhow::Error::msg)?;
                }
                "--fail-on" => match iter.next().map(String::as_str) {
                    Some("breaking") => fail_on_breaking = true,
                    other => bail!("--fail-on takes `breaking`, not {other:?}"),
                },
                "--crate-name" => {
                    crate_name = iter.next().context("--crate-name needs a value")?.clone();
                }
                flag if flag.starts_with("--") => bail!("unknown option `{flag}` for api-diff"),
                spec => specs.push(spec.to_owned()),
            }
        }
        let [old, new] = <[String; 2]>::try_from(specs).map_err(|specs| {
            anyhow::anyhow!("api-diff takes two specs, OLD and NEW, not {specs:?}")
        })?;
        Ok(Self {
            old,
            new,
            format,
            fail_on_breaking,
            crate_name,
        })
    }
}

/// Prints the report; fails when asked to and something is breaking.
pub(crate) fn run(arguments: &Arguments) -> Result<()> {
    let old = read_spec(&arguments.old)?;
    let new = read_spec(&arguments.new)?;
    let diff = compare(&old, &new, &arguments.crate_name)
        .with_context(|| format!("could not compare {} with {}", arguments.old, arguments.new))?;
    print!("{}", diff.render(arguments.format));
    if arguments.fail_on_breaking && diff.is_breaking() {
        bail!("the API change is breaking (on the wire or for the Rust crate)");
    }
    Ok(())
}

/// Compares two spec texts.
pub(crate) fn compare(old: &str, new: &str, crate_name: &str) -> Result<ApiDiff> {
    let options = DiffOptions {
        crate_name: crate_name.to_owned(),
    };
    Ok(generator::diff::diff(old, new, &options)?)
}

/// A spec file, or `REV:path` read with `git show` when no such file exists.
fn read_spec(spec: &str) -> Result<String> {
    let path = Path::new(spec);
    if path.is_file() {
        return crate::read_to_string(path);
    }
    match spec.split_once(':') {
        Some((revision, file)) if !revision.is_empty() && !file.is_empty() => {
            git_show(Path::new("."), revision, file)
        }
        _ => bail!("{spec} is neither a file nor a `REV:path` git revision"),
    }
}

/// The text of `file` at `revision`, read with `git show` in `directory`.
pub(crate) fn git_show(directory: &Path, revision: &str, file: &str) -> Result<String> {
    let output = Command::new("git")
        .arg("show")
        .arg(format!("{revision}:{file}"))
        .current_dir(directory)
        .output()
        .context("could not run git")?;
    if !output.status.success() {
        bail!(
            "git show {revision}:{file} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    String::from_utf8(output.stdout).with_context(|| format!("{revision}:{file} is not UTF-8"))
}
