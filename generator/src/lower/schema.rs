//! Lowering of schemas to models and type references. Owned by schema
//! lowering; the signatures below are the seam operation lowering calls.

use openapiv3::{ReferenceOr, Schema};

use super::Lowerer;
use crate::JsonPointer;
use crate::ir::TypeRef;

impl Lowerer<'_> {
    /// The Rust type for a schema in a field, parameter or body position.
    ///
    /// A `$ref` becomes the referenced model; an inline object, enum or union
    /// is registered as a new model named from `name_hint` (already in
    /// `UpperCamelCase`, e.g. `GetDealsResponse200`). Never fails: a schema it
    /// cannot type becomes [`TypeRef::Json`] and a note on the model.
    pub(crate) fn type_for_schema(
        &mut self,
        schema: &ReferenceOr<Schema>,
        name_hint: &str,
        pointer: &JsonPointer,
    ) -> TypeRef {
        let _ = (schema, name_hint, pointer);
        TypeRef::Json
    }

    /// As [`Lowerer::type_for_schema`], for the boxed schemas `openapiv3` uses
    /// inside other schemas.
    pub(crate) fn type_for_boxed_schema(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        name_hint: &str,
        pointer: &JsonPointer,
    ) -> TypeRef {
        let _ = (schema, name_hint, pointer);
        TypeRef::Json
    }
}
