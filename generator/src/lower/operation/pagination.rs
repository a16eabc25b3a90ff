//! Lowering of the `x-pagination` extension (ARCHITECTURE.md, "Pagination"):
//! validates it and finds the item type by following the `items` pointer
//! through the success response's schema.

use openapiv3::{ReferenceOr, Schema, SchemaKind, StatusCode, Type};

use super::reference::unescape_pointer_token;
use crate::ir::{
    Pagination, PaginationKind, Parameter, ParameterLocation, ResponseBody, Responses, TypeRef,
};
use crate::lower::Lowerer;
use crate::{Error, JsonPointer};

/// The name of the extension.
const EXTENSION: &str = "x-pagination";

/// How many `$ref` hops are followed while walking the items pointer.
const MAXIMUM_REFERENCE_HOPS: usize = 32;

impl Lowerer<'_> {
    /// Lowers the operation's `x-pagination`, if any. Problems are reported
    /// at the pointer of the extension (or of its offending field) and the
    /// operation is then generated without `stream()`.
    pub(super) fn lower_pagination(
        &mut self,
        operation: &openapiv3::Operation,
        operation_pointer: &JsonPointer,
        responses: &Responses,
        has_body: bool,
        parameters: &[Parameter],
        hint_stem: &str,
    ) -> Option<Pagination> {
        let extension = operation.extensions.get(EXTENSION)?;
        let pointer = operation_pointer.push(EXTENSION);
        let fail = |lowerer: &mut Self, pointer: JsonPointer, message: String| {
            lowerer.errors.push(Error::Unsupported { pointer, message });
            None
        };
        let Some(object) = extension.as_object() else {
            return fail(self, pointer, "`x-pagination` must be an object".to_owned());
        };
        let field = |name: &str| object.get(name).and_then(serde_json::Value::as_str);
        let kind = match field("kind") {
            Some("offset") => PaginationKind::Offset,
            Some("cursor") => PaginationKind::Cursor,
            _ => {
                return fail(
                    self,
                    pointer.push("kind"),
                    "`kind` must be `offset` or `cursor`".to_owned(),
                );
            }
        };
        let (Some(param), Some(items), Some(next)) =
            (field("param"), field("items"), field("next"))
        else {
            return fail(
                self,
                pointer,
                "`x-pagination` needs the string fields `param`, `items` and `next`".to_owned(),
            );
        };
        if !parameters.iter().any(|parameter| {
            parameter.wire_name == param
                && matches!(parameter.location, ParameterLocation::Query(_))
        }) {
            return fail(
                self,
                pointer.push("param"),
                format!("`{param}` is not a query parameter of the operation"),
            );
        }
        if has_body {
            return fail(
                self,
                pointer,
                "paging an operation that has a request body is not supported".to_owned(),
            );
        }
        let has_more = match object.get("has-more") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(has_more)) => Some(has_more.clone()),
            Some(_) => {
                return fail(
                    self,
                    pointer.push("has-more"),
                    "`has-more` must be a string".to_owned(),
                );
            }
        };
        if !responses
            .success
            .iter()
            .any(|response| matches!(response.body, ResponseBody::Json(_)))
        {
            return fail(
                self,
                pointer,
                "the operation has no JSON success response to page through".to_owned(),
            );
        }
        let hint = format!("{hint_stem}Item");
        let Some(item_type) = self.page_item_type(operation, operation_pointer, items, &hint)
        else {
            return fail(
                self,
                pointer.push("items"),
                format!("`{items}` does not lead to an array in the success response's schema"),
            );
        };
        Some(Pagination {
            kind,
            param: param.to_owned(),
            items: items.to_owned(),
            next: next.to_owned(),
            has_more,
            item_type,
        })
    }

    /// The item type of the array that `items` points at in the first
    /// success response's JSON schema.
    fn page_item_type(
        &mut self,
        operation: &openapiv3::Operation,
        operation_pointer: &JsonPointer,
        items: &str,
        hint: &str,
    ) -> Option<TypeRef> {
        let document = self.document;
        let responses_pointer = operation_pointer.push("responses");
        let (status, response) =
            operation
                .responses
                .responses
                .iter()
                .find(|(status, _)| match status {
                    StatusCode::Code(code) => (200..300).contains(code),
                    StatusCode::Range(hundreds) => *hundreds == 2,
                })?;
        let (response, response_pointer) =
            self.resolve_response(document, response, &responses_pointer.push(status))?;
        let (media_type, media) = response
            .content
            .iter()
            .find(|(media_type, _)| media_type.contains("json"))?;
        if !items.starts_with('/') {
            return None;
        }
        let components = document.openapi.components.as_ref();
        let mut schema = SchemaHandle::of(media.schema.as_ref()?);
        let mut pointer = response_pointer
            .push("content")
            .push(media_type)
            .push("schema");
        for token in items.split('/').skip(1).map(unescape_pointer_token) {
            let (resolved, resolved_pointer) = resolve_schema(schema, &pointer, components)?;
            (schema, pointer) = find_property(resolved, &resolved_pointer, &token, components)?;
        }
        let (resolved, resolved_pointer) = resolve_schema(schema, &pointer, components)?;
        let items_schema = match &resolved.schema_kind {
            SchemaKind::Type(Type::Array(array)) => array.items.as_ref()?,
            SchemaKind::Any(any) => any.items.as_ref()?,
            _ => return None,
        };
        let items_pointer = resolved_pointer.push("items");
        // The response's own lowering already made a model for an inline item
        // schema: reuse it rather than registering a twin.
        let existing = self
            .schemas
            .models
            .iter()
            .find(|model| model.pointer == items_pointer);
        if let Some(model) = existing {
            return Some(TypeRef::Named(model.name.clone()));
        }
        Some(self.type_for_boxed_schema(items_schema, hint, &items_pointer))
    }
}

