//! How users build a struct: `new` with the required fields, and a chainable
//! setter per field.
//!
//! Every generated struct is `#[non_exhaustive]`, so that a new optional
//! property is a minor change of the crate: code outside the crate cannot
//! write a struct literal, so it builds values through these methods, and
//! none of them depends on the order of the spec's properties.
//!
//! - **`new`.** No required field: `new()` (the struct also derives
//!   `Default`). One: `new(value)`, positional, since one argument has no
//!   order. Several: `new(<Name>Required { a, b, c })`, a plain struct of the
//!   required fields written with their names, so that no call site depends
//!   on the order of the arguments or can swap two of the same type
//!   (`item_price` and `quantity`, both `f64`). A new required field changes
//!   `new` in every form, which is right: the old call no longer builds a
//!   valid value.
//! - **Setters.** `set_<field>(value)` for every field (the required ones
//!   too, and `set_additional_properties` for the undeclared keys), taking `impl Into<String>` for strings and `impl Into<Box<T>>` for
//!   boxed fields; an optional field becomes `Some(value)`, a `Clearable` one
//!   `Clearable::Value(value)`, and a `Clearable` field also gets
//!   `clear_<field>()`, which sets `Clearable::Null` (sent as `null`). The
//!   prefix keeps a setter from shadowing a trait method the struct has
//!   (a property called `clone`, `eq` or `into`) and from taking `new`.
//!   Lowering names the methods (`Field::setter`, `Field::clearer`,
//!   `StructModel::additional_properties_setter`) in one scope per struct,
//!   `new` first, so two generated methods never share a name.
//! - **The name of the required-fields struct** is `<Name>Required`, or
//!   `<Name>Required2`, ... when a model already has that name: lowering
//!   claims it among the models' names (`StructModel::required_struct`).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::super::Context;
use super::super::operation::{argument_type, takes_into};
use crate::docs::doc_attributes;
use crate::ir::{AdditionalProperties, Field, Presence, StructModel, TypeRef};
use crate::naming::RustName;

/// `impl Name { new, setters }`, and the required-fields struct when `new`
/// takes one.
pub(super) fn emit_constructor_and_setters(
    name: &RustName,
    structure: &StructModel,
    cx: &Context<'_>,
) -> TokenStream {
    let name_ident = name.ident();
    let (constructor, required_struct) = emit_constructor(name, structure, cx);
    let mut setters = structure
        .fields
        .iter()
        .map(|field| emit_setters(field, cx))
        .collect::<Vec<_>>();
    setters.extend(emit_additional_properties_setter(structure, cx));
    quote! {
        impl #name_ident {
            #constructor
            #(#setters)*
        }
        #required_struct
    }
}

