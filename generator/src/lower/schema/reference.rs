//! Schema `$ref`s: to a component (`#/components/schemas/Deal`) and into one
//! (`#/components/schemas/Deal/properties/owner`, `…/items`, `…/allOf/0`).
//!
//! A reference into a component names the inline schema written there, which
//! is one model keyed by its pointer (see `SchemaState::inline_models`): the
//! reference and the component's own field share it. Its name is the one the
//! component's own lowering gives it (`name_hint_for_pointer` spells it the
//! same way), taken from the plan of `names.rs`. The walk follows `$ref`s met
//! on the way, so the pointer a model is keyed by is always where its schema
//! is written.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use crate::JsonPointer;
use crate::ir::TypeRef;
use crate::lower::Lowerer;
use crate::lower::reference::{Link, follow};
use crate::naming::type_name;

use crate::limits::MAXIMUM_REFERENCE_HOPS;

/// A schema position inside another schema, as `openapiv3` types it.
enum Child<'s> {
    Plain(&'s ReferenceOr<Schema>),
    Boxed(&'s ReferenceOr<Box<Schema>>),
}

impl<'a> Lowerer<'a> {
    /// The schema a reference points to, with the pointer where it is
    /// written, following chains of references.
    pub(crate) fn resolve_reference(&self, reference: &str) -> Option<(&'a Schema, JsonPointer)> {
        self.resolve_reference_within(reference, MAXIMUM_REFERENCE_HOPS)
    }

    /// [`Lowerer::resolve_reference`] with a budget of hops.
    fn resolve_reference_within(
        &self,
        reference: &str,
        hops: usize,
    ) -> Option<(&'a Schema, JsonPointer)> {
        let hops = hops.checked_sub(1)?;
        let first = self.reference_target(reference, hops)?;
        follow(first, hops, |reference, hops| {
            self.reference_target(reference, hops)
        })
        .ok()
    }

    /// What one schema `$ref` names: a component schema (itself maybe a
    /// `$ref`, which the caller follows), or the schema at a pointer into
    /// one, reached by resolving the `$ref`s met on the way within `hops`.
    fn reference_target(&self, reference: &str, hops: usize) -> Option<Link<'a, Schema>> {
        let document: &'a crate::load::Document = self.document;
        let schemas = &document.openapi.components.as_ref()?.schemas;
        let tokens = JsonPointer::from_reference(reference)?.tokens()?;
        let [components, section, name, path @ ..] = tokens.as_slice() else {
            return None;
        };
        if components != "components" || section != "schemas" {
            return None;
        }
        let (name, entry) = schemas.get_key_value(name)?;
        let pointer = JsonPointer::root()
            .push("components")
            .push("schemas")
            .push(name);
        if path.is_empty() {
            return Some(Link::of(entry, pointer));
        }
        let (mut schema, mut pointer) = match entry {
            ReferenceOr::Reference { reference } => {
                self.resolve_reference_within(reference, hops)?
            }
            ReferenceOr::Item(schema) => (schema, pointer),
        };
        let mut tokens = path.iter().map(String::as_str);
        while let Some(keyword) = tokens.next() {
            let (child, child_pointer) = child_schema(schema, keyword, &mut tokens, &pointer)?;
            (schema, pointer) = match child {
                Child::Plain(ReferenceOr::Item(item)) => (item, child_pointer),
                Child::Boxed(ReferenceOr::Item(item)) => (&**item, child_pointer),
                Child::Plain(ReferenceOr::Reference { reference })
                | Child::Boxed(ReferenceOr::Reference { reference }) => {
                    self.resolve_reference_within(reference, hops)?
                }
            };
        }
        Some(Link::Item(schema, pointer))
    }

    /// The type a schema `$ref` names: the component's model, the model of
    /// the inline schema a deeper reference points into, or JSON with a note
    /// when it names nothing this generator can resolve.
    pub(super) fn type_for_reference(
        &mut self,
        reference: &str,
        notes: &mut Vec<String>,
    ) -> TypeRef {
        let component = JsonPointer::from_reference(reference)
            .and_then(|pointer| pointer.component_entry("schemas"))
            .and_then(|name| self.schemas.component_names.get(&name));
        if let Some(name) = component {
            return TypeRef::Named(name.clone());
        }
        if let Some((schema, pointer)) = self.resolve_reference(reference) {
            if let Some(name) = self.component_name_at(&pointer) {
                return TypeRef::Named(name.to_owned());
            }
            let hint = self.name_hint_for_pointer(&pointer);
            return self.type_of_inline(schema, &hint, &pointer, notes);
        }
        notes.push(format!(
            "The spec refers to `{reference}`, which the generator cannot resolve; any JSON value is accepted."
        ));
        TypeRef::Json
    }

    /// The name lowering would give the inline schema at `pointer` when it
    /// lowers the component holding it: the component's name, then each
    /// property name, `Item` for array items, `Value` for map values and
    /// `Variant<n>` for union members.
    fn name_hint_for_pointer(&self, pointer: &JsonPointer) -> String {
        let mut tokens = pointer.tokens().unwrap_or_default().into_iter().skip(2);
        let component = tokens.next().unwrap_or_default();
        let mut hint = self
            .schemas
            .component_names
            .get(&component)
            .unwrap_or(&type_name(&component))
            .to_string();
        while let Some(token) = tokens.next() {
            match token.as_str() {
                "properties" => {
                    if let Some(property) = tokens.next() {
                        hint.push_str(&type_name(&property));
                    }
                }
                "items" => hint.push_str("Item"),
                "additionalProperties" => hint.push_str("Value"),
                "allOf" => {
                    tokens.next();
                }
                "oneOf" | "anyOf" => {
                    let index = tokens.next().and_then(|index| index.parse::<usize>().ok());
                    hint.push_str(&format!("Variant{}", index.unwrap_or(0) + 1));
                }
                _ => {}
            }
        }
        hint
    }
}

