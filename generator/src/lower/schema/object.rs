//! Objects and `allOf`: one struct, members merged in order.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema};

use super::shape::{self, ObjectParts, Shape, shape_of};
use crate::JsonPointer;
use crate::docs;
use crate::ir::{AdditionalProperties, Field, Presence, Primitive, StructModel, TypeRef};
use crate::lower::Lowerer;
use crate::naming::{Scope, type_name, value_name};

/// How deep `allOf` members may nest (a guard against reference cycles).
const MAX_ALL_OF_DEPTH: usize = 16;

/// The name of the flattened map of unknown keys.
const ADDITIONAL_PROPERTIES_FIELD: &str = "additional_properties";

/// The object keywords of several schemas, merged.
#[derive(Debug, Default)]
struct MergedObject {
    /// Properties with the pointer of the schema that declared them; a later
    /// declaration replaces an earlier one but keeps its position.
    properties: IndexMap<String, (ReferenceOr<Box<Schema>>, JsonPointer)>,
    /// The union of every member's `required`.
    required: BTreeSet<String>,
    /// The last `additionalProperties` seen, with its schema's pointer.
    additional_properties: Option<(openapiv3::AdditionalProperties, JsonPointer)>,
}

impl MergedObject {
    fn add(&mut self, object: ObjectParts<'_>, pointer: &JsonPointer) {
        for (name, schema) in object.properties {
            self.properties.insert(
                name.clone(),
                (schema.clone(), pointer.push("properties").push(name)),
            );
        }
        self.required.extend(object.required.iter().cloned());
        if let Some(additional) = object.additional_properties {
            self.additional_properties = Some((additional.clone(), pointer.clone()));
        }
    }
}

