//! Emission of one model file: a struct, an enum, a union or an alias.
//!
//! Generated models derive `Debug`, `Clone` and `PartialEq` (enums also `Eq`
//! and `Hash`; no `Eq` on structs, which may hold floats), structs also
//! `Default` when no field is required. `Serialize` and `Deserialize` are not
//! derived: serde's derive is most of the compile time of a large generated
//! crate. A struct's impls come from its `object!` table and a string enum's
//! conversions from its `string_enum!` table, one line per field or value
//! (both macros live in `runtime::codec`); unions get impls written out here
//! (internally tagged unions, rare, still derive them). Prelude names
//! (`Option`, `String`, `Result`, ...) are used bare, which lowering keeps
//! safe by never naming a model after one; every other path is absolute, and
//! every generated local starts with `__`.

mod constructor;
mod table;
mod union;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{Context, FileBody};
use crate::docs::doc_attributes;
use crate::ir::{
    AdditionalProperties, EnumModel, EnumValue, Field, Model, ModelKind, Presence, Primitive,
    StructModel, TypeRef, UnionModel, UnionTagging, UnionVariant,
};
use crate::naming::RustName;

/// The contents of `models/<file_stem>.rs` for one model.
pub(crate) fn emit_model(model: &Model, cx: &Context<'_>) -> FileBody {
    let fallback = format!("The schema at `{}`.", model.pointer);
    let docs = doc_attributes(model.docs.as_deref().unwrap_or(&fallback));
    let deprecated = model.deprecated.then(|| quote! { #[deprecated] });
    let attributes = quote! { #docs #deprecated };
    match &model.kind {
        ModelKind::Struct(structure) => emit_struct(&model.name, attributes, structure, cx),
        ModelKind::Enum(enumeration) => emit_enum(&model.name, attributes, enumeration),
        ModelKind::Union(union) => {
            let accessor = emit_id_accessor(&model.name, union, cx);
            let union = emit_union(&model.name, attributes, union, cx);
            FileBody::items(quote! { #union #accessor })
        }
        ModelKind::Alias(ty) => {
            let name = model.name.ident();
            let ty = cx.type_tokens(ty);
            FileBody::items(quote! { #attributes pub type #name = #ty; })
        }
    }
}

/// A struct, with `Serialize` and `Deserialize` from its `object!` table: one line per field, where serde's derive would expand
/// each field into dozens (see `runtime::codec` for the trade-off).
fn emit_struct(
    name: &RustName,
    attributes: TokenStream,
    structure: &StructModel,
    cx: &Context<'_>,
) -> FileBody {
    let name_ident = name.ident();
    let default = structure.derive_default.then(|| quote! { Default, });
    let fields = structure.fields.iter().map(|field| emit_field(field, cx));
    let additional = match &structure.additional_properties {
        AdditionalProperties::Ignored => None,
        AdditionalProperties::Any => Some(quote! {
            /// Keys the spec does not declare, kept as sent.
            pub additional_properties: crate::runtime::types::ExtraFields,
        }),
        AdditionalProperties::Typed(value) => {
            let value = cx.type_tokens(value);
            Some(quote! {
                /// Keys the spec does not declare, with their values.
                pub additional_properties: ::std::collections::BTreeMap<String, #value>,
            })
        }
    };
    let constructor = constructor::emit_constructor_and_setters(name, structure, cx);
    let tokens = quote! {
        #attributes
        #[derive(
            Debug, Clone, PartialEq, #default
        )]
        #[non_exhaustive]
        pub struct #name_ident {
            #(#fields)*
            #additional
        }
        #constructor
    };
    FileBody {
        tokens,
        tables: table::object_table(name, structure),
    }
}

/// One field: docs and the type with its `Option` layers.
fn emit_field(field: &Field, cx: &Context<'_>) -> TokenStream {
    let fallback = format!("The `{}` property.", field.wire_name);
    let docs = doc_attributes(field.docs.as_deref().unwrap_or(&fallback));
    let deprecated = field.deprecated.then(|| quote! { #[deprecated] });
    let inner = cx.type_tokens(&field.ty);
    let ty = match field.presence {
        Presence::Required => inner,
        Presence::RequiredNullable | Presence::Optional | Presence::OptionalNullable => {
            quote! { Option<#inner> }
        }
        Presence::Clearable => quote! { crate::runtime::types::Clearable<#inner> },
    };
    let name = field.name.ident();
    quote! {
        #docs
        #deprecated
        pub #name: #ty,
    }
}

/// A string or integer enum with its catch-all variant.
fn emit_enum(name: &RustName, attributes: TokenStream, enumeration: &EnumModel) -> FileBody {
    let name = name.ident();
    let unknown = enumeration.unknown_variant.ident();
    let is_integer = enumeration
        .variants
        .iter()
        .any(|variant| matches!(variant.value, EnumValue::Integer(_)));
    if is_integer {
        return FileBody::items(emit_integer_enum(&name, attributes, enumeration, &unknown));
    }
    let names: Vec<proc_macro2::Ident> = enumeration
        .variants
        .iter()
        .map(|variant| variant.name.ident())
        .collect();
    let values: Vec<String> = enumeration
        .variants
        .iter()
        .map(|variant| match &variant.value {
            EnumValue::String(value) => value.clone(),
            EnumValue::Integer(value) => value.to_string(),
        })
        .collect();
    let docs = values.iter().map(|value| doc_attributes(&value_doc(value)));
    let tokens = quote! {
        #attributes
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash
        )]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #names, )*
            /// A value the spec does not list, kept as sent. Test a value
            /// with `as_str()`: a value a later spec lists moves to a
            /// variant of its own.
            #unknown(crate::runtime::types::UnknownValue),
        }
    };
    let mut table = format!("crate::runtime::codec::string_enum! {{\n    {name} {{\n");
    for (variant, value) in names.iter().zip(&values) {
        let value = proc_macro2::Literal::string(value);
        table.push_str(&format!("        {variant} = {value},\n"));
    }
    table.push_str(&format!("        ..{unknown}\n    }}\n}}\n"));
    FileBody {
        tokens,
        tables: table,
    }
}

/// An integer enum: serde cannot rename variants to numbers, so the
/// (de)serialization is a `match`.
fn emit_integer_enum(
    name: &proc_macro2::Ident,
    attributes: TokenStream,
    enumeration: &EnumModel,
    unknown: &proc_macro2::Ident,
) -> TokenStream {
    let values: Vec<i64> = enumeration
        .variants
        .iter()
        .map(|variant| match &variant.value {
            EnumValue::Integer(value) => *value,
            EnumValue::String(_) => 0,
        })
        .collect();
    let names: Vec<proc_macro2::Ident> = enumeration
        .variants
        .iter()
        .map(|variant| variant.name.ident())
        .collect();
    let docs = values
        .iter()
        .map(|value| doc_attributes(&value_doc(&value.to_string())));
    quote! {
        #attributes
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq,
            Hash
        )]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #names, )*
            /// A value the spec does not list, kept as sent. Test a value
            /// with `value()`: a value a later spec lists moves to a
            /// variant of its own.
            #unknown(crate::runtime::types::UnknownInteger),
        }

        impl #name {
            /// The value as it is sent.
            pub fn value(&self) -> i64 {
                match self {
                    #( Self::#names => #values, )*
                    Self::#unknown(__value) => __value.get(),
                }
            }
        }

        impl ::std::convert::From<i64> for #name {
            fn from(__value: i64) -> Self {
                match __value {
                    #( #values => Self::#names, )*
                    __value => Self::#unknown(crate::runtime::types::UnknownInteger::new(__value)),
                }
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, __serializer: __S) -> Result<__S::Ok, __S::Error> {
                __serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(__deserializer: __D) -> Result<Self, __D::Error> {
                Ok(Self::from(<i64 as ::serde::Deserialize>::deserialize(__deserializer)?))
            }
        }
    }
}

/// The doc line of an enum value.
fn value_doc(value: &str) -> String {
    if value.contains('`') || value.trim().is_empty() {
        format!("The value {value:?}.")
    } else {
        format!("`{value}`.")
    }
}

/// How one variant of an `x-id-property` union holds its ID.
enum IdAccess {
    /// The variant is the ID (an `i64`, or an `i32` widened).
    Itself { widen: bool },
    /// The variant is an object with the ID in this field.
    Field { field: RustName, optional: bool },
}

/// `id()` for a union with `x-id-property` (an ID sent either as a plain
/// integer or as an object holding it): `i64`, or `Option<i64>` when a
/// variant may lack it. Lowering checked every member; a variant whose type
/// does not fit here leaves the union without the accessor.
fn emit_id_accessor(name: &RustName, union: &UnionModel, cx: &Context<'_>) -> Option<TokenStream> {
    let property = union.id_property.as_deref()?;
    if matches!(union.tagging, UnionTagging::Dispatch { .. }) {
        // A dispatched union has a catch-all variant that holds raw JSON.
        return None;
    }
    let accesses = union
        .variants
        .iter()
        .map(|variant| id_access(variant, property, cx))
        .collect::<Option<Vec<_>>>()?;
    let optional = accesses.iter().any(|(_, access, nullable)| {
        *nullable || matches!(access, IdAccess::Field { optional: true, .. })
    });
    let arms = accesses
        .iter()
        .map(|(variant, access, nullable)| id_arm(variant, access, *nullable, optional));
    let name = name.ident();
    let return_type = if optional {
        quote! { Option<i64> }
    } else {
        quote! { i64 }
    };
    let doc = format!(
        "The ID, whether it was sent as a plain integer or as an object (its `{property}`)."
    );
    let doc = doc_attributes(&doc);
    Some(quote! {
        impl #name {
            #doc
            pub fn id(&self) -> #return_type {
                match self { #(#arms)* }
            }
        }
    })
}