/// The child schema of `schema` at `keyword` (and the next token, for keywords
/// that take one), with its pointer.
fn child_schema<'s, 't>(
    schema: &'s Schema,
    keyword: &str,
    tokens: &mut impl Iterator<Item = &'t str>,
    pointer: &JsonPointer,
) -> Option<(Child<'s>, JsonPointer)> {
    let any = match &schema.schema_kind {
        SchemaKind::Any(any) => Some(any),
        _ => None,
    };
    match keyword {
        "properties" => {
            let name = tokens.next()?;
            let properties = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => &object.properties,
                _ => &any?.properties,
            };
            let child = properties.get(name)?;
            Some((Child::Boxed(child), pointer.push("properties").push(name)))
        }
        "items" => {
            let items = match &schema.schema_kind {
                SchemaKind::Type(Type::Array(array)) => array.items.as_ref(),
                _ => any?.items.as_ref(),
            };
            Some((Child::Boxed(items?), pointer.push("items")))
        }
        "additionalProperties" => {
            let additional = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => object.additional_properties.as_ref(),
                _ => any?.additional_properties.as_ref(),
            };
            match additional? {
                AdditionalProperties::Schema(child) => {
                    Some((Child::Plain(child), pointer.push("additionalProperties")))
                }
                AdditionalProperties::Any(_) => None,
            }
        }
        "allOf" | "oneOf" | "anyOf" => {
            let index: usize = tokens.next()?.parse().ok()?;
            let members = match (&schema.schema_kind, keyword) {
                (SchemaKind::AllOf { all_of }, "allOf") => all_of,
                (SchemaKind::OneOf { one_of }, "oneOf") => one_of,
                (SchemaKind::AnyOf { any_of }, "anyOf") => any_of,
                (SchemaKind::Any(any), "allOf") => &any.all_of,
                (SchemaKind::Any(any), "oneOf") => &any.one_of,
                (SchemaKind::Any(any), "anyOf") => &any.any_of,
                _ => return None,
            };
            let child = members.get(index)?;
            Some((Child::Plain(child), pointer.push(keyword).push(index)))
        }
        "not" => {
            let not = match &schema.schema_kind {
                SchemaKind::Not { not } => not,
                _ => any?.not.as_ref()?,
            };
            Some((Child::Plain(not), pointer.push("not")))
        }
        _ => None,
    }
}
