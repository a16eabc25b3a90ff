//! Emission of one operation group: the file `apis/<module>.rs` with the
//! group struct (borrowing the runtime's client), its accessor on the
//! generated `Client`, and per operation a builder struct whose `send` assembles a `crate::runtime::Request` and
//! decodes the `crate::runtime::RawResponse` (ARCHITECTURE.md, "Generated
//! code ↔ runtime contract").
//!
//! Generated code per operation is kept small: every behaviour lives in the
//! runtime, and the only generic methods are setters taking
//! `impl Into<String>`.

mod request;
mod response;

use proc_macro2::TokenStream;
use quote::quote;

use super::Context;
use crate::docs;
use crate::ir::{Operation, OperationGroup, Parameter, Primitive, RequestBody, TypeRef};
use crate::members::BuilderMember;

/// The first part of `apis/<module>.rs` for one group: the module's docs,
/// the group's struct, its accessor on the generated `Client` and one method
/// per operation. The struct borrows the runtime's client, not the generated
/// one, so that any type holding a runtime client can hand out the group. Each operation's items follow ([`emit_group_operation`]).
pub(crate) fn emit_group(group: &OperationGroup, cx: &Context<'_>) -> TokenStream {
    let module_docs = group_module_docs(group);
    let group_struct = group.struct_name.ident();
    let accessor = group.module.ident();
    let accessor_docs = docs::doc_attributes(&format!(
        "The operations tagged `{}`.",
        escape_code_span(&group.tag)
    ));
    let struct_docs = docs::doc_attributes(&format!(
        "The operations tagged `{}`: one method per operation, each returning a request builder.",
        escape_code_span(&group.tag)
    ));
    let methods = group
        .operations
        .iter()
        .map(|operation| emit_group_method(operation, cx));
    let group_accessor =
        super::client::emit_group_accessor(&accessor, &group_struct, &accessor_docs, cx.mount());
    quote! {
        #module_docs

        #struct_docs
        #[derive(Debug, Clone, Copy)]
        pub struct #group_struct<'a> {
            client: &'a crate::runtime::Client,
        }

        #group_accessor

        impl #group_struct<'_> {
            #(#methods)*
        }
    }
}

/// The items of the group's operation at `index`: its builder and what it
/// returns. They follow the group's own items in its file.
pub(crate) fn emit_group_operation(
    group: &OperationGroup,
    index: usize,
    cx: &Context<'_>,
) -> TokenStream {
    let group_struct = group.struct_name.ident();
    group
        .operations
        .get(index)
        .map_or_else(TokenStream::new, |operation| {
            emit_operation(operation, &group_struct, cx)
        })
}

/// The `//!` documentation of a group's module.
fn group_module_docs(group: &OperationGroup) -> TokenStream {
    let heading = format!("Operations tagged `{}`.", escape_code_span(&group.tag));
    let text = docs::join_paragraphs([Some(heading.as_str()), group.docs.as_deref()])
        .unwrap_or(heading.clone());
    let lines = text.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #![doc = #lines] )* }
}

/// The group's methods for one operation: the main one, which takes the
/// required parameters (and a required body) and returns the builder, and
/// one per parameter with an `x-explicit-omission`, named by it, which
/// returns the same builder without that parameter.
fn emit_group_method(operation: &Operation, cx: &Context<'_>) -> TokenStream {
    let main = emit_group_method_without(operation, None, cx);
    let omissions = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.explicit_omission.is_some())
        .map(|parameter| emit_group_method_without(operation, Some(parameter), cx));
    quote! {
        #main
        #(#omissions)*
    }
}

