//! Loading: text → JSON value → OpenAPI 3.1 lowered to 3.0 → `openapiv3`.
//!
//! `openapiv3` reads OpenAPI 3.0. A 3.1 document is rewritten on the JSON
//! value first, at schema positions only (never inside a `properties` map,
//! where keys are property names):
//!
//! - `type: [T, "null"]` → `type: T` + `nullable: true`; several non-null
//!   types → a `oneOf` of one schema per type.
//! - a `{type: "null"}` member of `oneOf`/`anyOf` → removed, parent nullable.
//! - `const: v` → `enum: [v]`; `examples: [...]` → `example`.
//! - numeric `exclusiveMinimum`/`exclusiveMaximum` → `minimum` + `true`.
//! - `{$ref, nullable: true}` → `{allOf: [{$ref}], nullable: true}`.
//! - boolean schemas: `true` → `{}`, `false` → `{not: {}}`.
//! - `openapi: 3.1.x` → `3.0.3`; a missing `paths` → `{}`.
//!
//! Before that, [`repair`] inlines `$ref`s to places other than `components`
//! entries and mends a few common mistakes of real specs.

mod repair;

use serde_json::{Map, Value};

use crate::{Error, JsonPointer};

/// A loaded document: the typed view of the spec after repairs and 3.1
/// lowering. The JSON it was read from is dropped once deserialized.
pub(crate) struct Document {
    /// The typed document.
    pub(crate) openapi: openapiv3::OpenAPI,
}

/// Parses `text` (YAML or JSON).
pub(crate) fn load(text: &str) -> Result<Document, Error> {
    let mut raw = parse_text(text)?;
    if !raw.is_object() {
        return Err(Error::Shape {
            pointer: JsonPointer::root(),
            message: "the document is not a mapping".to_owned(),
        });
    }
    repair::repair_document(&mut raw);
    lower_document(&mut raw);
    let openapi = deserialize_openapi(&raw)?;
    Ok(Document { openapi })
}

/// The typed document. Tracking the path costs time on every node, so it is
/// only done again, to name the pointer, when the plain deserialization fails.
fn deserialize_openapi(raw: &Value) -> Result<openapiv3::OpenAPI, Error> {
    use serde::Deserialize;
    if let Ok(openapi) = openapiv3::OpenAPI::deserialize(raw) {
        return Ok(openapi);
    }
    serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(raw).map_err(|error| Error::Shape {
        pointer: pointer_from_path(error.path()),
        message: error.inner().to_string(),
    })
}

/// Parses the text as JSON when it looks like JSON (it starts with `{`),
/// otherwise as YAML. JSON goes through `serde_json`: it is several times
/// faster than the YAML parser on large specs and reads integers beyond
/// 64 bits (`minimum: -9223372036854776000`) as floats instead of refusing
/// them. JSON that `serde_json` rejects is tried as YAML before giving up.
pub(crate) fn parse_text(text: &str) -> Result<Value, Error> {
    let looks_like_json = text.trim_start().starts_with('{');
    let json_error = if looks_like_json {
        match serde_json::from_str::<Value>(text) {
            Ok(value) => return Ok(value),
            Err(error) => Some(error),
        }
    } else {
        None
    };
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(yaml) => Ok(yaml_to_json(yaml)),
        Err(yaml_error) => Err(Error::Syntax {
            message: json_error.map_or_else(|| yaml_error.to_string(), |error| error.to_string()),
        }),
    }
}

/// Converts YAML to JSON: merge keys applied, non-string keys stringified,
/// tags dropped, non-finite floats as `null`.
fn yaml_to_json(mut yaml: serde_yaml::Value) -> Value {
    // A merge error (a `<<` that is not a mapping) leaves the key as data.
    let _ = yaml.apply_merge();
    convert_yaml(yaml)
}

