//! Objects and `allOf`: one struct, members merged in order.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema};

use super::shape::{self, ObjectParts, Shape, shape_of};
use crate::JsonPointer;
use crate::docs;
use crate::ir::{AdditionalProperties, Field, Presence, Primitive, StructModel, TypeRef};
use crate::limits::MAXIMUM_ALL_OF_DEPTH;
use crate::lower::Lowerer;
use crate::members::Leniency;
use crate::naming::{Scope, type_name, value_name};

/// The name of the flattened map of unknown keys.
const ADDITIONAL_PROPERTIES_FIELD: &str = "additional_properties";

/// The object keywords of several schemas, merged.
#[derive(Debug, Default)]
struct MergedObject<'m> {
    /// Properties, with where they were declared; a later declaration
    /// replaces an earlier one but keeps its position.
    properties: IndexMap<&'m str, DeclaredAt<&'m ReferenceOr<Box<Schema>>>>,
    /// The union of every member's `required`.
    required: BTreeSet<&'m str>,
    /// The last `additionalProperties` seen, with where it was declared.
    additional_properties: Option<DeclaredAt<&'m openapiv3::AdditionalProperties>>,
}

/// A keyword's value with the schema that declared it.
#[derive(Debug)]
struct DeclaredAt<T> {
    /// The value.
    value: T,
    /// The pointer of the value (a property's schema, or the declaring
    /// object for `additionalProperties`).
    pointer: JsonPointer,
    /// The Rust name of the model that declared it: the struct itself, or the
    /// component schema an `allOf` member refers to. Inline schemas inside the
    /// value are named after it, so that they get the same name whichever
    /// struct merges them.
    owner: String,
}

impl<'m> MergedObject<'m> {
    fn add(&mut self, object: ObjectParts<'m>, pointer: &JsonPointer, owner: &str) {
        for (name, schema) in object.properties {
            self.properties.insert(
                name.as_str(),
                DeclaredAt {
                    value: schema,
                    pointer: pointer.push("properties").push(name),
                    owner: owner.to_owned(),
                },
            );
        }
        self.required
            .extend(object.required.iter().map(String::as_str));
        if let Some(additional) = object.additional_properties {
            self.additional_properties = Some(DeclaredAt {
                value: additional,
                pointer: pointer.clone(),
                owner: owner.to_owned(),
            });
        }
    }
}

/// An `allOf` member on its way into a [`MergedObject`].
struct AllOfMember<'m, 'o> {
    /// The member as written.
    schema: &'m ReferenceOr<Schema>,
    /// The member's pointer, used when it is inline.
    inline_pointer: JsonPointer,
    /// The Rust name that inline schemas in an inline member are named after.
    owner: &'o str,
}

