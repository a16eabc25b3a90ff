//! Lowering of `servers` and `components.securitySchemes`: the default
//! base URL, the server URL helpers and the credential functions.

use openapiv3::APIKeyLocation;

use crate::JsonPointer;
use crate::ir::{
    Api, CrateSecurityScheme, SecurityScheme, SecuritySchemeKind, Server, ServerUrlFunction,
};
use crate::lower::Lowerer;
use crate::naming::{RustName, Scope, value_name};

impl Lowerer<'_> {
    /// Lowers `servers`, in spec order, naming the URL function of each
    /// server with variables in that order.
    pub(crate) fn lower_servers(&mut self) -> Vec<Server> {
        let mut functions = Scope::default();
        functions.reserve("builder");
        self.document
            .openapi
            .servers
            .iter()
            .map(|server| {
                let variables: Vec<(String, String)> = server
                    .variables
                    .iter()
                    .flatten()
                    .map(|(name, variable)| (name.clone(), variable.default.clone()))
                    .collect();
                Server {
                    url: server.url.clone(),
                    description: server
                        .description
                        .as_deref()
                        .and_then(crate::docs::markdown),
                    url_function: server_url_function(&variables, &mut functions),
                    variables,
                }
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

/// The URL function of a server with `variables` (`server_url_<variables>`,
/// claimed in `functions`) and its arguments, one per variable; `None`
/// without variables.
fn server_url_function(
    variables: &[(String, String)],
    functions: &mut Scope,
) -> Option<ServerUrlFunction> {
    if variables.is_empty() {
        return None;
    }
    let variable_names: Vec<RustName> =
        variables.iter().map(|(name, _)| value_name(name)).collect();
    let bare_names: Vec<&str> = variable_names.iter().map(RustName::bare).collect();
    let name = functions.claim(&format!("server_url_{}", bare_names.join("_")));
    let mut argument_scope = Scope::default();
    let arguments = variable_names
        .iter()
        .map(|name| argument_scope.claim(name))
        .collect();
    Some(ServerUrlFunction { name, arguments })
}

/// The credential functions of the root `auth` module of a crate made from
/// `specs` (each a module and its IR, in the crate's order): one per
/// security scheme of any spec. A scheme that several specs declare alike
/// (same function name, same way of sending) is one function; one that a
/// later spec declares under a taken name but sends differently is named
/// after its module (`v2_api_key`). The names are claimed in one scope, in
/// the specs' order.
pub(crate) fn crate_security_schemes(specs: &[(&str, &Api)]) -> Vec<CrateSecurityScheme> {
    let mut schemes: Vec<CrateSecurityScheme> = Vec::new();
    let mut scope = Scope::default();
    for (module, api) in specs {
        for scheme in &api.security_schemes {
            if let Some(known) = schemes.iter_mut().find(|known| {
                known.scheme.method == scheme.method && known.scheme.kind == scheme.kind
            }) {
                known.modules.push((*module).to_owned());
                continue;
            }
            let taken = schemes
                .iter()
                .any(|known| known.scheme.method == scheme.method);
            let wanted = if taken {
                format!("{module}_{}", scheme.method.bare())
            } else {
                scheme.method.to_string()
            };
            schemes.push(CrateSecurityScheme {
                scheme: SecurityScheme {
                    method: scope.claim(&wanted),
                    ..scheme.clone()
                },
                modules: vec![(*module).to_owned()],
            });
        }
    }
    schemes
}
