//! Validation and lowering of an OpenAPI document to the IR.
//!
//! A [`Lowerer`] walks the document, twice (the first run finds the places
//! of inline models, so that they can be named in one pass, see
//! `schema/names.rs`): `schema.rs` lowers schemas to models
//! and type references, `operation.rs` lowers paths to operations and calls
//! back into `schema.rs` for every inline schema it meets. Problems are
//! collected, not returned at the first one, so that a user sees all of them.

pub(crate) mod media_type;
pub(crate) mod operation;
mod reference;
mod schema;

use crate::Error;
use crate::docs;
use crate::ir::Api;
use crate::load::Document;

/// State shared by the lowering passes.
pub(crate) struct Lowerer<'a> {
    /// The typed document.
    pub(crate) document: &'a Document,
    /// Problems found so far, in document order.
    pub(crate) errors: Vec<Error>,
    /// Schema lowering's state: models and names so far.
    pub(crate) schemas: schema::SchemaState,
}

/// Lowers a loaded document to the IR, or returns every problem found.
pub(crate) fn lower(document: &Document) -> Result<Api, Error> {
    // The first run only finds the inline schemas and the names their places
    // want; the plan names them all at once, and the second run lowers the
    // document with the planned names (see `schema/names.rs`).
    let mut discovery = Lowerer {
        document,
        errors: Vec::new(),
        schemas: schema::SchemaState::discovering(),
    };
    discovery.name_component_schemas();
    discovery.lower_component_schemas();
    discovery.lower_operations();
    let mut lowerer = Lowerer {
        document,
        errors: Vec::new(),
        schemas: discovery.schemas.planned(),
    };
    lowerer.lower_component_schemas();
    let drafts = lowerer.lower_operations();
    let servers = lowerer.lower_servers();
    let security_schemes = lowerer.lower_security_schemes();
    let mut errors = std::mem::take(&mut lowerer.errors);
    if errors.len() == 1 {
        return Err(errors.remove(0));
    }
    if !errors.is_empty() {
        return Err(Error::Multiple(errors));
    }
    let mut models = std::mem::take(&mut lowerer.schemas.models);
    schema::finish_models(
        &mut models,
        &lowerer.schemas.request_roots,
        &lowerer.schemas.multipart_roots,
    );
    models.sort_by(|left, right| left.name.cmp(&right.name));
    let groups = operation::finish_operations(drafts, &models);
    let info = &document.openapi.info;
    Ok(Api {
        title: info.title.clone(),
        description: info.description.as_deref().and_then(docs::markdown),
        version: info.version.clone(),
        models,
        groups,
        servers,
        security_schemes,
    })
}