/// `new`: without arguments when no field is required, taking the one
/// required field, or taking the required fields by name in a
/// `<Name>Required` struct (returned second) when there are several.
fn emit_constructor(
    name: &RustName,
    structure: &StructModel,
    cx: &Context<'_>,
) -> (TokenStream, Option<TokenStream>) {
    let required: Vec<&Field> = structure
        .fields
        .iter()
        .filter(|field| field.presence == Presence::Required)
        .collect();
    let build = emit_build(structure);
    match (structure.required_struct.as_ref(), required.as_slice()) {
        (Some(required_name), several) => {
            let required_name = required_name.ident();
            let names: Vec<Ident> = several.iter().map(|field| field.name.ident()).collect();
            let doc = doc_attributes(&format!(
                "A value with the required fields set, by name, from a [`{required_name}`], \
                 and every other field empty."
            ));
            let constructor = quote! {
                #doc
                pub fn new(required: #required_name) -> Self {
                    let #required_name { #(#names),* } = required;
                    #build
                }
            };
            (
                constructor,
                Some(emit_required_struct(name, &required_name, several, cx)),
            )
        }
        (None, [field]) => {
            let field_name = field.name.ident();
            let (argument, conversion) = setter_argument(&field.ty, &field_name, cx);
            let convert =
                argument_converts(&field.ty).then(|| quote! { let #field_name = #conversion; });
            let doc = doc_attributes(&format!(
                "A value with the required `{}` set and every other field empty.",
                field.wire_name
            ));
            let constructor = quote! {
                #doc
                pub fn new(#field_name: #argument) -> Self {
                    #convert
                    #build
                }
            };
            (constructor, None)
        }
        // No required field: lowering names a required-fields struct
        // whenever there are several.
        (None, _) => (
            quote! {
                /// A value with every field empty (the same as `Default::default()`).
                pub fn new() -> Self {
                    #build
                }
            },
            None,
        ),
    }
}

/// `Self { .. }` with the required fields from variables of their names and
/// every other field empty (absent, `None`, no extra keys).
fn emit_build(structure: &StructModel) -> TokenStream {
    let initialisers = structure.fields.iter().map(|field| {
        let field_name = field.name.ident();
        match field.presence {
            Presence::Required => quote! { #field_name },
            Presence::Clearable => quote! { #field_name: crate::runtime::types::Clearable::Absent },
            Presence::RequiredNullable | Presence::Optional | Presence::OptionalNullable => {
                quote! { #field_name: None }
            }
        }
    });
    let additional = (structure.additional_properties != AdditionalProperties::Ignored)
        .then(|| quote! { additional_properties: Default::default(), });
    quote! { Self { #(#initialisers,)* #additional } }
}

/// The struct of the required fields that `new` takes when there are
/// several: built with a struct literal, so every field is named.
fn emit_required_struct(
    name: &RustName,
    required_name: &Ident,
    fields: &[&Field],
    cx: &Context<'_>,
) -> TokenStream {
    let doc = doc_attributes(&format!(
        "The required fields of [`{name}`], for [`{name}::new`]: a struct literal names each \
         one, so the order of the spec's properties does not matter."
    ));
    let fields = fields.iter().map(|field| {
        let fallback = format!("The `{}` property.", field.wire_name);
        let docs = doc_attributes(field.docs.as_deref().unwrap_or(&fallback));
        let field_name = field.name.ident();
        let ty = cx.type_tokens(&field.ty);
        quote! { #docs pub #field_name: #ty, }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub struct #required_name {
            #(#fields)*
        }
    }
}

/// The setter of one field, and `clear_<field>` for a `Clearable` one.
fn emit_setters(field: &Field, cx: &Context<'_>) -> TokenStream {
    let field_name = field.name.ident();
    let setter = field.setter.ident();
    let (argument, conversion) = setter_argument(&field.ty, &format_ident!("value"), cx);
    let deprecated = field.deprecated.then(|| quote! { #[deprecated] });
    let wire_name = super::super::operation::escape_code_span(&field.wire_name);
    let (doc, value) = match field.presence {
        Presence::Required => (format!("Sets `{wire_name}`."), conversion),
        Presence::RequiredNullable | Presence::Optional | Presence::OptionalNullable => (
            format!("Sets `{wire_name}` to a value."),
            quote! { Some(#conversion) },
        ),
        Presence::Clearable => (
            format!("Sets `{wire_name}` to a value (sent as it is)."),
            quote! { crate::runtime::types::Clearable::Value(#conversion) },
        ),
    };
    let doc = doc_attributes(&doc);
    let clear = (field.presence == Presence::Clearable).then(|| {
        let clear = field.clearer.ident();
        let doc = doc_attributes(&format!(
            "Sets `{wire_name}` to `null`, which asks the API to clear it."
        ));
        quote! {
            #doc
            #deprecated
            pub fn #clear(mut self) -> Self {
                self.#field_name = crate::runtime::types::Clearable::Null;
                self
            }
        }
    });
    quote! {
        #doc
        #deprecated
        pub fn #setter(mut self, value: #argument) -> Self {
            self.#field_name = #value;
            self
        }
        #clear
    }
}

/// The type a constructor or setter takes for a value of `ty`, and the
/// expression that turns the argument `name` into the field's type: strings
/// and bytes as the builders take them (`impl Into<String>`), a boxed value
/// as `impl Into<Box<T>>` (a `T` converts), anything else as itself.
fn setter_argument(ty: &TypeRef, name: &Ident, cx: &Context<'_>) -> (TokenStream, TokenStream) {
    if let TypeRef::Box(_) = ty {
        let ty = cx.type_tokens(ty);
        return (quote! { impl Into<#ty> }, quote! { #name.into() });
    }
    let conversion = if argument_converts(ty) {
        quote! { #name.into() }
    } else {
        quote! { #name }
    };
    (argument_type(ty, cx), conversion)
}

/// `set_additional_properties` for a struct that keeps undeclared keys.
fn emit_additional_properties_setter(
    structure: &StructModel,
    cx: &Context<'_>,
) -> Option<TokenStream> {
    let setter = structure.additional_properties_setter.as_ref()?.ident();
    let ty = match &structure.additional_properties {
        AdditionalProperties::Ignored => return None,
        AdditionalProperties::Any => quote! { crate::runtime::types::ExtraFields },
        AdditionalProperties::Typed(value) => {
            let value = cx.type_tokens(value);
            quote! { ::std::collections::BTreeMap<String, #value> }
        }
    };
    Some(quote! {
        /// Sets the keys the spec does not declare, replacing any already set.
        pub fn #setter(mut self, value: #ty) -> Self {
            self.additional_properties = value;
            self
        }
    })
}

/// Whether [`setter_argument`] takes an `impl Into<...>` that needs `.into()`.
fn argument_converts(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Box(_)) || takes_into(ty)
}
