//! Emission of `client.rs`: the generated `Client` (a wrapper of the
//! runtime's client) and its `ClientBuilder`, the default server, a URL
//! helper per templated server, the `auth` module with one credential
//! function per security scheme, and the `ErrorBody` implementations of the
//! models used as error bodies.
//!
//! Generated code never adds methods to the runtime's types: whatever it
//! adds lives on its own `Client` (the group accessors, written with each
//! group) or in its own modules, so the runtime's method names need not be
//! known here.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::type_tokens;
use super::{ModelIndex, ident};
use crate::docs;
use crate::ir::{
    Api, ModelKind, Presence, Primitive, SecurityScheme, SecuritySchemeKind, Server, TypeRef,
};
use crate::naming::{Scope, value_name};

/// The base URL used when the spec lists no server (OpenAPI's default).
const FALLBACK_BASE_URL: &str = "/";

/// Field names whose string value is an error's message, in order of
/// preference.
const ERROR_MESSAGE_FIELDS: &[&str] = &["error", "message", "error_description", "detail", "title"];

/// The tokens of `client.rs`.
pub(crate) fn emit_client(api: &Api, models: &ModelIndex) -> TokenStream {
    let default_base_url = api
        .servers
        .first()
        .map_or_else(|| FALLBACK_BASE_URL.to_owned(), server_url_with_defaults);
    let default_docs = docs::doc_attributes(&match api.servers.first() {
        Some(server) => docs::join_paragraphs([
            Some("The first server the spec lists, with its variables set to their defaults."),
            server.description.as_deref(),
        ])
        .unwrap_or_default(),
        None => "The spec lists no server: requests go to the path alone until `base_url` is set."
            .to_owned(),
    });
    let server_functions = emit_server_functions(&api.servers);
    let auth_module = emit_auth_module(&api.security_schemes);
    let error_bodies = models
        .error_body_models(api)
        .into_iter()
        .map(|name| emit_error_body(name, models));
    quote! {
        //! Client construction: the client and its builder, the default
        //! server, server URLs, credentials, and how error bodies report
        //! their message.

        #default_docs
        pub const DEFAULT_BASE_URL: &str = #default_base_url;

        /// A client of the API: one method per tag returns that tag's
        /// operations.
        ///
        /// It wraps the runtime's [`crate::runtime::Client`], which holds the
        /// base URL, the credential, the connection pool, the retry policy and
        /// the last rate-limit headers; its methods (`set_bearer_token`,
        /// `last_rate_limit`, `base_url`) are reached through `Deref`. Cheap
        /// to clone and safe to share between tasks; `Debug` output never
        /// shows the credential.
        #[derive(Clone)]
        pub struct Client {
            inner: crate::runtime::Client,
        }

        /// The builder of a [`Client`], from [`Client::builder`].
        pub type ClientBuilder = crate::runtime::ClientBuilder<Client>;

        impl Client {
            /// A builder for a client of [`DEFAULT_BASE_URL`]; `base_url` on
            /// the builder picks another server.
            pub fn builder() -> ClientBuilder {
                crate::runtime::ClientBuilder::new(DEFAULT_BASE_URL)
            }
        }

        impl From<crate::runtime::Client> for Client {
            fn from(inner: crate::runtime::Client) -> Self {
                Client { inner }
            }
        }

        impl ::std::ops::Deref for Client {
            type Target = crate::runtime::Client;

            fn deref(&self) -> &crate::runtime::Client {
                &self.inner
            }
        }

        impl AsRef<crate::runtime::Client> for Client {
            fn as_ref(&self) -> &crate::runtime::Client {
                &self.inner
            }
        }

        impl ::std::fmt::Debug for Client {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Debug::fmt(&self.inner, formatter)
            }
        }

        #(#server_functions)*
        #auth_module
        #(#error_bodies)*
    }
}

/// The `auth` module: one function per security scheme, returning the
/// credential for `ClientBuilder::credential`. Nothing when the spec
/// declares no scheme the runtime can apply.
fn emit_auth_module(schemes: &[SecurityScheme]) -> Option<TokenStream> {
    if schemes.is_empty() {
        return None;
    }
    let functions = schemes.iter().map(emit_credential_function);
    Some(quote! {
        /// Credentials, one function per security scheme of the spec, for
        /// [`crate::runtime::ClientBuilder::credential`]
        /// (`Client::builder().credential(auth::...)`). A client holds one
        /// credential.
        pub mod auth {
            #(#functions)*
        }
    })
}

/// A server's URL with every `{variable}` replaced by its default.
fn server_url_with_defaults(server: &Server) -> String {
    let mut url = server.url.clone();
    for (name, default) in &server.variables {
        if let Some(default) = default {
            url = url.replace(&format!("{{{name}}}"), default);
        }
    }
    url
}