fn convert_yaml(yaml: serde_yaml::Value) -> Value {
    match yaml {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(value) => Value::Bool(value),
        serde_yaml::Value::Number(number) => {
            if let Some(value) = number.as_i64() {
                Value::from(value)
            } else if let Some(value) = number.as_u64() {
                Value::from(value)
            } else {
                number
                    .as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        serde_yaml::Value::String(value) => Value::String(value),
        serde_yaml::Value::Sequence(items) => {
            Value::Array(items.into_iter().map(convert_yaml).collect())
        }
        serde_yaml::Value::Mapping(mapping) => {
            let mut object = Map::new();
            for (key, value) in mapping {
                object.insert(yaml_key(key), convert_yaml(value));
            }
            Value::Object(object)
        }
        serde_yaml::Value::Tagged(tagged) => convert_yaml(tagged.value),
    }
}

/// A mapping key as a string (`200:` is an integer key in YAML).
fn yaml_key(key: serde_yaml::Value) -> String {
    match convert_yaml(key) {
        Value::String(text) => text,
        Value::Null => "null".to_owned(),
        other => other.to_string(),
    }
}

/// The JSON pointer of a `serde_path_to_error` path.
fn pointer_from_path(path: &serde_path_to_error::Path) -> JsonPointer {
    let mut pointer = JsonPointer::root();
    for segment in path.iter() {
        pointer = match segment {
            serde_path_to_error::Segment::Seq { index } => pointer.push(index),
            serde_path_to_error::Segment::Map { key } => pointer.push(key),
            serde_path_to_error::Segment::Enum { variant } => pointer.push(variant),
            serde_path_to_error::Segment::Unknown => pointer,
        };
    }
    pointer
}

/// Rewrites the 3.1 constructs of the whole document.
fn lower_document(raw: &mut Value) {
    let Some(object) = raw.as_object_mut() else {
        return;
    };
    if let Some(Value::String(version)) = object.get_mut("openapi")
        && version.starts_with("3.1")
    {
        *version = "3.0.3".to_owned();
    }
    if !object.get("paths").is_some_and(Value::is_object) {
        object.insert("paths".to_owned(), Value::Object(Map::new()));
    }
    for (key, value) in object.iter_mut() {
        if key == "components" {
            lower_components(value);
        } else {
            lower_schema_positions(value);
        }
    }
}

/// Lowers `components`: every entry of `schemas` is a schema.
fn lower_components(components: &mut Value) {
    let Some(object) = components.as_object_mut() else {
        return;
    };
    for (key, value) in object.iter_mut() {
        if key == "schemas" {
            if let Some(schemas) = value.as_object_mut() {
                schemas.values_mut().for_each(lower_schema);
            }
        } else {
            lower_schema_positions(value);
        }
    }
}

/// Walks a non-schema part of the document and lowers every `schema` value.
fn lower_schema_positions(value: &mut Value) {
    match value {
        Value::Object(object) => {
            for (key, child) in object.iter_mut() {
                if key == "schema" {
                    lower_schema(child);
                } else {
                    lower_schema_positions(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(lower_schema_positions),
        _ => {}
    }
}

/// Lowers one schema and the schemas inside it.
fn lower_schema(schema: &mut Value) {
    if let Value::Bool(allowed) = schema {
        *schema = if *allowed {
            Value::Object(Map::new())
        } else {
            serde_json::json!({ "not": {} })
        };
        return;
    }
    let Value::Object(object) = schema else {
        return;
    };
    lower_type_array(object);
    if let Some(constant) = object.remove("const")
        && !object.contains_key("enum")
    {
        if !object.contains_key("type") {
            let inferred = match &constant {
                Value::String(_) => Some("string"),
                Value::Bool(_) => Some("boolean"),
                Value::Number(number) if number.is_i64() || number.is_u64() => Some("integer"),
                Value::Number(_) => Some("number"),
                _ => None,
            };
            if let Some(inferred) = inferred {
                object.insert("type".to_owned(), Value::from(inferred));
            }
        }
        object.insert("enum".to_owned(), Value::Array(vec![constant]));
    }
    if let Some(Value::Array(examples)) = object.get("examples") {
        let first = examples.first().cloned();
        object.remove("examples");
        if let Some(first) = first
            && !object.contains_key("example")
        {
            object.insert("example".to_owned(), first);
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(number)) = object.get(exclusive).cloned() {
            object.insert(bound.to_owned(), Value::Number(number));
            object.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
    if object.contains_key("$ref") && object.get("nullable") == Some(&Value::Bool(true)) {
        let reference = object.remove("$ref").unwrap_or(Value::Null);
        object.insert(
            "allOf".to_owned(),
            serde_json::json!([{ "$ref": reference }]),
        );
    }
    if matches!(object.get("items"), Some(Value::Bool(_))) {
        object.remove("items");
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(members)) = object.get_mut(key) {
            let before = members.len();
            members.retain(|member| member.get("type") != Some(&Value::from("null")));
            if members.len() != before {
                object.insert("nullable".to_owned(), Value::Bool(true));
            }
        }
    }
    lower_child_schemas(object);
}

/// Lowers the schemas nested in `object` (a schema).
fn lower_child_schemas(object: &mut Map<String, Value>) {
    for (key, child) in object.iter_mut() {
        match key.as_str() {
            "properties" | "patternProperties" | "$defs" | "definitions" => {
                if let Some(map) = child.as_object_mut() {
                    map.values_mut().for_each(lower_schema);
                }
            }
            "items" | "additionalProperties" | "not" | "contains" | "propertyNames"
                if child.is_object() =>
            {
                lower_schema(child);
            }
            "allOf" | "oneOf" | "anyOf" | "prefixItems" => {
                if let Some(items) = child.as_array_mut() {
                    items.iter_mut().for_each(lower_schema);
                }
            }
            _ => {}
        }
    }
}

/// `type: [T, "null"]` → `type: T, nullable: true`; several types → `oneOf`.
fn lower_type_array(object: &mut Map<String, Value>) {
    match object.get("type") {
        Some(Value::Array(types)) => {
            let mut names: Vec<String> = types
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            let had_null = names.iter().any(|name| name == "null");
            names.retain(|name| name != "null");
            if had_null {
                object.insert("nullable".to_owned(), Value::Bool(true));
            }
            match names.as_slice() {
                [single] => {
                    object.insert("type".to_owned(), Value::from(single.as_str()));
                }
                [] => {
                    object.remove("type");
                }
                several => {
                    let members: Vec<Value> = several
                        .iter()
                        .map(|name| serde_json::json!({ "type": name }))
                        .collect();
                    object.remove("type");
                    if !object.contains_key("oneOf") {
                        object.insert("oneOf".to_owned(), Value::Array(members));
                    }
                }
            }
        }
        Some(Value::String(name)) if name == "null" => {
            object.remove("type");
            object.insert("nullable".to_owned(), Value::Bool(true));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_schema(input: Value, expect: Value) {
        let mut schema = input.clone();
        lower_schema(&mut schema);
        assert_eq!(schema, expect, "input {input}");
    }

    #[test]
    fn openapi_31_schemas_are_lowered() {
        use serde_json::json;
        check_schema(
            json!({"type": ["string", "null"]}),
            json!({"type": "string", "nullable": true}),
        );
        check_schema(
            json!({"type": ["string", "integer"]}),
            json!({"oneOf": [{"type": "string"}, {"type": "integer"}]}),
        );
        check_schema(
            json!({"const": "deal"}),
            json!({"type": "string", "enum": ["deal"]}),
        );
        check_schema(
            json!({"type": "integer", "examples": [1, 2]}),
            json!({"type": "integer", "example": 1}),
        );
        check_schema(
            json!({"type": "number", "exclusiveMinimum": 0}),
            json!({"type": "number", "minimum": 0, "exclusiveMinimum": true}),
        );
        check_schema(
            json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]}),
            json!({"anyOf": [{"$ref": "#/components/schemas/A"}], "nullable": true}),
        );
        check_schema(
            json!({"properties": {"type": {"const": 1}, "const": {"type": ["null", "boolean"]}, "x": true}}),
            json!({"properties": {"type": {"type": "integer", "enum": [1]}, "const": {"type": "boolean", "nullable": true}, "x": {}}}),
        );
        check_schema(
            json!({"$ref": "#/components/schemas/A", "nullable": true}),
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true}),
        );
    }

    fn check_error(text: &str, expect: &str) {
        match load(text) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(error) => assert_eq!(error.to_string(), expect, "input {text:?}"),
        }
    }

    #[test]
    fn errors_name_the_location() {
        check_error(
            "a: [",
            "the spec is not valid YAML or JSON: did not find expected node content at line 2 column 1, while parsing a flow node",
        );
        check_error(
            "{\"a\": \"\u{1}\"}",
            "the spec is not valid YAML or JSON: control character (\\u0000-\\u001F) found while parsing a string at line 1 column 8",
        );
        check_error(
            "",
            "the spec is not a valid OpenAPI document at #: the document is not a mapping",
        );
        check_error(
            "openapi: 3.0.0",
            "the spec is not a valid OpenAPI document at #: missing field `info`",
        );
        check_error(
            "- 1",
            "the spec is not a valid OpenAPI document at #: the document is not a mapping",
        );
        check_error(
            "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {A: 3}}",
            "the spec is not a valid OpenAPI document at #/components/schemas/A: invalid type: integer `3`, expected struct Schema",
        );
    }

    #[test]
    fn json_integers_beyond_64_bits_are_read_as_floats() {
        let text = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {"A": {"type": "integer", "minimum": -9223372036854776000}}}}"#;
        let minimum =
            parse_text(text).map(|raw| raw["components"]["schemas"]["A"]["minimum"].as_f64());
        assert_eq!(minimum.ok().flatten(), Some(-9.223372036854776e18));
    }

    #[test]
    fn yaml_integer_keys_become_strings() {
        let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses:\n        200: {description: ok}\n";
        let document = load(text).map_err(|error| error.to_string());
        let document = document
            .as_ref()
            .map(|document| document.openapi.openapi.as_str());
        assert_eq!(document, Ok("3.0.3"));
    }
}
