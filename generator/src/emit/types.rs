//! Type references → Rust type tokens. The prelude's `Option`, `String`,
//! `Vec` and `Box` are named bare (no model takes a prelude name, see
//! `lower::schema`); everything else is an absolute path. Models are reached
//! as `crate::generated::models::<Name>`: the generated tree is mounted at
//! `crate::generated`. A spec generated into a module of a crate made from
//! several specs is mounted at `crate::generated::<module>` instead, and its
//! models are `crate::generated::<module>::models::<Name>` ([`mounted_at`]).
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

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir::{Primitive, TypeRef};

thread_local! {
    /// The module of `crate::generated` that the spec being emitted on this
    /// thread lives in; `None` for the whole tree. Emission sets it for the
    /// duration of a run ([`mounted_at`]), on every thread that emits, so
    /// that the many functions that name a model need not carry it.
    static MODULE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Until the returned guard is dropped, this thread emits code that lives in
/// `crate::generated::<module>` (`None`: in `crate::generated` itself).
pub(crate) fn mounted_at(module: Option<&str>) -> MountGuard {
    let previous = MODULE.with(|current| current.replace(module.map(str::to_owned)));
    MountGuard { previous }
}

/// Restores the module that was set before [`mounted_at`].
pub(crate) struct MountGuard {
    previous: Option<String>,
}

impl Drop for MountGuard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        MODULE.with(|current| current.replace(previous));
    }
}

/// The module this thread emits code for, if not the whole tree.
pub(crate) fn current_module() -> Option<String> {
    MODULE.with(|current| current.borrow().clone())
}

/// The path of the generated tree the spec's code lives in:
/// `crate::generated`, or `crate::generated::<module>`.
pub(crate) fn generated_root() -> TokenStream {
    match current_module() {
        None => quote! { crate::generated },
        Some(module) => {
            let module = ident(&module);
            quote! { crate::generated::#module }
        }
    }
}

/// The Rust type for a type reference, by absolute path.
pub(crate) fn type_tokens(type_ref: &TypeRef) -> TokenStream {
    match type_ref {
        TypeRef::Named(name) => {
            let name = ident(name);
            let root = generated_root();
            quote! { #root::models::#name }
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