impl<'a> Lowerer<'a> {
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
    pub(super) fn lower_struct<'m>(
        &mut self,
        members: &'m [ReferenceOr<Schema>],
        own: Option<&ObjectParts<'m>>,
        name: &str,
        pointer: &JsonPointer,
        notes: &mut Vec<String>,
    ) -> StructModel
    where
        'a: 'm,
    {
        let mut merged = MergedObject::default();
        for (index, member) in members.iter().enumerate() {
            let member = AllOfMember {
                schema: member,
                inline_pointer: pointer.push("allOf").push(index),
                owner: name,
            };
            self.merge_member(&member, &mut merged, 0, notes);
        }
        if let Some(own) = own {
            merged.add(*own, pointer, name);
        }
        let mut scope = Scope::default();
        let mut methods = Scope::default();
        methods.reserve("new");
        let additional_properties = match &merged.additional_properties {
            None => AdditionalProperties::Ignored,
            Some(declared) => match declared.value {
                openapiv3::AdditionalProperties::Any(false) => AdditionalProperties::Ignored,
                openapiv3::AdditionalProperties::Any(true) => AdditionalProperties::Any,
                openapiv3::AdditionalProperties::Schema(schema) => {
                    let is_any = self
                        .resolve(schema)
                        .is_some_and(|(schema, _)| matches!(shape_of(schema), Shape::Any));
                    if is_any {
                        AdditionalProperties::Any
                    } else {
                        AdditionalProperties::Typed(self.map_value_type(
                            Some(declared.value),
                            &declared.owner,
                            &declared.pointer,
                            notes,
                        ))
                    }
                }
            },
        };
        if additional_properties != AdditionalProperties::Ignored {
            scope.reserve(ADDITIONAL_PROPERTIES_FIELD);
        }
        let fields: Vec<Field> = merged
            .properties
            .iter()
            .map(|(wire_name, declared)| {
                let required = merged.required.contains(wire_name);
                self.lower_field(wire_name, declared, required, [&mut scope, &mut methods])
            })
            .collect();
        let additional_properties_setter = (additional_properties != AdditionalProperties::Ignored)
            .then(|| methods.claim("set_additional_properties"));
        let required = fields
            .iter()
            .filter(|field| field.presence == Presence::Required)
            .count();
        StructModel {
            fields,
            additional_properties,
            derive_default: required == 0,
            additional_properties_setter,
            required_struct: (required > 1).then(|| self.schemas.required_struct_name(name)),
        }
    }

    /// Adds one `allOf` member's object keywords (recursively) to `merged`.
    fn merge_member<'m>(
        &self,
        member: &AllOfMember<'m, '_>,
        merged: &mut MergedObject<'m>,
        depth: usize,
        notes: &mut Vec<String>,
    ) where
        'a: 'm,
    {
        let Some((schema, resolved_pointer)) = self.resolve(member.schema) else {
            if let ReferenceOr::Reference { reference } = member.schema {
                notes.push(format!(
                    "The `allOf` member `{reference}` cannot be resolved and is left out."
                ));
            }
            return;
        };
        let (pointer, owner) = match member.schema {
            ReferenceOr::Reference { .. } => {
                let owner = self
                    .component_name_at(&resolved_pointer)
                    .map_or(member.owner, |name| name.as_str());
                (resolved_pointer, owner)
            }
            ReferenceOr::Item(_) => (member.inline_pointer.clone(), member.owner),
        };
        if depth >= MAXIMUM_ALL_OF_DEPTH {
            notes.push(format!(
                "The `allOf` at {pointer} nests too deep and is left out."
            ));
            return;
        }
        match shape_of(schema) {
            Shape::Object(object) => merged.add(object, &pointer, owner),
            Shape::AllOf { members, own } => {
                for (index, nested) in members.iter().enumerate() {
                    let nested = AllOfMember {
                        schema: nested,
                        inline_pointer: pointer.push("allOf").push(index),
                        owner,
                    };
                    self.merge_member(&nested, merged, depth + 1, notes);
                }
                if let Some(own) = own {
                    merged.add(own, &pointer, owner);
                }
            }
            Shape::Any => {}
            _ => notes.push(format!(
                "The `allOf` member at {pointer} is not an object and is left out."
            )),
        }
    }

    /// One field of a struct, its name claimed in the struct's field scope
    /// and its setter's and clearer's in the struct's method scope, where
    /// `new` is taken. The methods are `set_<field>` and `clear_<field>`
    /// (`r#type` gives `set_type`, `_1st` `set_1st`); the prefix keeps a
    /// setter from shadowing a trait method the struct has (a property
    /// called `clone`, `eq` or `into`) and from taking `new`.
    fn lower_field(
        &mut self,
        wire_name: &str,
        declared: &DeclaredAt<&ReferenceOr<Box<Schema>>>,
        required: bool,
        [scope, methods]: [&mut Scope; 2],
    ) -> Field {
        let mut notes = Vec::new();
        let schema = declared.value;
        let hint = format!("{}{}", declared.owner, type_name(wire_name));
        let ty = self.type_of(schema, &hint, &declared.pointer, &mut notes);
        let resolved = self.resolve(schema).map(|(schema, _)| schema);
        let nullable = resolved.is_some_and(shape::is_nullable) && ty != TypeRef::Json;
        let presence = match (required, nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        };
        let leniency = match ty {
            TypeRef::Primitive(Primitive::I32 | Primitive::I64 | Primitive::F64) => {
                Some(Leniency::NumberOrString)
            }
            // `""` can only be read as no date where the field can be empty.
            TypeRef::Primitive(Primitive::Date | Primitive::DateTime)
                if presence != Presence::Required =>
            {
                Some(Leniency::EmptyStringAsNone)
            }
            _ => None,
        };
        let (description, deprecated) = match schema {
            ReferenceOr::Item(schema) => {
                (shape::description(schema), schema.schema_data.deprecated)
            }
            ReferenceOr::Reference { .. } => (None, false),
        };
        let description = description.and_then(docs::markdown);
        let notes = notes.join(" ");
        let name = scope.claim(&value_name(wire_name));
        let bare = name.bare().trim_start_matches('_');
        let setter = methods.claim(&format!("set_{bare}"));
        let clearer = methods.claim(&format!("clear_{bare}"));
        Field {
            name,
            setter,
            clearer,
            wire_name: wire_name.to_owned(),
            ty,
            presence,
            leniency,
            docs: docs::join_paragraphs([description.as_deref(), Some(notes.as_str())]),
            deprecated,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::ModelKind;

    /// Setters and clearers are named with the fields, keywords and leading
    /// digits dropped, and the setter of the undeclared keys after them.
    #[test]
    fn methods_are_named_with_the_fields() {
        let spec = r#"
openapi: 3.0.3
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    Thing:
      type: object
      additionalProperties: true
      properties:
        type: { type: string }
        1st: { type: string }
        set_x: { type: string }
        x: { type: string }
"#;
        let document = crate::load::load(spec).expect("the spec loads");
        let api = crate::lower::lower(&document).expect("the spec lowers");
        let thing = api.models.iter().find(|model| model.name == "Thing");
        let Some(ModelKind::Struct(structure)) = thing.map(|model| &model.kind) else {
            panic!("`Thing` is not a struct: {thing:?}");
        };
        let methods: Vec<[&str; 3]> = structure
            .fields
            .iter()
            .map(|field| [&*field.name, &*field.setter, &*field.clearer])
            .collect();
        assert_eq!(
            methods,
            [
                ["r#type", "set_type", "clear_type"],
                ["_1st", "set_1st", "clear_1st"],
                ["set_x", "set_set_x", "clear_set_x"],
                ["x", "set_x", "clear_x"],
            ]
        );
        assert_eq!(
            structure.additional_properties_setter.as_deref(),
            Some("set_additional_properties")
        );
    }
}
