//! Turns an OpenAPI 3.0 or 3.1 document into the Rust source of an API client.
//!
//! The pipeline has four phases, each in its own module:
//!
//! 1. `load`: parse YAML or JSON, lower OpenAPI 3.1 constructs to
//!    what `openapiv3` reads, and deserialize.
//! 2. `lower`: validate the document and lower it to the
//!    intermediate representation in `ir`. Every problem with the
//!    spec surfaces here, as an [`Error`] carrying the JSON pointer of the node.
//! 3. `emit`: turn the IR into token streams with `quote!` (and the
//!    structs' and string enums' serde tables into text). Emission cannot
//!    fail.
//! 4. Format each file with `prettyplease` and prefix the `@generated`
//!    header; phases 3 and 4 run per file part, on several threads.
//!
//! The generator does no I/O: it is handed the spec's text and returns files.
//!
//! [`diff`] compares the APIs of two specs through the same phases 1 and 2,
//! for the change report of `cargo xtask api-diff`.

pub mod diff;
mod docs;
mod emit;
mod error;
mod ir;
mod limits;
mod load;
mod lower;
mod members;
mod naming;
mod targets;
mod template;

pub use error::{Error, JsonPointer, follow_references};
pub use targets::{BodyPlace, BodyTarget};

/// Settings for one generation run.
#[derive(Debug, Clone)]
pub struct Options {
    /// How the header of every generated file names the spec, e.g.
    /// `spec/pipedrive.yaml`.
    pub spec_display_path: String,
    /// How the header names the command that regenerates the files, e.g.
    /// `cargo xtask codegen`.
    pub regenerate_command: String,
}

/// One generated file, with its path relative to the generated module's root
/// directory (e.g. `models/deal.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path with `/` separators.
    pub path: String,
    /// Formatted Rust source, header included.
    pub contents: String,
}

/// Generates the client modules for the spec in `spec_text` (YAML or JSON).
///
/// The files are returned in a stable order; the same input always gives
/// byte-identical output.
pub fn generate(spec_text: &str, options: &Options) -> Result<Vec<GeneratedFile>, Error> {
    let document = load::load(spec_text)?;
    let api = lower::lower(&document)?;
    Ok(emit::emit(&api, options))
}

/// One spec of a crate generated from several ([`generate_modules`]).
#[derive(Debug, Clone)]
pub struct SpecModule<'a> {
    /// The module of the generated tree the spec's code lives in (`v1`):
    /// a lowercase Rust identifier, reached as `crate::generated::v1`.
    pub module: String,
    /// The spec's text (YAML or JSON).
    pub spec_text: &'a str,
    /// How the header of every file of the module names the spec, e.g.
    /// `spec/pipedrive-v2.yaml`.
    pub spec_display_path: String,
}

