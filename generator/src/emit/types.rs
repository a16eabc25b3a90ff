//! Type references → Rust type tokens. The prelude's `Option`, `String`,
//! `Vec` and `Box` are named bare (no model takes a prelude name, see
//! `lower::schema`); everything else is an absolute path. Models are reached
//! as `crate::generated::models::<Name>`: the generated tree is mounted at
//! `crate::generated`. A spec generated into a module of a crate made from
//! several specs is mounted at `crate::generated::<module>` instead, and its
//! models are `crate::generated::<module>::models::<Name>` ([`Mount`], which
//! emission carries in its `Context`).
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

use crate::ir::{Primitive, TypeRef};
use crate::naming::RustName;

/// Where a spec's generated tree is mounted, and so the path through which
/// its code names its own items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mount<'a> {
    /// The whole tree: `crate::generated`.
    Tree,
    /// A module of a crate made from several specs:
    /// `crate::generated::<module>`.
    Module(&'a RustName),
}

impl Mount<'_> {
    /// The path of the generated tree the spec's code lives in:
    /// `crate::generated`, or `crate::generated::<module>`.
    pub(crate) fn root(self) -> TokenStream {
        match self {
            Mount::Tree => quote! { crate::generated },
            Mount::Module(module) => {
                let module = module.ident();
                quote! { crate::generated::#module }
            }
        }
    }

    /// The Rust type for a type reference, by absolute path.
    pub(crate) fn type_tokens(self, type_ref: &TypeRef) -> TokenStream {
        match type_ref {
            TypeRef::Named(name) => {
                let name = name.ident();
                let root = self.root();
                quote! { #root::models::#name }
            }
            TypeRef::Primitive(primitive) => primitive_tokens(*primitive),
            TypeRef::Vec(inner) => {
                let inner = self.type_tokens(inner);
                quote! { Vec<#inner> }
            }
            TypeRef::Map(inner) => {
                let inner = self.type_tokens(inner);
                quote! { ::std::collections::BTreeMap<String, #inner> }
            }
            TypeRef::Option(inner) => {
                let inner = self.type_tokens(inner);
                quote! { Option<#inner> }
            }
            TypeRef::Box(inner) => {
                let inner = self.type_tokens(inner);
                quote! { Box<#inner> }
            }
            TypeRef::Json => quote! { ::serde_json::Value },
        }
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
