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

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::Context;
use super::types::Mount;
use crate::docs;
use crate::ir::{
    Api, CrateSecurityScheme, ErrorDecode, ModelKind, Presence, Primitive, SecurityScheme,
    SecuritySchemeKind, Server, TypeRef,
};
use crate::members::{ClientMethod, RootItem};
use crate::naming::RustName;
use crate::template::Piece;

/// The base URL used when the spec lists no server (OpenAPI's default).
const FALLBACK_BASE_URL: &str = "/";

/// The tokens of `client.rs`: for a spec generated alone, the crate's
/// `Client`; for a spec in a module of a crate made from several, the
/// module's view of the crate's client ([`emit_module_client`]).
pub(crate) fn emit_client(api: &Api, cx: &Context<'_>) -> TokenStream {
    if let Mount::Module(_) = cx.mount() {
        return emit_module_client(api, cx);
    }
    let (default_base_url, default_docs) = default_base_url(api);
    let server_functions = emit_server_functions(&api.servers);
    let auth_module = emit_auth_module(&api.security_schemes);
    let error_bodies = error_body_models(api)
        .into_iter()
        .map(|name| emit_error_body(name, cx));
    let conversions = emit_client_conversions();
    let (builder, from) = (ClientMethod::Builder, ClientMethod::From);
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
            pub fn #builder() -> ClientBuilder {
                crate::runtime::ClientBuilder::new(DEFAULT_BASE_URL)
            }
        }

        impl From<crate::runtime::Client> for Client {
            fn #from(inner: crate::runtime::Client) -> Self {
                Client { inner }
            }
        }

        #conversions

        #(#server_functions)*
        #auth_module
        #(#error_bodies)*
    }
}

/// Every model some operation decodes an error body into, sorted by name:
/// the ones that implement `ErrorBody`. Lowering decided them
/// (`Responses::error_decoding`).
fn error_body_models(api: &Api) -> BTreeSet<&RustName> {
    api.groups
        .iter()
        .flat_map(|group| &group.operations)
        .flat_map(|operation| {
            let decoding = &operation.responses.error_decoding;
            decoding
                .arms
                .iter()
                .map(|arm| &arm.decode)
                .chain(std::iter::once(&decoding.catch_all))
        })
        .filter_map(|decode| match decode {
            ErrorDecode::Model(name) => Some(name),
            ErrorDecode::Json | ErrorDecode::Unexpected => None,
        })
        .collect()
}

/// What the generated `Client` shares with the runtime's client it wraps:
/// `Deref` and `AsRef` to it (its methods, `set_bearer_token` and the rest,
/// without the generator naming them), and its `Debug`, which hides the
/// credential.
fn emit_client_conversions() -> TokenStream {
    let (deref, as_ref, fmt) = (ClientMethod::Deref, ClientMethod::AsRef, ClientMethod::Fmt);
    quote! {
        impl ::std::ops::Deref for Client {
            type Target = crate::runtime::Client;

            fn #deref(&self) -> &crate::runtime::Client {
                &self.inner
            }
        }

        impl AsRef<crate::runtime::Client> for Client {
            fn #as_ref(&self) -> &crate::runtime::Client {
                &self.inner
            }
        }

        impl ::std::fmt::Debug for Client {
            fn #fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Debug::fmt(&self.inner, formatter)
            }
        }
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
    let auth = RootItem::Auth;
    Some(quote! {
        /// Credentials, one function per security scheme of the spec, for
        /// [`crate::runtime::ClientBuilder::credential`]
        /// (`Client::builder().credential(auth::...)`). A client holds one
        /// credential.
        pub mod #auth {
            #(#functions)*
        }
    })
}

/// A server's URL with every `{variable}` replaced by its default.
fn server_url_with_defaults(server: &Server) -> String {
    let mut url = server.url.clone();
    for (name, default) in &server.variables {
        url = url.replace(&format!("{{{name}}}"), default);
    }
    url
}

