//! A uniform view of a schema: `openapiv3` spreads one construct over typed
//! variants and a catch-all `AnySchema` (used when keywords are mixed, e.g.
//! `type: object` with `allOf`). [`shape_of`] folds both into one [`Shape`].

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use crate::ir::Primitive;

/// The object keywords of a schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ObjectParts<'s> {
    /// `properties`, in spec order.
    pub(crate) properties: &'s IndexMap<String, ReferenceOr<Box<Schema>>>,
    /// `required`.
    pub(crate) required: &'s [String],
    /// `additionalProperties`.
    pub(crate) additional_properties: Option<&'s AdditionalProperties>,
}

/// What a schema is, as far as typing goes.
#[derive(Debug)]
pub(crate) enum Shape<'s> {
    /// `type: string`, with its format and non-null enum values.
    String {
        format: Option<String>,
        values: Vec<String>,
    },
    /// `type: integer`, with its format and non-null enum values.
    Integer {
        format: Option<String>,
        values: Vec<i64>,
    },
    /// `type: number` (every format is `f64`, so the format is not kept).
    Number,
    /// `type: boolean`.
    Boolean,
    /// `type: array`.
    Array {
        items: Option<&'s ReferenceOr<Box<Schema>>>,
    },
    /// `type: object` (or object keywords without a type).
    Object(ObjectParts<'s>),
    /// `oneOf` or `anyOf`; `keyword` is the one used.
    Union {
        members: &'s [ReferenceOr<Schema>],
        keyword: &'static str,
    },
    /// `allOf`, with the object keywords written next to it.
    AllOf {
        members: &'s [ReferenceOr<Schema>],
        own: Option<ObjectParts<'s>>,
    },
    /// `not`.
    Not,
    /// No usable constraint: any JSON value.
    Any,
}

/// The shape of `schema`.
pub(crate) fn shape_of(schema: &Schema) -> Shape<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => Shape::String {
            format: format_name(&string.format),
            values: string.enumeration.iter().flatten().cloned().collect(),
        },
        SchemaKind::Type(Type::Integer(integer)) => Shape::Integer {
            format: format_name(&integer.format),
            values: integer.enumeration.iter().flatten().copied().collect(),
        },
        SchemaKind::Type(Type::Number(_)) => Shape::Number,
        SchemaKind::Type(Type::Boolean(_)) => Shape::Boolean,
        SchemaKind::Type(Type::Array(array)) => Shape::Array {
            items: array.items.as_ref(),
        },
        SchemaKind::Type(Type::Object(object)) => Shape::Object(ObjectParts {
            properties: &object.properties,
            required: &object.required,
            additional_properties: object.additional_properties.as_ref(),
        }),
        SchemaKind::OneOf { one_of } => Shape::Union {
            members: one_of,
            keyword: "oneOf",
        },
        SchemaKind::AnyOf { any_of } => Shape::Union {
            members: any_of,
            keyword: "anyOf",
        },
        SchemaKind::AllOf { all_of } => Shape::AllOf {
            members: all_of,
            own: None,
        },
        SchemaKind::Not { .. } => Shape::Not,
        SchemaKind::Any(any) => shape_of_any(any),
    }
}

/// The shape of a schema with mixed keywords.
fn shape_of_any(any: &openapiv3::AnySchema) -> Shape<'_> {
    let object = ObjectParts {
        properties: &any.properties,
        required: &any.required,
        additional_properties: any.additional_properties.as_ref(),
    };
    let has_object_keywords = !any.properties.is_empty() || any.additional_properties.is_some();
    if !any.all_of.is_empty() {
        return Shape::AllOf {
            members: &any.all_of,
            own: has_object_keywords.then_some(object),
        };
    }
    if !any.one_of.is_empty() {
        return Shape::Union {
            members: &any.one_of,
            keyword: "oneOf",
        };
    }
    if !any.any_of.is_empty() {
        return Shape::Union {
            members: &any.any_of,
            keyword: "anyOf",
        };
    }
    if any.not.is_some() {
        return Shape::Not;
    }
    match any.typ.as_deref() {
        Some("string") => Shape::String {
            format: any.format.clone(),
            values: any.enumeration.iter().filter_map(enum_string).collect(),
        },
        Some("integer") => Shape::Integer {
            format: any.format.clone(),
            values: any.enumeration.iter().filter_map(enum_integer).collect(),
        },
        Some("number") => Shape::Number,
        Some("boolean") => Shape::Boolean,
        Some("array") => Shape::Array {
            items: any.items.as_ref(),
        },
        Some("object") => Shape::Object(object),
        _ if has_object_keywords => Shape::Object(object),
        _ if any.items.is_some() => Shape::Array {
            items: any.items.as_ref(),
        },
        _ => Shape::Any,
    }
}

