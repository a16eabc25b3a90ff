//! `cargo xtask generate`: a standalone client crate for any spec.
//!
//! The crate is the generator's modules plus a verbatim copy of the runtime in
//! `generated-client/src/runtime/` and of the runtime's `[dependencies]` in
//! `generated-client/Cargo.toml`: the runtime has one source.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Parsed `generate` arguments.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Arguments {
    specs: Specs,
    out: PathBuf,
    crate_name: String,
}

/// The specs of a `generate` run.
#[derive(Debug, PartialEq, Eq)]
enum Specs {
    /// One `--spec <file>`: the crate's modules are the spec's.
    One(PathBuf),
    /// One or more `--spec <module>=<file>`: each spec in its own module,
    /// one client for all, in the order given.
    Modules(Vec<(String, PathBuf)>),
}

impl Arguments {
    /// Parses `--spec <file> --out <dir> --crate-name <name>` in any order;
    /// `--spec <module>=<file>`, repeated, generates several specs into one
    /// crate.
    pub(crate) fn parse(args: &[String]) -> Result<Self> {
        let (mut out, mut crate_name) = (None, None);
        let mut specs: Vec<String> = Vec::new();
        let mut remaining = args.iter();
        while let Some(flag) = remaining.next() {
            let Some(value) = remaining.next() else {
                bail!("`{flag}` needs a value");
            };
            match flag.as_str() {
                "--spec" => specs.push(value.clone()),
                "--out" => out = Some(value.clone()),
                "--crate-name" => crate_name = Some(value.clone()),
                other => bail!("unknown argument `{other}` to generate"),
            }
        }
        let (false, Some(out), Some(crate_name)) = (specs.is_empty(), out, crate_name) else {
            bail!(
                "generate needs --spec <file.yaml|json> (or --spec <module>=<file>, repeated) --out <dir> --crate-name <name>"
            );
        };
        if crate_name.is_empty()
            || !crate_name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            || crate_name.starts_with(|c: char| c.is_ascii_digit())
        {
            bail!("`{crate_name}` is not a valid crate name (ASCII letters, digits, `_`, `-`)");
        }
        Ok(Self {
            specs: parse_specs(&specs)?,
            out: PathBuf::from(out),
            crate_name,
        })
    }
}

