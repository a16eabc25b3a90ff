//! Validation and lowering of an OpenAPI document to the IR.
//!
//! One [`Lowerer`] walks the document: `schema.rs` lowers schemas to models
//! and type references, `operation.rs` lowers paths to operations and calls
//! back into `schema.rs` for every inline schema it meets. Problems are
//! collected, not returned at the first one, so that a user sees all of them.

mod operation;
mod schema;

use crate::ir::Api;
use crate::load::Document;
use crate::Error;

/// State shared by the lowering passes.
pub(crate) struct Lowerer<'a> {
    /// The typed document.
    pub(crate) document: &'a Document,
    /// Problems found so far, in document order.
    pub(crate) errors: Vec<Error>,
}

/// Lowers a loaded document to the IR, or returns every problem found.
pub(crate) fn lower(document: &Document) -> Result<Api, Error> {
    let mut lowerer = Lowerer { document, errors: Vec::new() };
    let _ = &mut lowerer;
    todo!("lowering")
}
