//! `oneOf`/`anyOf`: enums with one newtype variant per member.
//!
//! With a `discriminator` whose property every member declares, the enum is
//! serialized untagged and deserialized by reading the property
//! ([`UnionTagging::Dispatch`]); when no member declares it, serde's internal
//! tagging adds it ([`UnionTagging::Internal`]). Otherwise the enum is
//! untagged and its variants are ordered most specific first: objects with
//! more required properties first, then arrays, integers, numbers, booleans,
//! string enums, dates, strings, maps and finally any JSON value. Reading
//! tries them in that order, after ranking them by the enum values and keys
//! they declare when that tells them apart (`emit/model/union.rs`).

use openapiv3::{ReferenceOr, Schema};

use super::shape::{Shape, shape_of};
use crate::ir::{Primitive, TypeRef, UnionModel, UnionTagging, UnionVariant};
use crate::limits::MAXIMUM_ALL_OF_DEPTH;
use crate::lower::Lowerer;
use crate::naming::{Scope, type_name};
use crate::{Error, JsonPointer};

/// How specific a member is: lower sorts first.
type Specificity = (u8, i64, i64);

impl Lowerer<'_> {
    /// The union for `members` of `schema`.
    pub(super) fn lower_union(
        &mut self,
        schema: &Schema,
        members: &[ReferenceOr<Schema>],
        keyword: &str,
        name: &str,
        pointer: &JsonPointer,
        notes: &mut Vec<String>,
    ) -> UnionModel {
        let discriminator = schema.schema_data.discriminator.as_ref();
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        let mut keys = Vec::new();
        let mut declares_property = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let member_pointer = pointer.push(keyword).push(index);
            let resolved = self.resolve(member).map(|(schema, _)| schema);
            let title = resolved.and_then(|schema| schema.schema_data.title.as_deref());
            let hint = match (member, title) {
                (ReferenceOr::Item(_), Some(title)) => format!("{name}{}", type_name(title)),
                _ => format!("{name}Variant{}", index + 1),
            };
            let key = resolved.map_or((9, 0, 0), |schema| self.specificity(schema));
            if let Some(discriminator) = discriminator {
                let declared = resolved.is_some_and(|schema| {
                    self.property_names(schema, 0)
                        .contains(&discriminator.property_name)
                });
                declares_property.push(declared);
            }
            let ty = self.type_of(member, &hint, &member_pointer, notes);
            let ty = self.wrap_if_nullable(member, ty);
            let tag_values = discriminator
                .map_or_else(Vec::new, |discriminator| tag_values(discriminator, member));
            let variant_name = scope.claim(&variant_name(&ty));
            variants.push(UnionVariant {
                name: variant_name,
                ty,
                tag_values,
            });
            keys.push(key);
        }
        let all_named = variants.iter().all(|variant| {
            matches!(variant.ty, TypeRef::Named(_)) && !variant.tag_values.is_empty()
        });
        let tagging = match discriminator {
            Some(discriminator)
                if all_named && declares_property.iter().all(|declared| *declared) =>
            {
                UnionTagging::Dispatch {
                    property: discriminator.property_name.clone(),
                    unknown_variant: scope.claim("Unknown"),
                }
            }
            Some(discriminator)
                if all_named
                    && declares_property.iter().all(|declared| !declared)
                    && keys.iter().all(|key| key.0 == 0) =>
            {
                UnionTagging::Internal {
                    property: discriminator.property_name.clone(),
                }
            }
            _ => UnionTagging::Untagged,
        };
        if tagging == UnionTagging::Untagged {
            let mut keyed: Vec<(Specificity, UnionVariant)> =
                keys.into_iter().zip(variants).collect();
            keyed.sort_by_key(|(key, _)| *key);
            variants = keyed.into_iter().map(|(_, variant)| variant).collect();
        }
        let id_property = self.id_property(schema, members, pointer);
        UnionModel {
            tagging,
            variants,
            id_property,
        }
    }

    /// The sort key of a member schema (see the module docs).
    fn specificity(&self, schema: &Schema) -> Specificity {
        match shape_of(schema) {
            Shape::Object(object) if !object.properties.is_empty() => (
                0,
                -(object.required.len() as i64),
                -(object.properties.len() as i64),
            ),
            Shape::AllOf { .. } => {
                let names = self.property_names(schema, 0);
                (0, 0, -(names.len() as i64))
            }
            Shape::Union { .. } => (1, 0, 0),
            Shape::Array { .. } => (2, 0, 0),
            Shape::Integer { .. } => (3, 0, 0),
            Shape::Number { .. } => (4, 0, 0),
            Shape::Boolean => (5, 0, 0),
            Shape::String { values, .. } if !values.is_empty() => (6, 0, 0),
            Shape::String { format, .. }
                if format
                    .as_deref()
                    .is_some_and(|format| format.starts_with("date")) =>
            {
                (7, 0, 0)
            }
            Shape::String { .. } => (8, 0, 0),
            Shape::Object(_) => (9, 0, 0),
            Shape::Not | Shape::Any => (10, 0, 0),
        }
    }

    /// The property names a schema declares, through `allOf` and references.
    /// The `x-id-property` of a union, when every member is an integer or an
    /// object that declares that integer property; otherwise an error at the
    /// extension's pointer and no accessor.
    fn id_property(
        &mut self,
        schema: &Schema,
        members: &[ReferenceOr<Schema>],
        pointer: &JsonPointer,
    ) -> Option<String> {
        let value = schema.schema_data.extensions.get("x-id-property")?;
        let extension_pointer = pointer.push("x-id-property");
        let Some(property) = value.as_str() else {
            self.errors.push(Error::Unsupported {
                pointer: extension_pointer,
                message: "`x-id-property` must be the name of a property".to_owned(),
            });
            return None;
        };
        for (index, member) in members.iter().enumerate() {
            let Some((resolved, _)) = self.resolve(member) else {
                continue;
            };
            let is_integer = matches!(
                &resolved.schema_kind,
                openapiv3::SchemaKind::Type(openapiv3::Type::Integer(_))
            );
            if !is_integer
                && !self
                    .property_names(resolved, 0)
                    .iter()
                    .any(|name| name == property)
            {
                self.errors.push(Error::Unsupported {
                    pointer: extension_pointer.clone(),
                    message: format!(
                        "`x-id-property: {property}` needs every member to be an integer or an object with that property, but member {index} is neither"
                    ),
                });
                return None;
            }
        }
        Some(property.to_owned())
    }

    pub(super) fn property_names(&self, schema: &Schema, depth: usize) -> Vec<String> {
        match shape_of(schema) {
            Shape::Object(object) => object.properties.keys().cloned().collect(),
            Shape::AllOf { members, own } if depth < MAXIMUM_ALL_OF_DEPTH => {
                let mut names: Vec<String> = members
                    .iter()
                    .filter_map(|member| self.resolve(member))
                    .flat_map(|(member, _)| self.property_names(member, depth + 1))
                    .collect();
                names.extend(own.iter().flat_map(|own| own.properties.keys().cloned()));
                names
            }
            _ => Vec::new(),
        }
    }
}