/// `<file>` alone, or every value `<module>=<file>`. A value is read as
/// `<module>=<file>` when what comes before its first `=` is a lowercase
/// identifier (`v2=spec/v2.yaml`); a file name with an `=` elsewhere stays a
/// file name.
fn parse_specs(values: &[String]) -> Result<Specs> {
    fn split(value: &str) -> Option<(&str, &str)> {
        value.split_once('=').filter(|(module, _)| {
            module.starts_with(|c: char| c.is_ascii_lowercase())
                && module
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
    }
    match values {
        [value] if split(value).is_none() => Ok(Specs::One(PathBuf::from(value))),
        _ => values
            .iter()
            .map(|value| match split(value) {
                Some((module, path)) => Ok((module.to_owned(), PathBuf::from(path))),
                None => bail!(
                    "`--spec {value}`: with several specs, each is `--spec <module>=<file>` (`--spec v2=spec/v2.yaml`)"
                ),
            })
            .collect::<Result<Vec<_>>>()
            .map(Specs::Modules),
    }
}

/// Writes the standalone crate described by `arguments`.
pub(crate) fn generate(root: &Path, arguments: &Arguments) -> Result<()> {
    let (generated, runtime) = match &arguments.specs {
        Specs::One(spec) => {
            let text = crate::read_to_string(spec)?;
            write_crate(
                root,
                &text,
                &spec.display().to_string(),
                &arguments.out,
                &arguments.crate_name,
            )?
        }
        Specs::Modules(specs) => {
            let texts = specs
                .iter()
                .map(|(_, path)| crate::read_to_string(path))
                .collect::<Result<Vec<_>>>()?;
            let modules: Vec<generator::SpecModule<'_>> = specs
                .iter()
                .zip(&texts)
                .map(|((module, path), text)| generator::SpecModule {
                    module: module.clone(),
                    spec_text: text,
                    spec_display_path: path.display().to_string(),
                })
                .collect();
            write_modules_crate(root, &modules, &arguments.out, &arguments.crate_name)?
        }
    };
    println!(
        "{}: crate `{}` with {generated} generated files and {runtime} runtime files",
        arguments.out.display(),
        arguments.crate_name,
    );
    Ok(())
}

/// Writes a standalone crate named `crate_name` for several specs, each in
/// its own module behind one client, into `out`, and returns how many
/// generated and runtime files it holds.
pub(crate) fn write_modules_crate(
    root: &Path,
    specs: &[generator::SpecModule<'_>],
    out: &Path,
    crate_name: &str,
) -> Result<(usize, usize)> {
    let names = specs
        .iter()
        .map(|spec| format!("`{}` ({})", spec.module, spec.spec_display_path))
        .collect::<Vec<_>>()
        .join(", ");
    let files = generator::generate_modules(specs, "cargo xtask generate")
        .with_context(|| format!("could not generate a client from {names}"))?;
    write_files(root, &files, &lib_rs(&names), out, crate_name)
}

/// Writes a standalone crate named `crate_name` for the spec `text` into
/// `out`, and returns how many generated and runtime files it holds.
pub(crate) fn write_crate(
    root: &Path,
    text: &str,
    spec_display: &str,
    out: &Path,
    crate_name: &str,
) -> Result<(usize, usize)> {
    let options = generator::Options {
        spec_display_path: spec_display.to_owned(),
        regenerate_command: "cargo xtask generate".to_owned(),
    };
    let files = generator::generate(text, &options)
        .with_context(|| format!("could not generate a client from {spec_display}"))?;
    write_files(
        root,
        &files,
        &lib_rs(&format!("`{spec_display}`")),
        out,
        crate_name,
    )
}

/// Writes the generated `files`, a copy of the runtime, `lib` as the crate
/// root and the manifest of a crate named `crate_name` into `out`, and
/// returns how many generated and runtime files it holds.
fn write_files(
    root: &Path,
    files: &[generator::GeneratedFile],
    lib: &str,
    out: &Path,
    crate_name: &str,
) -> Result<(usize, usize)> {
    let source = out.join("src");
    let generated = source.join("generated");
    if generated.exists() {
        std::fs::remove_dir_all(&generated)
            .with_context(|| format!("could not clear {}", generated.display()))?;
    }
    for file in files {
        write_file(&generated.join(&file.path), &file.contents)?;
    }
    let runtime = crate::codegen::read_existing(&root.join("generated-client/src/runtime"))?;
    if runtime.is_empty() {
        bail!("generated-client/src/runtime is empty: nothing to copy");
    }
    let crate_ident = crate_name.replace('-', "_");
    for (relative, contents) in &runtime {
        let adapted = rename_crate_in_doc_examples(contents, &crate_ident);
        write_file(&source.join("runtime").join(relative), &adapted)?;
    }
    write_file(&source.join("lib.rs"), lib)?;
    let runtime_manifest = crate::read_to_string(&root.join("generated-client/Cargo.toml"))?;
    let workspace_manifest = crate::read_to_string(&root.join("Cargo.toml"))?;
    write_file(
        &out.join("Cargo.toml"),
        &manifest(crate_name, &runtime_manifest, &workspace_manifest)?,
    )?;
    Ok((files.len(), runtime.len()))
}

pub(crate) fn write_file(path: &Path, contents: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("could not create {}", parent.display()))?;
    }
    std::fs::write(path, contents).with_context(|| format!("could not write {}", path.display()))
}

/// The runtime's doc examples name the crate they live in (`pipedrive::...`);
/// in a standalone crate they must name that crate instead, or its doc tests
/// would not compile. Only comment lines are touched.
fn rename_crate_in_doc_examples(source: &str, crate_ident: &str) -> String {
    let mut adapted = String::with_capacity(source.len());
    for line in source.split_inclusive('\n') {
        if line.trim_start().starts_with("//") {
            adapted.push_str(&line.replace("pipedrive::", &format!("{crate_ident}::")));
        } else {
            adapted.push_str(line);
        }
    }
    adapted
}

/// The crate root of a standalone crate for the specs `specs_display`
/// (Markdown).
fn lib_rs(specs_display: &str) -> String {
    format!(
        "//! A typed async client for the API described by {specs_display}.\n\
         //!\n\
         //! Generated by `cargo xtask generate`: the modules under `generated/` come\n\
         //! from the spec, `runtime/` is the generator's hand-written runtime.\n\
         //! Start with [`Client::builder`].\n\
         \n\
         mod generated;\n\
         pub mod runtime;\n\
         \n\
         pub use generated::*;\n\
         pub use runtime::{{Credential, Error}};\n"
    )
}

/// `Cargo.toml` of a standalone crate: its own package, with the
/// workspace's `rust-version` (the runtime is the same code), the runtime's
/// `[dependencies]` section verbatim, and an empty `[workspace]` so that the
/// crate builds on its own wherever it is written.
fn manifest(crate_name: &str, runtime_manifest: &str, workspace_manifest: &str) -> Result<String> {
    let dependencies = dependencies_section(runtime_manifest)
        .context("generated-client/Cargo.toml has no [dependencies] section")?;
    let rust_version = crate::msrv::rust_version(workspace_manifest)
        .context("the workspace Cargo.toml has no `rust-version = \"...\"` line")?;
    Ok(format!(
        "[package]\nname = \"{crate_name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\nrust-version = \"{rust_version}\"\npublish = false\n\n{dependencies}\n[workspace]\n"
    ))
}

/// The `[dependencies]` table of a manifest, header included, up to the next
/// table header.
fn dependencies_section(manifest: &str) -> Option<String> {
    let start = manifest.find("\n[dependencies]\n")? + 1;
    let rest = &manifest[start..];
    let end = rest[1..].find("\n[").map_or(rest.len(), |index| index + 2);
    Some(rest[..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|arg| (*arg).to_owned()).collect()
    }

    #[test]
    fn arguments_in_any_order() {
        let parsed = Arguments::parse(&strings(&[
            "--crate-name",
            "petstore",
            "--out",
            "o",
            "--spec",
            "s.yaml",
        ]))
        .unwrap();
        assert_eq!(
            parsed,
            Arguments {
                specs: Specs::One("s.yaml".into()),
                out: "o".into(),
                crate_name: "petstore".into()
            }
        );
    }

    #[test]
    fn repeated_specs_name_their_modules() {
        let parsed = Arguments::parse(&strings(&[
            "--spec",
            "v1=specs/v1.yaml",
            "--out",
            "o",
            "--spec",
            "v2=specs/a=b.yaml",
            "--crate-name",
            "api",
        ]))
        .unwrap();
        assert_eq!(
            parsed.specs,
            Specs::Modules(vec![
                ("v1".into(), "specs/v1.yaml".into()),
                ("v2".into(), "specs/a=b.yaml".into()),
            ])
        );
        // One spec with a module is a crate of one module.
        let parsed = Arguments::parse(&strings(&[
            "--spec",
            "v2=x.yaml",
            "--out",
            "o",
            "--crate-name",
            "api",
        ]))
        .unwrap();
        assert_eq!(
            parsed.specs,
            Specs::Modules(vec![("v2".into(), "x.yaml".into())])
        );
        // A file name with `=` after a path is a file name.
        let parsed = Arguments::parse(&strings(&[
            "--spec",
            "dir/a=b.yaml",
            "--out",
            "o",
            "--crate-name",
            "api",
        ]))
        .unwrap();
        assert_eq!(parsed.specs, Specs::One("dir/a=b.yaml".into()));
    }

    #[test]
    fn bad_arguments_are_named() {
        let check = |args: &[&str], expected: &str| {
            let message = Arguments::parse(&strings(args)).unwrap_err().to_string();
            assert!(message.contains(expected), "{message}");
        };
        check(&["--spec"], "`--spec` needs a value");
        check(&["--bogus", "x"], "unknown argument `--bogus`");
        check(&["--spec", "a", "--out", "b"], "generate needs");
        check(
            &[
                "--spec",
                "a.yaml",
                "--spec",
                "v2=b.yaml",
                "--out",
                "b",
                "--crate-name",
                "x",
            ],
            "each is `--spec <module>=<file>`",
        );
        check(
            &["--spec", "a", "--out", "b", "--crate-name", "1x"],
            "not a valid crate name",
        );
    }

    #[test]
    fn doc_examples_name_the_standalone_crate() {
        let source = "/// use pipedrive::Client;\nlet pipedrive::x = 1; // not a doc line\n//! pipedrive::Error\n";
        assert_eq!(
            rename_crate_in_doc_examples(source, "petstore"),
            "/// use petstore::Client;\nlet pipedrive::x = 1; // not a doc line\n//! petstore::Error\n"
        );
    }

    #[test]
    fn manifest_copies_the_runtime_dependencies_only() {
        let runtime = "[package]\nname = \"pipedrive\"\n\n[dependencies]\nserde = \"1\"\nbytes = \"1\"\n\n[dev-dependencies]\nwiremock = \"0.6\"\n";
        let workspace = "[workspace.package]\nedition = \"2024\"\nrust-version = \"1.88\"\n";
        let manifest = manifest("petstore", runtime, workspace).unwrap();
        assert!(manifest.contains("name = \"petstore\""));
        assert!(manifest.contains("rust-version = \"1.88\"\n"));
        assert!(manifest.contains("[dependencies]\nserde = \"1\"\nbytes = \"1\"\n"));
        assert!(!manifest.contains("wiremock"));
        assert!(!manifest.contains("pipedrive"));
        assert!(manifest.ends_with("[workspace]\n"));
    }
}