/// A string enum value written in the spec; numbers and booleans are
/// spelled as strings, `null` is skipped.
fn enum_string(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        serde_json::Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// An integer enum value written in the spec (also from a numeric string).
fn enum_integer(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(number) => number.as_i64(),
        serde_json::Value::String(text) => text.parse().ok(),
        _ => None,
    }
}

/// The `format` keyword as written, if any.
fn format_name<T: FormatName>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(item.format_name().to_owned()),
        VariantOrUnknownOrEmpty::Unknown(name) => Some(name.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// The spelling of a known `format`.
pub(crate) trait FormatName {
    /// The format as written in a spec.
    fn format_name(&self) -> &'static str;
}

impl FormatName for StringFormat {
    fn format_name(&self) -> &'static str {
        match self {
            StringFormat::Date => "date",
            StringFormat::DateTime => "date-time",
            StringFormat::Password => "password",
            StringFormat::Byte => "byte",
            StringFormat::Binary => "binary",
        }
    }
}

impl FormatName for openapiv3::IntegerFormat {
    fn format_name(&self) -> &'static str {
        match self {
            openapiv3::IntegerFormat::Int32 => "int32",
            openapiv3::IntegerFormat::Int64 => "int64",
        }
    }
}

/// The Rust type of a `type: string` schema without `enum`, by format.
pub(crate) fn string_primitive(format: Option<&str>) -> Primitive {
    match format {
        Some("date") => Primitive::Date,
        Some("date-time" | "sql-date-time") => Primitive::DateTime,
        Some("byte") => Primitive::Base64,
        Some("binary") => Primitive::Binary,
        Some("uuid") => Primitive::Uuid,
        _ => Primitive::String,
    }
}

/// Whether an `allOf` member only annotates the others (a `description`,
/// `title`, `nullable` or `example` without any typing keyword), as in
/// `allOf: [{$ref: Expression}, {description: ...}]`.
pub(crate) fn is_annotation_only(member: &ReferenceOr<Schema>) -> bool {
    matches!(member, ReferenceOr::Item(schema) if matches!(shape_of(schema), Shape::Any))
}

/// The one member of an `allOf` that is not [`is_annotation_only`], with its
/// index, when there is exactly one.
pub(crate) fn single_typed_member(
    members: &[ReferenceOr<Schema>],
) -> Option<(usize, &ReferenceOr<Schema>)> {
    let mut typed = members
        .iter()
        .enumerate()
        .filter(|(_, member)| !is_annotation_only(member));
    match (typed.next(), typed.next()) {
        (Some(single), None) => Some(single),
        _ => None,
    }
}

/// The `description` of a schema, or of the first annotation-only `allOf`
/// member that has one (`allOf: [{$ref: X}, {description: ...}]`).
pub(crate) fn description(schema: &Schema) -> Option<&str> {
    if let Some(description) = schema.schema_data.description.as_deref() {
        return Some(description);
    }
    all_of_members(schema)
        .iter()
        .find_map(|member| match member {
            ReferenceOr::Item(member) if is_annotation_only_schema(member) => {
                member.schema_data.description.as_deref()
            }
            _ => None,
        })
}

/// The `allOf` members of a schema (none when it has no `allOf`).
fn all_of_members(schema: &Schema) -> &[ReferenceOr<Schema>] {
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) => &any.all_of,
        _ => &[],
    }
}

/// [`is_annotation_only`] for an inline schema.
fn is_annotation_only_schema(schema: &Schema) -> bool {
    matches!(shape_of(schema), Shape::Any)
}

/// Whether `schema` admits `null`: `nullable: true`, `null` in its enum, or
/// an annotation-only `allOf` member with `nullable: true`.
pub(crate) fn is_nullable(schema: &Schema) -> bool {
    if schema.schema_data.nullable {
        return true;
    }
    let nullable_annotation = all_of_members(schema).iter().any(|member| {
        matches!(member, ReferenceOr::Item(member)
            if member.schema_data.nullable && is_annotation_only_schema(member))
    });
    if nullable_annotation {
        return true;
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => string.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Integer(integer)) => integer.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Number(number)) => number.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Boolean(boolean)) => boolean.enumeration.iter().any(Option::is_none),
        SchemaKind::Any(any) => any.enumeration.iter().any(serde_json::Value::is_null),
        _ => false,
    }
}
