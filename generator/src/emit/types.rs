//! Type references → Rust type tokens. The prelude's `Option`, `String`,
//! `Vec` and `Box` are named bare (no model takes a prelude name, see
//! `lower::schema`); everything else is an absolute path. Models are reached
//! as `crate::generated::models::<Name>`: the generated tree is mounted at
//! `crate::generated`.
//!
//! | Spec | Rust |
//! |---|---|
//! | `string` | `String` (also `uuid`, `byte`, unknown formats) |
//! | `string` `date` / `date-time` | `crate::runtime::types::{Date, DateTime}` |
//! | `string` `binary` | `::bytes::Bytes` (a body), `crate::runtime::types::FilePart` (a property) |
//! | `integer` / `int64`, `int32` | `i64`, `i32` |
//! | `number` (any format, `float` included) | `f64` |
//! | `boolean` | `bool` |
//! | `array` | `Vec<T>` |
//! | map | `::std::collections::BTreeMap<String, T>` |
//! | anything else | `::serde_json::Value` |

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir::{Primitive, TypeRef};

/// The Rust type for a type reference, by absolute path.
pub(crate) fn type_tokens(type_ref: &TypeRef) -> TokenStream {
    match type_ref {
        TypeRef::Named(name) => {
            let name = ident(name);
            quote! { crate::generated::models::#name }
        }
        TypeRef::Primitive(primitive) => primitive_tokens(*primitive),
        TypeRef::Vec(inner) => {
            let inner = type_tokens(inner);
            quote! { Vec<#inner> }
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(inner);
            quote! { ::std::collections::BTreeMap<String, #inner> }
        }
        TypeRef::Option(inner) => {
            let inner = type_tokens(inner);
            quote! { Option<#inner> }
        }
        TypeRef::Box(inner) => {
            let inner = type_tokens(inner);
            quote! { Box<#inner> }
        }
        TypeRef::Json => quote! { ::serde_json::Value },
    }
}

/// The Rust type of a scalar.
fn primitive_tokens(primitive: Primitive) -> TokenStream {
    match primitive {
        Primitive::String | Primitive::Uuid | Primitive::Base64 => quote! { String },
        Primitive::Bool => quote! { bool },
        Primitive::I32 => quote! { i32 },
        Primitive::I64 => quote! { i64 },
        Primitive::F64 => quote! { f64 },
        Primitive::Date => quote! { crate::runtime::types::Date },
        Primitive::DateTime => quote! { crate::runtime::types::DateTime },
        Primitive::Binary => quote! { ::bytes::Bytes },
        Primitive::File => quote! { crate::runtime::types::FilePart },
    }
}
