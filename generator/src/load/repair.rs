//! Repairs on the JSON value, before `openapiv3` reads it, for constructs
//! that real specs contain and that are either valid but unusual or wrong in a
//! way whose meaning is still clear:
//!
//! - A `$ref` to a place in the document other than a `components` entry
//!   (`#/paths/~1jobs~1%7Bid%7D/get/responses/401`, `#/paths/~1ip-address`)
//!   is replaced by a copy of its target, with the `$ref`'s sibling keys on
//!   top. Chains are followed for a few rounds; what is left stays a `$ref`
//!   and is reported (or typed as any JSON value) by lowering. References
//!   into a component schema (`#/components/schemas/A/properties/b`) are left
//!   to schema lowering, which gives them the model of the schema written
//!   there instead of a copy (copies of copies grow without bound in specs
//!   converted from Swagger 2, such as Azure's).
//! - A response `$ref` that names no entry of `components/responses` (for
//!   example a schema) becomes a response whose body is any JSON value, with
//!   the problem in its description.
//! - `callbacks` are removed: a client does not serve them, and specs write
//!   them in shapes `openapiv3` cannot read.
//! - A non-string `pattern` or `format` in a schema is removed (it only
//!   constrains values); a non-string `description` or `title` is spelled as
//!   text.

use serde_json::{Map, Value};

use crate::JsonPointer;
use crate::limits::{MAXIMUM_INLINE_ROUNDS, MAXIMUM_INLINED_REFERENCES};

/// Runs every repair on the whole document.
pub(super) fn repair_document(raw: &mut Value) {
    remove_callbacks(raw);
    inline_local_references(raw);
    replace_dangling_response_references(raw);
    repair_schema_keywords(raw);
}

/// Removes `callbacks` from every operation and from `components`.
fn remove_callbacks(raw: &mut Value) {
    if let Some(components) = raw.get_mut("components").and_then(Value::as_object_mut) {
        components.remove("callbacks");
    }
    for operation in operations_mut(raw) {
        operation.remove("callbacks");
    }
}

/// Every operation object under `paths`.
fn operations_mut(raw: &mut Value) -> Vec<&mut Map<String, Value>> {
    let Some(paths) = raw.get_mut("paths").and_then(Value::as_object_mut) else {
        return Vec::new();
    };
    paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|path_item| {
            path_item
                .iter_mut()
                .filter(|(method, _)| is_method(method))
                .filter_map(|(_, operation)| operation.as_object_mut())
        })
        .collect()
}

/// Whether a path item key is an HTTP method.
fn is_method(key: &str) -> bool {
    matches!(
        key,
        "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
    )
}

/// Whether a `$ref` is resolved by lowering rather than inlined here: a
/// `components` entry (`#/components/<section>/<name>`), or a place inside
/// a component schema.
fn is_left_to_lowering(reference: &str) -> bool {
    component_tokens(reference).is_some_and(|tokens| {
        tokens.len() == 2 || tokens.first().is_some_and(|section| section == "schemas")
    })
}

/// The tokens after `components` of a local `$ref` into `components`
/// (`#/components/schemas/A/items` gives `schemas`, `A`, `items`).
fn component_tokens(reference: &str) -> Option<Vec<String>> {
    let mut tokens = JsonPointer::from_reference(reference)?.tokens()?;
    (tokens.first()? == "components").then(|| tokens.split_off(1))
}

/// Replaces local references to anything but a `components` entry by a copy
/// of their target.
fn inline_local_references(raw: &mut Value) {
    let mut inlined = 0;
    for _ in 0..MAXIMUM_INLINE_ROUNDS {
        let mut sites = Vec::new();
        collect_inlinable_references(raw, &mut String::new(), &mut sites);
        let mut replacements = Vec::new();
        for (site, reference) in sites {
            if inlined >= MAXIMUM_INLINED_REFERENCES {
                break;
            }
            let Some(target) =
                JsonPointer::from_reference(&reference).and_then(|path| raw.pointer(path.as_str()))
            else {
                continue;
            };
            replacements.push((site, target.clone()));
            inlined += 1;
        }
        if replacements.is_empty() {
            return;
        }
        for (site, target) in replacements {
            if let Some(slot) = raw.pointer_mut(&site) {
                let siblings = match slot.take() {
                    Value::Object(mut object) => {
                        object.remove("$ref");
                        object
                    }
                    _ => Map::new(),
                };
                *slot = with_siblings(target, siblings);
            }
        }
    }
}

/// The target with the `$ref`'s sibling keys (`description`, `nullable`)
/// written over it.
fn with_siblings(target: Value, siblings: Map<String, Value>) -> Value {
    match target {
        Value::Object(mut object) => {
            object.extend(siblings);
            Value::Object(object)
        }
        other => other,
    }
}

/// Collects `(pointer of the object holding the $ref, the $ref)` for every
/// local reference that is not a `components` entry, in document order.
fn collect_inlinable_references(value: &Value, path: &mut String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get("$ref")
                && reference.starts_with("#/")
                && !is_left_to_lowering(reference)
            {
                out.push((path.clone(), reference.clone()));
            }
            for (key, child) in object {
                let length = path.len();
                path.push('/');
                path.push_str(&key.replace('~', "~0").replace('/', "~1"));
                collect_inlinable_references(child, path, out);
                path.truncate(length);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let length = path.len();
                path.push('/');
                path.push_str(&index.to_string());
                collect_inlinable_references(child, path, out);
                path.truncate(length);
            }
        }
        _ => {}
    }
}