/// Generates one crate's modules from several specs, each into its own
/// module (`v1/`, `v2/`, mounted at `crate::generated::v1`, ...), all
/// served by one `Client` in the tree's root: one credential, one connection
/// pool, one retry policy and one rate-limit view. `client.v1()` returns the
/// first spec's `Api` view, which has one method per tag; each spec finds
/// its own base URL from the URL the client is built with and the servers
/// it lists (see `runtime::Client::for_spec`). The builder starts from the
/// first spec's first server, and the root's `auth` module has the
/// credential functions of every spec; each module also has its own.
///
/// The files are returned sorted by path, with paths relative to the tree's
/// root (`v1/models/deal.rs`, `client.rs`). A problem with a spec is
/// [`Error::InModule`], naming it; a module name that is not a lowercase
/// identifier, is taken by the root's own items or repeats is
/// [`Error::Modules`].
pub fn generate_modules(
    specs: &[SpecModule<'_>],
    regenerate_command: &str,
) -> Result<Vec<GeneratedFile>, Error> {
    let module_names = check_module_names(specs)?;
    let mut apis = Vec::with_capacity(specs.len());
    for spec in specs {
        let in_module = |error| Error::InModule {
            module: spec.module.clone(),
            spec: spec.spec_display_path.clone(),
            error: Box::new(error),
        };
        let document = load::load(spec.spec_text).map_err(in_module)?;
        apis.push(lower::lower(&document).map_err(in_module)?);
    }
    let mut files = Vec::new();
    for ((spec, api), module) in specs.iter().zip(&apis).zip(&module_names) {
        let options = Options {
            spec_display_path: spec.spec_display_path.clone(),
            regenerate_command: regenerate_command.to_owned(),
        };
        files.extend(emit::emit_module(api, &options, module));
    }
    let modules: Vec<emit::SpecModule<'_>> = module_names
        .iter()
        .zip(&apis)
        .map(|(module, api)| emit::SpecModule { module, api })
        .collect();
    let root_options = Options {
        spec_display_path: specs
            .iter()
            .map(|spec| spec.spec_display_path.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        regenerate_command: regenerate_command.to_owned(),
    };
    let named: Vec<(&str, &ir::Api)> = specs
        .iter()
        .zip(&apis)
        .map(|(spec, api)| (spec.module.as_str(), api))
        .collect();
    let schemes = lower::operation::crate_security_schemes(&named);
    files.extend(emit::emit_crate_root(&modules, &schemes, &root_options));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Checks that every module name can be a module of the generated tree, and
/// returns them as Rust names.
fn check_module_names(specs: &[SpecModule<'_>]) -> Result<Vec<naming::RustName>, Error> {
    let problem = |message: String| Err(Error::Modules { message });
    if specs.is_empty() {
        return problem("no spec was given".to_owned());
    }
    let mut names = Vec::with_capacity(specs.len());
    for (index, spec) in specs.iter().enumerate() {
        let name = spec.module.as_str();
        let Some(rust_name) = naming::spec_module(name) else {
            return problem(format!(
                "`{name}` (for {}) is not a lowercase Rust identifier such as `v2`",
                spec.spec_display_path
            ));
        };
        if members::RootItem::NAMES.contains(&name) || members::ClientMethod::NAMES.contains(&name)
        {
            return problem(format!(
                "`{name}` (for {}) is taken by the generated client's own items",
                spec.spec_display_path
            ));
        }
        if specs[..index].iter().any(|earlier| earlier.module == name) {
            return problem(format!("`{name}` is given to two specs"));
        }
        names.push(rust_name);
    }
    Ok(names)
}

/// The spec's text (YAML or JSON) as a JSON value, read exactly as
/// [`generate`] reads it before any rewriting (YAML keys such as `200` become
/// strings).
pub fn parse_document(spec_text: &str) -> Result<serde_json::Value, Error> {
    load::parse_text(spec_text)
}

/// Whether the generated client reads and writes a body of this media type
/// as JSON (`application/json`, `+json` types, `*/*`). Of a response's media
/// types, the client decodes the first one for which this holds.
pub fn is_json_media_type(media_type: &str) -> bool {
    lower::media_type::body_encoding(media_type) == ir::BodyEncoding::Json
}

/// The Rust type of every JSON request and response body in the spec, for
/// checking the spec's examples against the generated code (see
/// `cargo xtask corpus --examples`). Fails exactly where [`generate`] fails.
pub fn body_targets(spec_text: &str) -> Result<Vec<BodyTarget>, Error> {
    let document = load::load(spec_text)?;
    let api = lower::lower(&document)?;
    Ok(targets::body_targets(&api))
}

/// The names lowering keeps parameters and groups from, because the
/// emitted request builders and `Client` use them for their own members
/// (emission prints them from the same lists, `members.rs`); exposed so
/// that a test can check them against the emitted code. Not a stable API.
#[doc(hidden)]
pub mod reserved {
    /// The fields and methods a request builder may have.
    pub fn builder_members() -> &'static [&'static str] {
        crate::members::BuilderMember::NAMES
    }

    /// The methods of the generated `Client` other than group accessors.
    pub fn client_methods() -> &'static [&'static str] {
        crate::members::ClientMethod::NAMES
    }
}

/// The pipeline's phases one by one, for the benchmarks in `benches/` that
/// time each phase on its own. Not a stable API: use [`generate`].
#[doc(hidden)]
pub mod phases {
    use crate::{Error, GeneratedFile, Options};

    /// A parsed document (phase 1).
    pub struct Loaded(crate::load::Document);

    /// The lowered IR (phase 2).
    pub struct Lowered(crate::ir::Api);

    /// Phase 1: parse, rewrite 3.1 to 3.0, deserialize.
    pub fn load(spec_text: &str) -> Result<Loaded, Error> {
        crate::load::load(spec_text).map(Loaded)
    }

    /// Phase 2: validate and lower to the IR.
    pub fn lower(loaded: &Loaded) -> Result<Lowered, Error> {
        crate::lower::lower(&loaded.0).map(Lowered)
    }

    /// Phase 3: the IR to formatted files, on the same threads as
    /// [`generate`](crate::generate): each part of a file is emitted and
    /// printed by `prettyplease` in one step.
    pub fn emit(lowered: &Lowered, options: &Options) -> Vec<GeneratedFile> {
        crate::emit::emit(&lowered.0, options)
    }
}