/// One `server_url_<variables>` function per server with variables.
fn emit_server_functions(servers: &[Server]) -> Vec<TokenStream> {
    let mut scope = Scope::default();
    scope.reserve("builder");
    let mut functions = Vec::new();
    for server in servers.iter().filter(|server| !server.variables.is_empty()) {
        let variable_names: Vec<String> = server
            .variables
            .iter()
            .map(|(name, _)| value_name(name))
            .collect();
        let bare_names: Vec<&str> = variable_names
            .iter()
            .map(|name| name.trim_start_matches("r#"))
            .collect();
        let function = ident(&scope.claim(&format!("server_url_{}", bare_names.join("_"))));
        let mut argument_scope = Scope::default();
        let arguments: Vec<proc_macro2::Ident> = variable_names
            .iter()
            .map(|name| ident(&argument_scope.claim(name)))
            .collect();
        let (format, used) = server_format_string(server);
        let format_arguments = used.iter().filter_map(|index| arguments.get(*index));
        let mut text = format!(
            "The URL of the server `{}`.",
            super::operation::escape_code_span(&server.url)
        );
        if let Some(description) = &server.description {
            text = format!("{text}\n\n{description}");
        }
        let mut variable_docs = String::new();
        for ((name, default), argument) in server.variables.iter().zip(&arguments) {
            let default = default
                .as_deref()
                .map(|default| {
                    format!(
                        " (default `{}`)",
                        super::operation::escape_code_span(default)
                    )
                })
                .unwrap_or_default();
            variable_docs.push_str(&format!(
                "- `{}`: the `{}` variable{default}.\n",
                argument.to_string().trim_start_matches("r#"),
                super::operation::escape_code_span(name)
            ));
        }
        text = format!("{text}\n\n# Arguments\n\n{}", variable_docs.trim_end());
        let docs = docs::doc_attributes(&text);
        let format_call = if used.is_empty() {
            quote! { String::from(#format) }
        } else {
            quote! { ::std::format!(#format, #(#format_arguments),*) }
        };
        let unused = (used.len() < arguments.len()).then(|| quote! { #[allow(unused_variables)] });
        functions.push(quote! {
            #docs
            #unused
            pub fn #function(#(#arguments: &str),*) -> String {
                #format_call
            }
        });
    }
    functions
}

/// The `format!` string of a server URL and the variable index of each `{}`.
fn server_format_string(server: &Server) -> (String, Vec<usize>) {
    let mut format = String::new();
    let mut used = Vec::new();
    let mut rest = server.url.as_str();
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + length];
        format.push_str(&escape_format(&rest[..start]));
        match server
            .variables
            .iter()
            .position(|(variable, _)| variable == name)
        {
            Some(index) => {
                format.push_str("{}");
                used.push(index);
            }
            None => format.push_str(&escape_format(&rest[start..=start + length])),
        }
        rest = &rest[start + length + 1..];
    }
    format.push_str(&escape_format(rest));
    (format, used)
}

/// Escapes braces for a `format!` string.
fn escape_format(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// The credential function of one security scheme.
fn emit_credential_function(scheme: &SecurityScheme) -> TokenStream {
    let method = ident(&scheme.method);
    let scheme_name = super::operation::escape_code_span(&scheme.name);
    let (summary, signature, credential) = match &scheme.kind {
        SecuritySchemeKind::ApiKeyHeader(name) => (
            format!(
                "Sends `value` in the `{}` header (security scheme `{scheme_name}`).",
                super::operation::escape_code_span(name)
            ),
            quote! { value: impl Into<String> },
            quote! { crate::runtime::Credential::api_key_header(#name, value) },
        ),
        SecuritySchemeKind::ApiKeyQuery(name) => (
            format!(
                "Sends `value` as the `{}` query parameter (security scheme `{scheme_name}`).",
                super::operation::escape_code_span(name)
            ),
            quote! { value: impl Into<String> },
            quote! { crate::runtime::Credential::api_key_query(#name, value) },
        ),
        SecuritySchemeKind::ApiKeyCookie(name) => (
            format!(
                "Sends `value` in the `{}` cookie (security scheme `{scheme_name}`).",
                super::operation::escape_code_span(name)
            ),
            quote! { value: impl Into<String> },
            quote! { crate::runtime::Credential::api_key_cookie(#name, value) },
        ),
        SecuritySchemeKind::Bearer => (
            format!(
                "Sends `Authorization: Bearer <token>` (security scheme `{scheme_name}`). The token can be replaced later with `Client::set_bearer_token`."
            ),
            quote! { token: impl Into<String> },
            quote! { crate::runtime::Credential::bearer(token) },
        ),
        SecuritySchemeKind::Basic => (
            format!("Sends HTTP basic credentials (security scheme `{scheme_name}`)."),
            quote! {
                user: impl Into<String>,
                password: impl Into<String>
            },
            quote! { crate::runtime::Credential::basic(user, password) },
        ),
    };
    let text = docs::join_paragraphs([Some(summary.as_str()), scheme.docs.as_deref()])
        .unwrap_or(summary.clone());
    let docs = docs::doc_attributes(&text);
    quote! {
        #docs
        pub fn #method(#signature) -> crate::runtime::Credential {
            #credential
        }
    }
}

/// `impl ErrorBody` for one model: `message()` returns its first string
/// field named like a message, if it has one.
fn emit_error_body(name: &str, models: &ModelIndex) -> TokenStream {
    let ty = type_tokens(&TypeRef::Named(name.to_owned()));
    let message = models.get(name).and_then(|model| match &model.kind {
        ModelKind::Struct(structure) => ERROR_MESSAGE_FIELDS.iter().find_map(|wanted| {
            structure.fields.iter().find(|field| {
                field.wire_name == *wanted
                    && matches!(field.ty, TypeRef::Primitive(Primitive::String))
            })
        }),
        _ => None,
    });
    let body = message.map(|field| {
        let field_name = ident(&field.name);
        let value = match field.presence {
            Presence::Required => {
                quote! { Some(Clone::clone(&self.#field_name)) }
            }
            Presence::RequiredNullable | Presence::Optional | Presence::OptionalNullable => {
                quote! { Clone::clone(&self.#field_name) }
            }
            Presence::Clearable => {
                quote! { Clone::clone(&self.#field_name).into_value() }
            }
        };
        let docs = docs::doc_attributes(&format!(
            "The `{}` field.",
            super::operation::escape_code_span(&field.wire_name)
        ));
        quote! {
            #docs
            fn message(&self) -> Option<String> {
                #value
            }
        }
    });
    quote! {
        impl crate::runtime::ErrorBody for #ty {
            #body
        }
    }
}
