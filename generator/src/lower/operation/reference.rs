//! Resolution of `$ref`s to `components` entries other than schemas
//! (parameters, request bodies, responses, security schemes).

use indexmap::IndexMap;
use openapiv3::{Components, ReferenceOr};

use crate::load::Document;
use crate::lower::Lowerer;
use crate::lower::reference::{Link, Unresolved, follow};
use crate::{Error, JsonPointer};

use crate::limits::MAXIMUM_REFERENCE_HOPS;

impl Lowerer<'_> {
    /// Resolves a parameter, reporting a dangling or cyclic `$ref`.
    pub(super) fn resolve_parameter<'d>(
        &mut self,
        document: &'d Document,
        parameter: &'d ReferenceOr<openapiv3::Parameter>,
        pointer: &JsonPointer,
    ) -> Option<(&'d openapiv3::Parameter, JsonPointer)> {
        let map = document
            .openapi
            .components
            .as_ref()
            .map(|components| &components.parameters);
        self.resolve_component(parameter, map, "parameters", pointer)
    }

    /// Resolves a request body, reporting a dangling or cyclic `$ref`.
    pub(super) fn resolve_request_body<'d>(
        &mut self,
        document: &'d Document,
        body: &'d ReferenceOr<openapiv3::RequestBody>,
        pointer: &JsonPointer,
    ) -> Option<(&'d openapiv3::RequestBody, JsonPointer)> {
        let map = document
            .openapi
            .components
            .as_ref()
            .map(|components| &components.request_bodies);
        self.resolve_component(body, map, "requestBodies", pointer)
    }

    /// Resolves a response, reporting a dangling or cyclic `$ref`.
    pub(super) fn resolve_response<'d>(
        &mut self,
        document: &'d Document,
        response: &'d ReferenceOr<openapiv3::Response>,
        pointer: &JsonPointer,
    ) -> Option<(&'d openapiv3::Response, JsonPointer)> {
        let map = document
            .openapi
            .components
            .as_ref()
            .map(|components| &components.responses);
        self.resolve_component(response, map, "responses", pointer)
    }

    /// Resolves a security scheme, reporting a dangling or cyclic `$ref`.
    pub(super) fn resolve_security_scheme<'d>(
        &mut self,
        components: &'d Components,
        scheme: &'d ReferenceOr<openapiv3::SecurityScheme>,
        pointer: &JsonPointer,
    ) -> Option<(&'d openapiv3::SecurityScheme, JsonPointer)> {
        self.resolve_component(
            scheme,
            Some(&components.security_schemes),
            "securitySchemes",
            pointer,
        )
    }

    /// Follows `$ref`s of the form `#/components/<section>/<name>` until an
    /// item is reached. Returns the item and its pointer, or records an error
    /// (at the pointer of the `$ref` that fails) and returns `None`.
    fn resolve_component<'d, T>(
        &mut self,
        start: &'d ReferenceOr<T>,
        map: Option<&'d IndexMap<String, ReferenceOr<T>>>,
        section: &str,
        pointer: &JsonPointer,
    ) -> Option<(&'d T, JsonPointer)> {
        let target = |reference: &'d str, _| {
            let name = JsonPointer::from_reference(reference)?.component_entry(section)?;
            let (name, next) = map?.get_key_value(&name)?;
            let at = JsonPointer::root()
                .push("components")
                .push(section)
                .push(name);
            Some(Link::of(next, at))
        };
        let error = match follow(
            Link::of(start, pointer.clone()),
            MAXIMUM_REFERENCE_HOPS,
            target,
        ) {
            Ok(found) => return Some(found),
            Err(Unresolved::Dangling { reference, pointer }) => Error::Unsupported {
                pointer: pointer.push("$ref"),
                message: format!("`{reference}` does not name an entry of `components/{section}`"),
            },
            Err(Unresolved::Cycle) => Error::Unsupported {
                pointer: pointer.clone(),
                message: format!("a cycle of `$ref`s in `components/{section}`"),
            },
        };
        self.errors.push(error);
        None
    }
}
