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