/// Replaces response `$ref`s that name no entry of `components/responses`
/// by a response with any JSON body and a description saying why.
fn replace_dangling_response_references(raw: &mut Value) {
    let known: Vec<String> = raw
        .pointer("/components/responses")
        .and_then(Value::as_object)
        .map(|responses| responses.keys().cloned().collect())
        .unwrap_or_default();
    for operation in operations_mut(raw) {
        let Some(responses) = operation
            .get_mut("responses")
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        for response in responses.values_mut() {
            let Some(reference) = response.get("$ref").and_then(Value::as_str) else {
                continue;
            };
            let resolves = JsonPointer::from_reference(reference)
                .and_then(|pointer| pointer.component_entry("responses"))
                .is_some_and(|name| known.contains(&name));
            if !resolves {
                let description = format!(
                    "The spec refers to `{reference}`, which is not a response; the body is read as any JSON value."
                );
                *response = serde_json::json!({
                    "description": description,
                    "content": { "application/json": { "schema": {} } },
                });
            }
        }
    }
}

/// Fixes keyword values of the wrong type in every schema-like object.
fn repair_schema_keywords(value: &mut Value) {
    match value {
        Value::Object(object) => {
            // An object value is a property named `pattern` or `title`,
            // not a keyword: it is left alone.
            for keyword in ["pattern", "format"] {
                if object
                    .get(keyword)
                    .is_some_and(|value| !value.is_string() && !value.is_object())
                {
                    object.remove(keyword);
                }
            }
            for keyword in ["description", "title"] {
                if let Some(text) = object.get_mut(keyword)
                    && (text.is_number() || text.is_boolean())
                {
                    *text = Value::String(text.to_string());
                }
            }
            object.values_mut().for_each(repair_schema_keywords);
        }
        Value::Array(items) => items.iter_mut().for_each(repair_schema_keywords),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn check(input: Value, expect: Value) {
        let mut document = input.clone();
        repair_document(&mut document);
        assert_eq!(document, expect, "input {input}");
    }

    #[test]
    fn references_into_paths_are_inlined() {
        check(
            json!({"paths": {
                "/a/{id}": {"get": {"responses": {"401": {"description": "no"}}}},
                "/b": {"get": {"responses": {"401": {"$ref": "#/paths/~1a~1%7Bid%7D/get/responses/401"}}}},
                "/c": {"$ref": "#/paths/~1b"}
            }}),
            json!({"paths": {
                "/a/{id}": {"get": {"responses": {"401": {"description": "no"}}}},
                "/b": {"get": {"responses": {"401": {"description": "no"}}}},
                "/c": {"get": {"responses": {"401": {"description": "no"}}}}
            }}),
        );
    }

    #[test]
    fn component_entries_and_missing_targets_stay_references() {
        let document = json!({"paths": {"/a": {"get": {"parameters": [
            {"$ref": "#/components/parameters/id"},
            {"$ref": "#/paths/~1missing/get/parameters/0"}
        ], "responses": {}}}}});
        check(document.clone(), document);
    }

    #[test]
    fn siblings_of_an_inlined_reference_win() {
        check(
            json!({"paths": {"/a": {"get": {"parameters": [
                {"name": "id", "in": "query", "schema": {"type": "string"}, "description": "A."},
                {"$ref": "#/paths/~1a/get/parameters/0", "description": "B."}
            ], "responses": {}}}}}),
            json!({"paths": {"/a": {"get": {"parameters": [
                {"name": "id", "in": "query", "schema": {"type": "string"}, "description": "A."},
                {"name": "id", "in": "query", "schema": {"type": "string"}, "description": "B."}
            ], "responses": {}}}}}),
        );
    }

    #[test]
    fn references_into_component_schemas_are_left_to_lowering() {
        let document = json!({"components": {"schemas": {"A": {"type": "object", "properties": {
            "b": {"type": "string"},
            "c": {"$ref": "#/components/schemas/A/properties/b"}
        }}}}});
        check(document.clone(), document);
    }

    #[test]
    fn self_referencing_copies_stop_after_a_few_rounds() {
        let document = json!({"paths": {"/a": {"get": {"parameters": [
            {"$ref": "#/paths/~1a/get/parameters/0"}
        ], "responses": {}}}}});
        check(document.clone(), document);
    }

    #[test]
    fn dangling_response_references_become_any_json() {
        check(
            json!({"paths": {"/a": {"get": {"responses": {
                "400": {"$ref": "#/components/schemas/BadRequest"},
                "404": {"$ref": "#/components/responses/NotFound"}
            }}}}, "components": {"responses": {"NotFound": {"description": "gone"}}}}),
            json!({"paths": {"/a": {"get": {"responses": {
                "400": {
                    "description": "The spec refers to `#/components/schemas/BadRequest`, which is not a response; the body is read as any JSON value.",
                    "content": {"application/json": {"schema": {}}}
                },
                "404": {"$ref": "#/components/responses/NotFound"}
            }}}}, "components": {"responses": {"NotFound": {"description": "gone"}}}}),
        );
    }

    #[test]
    fn callbacks_and_ill_typed_keywords_are_dropped() {
        check(
            json!({"paths": {"/a": {"get": {"callbacks": {"x": {"$ref": "#/components/callbacks/x"}}, "responses": {}}}},
                "components": {"callbacks": {"x": {}}, "schemas": {"A": {"type": "string", "pattern": 0, "title": 3}}}}),
            json!({"paths": {"/a": {"get": {"responses": {}}}},
                "components": {"schemas": {"A": {"type": "string", "title": "3"}}}}),
        );
    }
}
