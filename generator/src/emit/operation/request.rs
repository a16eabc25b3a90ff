//! The request half of an operation builder: body setters, the content type
//! choice, and the private `request` method that assembles a
//! `crate::runtime::Request`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{argument_type, escape_code_span, takes_into};
use crate::docs;
use crate::emit::Context;
use crate::ir::{
    BodyContent, BodyEncoding, HttpMethod, Operation, ParameterLocation, Primitive, QueryStyle,
    RequestBody, TypeRef,
};
use crate::members::BuilderMember;
use crate::naming::RustName;
use crate::template::{self, Piece};

/// The per-operation content type enum of a body that has one
/// (`AddDealContentType`), as lowering named it.
pub(super) fn content_type_enum_name(body: &RequestBody) -> Option<Ident> {
    body.content_type_enum.as_ref().map(RustName::ident)
}

/// The content type enum of an operation whose body can be sent in several
/// encodings; nothing otherwise.
pub(super) fn emit_content_type_enum(operation: &Operation) -> TokenStream {
    let Some((body, name)) = operation
        .body
        .as_ref()
        .and_then(|body| Some((body, content_type_enum_name(body)?)))
    else {
        return TokenStream::new();
    };
    let docs = docs::doc_attributes(&format!(
        "The content types `{}` can send its body as; the default is JSON when the spec offers it, else the first one the spec lists.",
        operation.builder_name
    ));
    let variants = body.contents.iter().enumerate().map(|(index, content)| {
        let variant = content.variant_name.ident();
        let variant_docs =
            docs::doc_attributes(&format!("`{}`.", escape_code_span(&content.media_type)));
        let default = (index == 0).then(|| quote! { #[default] });
        quote! { #variant_docs #default #variant }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
        }
    }
}

/// Whether the builder offers a `content_type` setter: several content
/// types that share one Rust type.
pub(super) fn has_content_type_choice(body: &RequestBody) -> bool {
    body.content_type_enum.is_some()
}

/// The type of the builder's `body` field (without the `Option` of an
/// optional body): the shared type, or the per-operation body enum.
pub(super) fn body_field_type(body: &RequestBody, cx: &Context<'_>) -> TokenStream {
    match &body.body_enum {
        Some(name) => {
            let name = name.ident();
            quote! { #name }
        }
        None => cx.type_tokens(&body.type_ref),
    }
}

/// The type a method takes the body as, and whether the argument needs
/// `.into()` to become the field's value (a string or bytes body is taken as
/// `impl Into<...>`).
pub(super) fn body_argument(body: &RequestBody, cx: &Context<'_>) -> (TokenStream, bool) {
    if body.body_enum.is_none() && takes_into(&body.type_ref) {
        (argument_type(&body.type_ref, cx), true)
    } else {
        (body_field_type(body, cx), false)
    }
}

/// The per-operation body enum when content types have different Rust
/// types; nothing otherwise.
pub(super) fn emit_body_enum(operation: &Operation, cx: &Context<'_>) -> TokenStream {
    let Some((body, name)) = operation
        .body
        .as_ref()
        .and_then(|body| body.body_enum.as_ref().map(|name| (body, name)))
    else {
        return TokenStream::new();
    };
    let name = name.ident();
    let docs = docs::doc_attributes(&format!(
        "The body of `{}`: the variant picks the content type, since each has its own schema.",
        operation.builder_name
    ));
    let variants = body.contents.iter().map(|content| {
        let variant = content.variant_name.ident();
        let ty = cx.type_tokens(&content.type_ref);
        let variant_docs = docs::doc_attributes(&format!(
            "Sent as `{}`.",
            escape_code_span(&content.media_type)
        ));
        quote! { #variant_docs #variant(#ty) }
    });
    quote! {
        #docs
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
        }
    }
}

/// The setters for the body: `body` when the body is optional, and
/// `content_type` when there is a choice of encodings.
pub(super) fn emit_body_setters(operation: &Operation, cx: &Context<'_>) -> TokenStream {
    let Some(body) = &operation.body else {
        return TokenStream::new();
    };
    let (field, content_type) = (BuilderMember::Body, BuilderMember::ContentType);
    let mut setters = TokenStream::new();
    if !body.required {
        let (ty, converts) = body_argument(body, cx);
        let value = if converts {
            quote! { #field.into() }
        } else {
            quote! { #field }
        };
        let docs = docs::doc_attributes(body.docs.as_deref().unwrap_or("Sets the request body."));
        setters.extend(quote! {
            #docs
            pub fn #field(mut self, #field: #ty) -> Self {
                self.#field = Some(#value);
                self
            }
        });
    }
    if let Some(name) = content_type_enum_name(body) {
        setters.extend(quote! {
            /// Chooses how the body is encoded.
            pub fn #content_type(mut self, #content_type: #name) -> Self {
                self.#content_type = #content_type;
                self
            }
        });
    }
    setters
}

/// Whether assembling the request can fail (only encoding a JSON, form or
/// multipart body can; a multipart body of one file cannot).
pub(super) fn request_is_fallible(operation: &Operation) -> bool {
    operation.body.as_ref().is_some_and(|body| {
        body.contents.iter().any(|content| match content.encoding {
            BodyEncoding::Json | BodyEncoding::Form => true,
            BodyEncoding::Multipart => content.type_ref != TypeRef::Primitive(Primitive::File),
            BodyEncoding::Bytes | BodyEncoding::Text => false,
        })
    })
}

/// The private `request` method: method, path, parameters, body, options.
pub(super) fn emit_request_method(operation: &Operation) -> TokenStream {
    let method = http_method_tokens(operation.http_method);
    let template = &operation.path;
    let path = path_tokens(operation);
    let operation_id = &operation.operation_id;
    let parameters = operation.parameters.iter().map(|parameter| {
        let wire_name = &parameter.wire_name;
        let name = parameter.rust_name.ident();
        match parameter.location {
            ParameterLocation::Path => TokenStream::new(),
            ParameterLocation::Query(QueryStyle::Form { explode: true }) => {
                quote! { request.query(#wire_name, &self.#name); }
            }
            ParameterLocation::Query(style) => {
                let style = query_style_tokens(style);
                quote! { request.query_with_style(#wire_name, &self.#name, #style); }
            }
            ParameterLocation::Header => quote! { request.header(#wire_name, &self.#name); },
            ParameterLocation::Cookie => quote! { request.cookie(#wire_name, &self.#name); },
        }
    });
    let body = operation.body.as_ref().map(body_tokens);
    let no_auth = operation.no_auth.then(|| quote! { request.no_auth(); });
    let fallible = request_is_fallible(operation);
    let (return_type, result) = if fallible {
        (
            quote! { Result<crate::runtime::Request, crate::runtime::Error> },
            quote! { Ok(request) },
        )
    } else {
        (quote! { crate::runtime::Request }, quote! { request })
    };
    let (request_method, options) = (BuilderMember::Request, BuilderMember::Options);
    quote! {
        /// Assembles the request from the builder's fields.
        fn #request_method(&self) -> #return_type {
            let mut request = crate::runtime::Request::new(#method, #template, #path);
            request.operation_id(#operation_id);
            #(#parameters)*
            #body
            #no_auth
            request.options(&self.#options);
            #result
        }
    }
}

/// The statements that attach the body, by the chosen content type.
fn body_tokens(body: &RequestBody) -> TokenStream {
    // The body as a reference: the field itself, or the `body` bound by the
    // `if let` of an optional body.
    let (field, content_type) = (BuilderMember::Body, BuilderMember::ContentType);
    let value = if body.required {
        quote! { &self.#field }
    } else {
        quote! { body }
    };
    let statements = if let Some(enum_name) = &body.body_enum {
        let enum_name = enum_name.ident();
        let arms = body.contents.iter().map(|content| {
            let variant = content.variant_name.ident();
            let statement = encode_body(content, &quote! { body });
            quote! { #enum_name::#variant(body) => { #statement } }
        });
        quote! {
            match #value {
                #(#arms)*
            }
        }
    } else if let Some(enum_name) = content_type_enum_name(body) {
        let arms = body.contents.iter().map(|content| {
            let variant = content.variant_name.ident();
            let statement = encode_body(content, &value);
            quote! { #enum_name::#variant => { #statement } }
        });
        quote! {
            match self.#content_type {
                #(#arms)*
            }
        }
    } else {
        // One content type (lowering names a content type enum whenever
        // there are several of one Rust type).
        body.contents
            .first()
            .map_or_else(TokenStream::new, |only| encode_body(only, &value))
    };
    if body.required {
        statements
    } else {
        quote! {
            if let Some(body) = &self.#field {
                #statements
            }
        }
    }
}

/// The statement that attaches a body (given as a reference) in one
/// encoding.
fn encode_body(content: &BodyContent, value: &TokenStream) -> TokenStream {
    match content.encoding {
        BodyEncoding::Json => quote! { request.json_body(#value)?; },
        BodyEncoding::Form => quote! { request.form_body(#value)?; },
        BodyEncoding::Multipart if content.type_ref == TypeRef::Primitive(Primitive::File) => {
            let field = MULTIPART_FILE_FIELD;
            quote! { request.multipart_file_body(#field, #value); }
        }
        BodyEncoding::Multipart => quote! { request.multipart_body(#value)?; },
        BodyEncoding::Bytes => {
            let content_type = sent_content_type(&content.media_type);
            quote! { request.bytes_body(#content_type, Clone::clone(#value)); }
        }
        BodyEncoding::Text => {
            let content_type = sent_content_type(&content.media_type);
            quote! { request.text_body(#content_type, Clone::clone(#value)); }
        }
    }
}

/// The field name of the one file part of a multipart body whose schema is a
/// single binary string: the spec names no field, and `file` is the name
/// such endpoints use (Jira documents it for its attachments).
const MULTIPART_FILE_FIELD: &str = "file";

/// The `Content-Type` a raw body is sent with: the media type, except that a
/// range such as `*/*` or `image/*` names no type a server could read, so
/// the body goes as `application/octet-stream`.
fn sent_content_type(media_type: &str) -> &str {
    if media_type.contains('*') {
        "application/octet-stream"
    } else {
        media_type
    }
}

/// The expression for the concrete path: the template's text with each
/// placeholder replaced by the percent-encoded parameter, joined by
/// `concat` (a plain expression, which `prettyplease` formats, unlike the
/// arguments of `format!`).
fn path_tokens(operation: &Operation) -> TokenStream {
    let mut pieces = Vec::new();
    let mut has_parameters = false;
    let mut text = String::new();
    for piece in template::pieces(&operation.path) {
        let name = match piece {
            Piece::Text(literal) => {
                text.push_str(literal);
                continue;
            }
            Piece::Placeholder(name) => name,
        };
        let parameter = operation.parameters.iter().find(|parameter| {
            parameter.location == ParameterLocation::Path && parameter.wire_name == name
        });
        match parameter {
            Some(parameter) => {
                if !text.is_empty() {
                    pieces.push(quote! { #text });
                    text.clear();
                }
                let field = parameter.rust_name.ident();
                pieces.push(quote! { crate::runtime::encode_path(&self.#field).as_str() });
                has_parameters = true;
            }
            // Lowering declares every placeholder, so this only keeps the text.
            None => text.push_str(&format!("{{{name}}}")),
        }
    }
    if !text.is_empty() {
        pieces.push(quote! { #text });
    }
    if has_parameters {
        quote! { [#(#pieces),*].concat() }
    } else {
        let path = &operation.path;
        quote! { #path }
    }
}

/// `::http::Method::GET` and friends.
fn http_method_tokens(method: HttpMethod) -> TokenStream {
    let name = format_ident!("{}", method.as_str());
    quote! { ::http::Method::#name }
}

/// A `crate::runtime::QueryStyle` value.
fn query_style_tokens(style: QueryStyle) -> TokenStream {
    match style {
        QueryStyle::Form { explode } => {
            quote! { crate::runtime::QueryStyle::Form { explode: #explode } }
        }
        QueryStyle::SpaceDelimited => quote! { crate::runtime::QueryStyle::SpaceDelimited },
        QueryStyle::PipeDelimited => quote! { crate::runtime::QueryStyle::PipeDelimited },
        QueryStyle::DeepObject => quote! { crate::runtime::QueryStyle::DeepObject },
    }
}