impl Lowerer<'_> {
    /// Whether an `allOf` describes an object (some member has object
    /// keywords), rather than a constrained scalar.
    pub(super) fn all_of_is_object(&self, members: &[ReferenceOr<Schema>]) -> bool {
        members.iter().any(|member| {
            self.resolve(member).is_some_and(|(schema, _)| {
                matches!(shape_of(schema), Shape::Object(_) | Shape::AllOf { .. })
            })
        })
    }

    /// A struct from `allOf` members (possibly none) and the object keywords
    /// next to them.
    pub(super) fn lower_struct(
        &mut self,
        members: &[ReferenceOr<Schema>],
        own: Option<&ObjectParts<'_>>,
        name: &str,
        pointer: &JsonPointer,
        notes: &mut Vec<String>,
    ) -> StructModel {
        let mut merged = MergedObject::default();
        for (index, member) in members.iter().enumerate() {
            self.merge_member(
                member,
                &pointer.push("allOf").push(index),
                &mut merged,
                0,
                notes,
            );
        }
        if let Some(own) = own {
            merged.add(*own, pointer);
        }
        let mut scope = Scope::default();
        let additional_properties = match &merged.additional_properties {
            None | Some((openapiv3::AdditionalProperties::Any(false), _)) => {
                AdditionalProperties::Ignored
            }
            Some((openapiv3::AdditionalProperties::Any(true), _)) => AdditionalProperties::Any,
            Some((openapiv3::AdditionalProperties::Schema(schema), schema_pointer)) => {
                let is_any = self
                    .resolve(schema)
                    .is_some_and(|(schema, _)| matches!(shape_of(schema), Shape::Any));
                if is_any {
                    AdditionalProperties::Any
                } else {
                    let additional = openapiv3::AdditionalProperties::Schema(schema.clone());
                    AdditionalProperties::Typed(self.map_value_type(
                        Some(&additional),
                        name,
                        schema_pointer,
                        notes,
                    ))
                }
            }
        };
        if additional_properties != AdditionalProperties::Ignored {
            scope.reserve(ADDITIONAL_PROPERTIES_FIELD);
        }
        let fields: Vec<Field> = merged
            .properties
            .iter()
            .map(|(wire_name, (schema, field_pointer))| {
                let required = merged.required.contains(wire_name);
                self.lower_field(wire_name, schema, required, name, field_pointer, &mut scope)
            })
            .collect();
        let derive_default = fields
            .iter()
            .all(|field| field.presence != Presence::Required);
        StructModel {
            fields,
            additional_properties,
            derive_default,
        }
    }

    /// Adds one `allOf` member's object keywords (recursively) to `merged`.
    fn merge_member(
        &self,
        member: &ReferenceOr<Schema>,
        inline_pointer: &JsonPointer,
        merged: &mut MergedObject,
        depth: usize,
        notes: &mut Vec<String>,
    ) {
        let Some((schema, resolved_pointer)) = self.resolve(member) else {
            if let ReferenceOr::Reference { reference } = member {
                notes.push(format!(
                    "The `allOf` member `{reference}` cannot be resolved and is left out."
                ));
            }
            return;
        };
        let pointer = match member {
            ReferenceOr::Reference { .. } => resolved_pointer,
            ReferenceOr::Item(_) => inline_pointer.clone(),
        };
        if depth >= MAX_ALL_OF_DEPTH {
            notes.push(format!(
                "The `allOf` at {pointer} nests too deep and is left out."
            ));
            return;
        }
        match shape_of(schema) {
            Shape::Object(object) => merged.add(object, &pointer),
            Shape::AllOf { members, own } => {
                for (index, nested) in members.iter().enumerate() {
                    self.merge_member(
                        nested,
                        &pointer.push("allOf").push(index),
                        merged,
                        depth + 1,
                        notes,
                    );
                }
                if let Some(own) = own {
                    merged.add(own, &pointer);
                }
            }
            Shape::Any => {}
            _ => notes.push(format!(
                "The `allOf` member at {pointer} is not an object and is left out."
            )),
        }
    }

    /// One field of a struct.
    fn lower_field(
        &mut self,
        wire_name: &str,
        schema: &ReferenceOr<Box<Schema>>,
        required: bool,
        struct_name: &str,
        pointer: &JsonPointer,
        scope: &mut Scope,
    ) -> Field {
        let mut notes = Vec::new();
        let hint = format!("{struct_name}{}", type_name(wire_name));
        let ty = binary_as_file(self.type_of_boxed(schema, &hint, pointer, &mut notes));
        let resolved = self.resolve_boxed(schema).map(|(schema, _)| schema);
        let nullable = resolved.is_some_and(shape::is_nullable) && ty != TypeRef::Json;
        let presence = match (required, nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        };
        let empty_string_as_none = presence != Presence::Required
            && matches!(
                ty,
                TypeRef::Primitive(
                    Primitive::Date
                        | Primitive::DateTime
                        | Primitive::I32
                        | Primitive::I64
                        | Primitive::F32
                        | Primitive::F64
                )
            );
        let (description, deprecated) = match schema {
            ReferenceOr::Item(schema) => (
                schema.schema_data.description.as_deref(),
                schema.schema_data.deprecated,
            ),
            ReferenceOr::Reference { .. } => (None, false),
        };
        let description = description.and_then(docs::markdown);
        let notes = notes.join(" ");
        Field {
            name: scope.claim(&value_name(wire_name)),
            wire_name: wire_name.to_owned(),
            ty,
            presence,
            empty_string_as_none,
            docs: docs::join_paragraphs([description.as_deref(), Some(notes.as_str())]),
            deprecated,
        }
    }
}

/// A `format: binary` property is a file part (`FilePart`), not raw bytes.
fn binary_as_file(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Primitive(Primitive::Binary) => TypeRef::Primitive(Primitive::File),
        TypeRef::Vec(inner) => TypeRef::Vec(Box::new(binary_as_file(*inner))),
        TypeRef::Option(inner) => TypeRef::Option(Box::new(binary_as_file(*inner))),
        other => other,
    }
}