/// Where one variant of an ID union keeps the ID, and whether the variant
/// is nullable; `None` when its type has no ID `id()` could return.
fn id_access(
    variant: &UnionVariant,
    property: &str,
    cx: &Context<'_>,
) -> Option<(Ident, IdAccess, bool)> {
    let (ty, nullable) = match &variant.ty {
        TypeRef::Option(inner) => (inner.as_ref(), true),
        other => (other, false),
    };
    let access = match ty {
        TypeRef::Primitive(Primitive::I64) => IdAccess::Itself { widen: false },
        TypeRef::Primitive(Primitive::I32) => IdAccess::Itself { widen: true },
        TypeRef::Named(model_name) => {
            let ModelKind::Struct(structure) = &cx.model(model_name)?.kind else {
                return None;
            };
            let field = structure
                .fields
                .iter()
                .find(|field| field.wire_name == property)?;
            if field.ty != TypeRef::Primitive(Primitive::I64) {
                return None;
            }
            IdAccess::Field {
                field: field.name.clone(),
                optional: field.presence != Presence::Required,
            }
        }
        _ => return None,
    };
    Some((variant.name.ident(), access, nullable))
}

/// The match arm of `id()` for one variant; `optional` says whether `id()`
/// returns an `Option`.
fn id_arm(variant: &Ident, access: &IdAccess, nullable: bool, optional: bool) -> TokenStream {
    let value = match access {
        IdAccess::Itself { widen: false } => quote! { *__id },
        IdAccess::Itself { widen: true } => quote! { From::from(*__id) },
        IdAccess::Field {
            field,
            optional: false,
        } => {
            let field = field.ident();
            quote! { __id.#field }
        }
        IdAccess::Field {
            field,
            optional: true,
        } => {
            let field = field.ident();
            return if nullable {
                quote! { Self::#variant(__id) => __id.as_ref().and_then(|__id| __id.#field), }
            } else {
                quote! { Self::#variant(__id) => __id.#field, }
            };
        }
    };
    match (optional, nullable) {
        (true, true) => quote! { Self::#variant(__id) => __id.as_ref().map(|__id| #value), },
        (true, false) => quote! { Self::#variant(__id) => Some(#value), },
        (false, _) => quote! { Self::#variant(__id) => #value, },
    }
}

/// A union: an enum with one variant per member, written as the member's
/// own value, and read according to its [`UnionTagging`].
fn emit_union(
    name: &RustName,
    attributes: TokenStream,
    union: &UnionModel,
    cx: &Context<'_>,
) -> TokenStream {
    let variants: Vec<TokenStream> = union
        .variants
        .iter()
        .map(|variant| emit_union_variant(variant, &union.tagging, cx))
        .collect();
    match &union.tagging {
        UnionTagging::Untagged => {
            let serialize = emit_variant_serialize(name, union, None);
            // Members that can be told apart by their keys or tags are
            // ranked (`union::emit_ranked_deserialize`); otherwise each
            // variant in order, as serde's `untagged` does, from one buffered
            // value. Either way the error says why each variant failed.
            let deserialize = union::emit_ranked_deserialize(name, union, cx)
                .unwrap_or_else(|| emit_sequential_deserialize(name, union));
            let name = name.ident();
            quote! {
                #attributes
                #[derive(Debug, Clone, PartialEq)]
                #[non_exhaustive]
                pub enum #name { #(#variants)* }
                #serialize
                #deserialize
            }
        }
        UnionTagging::Internal { property } => {
            let name = name.ident();
            quote! {
                #attributes
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(tag = #property)]
                #[non_exhaustive]
                pub enum #name { #(#variants)* }
            }
        }
        UnionTagging::Dispatch {
            property,
            unknown_variant,
        } => emit_dispatch_union(
            name,
            attributes,
            union,
            &variants,
            property,
            unknown_variant,
        ),
    }
}

/// One variant of a union's enum, with its documentation and, for an
/// internally tagged union, the tag values serde maps to it.
fn emit_union_variant(
    variant: &UnionVariant,
    tagging: &UnionTagging,
    cx: &Context<'_>,
) -> TokenStream {
    let variant_name = variant.name.ident();
    let ty = cx.type_tokens(&variant.ty);
    let docs = doc_attributes(&format!("The `{}` case.", variant.name));
    let tag = match (tagging, variant.tag_values.split_first()) {
        (UnionTagging::Internal { .. }, Some((first, rest))) => Some(quote! {
            #[serde(rename = #first #(, alias = #rest)*)]
        }),
        _ => None,
    };
    quote! { #docs #tag #variant_name(#ty), }
}

/// `Serialize` for a union whose variants each write their own value (a
/// catch-all too): the wire form of an untagged union and of a dispatched one.
fn emit_variant_serialize(
    name: &RustName,
    union: &UnionModel,
    catch_all: Option<&Ident>,
) -> TokenStream {
    let name = name.ident();
    let names = union.variants.iter().map(|variant| variant.name.ident());
    let catch_all = catch_all.map(|catch_all| {
        quote! { Self::#catch_all(__value) => ::serde::Serialize::serialize(__value, __serializer), }
    });
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, __serializer: __S) -> Result<__S::Ok, __S::Error> {
                match self {
                    #( Self::#names(__variant) => ::serde::Serialize::serialize(__variant, __serializer), )*
                    #catch_all
                }
            }
        }
    }
}

/// A union whose discriminator is a property of every member: read by
/// looking at the property and decoding the member it names; a value it
/// does not list lands in a catch-all variant, kept as sent.
fn emit_dispatch_union(
    name: &RustName,
    attributes: TokenStream,
    union: &UnionModel,
    variants: &[TokenStream],
    property: &str,
    unknown_variant: &RustName,
) -> TokenStream {
    let name_ident = name.ident();
    let unknown = unknown_variant.ident();
    let serialize = emit_variant_serialize(name, union, Some(&unknown));
    let arms = union.variants.iter().map(|variant| {
        let variant_name = variant.name.ident();
        let values = &variant.tag_values;
        quote! {
            Some(#(#values)|*) => ::serde_json::from_value(__value).map(Self::#variant_name),
        }
    });
    let message = format!("`{property}` is missing or is not a string in `{name}`");
    let unknown_docs = doc_attributes(&format!(
        "A `{property}` value the spec does not list, kept as sent so that a new kind of item from the server does not break decoding."
    ));
    quote! {
        #attributes
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name_ident {
            #(#variants)*
            #unknown_docs
            #unknown(::serde_json::Value),
        }

        #serialize

        impl<'de> ::serde::Deserialize<'de> for #name_ident {
            fn deserialize<__D: ::serde::Deserializer<'de>>(__deserializer: __D) -> Result<Self, __D::Error> {
                let __value = <::serde_json::Value as ::serde::Deserialize>::deserialize(__deserializer)?;
                let __result = match __value.get(#property).and_then(::serde_json::Value::as_str) {
                    #(#arms)*
                    Some(_) => return Ok(Self::#unknown(__value)),
                    None => return Err(<__D::Error as ::serde::de::Error>::custom(#message)),
                };
                __result.map_err(<__D::Error as ::serde::de::Error>::custom)
            }
        }
    }
}

/// The `Deserialize` impl of an untagged union whose variants are tried in
/// order (most specific first), as serde's `untagged` does, from one
/// buffered value; the error says why each variant failed.
fn emit_sequential_deserialize(name: &RustName, union: &UnionModel) -> TokenStream {
    let name_ident = name.ident();
    let label = name.as_str();
    let attempts = union.variants.iter().map(|variant| {
        let variant_name = variant.name.ident();
        let label = variant.name.as_str();
        quote! {
            if let Some(__variant) = __attempts.attempt(#label, &__value) {
                return Ok(Self::#variant_name(__variant));
            }
        }
    });
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name_ident {
            fn deserialize<__D: ::serde::Deserializer<'de>>(__deserializer: __D) -> Result<Self, __D::Error> {
                let __value = <::serde_json::Value as ::serde::Deserialize>::deserialize(__deserializer)?;
                let mut __attempts = crate::runtime::codec::Attempts::new();
                #(#attempts)*
                Err(__attempts.fail(#label))
            }
        }
    }
}