/// The discriminator values that select `member`: the mapping entries that
/// point at it, or (without any) the referenced schema's name.
fn tag_values(
    discriminator: &openapiv3::Discriminator,
    member: &ReferenceOr<Schema>,
) -> Vec<String> {
    let ReferenceOr::Reference { reference } = member else {
        return Vec::new();
    };
    // The name a mapping or the default tag value uses: the `$ref`'s last
    // token (a component's name).
    let name = JsonPointer::from_reference(reference)
        .and_then(|pointer| pointer.tokens())
        .and_then(|mut tokens| tokens.pop());
    let mapped: Vec<String> = discriminator
        .mapping
        .iter()
        .filter(|(_, target)| *target == reference || name.as_ref() == Some(*target))
        .map(|(value, _)| value.clone())
        .collect();
    if !mapped.is_empty() {
        return mapped;
    }
    name.into_iter().collect()
}

/// A readable variant name for a member type.
fn variant_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.to_string(),
        TypeRef::Primitive(primitive) => match primitive {
            Primitive::String | Primitive::Uuid | Primitive::Base64 => "String",
            Primitive::Bool => "Boolean",
            Primitive::I32 | Primitive::I64 => "Integer",
            Primitive::F64 => "Number",
            Primitive::Date => "Date",
            Primitive::DateTime => "DateTime",
            Primitive::Binary => "Bytes",
            Primitive::File => "File",
        }
        .to_owned(),
        TypeRef::Vec(item) => format!("{}List", variant_name(item)),
        TypeRef::Map(value) => format!("{}Map", variant_name(value)),
        TypeRef::Option(inner) | TypeRef::Box(inner) => variant_name(inner),
        TypeRef::Json => "Value".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{ModelKind, UnionTagging};

    /// The catch-all of a dispatched union whose member is called `Unknown`
    /// takes the next free name in the variants' scope.
    #[test]
    fn the_catch_all_avoids_a_member_variant_of_its_name() {
        let spec = r##"
openapi: 3.0.3
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
    Pet:
      oneOf: [{ $ref: "#/components/schemas/Unknown" }, { $ref: "#/components/schemas/Cat" }]
      discriminator: { propertyName: kind }
    Unknown:
      type: object
      required: [kind]
      properties: { kind: { type: string } }
    Cat:
      type: object
      required: [kind]
      properties: { kind: { type: string } }
"##;
        let document = crate::load::load(spec).expect("the spec loads");
        let api = crate::lower::lower(&document).expect("the spec lowers");
        let pet = api.models.iter().find(|model| model.name == "Pet");
        let Some(ModelKind::Union(union)) = pet.map(|model| &model.kind) else {
            panic!("`Pet` is not a union: {pet:?}");
        };
        let names: Vec<&str> = union.variants.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["Unknown", "Cat"]);
        let UnionTagging::Dispatch {
            unknown_variant, ..
        } = &union.tagging
        else {
            panic!("`Pet` is not dispatched: {:?}", union.tagging);
        };
        assert_eq!(unknown_variant, "Unknown2");
    }
}
