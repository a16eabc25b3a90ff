//! Emission of one model file: a struct, an enum, a union or an alias.
//!
//! Generated models derive `Debug`, `Clone` and `PartialEq` (enums also `Eq`
//! and `Hash`; no `Eq` on structs, which may hold floats), structs also
//! `Default` when no field is required. `Serialize` and `Deserialize` are
//! written out rather than derived: serde's derive is most of the compile
//! time of a large generated crate, and the impls here are a line per field
//! over `crate::runtime::codec` (internally tagged unions, rare, still derive
//! them). Every path is absolute and every generated local starts with `__`.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::type_tokens;
use super::{ModelIndex, ident};
use crate::docs::doc_attributes;
use crate::ir::{
    AdditionalProperties, EnumModel, EnumValue, Field, Model, ModelKind, Presence, Primitive,
    StructModel, TypeRef, UnionModel, UnionTagging,
};

/// The tokens of `models/<file_stem>.rs` for one model.
pub(crate) fn emit_model(model: &Model, models: &ModelIndex<'_>) -> TokenStream {
    let fallback = format!("The schema at `{}`.", model.pointer);
    let docs = doc_attributes(model.docs.as_deref().unwrap_or(&fallback));
    let deprecated = model.deprecated.then(|| quote! { #[deprecated] });
    let attributes = quote! { #docs #deprecated };
    match &model.kind {
        ModelKind::Struct(structure) => {
            emit_struct(&model.name, attributes, structure, model.deserializable)
        }
        ModelKind::Enum(enumeration) => emit_enum(&model.name, attributes, enumeration),
        ModelKind::Union(union) => {
            let accessor = emit_id_accessor(&model.name, union, models);
            let union = emit_union(&model.name, attributes, union, model.deserializable);
            quote! { #union #accessor }
        }
        ModelKind::Alias(ty) => {
            let name = ident(&model.name);
            let ty = type_tokens(ty);
            quote! { #attributes pub type #name = #ty; }
        }
    }
}

/// A struct, with `Serialize` and (when it is read) `Deserialize` impls that
/// the generator writes itself: one line per field calling
/// `crate::runtime::codec`, where serde's derive would expand each field into
/// dozens (see that module for the trade-off).
fn emit_struct(
    name: &str,
    attributes: TokenStream,
    structure: &StructModel,
    deserializable: bool,
) -> TokenStream {
    let name_ident = ident(name);
    let default = structure
        .derive_default
        .then(|| quote! { ::std::default::Default, });
    let fields = structure.fields.iter().map(emit_field);
    let additional = match &structure.additional_properties {
        AdditionalProperties::Ignored => None,
        AdditionalProperties::Any => Some(quote! {
            /// Keys the spec does not declare, kept as sent.
            pub additional_properties: crate::runtime::types::ExtraFields,
        }),
        AdditionalProperties::Typed(value) => {
            let value = type_tokens(value);
            Some(quote! {
                /// Keys the spec does not declare, with their values.
                pub additional_properties: ::std::collections::BTreeMap<::std::string::String, #value>,
            })
        }
    };
    let constructor = (!structure.derive_default).then(|| emit_constructor(&name_ident, structure));
    let serialize = emit_struct_serialize(&name_ident, structure);
    let deserialize = deserializable.then(|| emit_struct_deserialize(name, structure));
    quote! {
        #attributes
        #[derive(
            ::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, #default
        )]
        pub struct #name_ident {
            #(#fields)*
            #additional
        }
        #constructor
        #serialize
        #deserialize
    }
}

/// `Serialize` for a struct: a map with one entry per field that is set,
/// then the kept undeclared keys.
fn emit_struct_serialize(name: &proc_macro2::Ident, structure: &StructModel) -> TokenStream {
    let entries = structure.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        let wire_name = &field.wire_name;
        match field.presence {
            Presence::Required | Presence::RequiredNullable => quote! {
                __object.field(#wire_name, &self.#field_name);
            },
            Presence::Optional | Presence::OptionalNullable | Presence::DoubleOption => quote! {
                __object.optional(#wire_name, &self.#field_name);
            },
        }
    });
    let additional = (structure.additional_properties != AdditionalProperties::Ignored)
        .then(|| quote! { __object.flatten(&self.additional_properties); });
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, __serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                let mut __object = crate::runtime::codec::ObjectWriter::new(__serializer)?;
                #(#entries)*
                #additional
                __object.end()
            }
        }
    }
}