/// The URL function of every server with variables (named in lowering,
/// `server_url_<variables>`).
fn emit_server_functions(servers: &[Server]) -> Vec<TokenStream> {
    let mut functions = Vec::new();
    for server in servers {
        let Some(url_function) = &server.url_function else {
            continue;
        };
        let function = url_function.name.ident();
        let argument_names = &url_function.arguments;
        let arguments: Vec<proc_macro2::Ident> =
            argument_names.iter().map(RustName::ident).collect();
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
        for ((name, default), argument) in server.variables.iter().zip(argument_names) {
            variable_docs.push_str(&format!(
                "- `{}`: the `{}` variable (default `{}`).\n",
                argument.bare(),
                super::operation::escape_code_span(name),
                super::operation::escape_code_span(default)
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
/// A placeholder the server does not declare stays as written.
fn server_format_string(server: &Server) -> (String, Vec<usize>) {
    let mut format = String::new();
    let mut used = Vec::new();
    for piece in crate::template::pieces(&server.url) {
        match piece {
            Piece::Text(text) => format.push_str(&escape_format(text)),
            Piece::Placeholder(name) => match server
                .variables
                .iter()
                .position(|(variable, _)| variable == name)
            {
                Some(index) => {
                    format.push_str("{}");
                    used.push(index);
                }
                None => format.push_str(&escape_format(&format!("{{{name}}}"))),
            },
        }
    }
    (format, used)
}

/// Escapes braces for a `format!` string.
fn escape_format(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// The credential function of one security scheme.
fn emit_credential_function(scheme: &SecurityScheme) -> TokenStream {
    let method = scheme.method.ident();
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

/// `impl ErrorBody` for one model: `message()` hands every top-level string
/// field, with its wire name, to `runtime::message_from_fields`, which knows
/// which names carry a message (an API may send `error` on one error and only
/// `message` on another).
fn emit_error_body(name: &RustName, cx: &Context<'_>) -> TokenStream {
    let ty = cx.type_tokens(&TypeRef::Named(name.clone()));
    let fields: Vec<_> = match cx.model(name).map(|model| &model.kind) {
        Some(ModelKind::Struct(structure)) => structure
            .fields
            .iter()
            .filter(|field| matches!(field.ty, TypeRef::Primitive(Primitive::String)))
            .collect(),
        _ => Vec::new(),
    };
    let body = (!fields.is_empty()).then(|| {
        let entries = fields.iter().map(|field| {
            let field_name = field.name.ident();
            let wire_name = &field.wire_name;
            let value = match field.presence {
                Presence::Required => quote! { Some(self.#field_name.as_str()) },
                Presence::RequiredNullable | Presence::Optional | Presence::OptionalNullable => {
                    quote! { self.#field_name.as_deref() }
                }
                Presence::Clearable => quote! { self.#field_name.value().map(String::as_str) },
            };
            quote! { (#wire_name, #value) }
        });
        quote! {
            /// The message among the body's string fields (`error`, `message`, ...).
            fn message(&self) -> Option<String> {
                crate::runtime::message_from_fields(&[#(#entries),*])
            }
        }
    });
    quote! {
        impl crate::runtime::ErrorBody for #ty {
            #body
        }
    }
}

/// The default base URL of a spec (its first server, variables set to their
/// defaults) and the docs of the constant that holds it.
fn default_base_url(api: &Api) -> (String, TokenStream) {
    let url = api
        .servers
        .first()
        .map_or_else(|| FALLBACK_BASE_URL.to_owned(), server_url_with_defaults);
    let docs = docs::doc_attributes(&match api.servers.first() {
        Some(server) => docs::join_paragraphs([
            Some("The first server the spec lists, with its variables set to their defaults."),
            server.description.as_deref(),
        ])
        .unwrap_or_default(),
        None => "The spec lists no server: requests go to the path alone until `base_url` is set."
            .to_owned(),
    });
    (url, docs)
}

/// The method that hands out a group's operations (`deals()`), on the type
/// the spec's tags hang from: the crate's `Client` for a spec generated
/// alone, the module's `Api` view for a spec in a module.
pub(crate) fn emit_group_accessor(
    accessor: &proc_macro2::Ident,
    group_struct: &proc_macro2::Ident,
    docs: &TokenStream,
    mount: Mount<'_>,
) -> TokenStream {
    if mount == Mount::Tree {
        return quote! {
            impl crate::generated::Client {
                #docs
                pub fn #accessor(&self) -> #group_struct<'_> {
                    #group_struct { client: ::std::convert::AsRef::as_ref(self) }
                }
            }
        };
    }
    let root = mount.root();
    quote! {
        impl<'a> #root::Api<'a> {
            #docs
            pub fn #accessor(&self) -> #group_struct<'a> {
                #group_struct { client: self.client }
            }
        }
    }
}

/// `client.rs` of a spec generated into a module of a crate made from
/// several specs: the module's `Api` view (what `Client::<module>()`
/// returns, with one method per tag), the spec's default base URL and its
/// servers for choosing a base URL, the server URL functions, the spec's
/// own `auth` module and the `ErrorBody` implementations.
fn emit_module_client(api: &Api, cx: &Context<'_>) -> TokenStream {
    let (default_base_url, default_docs) = default_base_url(api);
    let servers = api.servers.iter().map(|server| {
        let (host, path) = server_host_and_path(server);
        quote! { crate::runtime::Server::new(#host, #path) }
    });
    let server_functions = emit_server_functions(&api.servers);
    let auth_module = emit_auth_module(&api.security_schemes);
    let error_bodies = error_body_models(api)
        .into_iter()
        .map(|name| emit_error_body(name, cx));
    let title = format!(
        "The operations of {}: one method per tag returns that tag's operations.",
        api.title.trim()
    );
    let title_docs = docs::doc_attributes(&title);
    let (from, as_ref) = (ClientMethod::From, ClientMethod::AsRef);
    quote! {
        //! This spec's view of the crate's client, its servers, its
        //! credentials, and how error bodies report their message.

        #default_docs
        pub const DEFAULT_BASE_URL: &str = #default_base_url;

        /// The servers the spec lists, as the crate's `Client` matches them
        /// against the URL it was built with to find this spec's base URL
        /// ([`crate::runtime::Client::for_spec`]).
        pub const SERVERS: &[crate::runtime::Server] = &[#(#servers),*];

        #title_docs
        ///
        /// It borrows a runtime client whose base URL is this spec's; the
        /// crate's `Client` hands it out, and `Api::from(&runtime_client)`
        /// makes one from any runtime client.
        #[derive(Debug, Clone, Copy)]
        pub struct Api<'a> {
            pub(crate) client: &'a crate::runtime::Client,
        }

        impl<'a> From<&'a crate::runtime::Client> for Api<'a> {
            fn #from(client: &'a crate::runtime::Client) -> Self {
                Api { client }
            }
        }

        impl AsRef<crate::runtime::Client> for Api<'_> {
            fn #as_ref(&self) -> &crate::runtime::Client {
                self.client
            }
        }

        #(#server_functions)*
        #auth_module
        #(#error_bodies)*
    }
}

/// A server URL split for [`crate::runtime::Server`]-style matching: the
/// host name pattern (variables kept as `{name}`; no scheme, user or port;
/// empty for a URL without a host) and the path with variables set to their
/// defaults, without a trailing `/`.
fn server_host_and_path(server: &Server) -> (String, String) {
    let (authority, path) = match server.url.split_once("://") {
        Some((_, rest)) => match rest.find('/') {
            Some(slash) => (&rest[..slash], &rest[slash..]),
            None => (rest, ""),
        },
        None => ("", server.url.as_str()),
    };
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = match host.rsplit_once(':') {
        Some((name, port))
            if !name.is_empty()
                && !port.is_empty()
                && (port.chars().all(|c| c.is_ascii_digit())
                    || (port.starts_with('{') && port.ends_with('}'))) =>
        {
            name
        }
        _ => host,
    };
    let mut path = path.to_owned();
    for (name, default) in &server.variables {
        path = path.replace(&format!("{{{name}}}"), default);
    }
    (host.to_owned(), path.trim_end_matches('/').to_owned())
}

/// One spec of a crate made from several, for the crate-level `client.rs`.
pub(crate) struct SpecModule<'a> {
    /// The module the spec's code lives in (`v1`).
    pub(crate) module: &'a RustName,
    /// The spec's IR.
    pub(crate) api: &'a Api,
}

/// The crate-level `client.rs` of a crate made from several specs: the one
/// `Client` (one credential, connection pool, retry policy and rate-limit
/// view) with a method per spec module that returns that spec's `Api`, its
/// builder starting from the first spec's default server, and an `auth`
/// module with the credential functions of every spec.
pub(crate) fn emit_crate_client(
    specs: &[SpecModule<'_>],
    schemes: &[CrateSecurityScheme],
) -> TokenStream {
    let count = proc_macro2::Literal::usize_unsuffixed(specs.len());
    let modules: Vec<proc_macro2::Ident> = specs.iter().map(|spec| spec.module.ident()).collect();
    let (default_base_url, _) = specs
        .first()
        .map(|spec| default_base_url(spec.api))
        .unwrap_or_else(|| (FALLBACK_BASE_URL.to_owned(), TokenStream::new()));
    let first_module = specs.first().map_or("", |spec| spec.module);
    let default_docs = docs::doc_attributes(&format!(
        "The default base URL of the first spec (`{first_module}`): the first server it lists, with its variables set to their defaults."
    ));
    let accessors = specs.iter().enumerate().map(emit_spec_accessor);
    let auth_module = emit_crate_auth_module(schemes, specs.len());
    let conversions = emit_client_conversions();
    let (builder, from) = (ClientMethod::Builder, ClientMethod::From);
    quote! {
        //! Client construction for every spec of the crate: the one client,
        //! its builder, and the credentials of every spec.

        #default_docs
        pub const DEFAULT_BASE_URL: &str = #default_base_url;

        /// A client of every API of the crate: one method per spec module
        /// returns that API's view, which has one method per tag.
        ///
        /// It wraps the runtime's [`crate::runtime::Client`], which holds the
        /// credential, the connection pool, the retry policy and the last
        /// rate-limit headers, shared by every spec; its methods
        /// (`set_bearer_token`, `last_rate_limit`, `base_url`) are reached
        /// through `Deref`. Each spec is served from its own base URL, found
        /// from the one the client was built with and the servers each spec
        /// lists ([`crate::runtime::Client::for_spec`]). Cheap to clone and
        /// safe to share between tasks; `Debug` output never shows the
        /// credential.
        #[derive(Clone)]
        pub struct Client {
            inner: crate::runtime::Client,
            modules: [crate::runtime::Client; #count],
        }

        /// The builder of a [`Client`], from [`Client::builder`].
        pub type ClientBuilder = crate::runtime::ClientBuilder<Client>;

        impl Client {
            /// A builder for a client of [`DEFAULT_BASE_URL`]; `base_url` on
            /// the builder picks another server, or a host from which each
            /// spec finds its own base URL.
            pub fn #builder() -> ClientBuilder {
                crate::runtime::ClientBuilder::new(DEFAULT_BASE_URL)
            }

            #(#accessors)*
        }

        impl From<crate::runtime::Client> for Client {
            fn #from(inner: crate::runtime::Client) -> Self {
                let every_spec: [&[crate::runtime::Server]; #count] =
                    [#(crate::generated::#modules::SERVERS),*];
                let modules = [#(inner.for_spec(crate::generated::#modules::SERVERS, &every_spec)),*];
                Client { inner, modules }
            }
        }

        #conversions

        #auth_module
    }
}

/// The method of the crate's `Client` that returns the API view of the spec
/// at `index`.
fn emit_spec_accessor((index, spec): (usize, &SpecModule<'_>)) -> TokenStream {
    let index = proc_macro2::Literal::usize_unsuffixed(index);
    let module = spec.module.ident();
    let docs = docs::doc_attributes(&format!(
        "The operations of {} (module [`{}`](crate::generated::{})), served from this spec's base URL.",
        spec.api.title.trim(),
        spec.module,
        spec.module
    ));
    quote! {
        #docs
        pub fn #module(&self) -> crate::generated::#module::Api<'_> {
            crate::generated::#module::Api::from(&self.modules[#index])
        }
    }
}

/// The crate-level `auth` module: one function per security scheme of any
/// spec, as lowering merged and named them
/// (`lower::operation::crate_security_schemes`). A scheme that not every
/// spec declares says which do.
fn emit_crate_auth_module(
    schemes: &[CrateSecurityScheme],
    spec_count: usize,
) -> Option<TokenStream> {
    if schemes.is_empty() {
        return None;
    }
    let functions = schemes
        .iter()
        .map(|CrateSecurityScheme { scheme, modules }| {
            let mut scheme = scheme.clone();
            if modules.len() < spec_count {
                let mut list: Vec<String> =
                    modules.iter().map(|module| format!("`{module}`")).collect();
                let last = list.pop().unwrap_or_default();
                let note = if list.is_empty() {
                    format!("Only the {last} spec declares this scheme.")
                } else {
                    format!(
                        "Only the {} and {last} specs declare this scheme.",
                        list.join(", ")
                    )
                };
                scheme.docs = docs::join_paragraphs([scheme.docs.as_deref(), Some(note.as_str())]);
            }
            emit_credential_function(&scheme)
        });
    let auth = RootItem::Auth;
    Some(quote! {
        /// Credentials, one function per security scheme of the crate's
        /// specs, for [`crate::runtime::ClientBuilder::credential`]
        /// (`Client::builder().credential(auth::...)`). A client holds one
        /// credential, which every spec's requests carry.
        pub mod #auth {
            #(#functions)*
        }
    })
}