/// One group method of an operation: the main one (`omitted` is `None`),
/// or the one that leaves `omitted` out. A parameter with an explicit
/// omission is an argument of every method but the one that leaves it out.
fn emit_group_method_without(
    operation: &Operation,
    omitted: Option<&Parameter>,
    cx: &Context<'_>,
) -> TokenStream {
    let is_omitted =
        |parameter: &Parameter| omitted.is_some_and(|o| o.rust_name == parameter.rust_name);
    let name = omitted
        .and_then(|parameter| parameter.explicit_omission.as_ref())
        .unwrap_or(&operation.method_name)
        .ident();
    let builder = operation.builder_name.ident();
    let required: Vec<&Parameter> = operation
        .parameters
        .iter()
        .filter(|parameter| {
            parameter.required || (parameter.explicit_omission.is_some() && !is_omitted(parameter))
        })
        .collect();
    let arguments = required.iter().map(|parameter| {
        let name = parameter.rust_name.ident();
        let ty = argument_type(&parameter.type_ref, cx);
        quote! { #name: #ty }
    });
    let client = BuilderMember::Client;
    // The group struct's own `client` field is read, the builder's set.
    let mut initializers: Vec<TokenStream> = vec![quote! { #client: self.client.clone() }];
    for parameter in &operation.parameters {
        let name = parameter.rust_name.ident();
        let value = if takes_into(&parameter.type_ref) {
            quote! { #name.into() }
        } else {
            quote! { #name }
        };
        initializers.push(if parameter.required && takes_into(&parameter.type_ref) {
            quote! { #name: #value }
        } else if parameter.required {
            quote! { #name }
        } else if parameter.explicit_omission.is_some() && !is_omitted(parameter) {
            quote! { #name: Some(#value) }
        } else {
            quote! { #name: None }
        });
    }
    let body_argument = operation
        .body
        .as_ref()
        .and_then(|body| body_initializers(body, &mut initializers, cx));
    let options = BuilderMember::Options;
    initializers.push(quote! { #options: Default::default() });
    let arguments = arguments.chain(body_argument);
    let mut method_docs = group_method_docs(operation, &required);
    if let Some(omitted) = omitted {
        method_docs = omission_docs(operation, omitted, &method_docs);
    }
    let docs = docs::doc_attributes(&method_docs);
    let deprecated = deprecated_attribute(operation);
    quote! {
        #docs
        #deprecated
        pub fn #name(&self, #(#arguments),*) -> #builder {
            #builder { #(#initializers),* }
        }
    }
}

/// Pushes the builder's initializers of the body and the content type, and
/// returns the group method's body argument, when the body is required.
fn body_initializers(
    request_body: &RequestBody,
    initializers: &mut Vec<TokenStream>,
    cx: &Context<'_>,
) -> Option<TokenStream> {
    let (body, content_type) = (BuilderMember::Body, BuilderMember::ContentType);
    let mut body_argument = None;
    if request_body.required {
        let (ty, converts) = request::body_argument(request_body, cx);
        body_argument = Some(quote! { #body: #ty });
        initializers.push(if converts {
            quote! { #body: #body.into() }
        } else {
            quote! { #body }
        });
    } else {
        initializers.push(quote! { #body: None });
    }
    if request::has_content_type_choice(request_body) {
        initializers.push(quote! { #content_type: Default::default() });
    }
    body_argument
}

/// The rustdoc of the group method that leaves `omitted` out: a warning
/// first, with what the parameter's own description says about leaving it
/// out, then the operation's usual rustdoc.
fn omission_docs(operation: &Operation, omitted: &Parameter, method_docs: &str) -> String {
    let wire_name = escape_code_span(&omitted.wire_name);
    let main = operation.method_name.bare();
    let headline = format!("**Sends this request without `{wire_name}`, on purpose.**");
    let mut warning = format!(
        "`{main}` takes `{wire_name}` as an argument so that it is never left out by \
         accident; this method is the explicit way to leave it out."
    );
    if let Some(docs) = omitted.docs.as_deref() {
        warning.push_str(&format!(" What `{wire_name}` does: {}", single_line(docs)));
    }
    docs::join_paragraphs([Some(headline.as_str()), Some(&warning), Some(method_docs)])
        .unwrap_or(headline)
}

/// The rustdoc of a group method: summary, description, method and path,
/// and the required arguments.
fn group_method_docs(operation: &Operation, required: &[&Parameter]) -> String {
    let request_line = format!(
        "`{} {}`",
        operation.http_method.as_str(),
        escape_code_span(&operation.path)
    );
    let mut arguments = String::new();
    for parameter in required {
        let text = parameter
            .docs
            .as_deref()
            .map(|docs| format!(": {}", single_line(docs)))
            .unwrap_or_default();
        let deprecated = if parameter.deprecated {
            " (deprecated)"
        } else {
            ""
        };
        arguments.push_str(&format!(
            "- `{}`{deprecated}{text}\n",
            parameter.rust_name.bare()
        ));
    }
    if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
        let text = body
            .docs
            .as_deref()
            .map(single_line)
            .unwrap_or_else(|| "The request body.".to_owned());
        arguments.push_str(&format!("- `body`: {text}\n"));
    }
    let arguments =
        (!arguments.is_empty()).then(|| format!("# Arguments\n\n{}", arguments.trim_end()));
    let fallback = format!("Sends {request_line}.");
    docs::join_paragraphs([
        Some(operation.summary.as_deref().unwrap_or(&fallback)),
        operation.description.as_deref(),
        Some(request_line.as_str()),
        arguments.as_deref(),
    ])
    .unwrap_or(fallback.clone())
}

/// The builder struct of one operation, its setters and its `send` methods,
/// plus the per-operation enums it needs.
fn emit_operation(
    operation: &Operation,
    group_struct: &proc_macro2::Ident,
    cx: &Context<'_>,
) -> TokenStream {
    let builder = operation.builder_name.ident();
    let fields = builder_fields(operation, cx);
    let setters = operation
        .parameters
        .iter()
        .filter(|parameter| !parameter.required && parameter.explicit_omission.is_none())
        .map(|parameter| emit_parameter_setter(parameter, cx));
    let body_setters = request::emit_body_setters(operation, cx);
    let content_type_enum = request::emit_content_type_enum(operation);
    let body_enum = request::emit_body_enum(operation, cx);
    let request_method = request::emit_request_method(operation);
    let send_methods = response::emit_send_methods(operation, cx);
    let success_enum = response::emit_success_enum(operation, cx);
    let struct_docs = docs::doc_attributes(&format!(
        "The request built by `{}::{}`: set optional parameters, then call `send`.",
        group_struct,
        operation.method_name.bare()
    ));
    let deprecated = deprecated_attribute(operation);
    let (options, timeout, retry_policy) = (
        BuilderMember::Options,
        BuilderMember::Timeout,
        BuilderMember::RetryPolicy,
    );
    quote! {
        #struct_docs
        #deprecated
        #[must_use = "a request does nothing until it is sent"]
        #[derive(Debug, Clone)]
        pub struct #builder {
            #(#fields,)*
        }

        impl #builder {
            #(#setters)*
            #body_setters

            /// Overrides the client's timeout for this request.
            pub fn #timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.#options.timeout = Some(timeout);
                self
            }

            /// Overrides the client's retry policy for this request.
            pub fn #retry_policy(mut self, policy: crate::runtime::RetryPolicy) -> Self {
                self.#options.retry = Some(policy);
                self
            }

            #send_methods
            #request_method
        }

        #content_type_enum
        #body_enum
        #success_enum
    }
}

/// The fields of a builder struct: the client, every parameter, the body,
/// the chosen content type and the per-call options.
fn builder_fields(operation: &Operation, cx: &Context<'_>) -> Vec<TokenStream> {
    let (client, body, content_type, options) = (
        BuilderMember::Client,
        BuilderMember::Body,
        BuilderMember::ContentType,
        BuilderMember::Options,
    );
    let mut fields = vec![quote! { #client: crate::runtime::Client }];
    for parameter in &operation.parameters {
        let name = parameter.rust_name.ident();
        let ty = cx.type_tokens(&parameter.type_ref);
        fields.push(if parameter.required {
            quote! { #name: #ty }
        } else {
            quote! { #name: Option<#ty> }
        });
    }
    if let Some(request_body) = &operation.body {
        let ty = request::body_field_type(request_body, cx);
        fields.push(if request_body.required {
            quote! { #body: #ty }
        } else {
            quote! { #body: Option<#ty> }
        });
        if let Some(enum_name) = request::content_type_enum_name(request_body) {
            fields.push(quote! { #content_type: #enum_name });
        }
    }
    fields.push(quote! { #options: crate::runtime::RequestOptions });
    fields
}

/// The setter of an optional parameter.
fn emit_parameter_setter(parameter: &Parameter, cx: &Context<'_>) -> TokenStream {
    let name = parameter.rust_name.ident();
    let ty = argument_type(&parameter.type_ref, cx);
    let value = if takes_into(&parameter.type_ref) {
        quote! { #name.into() }
    } else {
        quote! { #name }
    };
    let fallback = format!(
        "Sets the `{}` parameter.",
        escape_code_span(&parameter.wire_name)
    );
    let docs = docs::doc_attributes(parameter.docs.as_deref().unwrap_or(&fallback));
    let deprecated = parameter.deprecated.then(|| quote! { #[deprecated] });
    quote! {
        #docs
        #deprecated
        pub fn #name(mut self, #name: #ty) -> Self {
            self.#name = Some(#value);
            self
        }
    }
}

/// The type a method takes for a value of `type_ref`: strings are taken as
/// `impl Into<String>` and bytes as `impl Into<Bytes>` (so that `&str`,
/// `Vec<u8>` and friends work), everything else as itself.
pub(super) fn argument_type(type_ref: &TypeRef, cx: &Context<'_>) -> TokenStream {
    match type_ref {
        TypeRef::Primitive(Primitive::String | Primitive::Uuid | Primitive::Base64) => {
            quote! { impl Into<String> }
        }
        TypeRef::Primitive(Primitive::Binary) => {
            quote! { impl Into<::bytes::Bytes> }
        }
        _ => cx.type_tokens(type_ref),
    }
}

/// Whether [`argument_type`] takes `impl Into<...>`, so that the argument
/// needs `.into()`.
pub(super) fn takes_into(type_ref: &TypeRef) -> bool {
    matches!(
        type_ref,
        TypeRef::Primitive(
            Primitive::String | Primitive::Uuid | Primitive::Base64 | Primitive::Binary
        )
    )
}

/// Text made safe to sit between backticks in a doc comment.
pub(super) fn escape_code_span(text: &str) -> String {
    text.replace('`', "'")
}

/// A description on one line, for a bullet list.
fn single_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `#[deprecated]` attribute of a deprecated operation's method and
/// builder, with the spec's `x-deprecation-note` as its note when there is one.
fn deprecated_attribute(operation: &Operation) -> Option<TokenStream> {
    if !operation.deprecated {
        return None;
    }
    Some(match &operation.deprecation_note {
        Some(note) => quote! { #[deprecated(note = #note)] },
        None => quote! { #[deprecated] },
    })
}
