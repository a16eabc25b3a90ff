//! The patches progenitor needs before it accepts a real spec, so that the
//! benchmark can compare both generators on the same document. Each patch
//! removes something progenitor cannot take (it panics or refuses), and the
//! benchmark prints how often each one was applied.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use generator::JsonPointer;
use serde_json::Value;

/// HTTP methods of a path item.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// How often each patch was applied.
pub(crate) type PatchCounts = BTreeMap<&'static str, usize>;

/// Parses a YAML or JSON spec into JSON.
pub(crate) fn read_spec(text: &str) -> Result<Value> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).context("the spec is not valid JSON")
    } else {
        serde_yaml::from_str(text).context("the spec is not valid YAML")
    }
}

/// Applies the patches in place and counts them.
pub(crate) fn patch_for_progenitor(spec: &mut Value) -> PatchCounts {
    let mut counts = PatchCounts::new();
    let paths: Vec<String> = spec
        .get("paths")
        .and_then(Value::as_object)
        .map(|paths| paths.keys().cloned().collect())
        .unwrap_or_default();
    for path in paths {
        for method in METHODS {
            let pointer = format!("/paths/{}/{method}", escape(&path));
            if spec.pointer(&pointer).is_none() {
                continue;
            }
            if !patch_operation(spec, &pointer, &path, method, &mut counts) {
                if let Some(item) = spec.pointer_mut(&format!("/paths/{}", escape(&path)))
                    && let Some(item) = item.as_object_mut()
                {
                    item.remove(method);
                }
                *counts
                    .entry("dropped an operation without a JSON request body")
                    .or_default() += 1;
            }
        }
    }
    counts
}

/// Patches one operation; false when the operation must be dropped.
fn patch_operation(
    spec: &mut Value,
    pointer: &str,
    path: &str,
    method: &str,
    counts: &mut PatchCounts,
) -> bool {
    if let Some(operation) = spec.pointer_mut(pointer).and_then(Value::as_object_mut)
        && !operation.contains_key("operationId")
    {
        let name: String = format!("{method}{path}")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        operation.insert("operationId".to_owned(), Value::String(name));
        *counts.entry("added a missing operationId").or_default() += 1;
    }
    // Request body: one media type, JSON (progenitor panics on two).
    let body_pointer = resolve(spec, &format!("{pointer}/requestBody"));
    if let Some(content) = spec
        .pointer_mut(&format!("{body_pointer}/content"))
        .and_then(Value::as_object_mut)
        && (content.len() > 1 || (!content.is_empty() && !content.contains_key("application/json")))
    {
        let Some(json) = content.get("application/json").cloned() else {
            return false;
        };
        content.clear();
        content.insert("application/json".to_owned(), json);
        *counts.entry("kept only the JSON request body").or_default() += 1;
    }
    // Query parameters in deepObject style are refused.
    let parameters = spec
        .pointer(&format!("{pointer}/parameters"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let kept: Vec<Value> = parameters
        .into_iter()
        .filter(|parameter| {
            let resolved = resolve_value(spec, parameter);
            let deep = resolved.get("style").and_then(Value::as_str) == Some("deepObject");
            if deep {
                *counts
                    .entry("dropped a deepObject query parameter")
                    .or_default() += 1;
            }
            !deep
        })
        .collect();
    if let Some(operation) = spec.pointer_mut(pointer).and_then(Value::as_object_mut)
        && operation.contains_key("parameters")
    {
        operation.insert("parameters".to_owned(), Value::Array(kept));
    }
    // Responses: one success type (progenitor asserts it), no `default` beside it.
    if let Some(responses) = spec
        .pointer_mut(&format!("{pointer}/responses"))
        .and_then(Value::as_object_mut)
    {
        let mut successes: Vec<String> = responses
            .keys()
            .filter(|code| code.starts_with('2'))
            .cloned()
            .collect();
        successes.sort();
        for code in successes.iter().skip(1) {
            responses.remove(code);
            *counts
                .entry("kept only the first 2xx response")
                .or_default() += 1;
        }
        if !successes.is_empty() && responses.remove("default").is_some() {
            *counts
                .entry("dropped a default response beside a 2xx")
                .or_default() += 1;
        }
    }
    let codes: Vec<String> = spec
        .pointer(&format!("{pointer}/responses"))
        .and_then(Value::as_object)
        .map(|responses| responses.keys().cloned().collect())
        .unwrap_or_default();
    for code in codes {
        let response_pointer = resolve(spec, &format!("{pointer}/responses/{}", escape(&code)));
        if let Some(content) = spec
            .pointer_mut(&format!("{response_pointer}/content"))
            .and_then(Value::as_object_mut)
            && content.len() > 1
        {
            let keep = if content.contains_key("application/json") {
                "application/json".to_owned()
            } else {
                content.keys().next().cloned().unwrap_or_default()
            };
            let kept = content.get(&keep).cloned().unwrap_or(Value::Null);
            content.clear();
            content.insert(keep, kept);
            *counts.entry("kept one response media type").or_default() += 1;
        }
    }
    true
}

/// The pointer of what the node at `pointer` stands for, following local
/// `$ref`s with the generator's follower; `pointer` itself when nothing is
/// there or the chain does not end.
fn resolve(spec: &Value, pointer: &str) -> String {
    spec.pointer(pointer)
        .and_then(|node| {
            generator::follow_references(spec, node, JsonPointer::from_escaped(pointer))
        })
        .map_or_else(|| pointer.to_owned(), |(_, end)| end.as_str().to_owned())
}

/// The node a possibly `$ref`'d value stands for.
fn resolve_value<'a>(spec: &'a Value, value: &'a Value) -> &'a Value {
    generator::follow_references(spec, value, JsonPointer::root()).map_or(value, |(node, _)| node)
}

/// Escapes one JSON-pointer token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patches_what_progenitor_refuses_and_counts_it() {
        let mut spec = json!({
            "openapi": "3.0.3",
            "paths": {
                "/deals": {
                    "post": {
                        "requestBody": {"$ref": "#/components/requestBodies/Deal"},
                        "parameters": [{"name": "f", "in": "query", "style": "deepObject"}, {"name": "g", "in": "query"}],
                        "responses": {"200": {}, "201": {}, "default": {}}
                    },
                    "put": {
                        "operationId": "upload",
                        "requestBody": {"content": {"multipart/form-data": {}}},
                        "responses": {"200": {}}
                    }
                }
            },
            "components": {"requestBodies": {"Deal": {"content": {
                "application/x-www-form-urlencoded": {}, "application/json": {"schema": {}}
            }}}}
        });
        let counts = patch_for_progenitor(&mut spec);
        let post = &spec["paths"]["/deals"]["post"];
        assert_eq!(post["operationId"], "post_deals");
        assert_eq!(post["parameters"], json!([{"name": "g", "in": "query"}]));
        assert_eq!(post["responses"], json!({"200": {}}));
        assert_eq!(
            spec["components"]["requestBodies"]["Deal"]["content"],
            json!({"application/json": {"schema": {}}})
        );
        assert!(spec["paths"]["/deals"].get("put").is_none());
        assert_eq!(
            counts["dropped an operation without a JSON request body"],
            1
        );
        assert_eq!(counts["kept only the first 2xx response"], 1);
        assert_eq!(counts["dropped a default response beside a 2xx"], 1);
        assert_eq!(counts["dropped a deepObject query parameter"], 1);
    }
}