/// `Deserialize` for a struct: a map visitor with a local per field, a
/// `match` on the key, and the struct built from the locals at the end.
fn emit_struct_deserialize(name: &str, structure: &StructModel) -> TokenStream {
    let name_ident = ident(name);
    let local = |field: &Field| {
        proc_macro2::Ident::new(
            &format!("__field_{}", field.name.trim_start_matches("r#")),
            proc_macro2::Span::call_site(),
        )
    };
    let locals = structure.fields.iter().map(|field| {
        let local = local(field);
        quote! { let mut #local = ::std::option::Option::None; }
    });
    let arms = structure.fields.iter().map(|field| {
        let local = local(field);
        let wire_name = &field.wire_name;
        let read = match field.presence {
            Presence::Required | Presence::DoubleOption => quote! { present },
            _ => match field
                .empty_string_as_none
                .then(|| lenient_reader(&field.ty))
                .flatten()
            {
                Some(reader) => reader,
                None => quote! { optional },
            },
        };
        quote! { #wire_name => #local = __reader.#read(), }
    });
    let initialisers = structure.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        let local = local(field);
        match field.presence {
            Presence::Required => {
                let wire_name = &field.wire_name;
                quote! { #field_name: crate::runtime::codec::required(#local, #wire_name)?, }
            }
            _ => quote! { #field_name: #local, },
        }
    });
    let (extra_local, extra_arm, extra_field) = match &structure.additional_properties {
        AdditionalProperties::Ignored => (None, quote! { __reader.skip() }, None),
        AdditionalProperties::Any => (
            Some(quote! { let mut __extra = crate::runtime::types::ExtraFields::new(); }),
            quote! { __reader.extra(&mut __extra, __key) },
            Some(quote! { additional_properties: __extra, }),
        ),
        AdditionalProperties::Typed(_) => (
            Some(quote! { let mut __extra = ::std::collections::BTreeMap::new(); }),
            quote! { __reader.extra_typed(&mut __extra, __key) },
            Some(quote! { additional_properties: __extra, }),
        ),
    };
    // No declared fields: every key is undeclared (a `match` with only `_`
    // would be clippy's `match_single_binding`).
    let dispatch = if structure.fields.is_empty() {
        quote! { #extra_arm; }
    } else {
        quote! {
            match __key.as_str() {
                #(#arms)*
                _ => #extra_arm,
            }
        }
    };
    let expecting = format!("a `{name}` object");
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name_ident {
            fn deserialize<__D: ::serde::Deserializer<'de>>(__deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                struct __Visitor;
                        impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = #name_ident;
                    fn expecting(&self, __formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        __formatter.write_str(#expecting)
                    }
                    // A local per field: `__field_` and the field's name, which
                    // may start with `_`.
                    #[allow(non_snake_case)]
                    fn visit_map<__A: ::serde::de::MapAccess<'de>>(self, __map: __A) -> ::std::result::Result<#name_ident, __A::Error> {
                        let mut __reader = crate::runtime::codec::ObjectReader::new(__map);
                        #(#locals)*
                        #extra_local
                        while let ::std::option::Option::Some(__key) = __reader.next_key()? {
                            #dispatch
                        }
                        ::std::result::Result::Ok(#name_ident {
                            #(#initialisers)*
                            #extra_field
                        })
                    }
                }
                ::serde::Deserializer::deserialize_map(__deserializer, __Visitor)
            }
        }
    }
}

