//! Resolution of `$ref`s to `components` entries other than schemas
//! (parameters, request bodies, responses, security schemes).

use indexmap::IndexMap;
use openapiv3::{Components, ReferenceOr};

use crate::load::Document;
use crate::lower::Lowerer;
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
        let mut current = start;
        let mut current_pointer = pointer.clone();
        for _ in 0..MAXIMUM_REFERENCE_HOPS {
            let reference = match current {
                ReferenceOr::Item(item) => return Some((item, current_pointer)),
                ReferenceOr::Reference { reference } => reference,
            };
            let target = JsonPointer::from_reference(reference)
                .and_then(|target| target.component_entry(section))
                .and_then(|name| map.and_then(|map| map.get_key_value(&name)));
            let Some((name, next)) = target else {
                self.errors.push(Error::Unsupported {
                    pointer: current_pointer.push("$ref"),
                    message: format!(
                        "`{reference}` does not name an entry of `components/{section}`"
                    ),
                });
                return None;
            };
            current = next;
            current_pointer = JsonPointer::root()
                .push("components")
                .push(section)
                .push(name);
        }
        self.errors.push(Error::Unsupported {
            pointer: pointer.clone(),
            message: format!("a cycle of `$ref`s in `components/{section}`"),
        });
        None
    }
}
