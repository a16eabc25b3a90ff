//! Lowering of the `x-pagination` extension (ARCHITECTURE.md, "Pagination"):
//! validates it, finds the item type by following the `items` pointer
//! through the success response's schema, and checks that `next` and
//! `has-more` name something in that schema too.

use openapiv3::{Schema, SchemaKind, StatusCode, Type};

use super::draft::DraftResponses;
use crate::ir::{
    BodyEncoding, Pagination, PaginationKind, Parameter, ParameterLocation, ResponseBody, TypeRef,
};
use crate::lower::Lowerer;
use crate::lower::media_type::body_encoding;
use crate::naming::RustName;
use crate::{Error, JsonPointer};

/// The name of the extension.
const EXTENSION: &str = "x-pagination";

/// The fields of an `x-pagination` extension, as written.
struct Fields<'e> {
    kind: PaginationKind,
    param: &'e str,
    items: &'e str,
    next: &'e str,
    has_more: Option<&'e str>,
}

/// What the operation offers that paging needs.
pub(super) struct Paged<'o> {
    /// The operation as written.
    pub(super) operation: &'o openapiv3::Operation,
    /// Where it is written.
    pub(super) pointer: &'o JsonPointer,
    /// Its lowered responses.
    pub(super) responses: &'o DraftResponses,
    /// Whether it has a request body.
    pub(super) has_body: bool,
    /// Its lowered parameters.
    pub(super) parameters: &'o [Parameter],
}

impl<'a> Lowerer<'a> {
    /// Lowers the operation's `x-pagination`, if any. A problem is reported
    /// at the pointer of the extension (or of its offending field) and the
    /// operation is then generated without `stream()`.
    pub(super) fn lower_pagination(
        &mut self,
        paged: &Paged<'_>,
        hint_stem: &RustName,
    ) -> Option<Pagination> {
        let extension = paged.operation.extensions.get(EXTENSION)?;
        let pointer = paged.pointer.push(EXTENSION);
        match self.pagination(extension, paged, &pointer, hint_stem) {
            Ok(pagination) => Some(pagination),
            Err(error) => {
                self.errors.push(error);
                None
            }
        }
    }

    /// The checked pagination of an operation whose extension is
    /// `extension`, written at `pointer`.
    fn pagination(
        &mut self,
        extension: &serde_json::Value,
        paged: &Paged<'_>,
        pointer: &JsonPointer,
        hint_stem: &RustName,
    ) -> Result<Pagination, Error> {
        let fields = read_fields(extension, pointer)?;
        check_operation(&fields, paged, pointer)?;
        let not_found = |field: &str, value: &str, what: &str| Error::Unsupported {
            pointer: pointer.push(field),
            message: format!("`{value}` does not lead to {what} in the success response's schema"),
        };
        let page = self.page_schema(paged.operation, paged.pointer);
        let item_type = page
            .as_ref()
            .and_then(|(schema, page_pointer)| {
                self.page_item_type(schema, page_pointer, fields.items, hint_stem)
            })
            .ok_or_else(|| not_found("items", fields.items, "an array"))?;
        let (schema, page_pointer) =
            page.ok_or_else(|| not_found("items", fields.items, "an array"))?;
        if self.schema_at(schema, &page_pointer, fields.next).is_none() {
            return Err(not_found("next", fields.next, "a property"));
        }
        if let Some(has_more) = fields.has_more
            && self.schema_at(schema, &page_pointer, has_more).is_none()
        {
            return Err(not_found("has-more", has_more, "a property"));
        }
        Ok(Pagination {
            kind: fields.kind,
            param: fields.param.to_owned(),
            items: fields.items.to_owned(),
            next: fields.next.to_owned(),
            has_more: fields.has_more.map(str::to_owned),
            item_type,
        })
    }

