//! `cargo xtask msrv`: builds the workspace with the toolchain its
//! `rust-version` names, so that the version the manifests promise (and that
//! every standalone crate's manifest repeats) is one that really builds.
//!
//! clippy's `incompatible_msrv` catches standard-library items newer than
//! `rust-version`, but not language features (let-chains need 1.88), and
//! not dependencies that raise their own floor: only the old compiler can
//! say. The toolchain comes from rustup, minimal profile; the build goes to
//! its own target directory, and covers the libraries and binaries (the
//! runtime copied into standalone crates is the `pipedrive` library), not
//! the tests and benches, whose development dependencies users never build.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

/// Installs the `rust-version` toolchain if needed and checks the workspace
/// with it.
pub(crate) fn run(root: &Path) -> Result<()> {
    let manifest = crate::read_to_string(&root.join("Cargo.toml"))?;
    let version = rust_version(&manifest)
        .context("the workspace Cargo.toml has no `rust-version = \"...\"` line")?;
    // rustup names a toolchain by its full version.
    let toolchain = if version.matches('.').count() == 1 {
        format!("{version}.0")
    } else {
        version.to_owned()
    };
    println!("msrv: checking the workspace with Rust {toolchain} (rust-version = {version:?})");
    let status = Command::new("rustup")
        .args(["toolchain", "install", &toolchain, "--profile", "minimal"])
        .args(["--no-self-update"])
        .status()
        .context("could not run rustup, which installs the rust-version toolchain")?;
    if !status.success() {
        bail!("rustup could not install Rust {toolchain} ({status})");
    }
    let status = Command::new("cargo")
        .arg(format!("+{toolchain}"))
        .args([
            "check",
            "--workspace",
            "--lib",
            "--bins",
            "--locked",
            "--target-dir",
        ])
        .arg(root.join("target/msrv"))
        .current_dir(root)
        .env_remove("CARGO")
        .env_remove("RUSTC")
        .env_remove("RUSTUP_TOOLCHAIN")
        .status()
        .context("could not run cargo")?;
    if !status.success() {
        bail!(
            "the workspace does not build with Rust {toolchain}, its rust-version: raise \
             rust-version to the oldest toolchain that builds it, or avoid what needs a newer one"
        );
    }
    println!("msrv: the workspace builds with Rust {toolchain}");
    Ok(())
}

/// The value of the `rust-version = "..."` line of a manifest.
pub(crate) fn rust_version(manifest: &str) -> Option<&str> {
    manifest.lines().find_map(|line| {
        line.trim()
            .strip_prefix("rust-version = \"")?
            .strip_suffix('"')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rust_version_line_is_found() {
        let manifest = "[workspace.package]\nedition = \"2024\"\nrust-version = \"1.88\"\n";
        assert_eq!(rust_version(manifest), Some("1.88"));
        assert_eq!(rust_version("[package]\nname = \"x\"\n"), None);
    }
}