/// `new` for a struct that cannot derive `Default`: the required fields are
/// its arguments and every other field starts empty, so that a request body
/// is `Name { optional: Some(x), ..Name::new(required) }`.
fn emit_constructor(name: &proc_macro2::Ident, structure: &StructModel) -> TokenStream {
    let required: Vec<&Field> = structure
        .fields
        .iter()
        .filter(|field| field.presence == Presence::Required)
        .collect();
    let arguments = required.iter().map(|field| {
        let name = ident(&field.name);
        let ty = type_tokens(&field.ty);
        quote! { #name: #ty }
    });
    let initialisers = structure.fields.iter().map(|field| {
        let name = ident(&field.name);
        if field.presence == Presence::Required {
            quote! { #name }
        } else {
            quote! { #name: ::std::default::Default::default() }
        }
    });
    let additional = (structure.additional_properties != AdditionalProperties::Ignored)
        .then(|| quote! { additional_properties: ::std::default::Default::default(), });
    quote! {
        impl #name {
            /// A value with the required fields set and every other field empty.
            pub fn new(#(#arguments),*) -> Self {
                Self { #(#initialisers,)* #additional }
            }
        }
    }
}

/// One field: docs and the type with its `Option` layers.
fn emit_field(field: &Field) -> TokenStream {
    let fallback = format!("The `{}` property.", field.wire_name);
    let docs = doc_attributes(field.docs.as_deref().unwrap_or(&fallback));
    let deprecated = field.deprecated.then(|| quote! { #[deprecated] });
    let inner = type_tokens(&field.ty);
    let ty = match field.presence {
        Presence::Required => inner,
        Presence::RequiredNullable | Presence::Optional | Presence::OptionalNullable => {
            quote! { ::std::option::Option<#inner> }
        }
        Presence::DoubleOption => quote! { ::std::option::Option<::std::option::Option<#inner>> },
    };
    let name = ident(&field.name);
    quote! {
        #docs
        #deprecated
        pub #name: #ty,
    }
}

/// The lenient `ObjectReader` method for an optional field of type `ty`, if
/// any: `""` reads as `None` for dates, and numbers may arrive as strings.
fn lenient_reader(ty: &TypeRef) -> Option<TokenStream> {
    match ty {
        TypeRef::Primitive(Primitive::Date | Primitive::DateTime) => {
            Some(quote! { empty_string_as_none })
        }
        TypeRef::Primitive(Primitive::I32 | Primitive::I64 | Primitive::F32 | Primitive::F64) => {
            Some(quote! { option_number_or_string })
        }
        _ => None,
    }
}

/// A string or integer enum with its catch-all variant.
fn emit_enum(name: &str, attributes: TokenStream, enumeration: &EnumModel) -> TokenStream {
    let name = ident(name);
    let unknown = ident(&enumeration.unknown_variant);
    let is_integer = enumeration
        .variants
        .iter()
        .any(|variant| matches!(variant.value, EnumValue::Integer(_)));
    if is_integer {
        return emit_integer_enum(&name, attributes, enumeration, &unknown);
    }
    let names: Vec<proc_macro2::Ident> = enumeration
        .variants
        .iter()
        .map(|variant| ident(&variant.name))
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
    quote! {
        #attributes
        #[derive(
            ::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash
        )]
        pub enum #name {
            #( #docs #names, )*
            /// A value the spec does not list, kept as sent.
            #unknown(::std::string::String),
        }

        impl #name {
            /// The value as it is sent.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#names => #values, )*
                    Self::#unknown(__value) => __value,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(__value: &str) -> Self {
                match __value {
                    #( #values => Self::#names, )*
                    _ => Self::#unknown(::std::borrow::ToOwned::to_owned(__value)),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, __formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                __formatter.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, __serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                __serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(__deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                crate::runtime::codec::string_enum(__deserializer)
            }
        }
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
        .map(|variant| ident(&variant.name))
        .collect();
    let docs = values
        .iter()
        .map(|value| doc_attributes(&value_doc(&value.to_string())));
    quote! {
        #attributes
        #[derive(
            ::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq,
            ::std::hash::Hash
        )]
        pub enum #name {
            #( #docs #names, )*
            /// A value the spec does not list, kept as sent.
            #unknown(i64),
        }

        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, __serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                __serializer.serialize_i64(match self {
                    #( Self::#names => #values, )*
                    Self::#unknown(__value) => *__value,
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(__deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                ::std::result::Result::Ok(match <i64 as ::serde::Deserialize>::deserialize(__deserializer)? {
                    #( #values => Self::#names, )*
                    __value => Self::#unknown(__value),
                })
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

/// A `oneOf`/`anyOf` enum.
/// The name of a discriminated union's catch-all variant: `Unknown`, or
/// `Unknown2`, ... when a spec variant already has the name.
fn unknown_variant_name(union: &UnionModel) -> String {
    let taken = |candidate: &str| {
        union
            .variants
            .iter()
            .any(|variant| variant.name == candidate)
    };
    let mut candidate = "Unknown".to_owned();
    let mut suffix = 2;
    while taken(&candidate) {
        candidate = format!("Unknown{suffix}");
        suffix += 1;
    }
    candidate
}

/// How one variant of an `x-id-property` union holds its ID.
enum IdAccess {
    /// The variant is the ID (an `i64`, or an `i32` widened).
    Itself { widen: bool },
    /// The variant is an object with the ID in this field.
    Field { field: String, optional: bool },
}

/// `id()` for a union with `x-id-property` (an ID sent either as a plain
/// integer or as an object holding it): `i64`, or `Option<i64>` when a
/// variant may lack it. Lowering checked every member; a variant whose type
/// does not fit here leaves the union without the accessor.
fn emit_id_accessor(
    name: &str,
    union: &UnionModel,
    models: &ModelIndex<'_>,
) -> Option<TokenStream> {
    let property = union.id_property.as_deref()?;
    if matches!(union.tagging, UnionTagging::Dispatch { .. }) {
        // A dispatched union has a catch-all variant that holds raw JSON.
        return None;
    }
    let mut accesses = Vec::new();
    for variant in &union.variants {
        let (ty, nullable) = match &variant.ty {
            TypeRef::Option(inner) => (inner.as_ref(), true),
            other => (other, false),
        };
        let access = match ty {
            TypeRef::Primitive(Primitive::I64) => IdAccess::Itself { widen: false },
            TypeRef::Primitive(Primitive::I32) => IdAccess::Itself { widen: true },
            TypeRef::Named(model_name) => {
                let ModelKind::Struct(structure) = &models.get(model_name)?.kind else {
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
        accesses.push((ident(&variant.name), access, nullable));
    }
    let optional = accesses.iter().any(|(_, access, nullable)| {
        *nullable || matches!(access, IdAccess::Field { optional: true, .. })
    });
    let arms = accesses.iter().map(|(variant, access, nullable)| {
        let value = match access {
            IdAccess::Itself { widen: false } => quote! { *__id },
            IdAccess::Itself { widen: true } => quote! { ::std::convert::From::from(*__id) },
            IdAccess::Field {
                field,
                optional: false,
            } => {
                let field = ident(field);
                quote! { __id.#field }
            }
            IdAccess::Field {
                field,
                optional: true,
            } => {
                let field = ident(field);
                return if *nullable {
                    quote! { Self::#variant(__id) => __id.as_ref().and_then(|__id| __id.#field), }
                } else {
                    quote! { Self::#variant(__id) => __id.#field, }
                };
            }
        };
        match (optional, nullable) {
            (true, true) => quote! { Self::#variant(__id) => __id.as_ref().map(|__id| #value), },
            (true, false) => {
                quote! { Self::#variant(__id) => ::std::option::Option::Some(#value), }
            }
            (false, _) => quote! { Self::#variant(__id) => #value, },
        }
    });
    let name = ident(name);
    let return_type = if optional {
        quote! { ::std::option::Option<i64> }
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

fn emit_union(
    name: &str,
    attributes: TokenStream,
    union: &UnionModel,
    deserializable: bool,
) -> TokenStream {
    let name_ident = ident(name);
    let variants = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let ty = type_tokens(&variant.ty);
        let docs = doc_attributes(&format!("The `{}` case.", variant.name));
        let tag = match (&union.tagging, variant.tag_values.split_first()) {
            (UnionTagging::Internal { .. }, Some((first, rest))) => Some(quote! {
                #[serde(rename = #first #(, alias = #rest)*)]
            }),
            _ => None,
        };
        quote! { #docs #tag #variant_name(#ty), }
    });
    let derives = quote! { ::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq };
    let names: Vec<proc_macro2::Ident> = union
        .variants
        .iter()
        .map(|variant| ident(&variant.name))
        .collect();
    // Each variant writes itself (a catch-all too): the wire form of an
    // untagged union, and of a dispatched one.
    let variant_serialize = |catch_all: Option<&proc_macro2::Ident>| {
        let catch_all = catch_all.map(|catch_all| {
            quote! { Self::#catch_all(__value) => ::serde::Serialize::serialize(__value, __serializer), }
        });
        quote! {
            impl ::serde::Serialize for #name_ident {
                fn serialize<__S: ::serde::Serializer>(&self, __serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                    match self {
                        #( Self::#names(__variant) => ::serde::Serialize::serialize(__variant, __serializer), )*
                        #catch_all
                    }
                }
            }
        }
    };
    match &union.tagging {
        UnionTagging::Untagged => {
            let serialize = variant_serialize(None);
            // Each variant in order, as serde's `untagged` does, from one
            // buffered value; the error says why each variant failed.
            let deserialize = deserializable.then(|| {
                let attempts = union.variants.iter().map(|variant| {
                    let variant_name = ident(&variant.name);
                    let label = &variant.name;
                    quote! {
                        if let ::std::option::Option::Some(__variant) = __attempts.attempt(#label, &__value) {
                            return ::std::result::Result::Ok(Self::#variant_name(__variant));
                        }
                    }
                });
                quote! {
                    impl<'de> ::serde::Deserialize<'de> for #name_ident {
                        fn deserialize<__D: ::serde::Deserializer<'de>>(__deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                            let __value = <::serde_json::Value as ::serde::Deserialize>::deserialize(__deserializer)?;
                            let mut __attempts = crate::runtime::codec::Attempts::new();
                            #(#attempts)*
                            ::std::result::Result::Err(__attempts.fail(#name))
                        }
                    }
                }
            });
            quote! {
                #attributes
                #[derive(#derives)]
                pub enum #name_ident { #(#variants)* }
                #serialize
                #deserialize
            }
        }
        UnionTagging::Internal { property } => {
            let deserialize = deserializable.then(|| quote! { , ::serde::Deserialize });
            quote! {
                #attributes
                #[derive(#derives, ::serde::Serialize #deserialize)]
                #[serde(tag = #property)]
                pub enum #name_ident { #(#variants)* }
            }
        }
        UnionTagging::Dispatch { property } => {
            if !deserializable {
                let serialize = variant_serialize(None);
                // Without a reader there is no catch-all to write either.
                return quote! {
                    #attributes
                    #[derive(#derives)]
                    pub enum #name_ident { #(#variants)* }
                    #serialize
                };
            }
            let unknown = ident(&unknown_variant_name(union));
            let dispatch_serialize = variant_serialize(Some(&unknown));
            let arms = union.variants.iter().map(|variant| {
                let variant_name = ident(&variant.name);
                let values = &variant.tag_values;
                quote! {
                    ::std::option::Option::Some(#(#values)|*) => ::serde_json::from_value(__value).map(Self::#variant_name),
                }
            });
            let message = format!("`{property}` is missing or is not a string in `{name}`");
            let unknown_docs = doc_attributes(&format!(
                "A `{property}` value the spec does not list, kept as sent so that a new kind of item from the server does not break decoding."
            ));
            quote! {
                #attributes
                #[derive(#derives)]
                pub enum #name_ident {
                    #(#variants)*
                    #unknown_docs
                    #unknown(::serde_json::Value),
                }

                #dispatch_serialize

                impl<'de> ::serde::Deserialize<'de> for #name_ident {
                    fn deserialize<__D: ::serde::Deserializer<'de>>(__deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                        let __value = <::serde_json::Value as ::serde::Deserialize>::deserialize(__deserializer)?;
                        let __result = match __value.get(#property).and_then(::serde_json::Value::as_str) {
                            #(#arms)*
                            ::std::option::Option::Some(_) => return ::std::result::Result::Ok(Self::#unknown(__value)),
                            ::std::option::Option::None => return ::std::result::Result::Err(<__D::Error as ::serde::de::Error>::custom(#message)),
                        };
                        __result.map_err(<__D::Error as ::serde::de::Error>::custom)
                    }
                }
            }
        }
    }
}