    /// The JSON schema of the first success response, resolved, with its
    /// pointer.
    fn page_schema<'o>(
        &mut self,
        operation: &'o openapiv3::Operation,
        operation_pointer: &JsonPointer,
    ) -> Option<(&'o Schema, JsonPointer)>
    where
        'a: 'o,
    {
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
            .find(|(media_type, _)| body_encoding(media_type) == BodyEncoding::Json)?;
        let schema_pointer = response_pointer
            .push("content")
            .push(media_type)
            .push("schema");
        self.resolve_at(media.schema.as_ref()?, &schema_pointer)
    }

    /// The item type of the array that `items` points at in the page's
    /// schema.
    fn page_item_type(
        &mut self,
        schema: &Schema,
        pointer: &JsonPointer,
        items: &str,
        hint_stem: &RustName,
    ) -> Option<TypeRef> {
        let (array, array_pointer) = self.schema_at(schema, pointer, items)?;
        let items_schema = match &array.schema_kind {
            SchemaKind::Type(Type::Array(array)) => array.items.as_ref()?,
            SchemaKind::Any(any) => any.items.as_ref()?,
            _ => return None,
        };
        let items_pointer = array_pointer.push("items");
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
        let hint = format!("{hint_stem}Item");
        Some(self.type_for_schema(items_schema, &hint, &items_pointer))
    }

    /// The schema (resolved, with its pointer) that the JSON pointer `path`
    /// into a response body names, walking properties (also those of `allOf`
    /// members) from the page's `schema` at `pointer`.
    fn schema_at<'s>(
        &self,
        schema: &'s Schema,
        pointer: &JsonPointer,
        path: &str,
    ) -> Option<(&'s Schema, JsonPointer)>
    where
        'a: 's,
    {
        let tokens = JsonPointer::from_escaped(path).tokens()?;
        let mut current = (schema, pointer.clone());
        for token in tokens {
            current = self.find_property(current.0, &current.1, &token)?;
        }
        Some(current)
    }

    /// The schema of property `name` of an object schema, resolved, looking
    /// into `allOf` members too.
    fn find_property<'s>(
        &self,
        schema: &'s Schema,
        pointer: &JsonPointer,
        name: &str,
    ) -> Option<(&'s Schema, JsonPointer)>
    where
        'a: 's,
    {
        let properties = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => Some(&object.properties),
            SchemaKind::Any(any) => Some(&any.properties),
            _ => None,
        };
        if let Some(property) = properties.and_then(|properties| properties.get(name)) {
            return self.resolve_at(property, &pointer.push("properties").push(name));
        }
        let members = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => all_of,
            SchemaKind::Any(any) => &any.all_of,
            _ => return None,
        };
        members.iter().enumerate().find_map(|(index, member)| {
            let (member, member_pointer) =
                self.resolve_at(member, &pointer.push("allOf").push(index))?;
            self.find_property(member, &member_pointer, name)
        })
    }
}

/// Reads the extension's fields, reporting the first that is missing or
/// of the wrong type.
fn read_fields<'e>(
    extension: &'e serde_json::Value,
    pointer: &JsonPointer,
) -> Result<Fields<'e>, Error> {
    let fail = |pointer: JsonPointer, message: &str| Error::Unsupported {
        pointer,
        message: message.to_owned(),
    };
    let Some(object) = extension.as_object() else {
        return Err(fail(pointer.clone(), "`x-pagination` must be an object"));
    };
    let field = |name: &str| object.get(name).and_then(serde_json::Value::as_str);
    let kind = match field("kind") {
        Some("offset") => PaginationKind::Offset,
        Some("cursor") => PaginationKind::Cursor,
        _ => {
            return Err(fail(
                pointer.push("kind"),
                "`kind` must be `offset` or `cursor`",
            ));
        }
    };
    let (Some(param), Some(items), Some(next)) = (field("param"), field("items"), field("next"))
    else {
        return Err(fail(
            pointer.clone(),
            "`x-pagination` needs the string fields `param`, `items` and `next`",
        ));
    };
    let has_more = match object.get("has-more") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(has_more)) => Some(has_more.as_str()),
        Some(_) => {
            return Err(fail(
                pointer.push("has-more"),
                "`has-more` must be a string",
            ));
        }
    };
    Ok(Fields {
        kind,
        param,
        items,
        next,
        has_more,
    })
}

/// Checks what paging asks of the operation: `param` is one of its query
/// parameters, it has no request body, and it has a JSON success response.
fn check_operation(
    fields: &Fields<'_>,
    paged: &Paged<'_>,
    pointer: &JsonPointer,
) -> Result<(), Error> {
    let param = fields.param;
    if !paged.parameters.iter().any(|parameter| {
        parameter.wire_name == param && matches!(parameter.location, ParameterLocation::Query(_))
    }) {
        return Err(Error::Unsupported {
            pointer: pointer.push("param"),
            message: format!("`{param}` is not a query parameter of the operation"),
        });
    }
    if paged.has_body {
        return Err(Error::Unsupported {
            pointer: pointer.clone(),
            message: "paging an operation that has a request body is not supported".to_owned(),
        });
    }
    if !paged
        .responses
        .success
        .iter()
        .any(|success| matches!(success.response.body, ResponseBody::Json(_)))
    {
        return Err(Error::Unsupported {
            pointer: pointer.clone(),
            message: "the operation has no JSON success response to page through".to_owned(),
        });
    }
    Ok(())
}