/// A schema or a reference to one, whether `openapiv3` boxed it or not.
#[derive(Clone, Copy)]
enum SchemaHandle<'d> {
    /// A `$ref`.
    Reference(&'d str),
    /// An inline schema.
    Item(&'d Schema),
}

impl<'d> SchemaHandle<'d> {
    /// The handle of an unboxed schema.
    fn of(schema: &'d ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Reference(reference),
            ReferenceOr::Item(item) => Self::Item(item),
        }
    }

    /// The handle of a boxed schema.
    fn of_boxed(schema: &'d ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Reference(reference),
            ReferenceOr::Item(item) => Self::Item(item),
        }
    }
}

/// Follows `#/components/schemas/...` references to a schema.
fn resolve_schema<'d>(
    schema: SchemaHandle<'d>,
    pointer: &JsonPointer,
    components: Option<&'d openapiv3::Components>,
) -> Option<(&'d Schema, JsonPointer)> {
    let mut current = schema;
    let mut current_pointer = pointer.clone();
    for _ in 0..MAXIMUM_REFERENCE_HOPS {
        match current {
            SchemaHandle::Item(item) => return Some((item, current_pointer)),
            SchemaHandle::Reference(reference) => {
                let name = unescape_pointer_token(reference.strip_prefix("#/components/schemas/")?);
                let (name, next) = components?.schemas.get_key_value(&name)?;
                current = SchemaHandle::of(next);
                current_pointer = JsonPointer::root()
                    .push("components")
                    .push("schemas")
                    .push(name);
            }
        }
    }
    None
}

/// The schema of property `name` of an object schema, looking into `allOf`
/// members too.
fn find_property<'d>(
    schema: &'d Schema,
    pointer: &JsonPointer,
    name: &str,
    components: Option<&'d openapiv3::Components>,
) -> Option<(SchemaHandle<'d>, JsonPointer)> {
    let properties = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some(&object.properties),
        SchemaKind::Any(any) => Some(&any.properties),
        _ => None,
    };
    if let Some(property) = properties.and_then(|properties| properties.get(name)) {
        return Some((
            SchemaHandle::of_boxed(property),
            pointer.push("properties").push(name),
        ));
    }
    let members = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) => &any.all_of,
        _ => return None,
    };
    members.iter().enumerate().find_map(|(index, member)| {
        let member_pointer = pointer.push("allOf").push(index);
        let (member, member_pointer) =
            resolve_schema(SchemaHandle::of(member), &member_pointer, components)?;
        find_property(member, &member_pointer, name, components)
    })
}
