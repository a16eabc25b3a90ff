//! Lowering of `servers` and `components.securitySchemes`: the default
//! base URL, the server URL helpers and the credential functions.

use openapiv3::APIKeyLocation;

use crate::JsonPointer;
use crate::ir::{SecurityScheme, SecuritySchemeKind, Server};
use crate::lower::Lowerer;
use crate::naming::{Scope, value_name};

impl Lowerer<'_> {
    /// Lowers `servers`, in spec order.
    pub(crate) fn lower_servers(&mut self) -> Vec<Server> {
        self.document
            .openapi
            .servers
            .iter()
            .map(|server| Server {
                url: server.url.clone(),
                description: server
                    .description
                    .as_deref()
                    .and_then(crate::docs::markdown),
                variables: server
                    .variables
                    .iter()
                    .flatten()
                    .map(|(name, variable)| (name.clone(), Some(variable.default.clone())))
                    .collect(),
            })
            .collect()
    }

    /// Lowers `components.securitySchemes`, sorted by name. A scheme the
    /// runtime cannot apply (an HTTP scheme other than `bearer` or `basic`)
    /// gets no function in the generated `auth` module;
    /// `ClientBuilder::credential` with a `Credential` made by hand still
    /// works. The functions have a module of their own, so their names only
    /// have to differ from each other.
    pub(crate) fn lower_security_schemes(&mut self) -> Vec<SecurityScheme> {
        let document = self.document;
        let Some(components) = document.openapi.components.as_ref() else {
            return Vec::new();
        };
        let schemes_pointer = JsonPointer::root()
            .push("components")
            .push("securitySchemes");
        let mut names: Vec<&String> = components.security_schemes.keys().collect();
        names.sort();
        let mut scope = Scope::default();
        let mut lowered = Vec::new();
        for name in names {
            let Some(scheme) = components.security_schemes.get(name) else {
                continue;
            };
            let pointer = schemes_pointer.push(name);
            let Some((scheme, _)) = self.resolve_security_scheme(components, scheme, &pointer)
            else {
                continue;
            };
            let (kind, docs) = match scheme {
                openapiv3::SecurityScheme::APIKey {
                    location,
                    name: key_name,
                    description,
                    ..
                } => {
                    let kind = match location {
                        APIKeyLocation::Header => {
                            SecuritySchemeKind::ApiKeyHeader(key_name.clone())
                        }
                        APIKeyLocation::Query => SecuritySchemeKind::ApiKeyQuery(key_name.clone()),
                        APIKeyLocation::Cookie => {
                            SecuritySchemeKind::ApiKeyCookie(key_name.clone())
                        }
                    };
                    (kind, description)
                }
                openapiv3::SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } => match scheme.to_ascii_lowercase().as_str() {
                    "bearer" => (SecuritySchemeKind::Bearer, description),
                    "basic" => (SecuritySchemeKind::Basic, description),
                    _ => continue,
                },
                openapiv3::SecurityScheme::OAuth2 { description, .. }
                | openapiv3::SecurityScheme::OpenIDConnect { description, .. } => {
                    (SecuritySchemeKind::Bearer, description)
                }
            };
            let method = scope.claim(&value_name(name));
            lowered.push(SecurityScheme {
                name: name.clone(),
                method,
                kind,
                docs: docs.as_deref().and_then(crate::docs::markdown),
            });
        }
        lowered
    }
}
