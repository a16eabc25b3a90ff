//! `cargo xtask strip-spec [--keep-operations-of SPEC] IN OUT`: a copy of an
//! OpenAPI document reduced to the operations of one of our specs
//! (`spec/pipedrive.yaml` unless `--keep-operations-of` names another, such
//! as `spec/pipedrive-v2.yaml`) and stripped of prose, kept in the project as
//! test data for the contract tests against Pipedrive's official specs.
//!
//! The copy keeps structure, schemas, parameters, examples and enums, and
//! drops every `description`, `summary`, `externalDocs` and `x-` extension,
//! the `info` block's text (its title becomes the input's title followed by
//! "(official, prose removed)") and the OAuth scopes' explanations. It keeps
//! only the operations whose `operationId` is also in the kept spec, the
//! path items that hold them, and the components they reference (following
//! `$ref`s until nothing new is reached). The same input always gives the
//! same bytes: keys keep their order in the input, and nothing depends on
//! the time or the machine.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_yaml::{Mapping, Value};

/// Keywords whose value is prose: dropped wherever they are a keyword (not
/// where they are a property's or an example's own key).
const PROSE_KEYWORDS: [&str; 3] = ["description", "summary", "externalDocs"];

/// Keywords whose value is data (an example, a default, allowed values), kept
/// verbatim without looking inside.
const DATA_KEYWORDS: [&str; 5] = ["example", "default", "enum", "value", "const"];

/// Keywords whose value maps names chosen by the spec's author (property
/// names, paths, status codes, media types) to OpenAPI objects: the names
/// are kept even when they look like a prose keyword.
const NAME_MAP_KEYWORDS: [&str; 14] = [
    "properties",
    "paths",
    "responses",
    "content",
    "headers",
    "schemas",
    "securitySchemes",
    "examples",
    "requestBodies",
    "encoding",
    "variables",
    "links",
    "callbacks",
    "patternProperties",
];

/// The HTTP methods a path item may hold.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The spec whose operations are kept when `--keep-operations-of` is not
/// given, relative to the workspace root.
const DEFAULT_KEPT_SPEC: &str = "spec/pipedrive.yaml";

/// Writes the stripped copy of `input` to `output`, keeping the operations
/// named in `spec/pipedrive.yaml` under `root`, or in the spec that
/// `--keep-operations-of` names (relative to `root`).
pub(crate) fn run(root: &Path, arguments: &[String]) -> Result<()> {
    const USAGE: &str = "usage: cargo xtask strip-spec [--keep-operations-of <our-spec.yaml>] \
                         <official-spec.yaml> <out.yaml>";
    let (kept_spec, rest) = match arguments {
        [flag, spec, rest @ ..] if flag == "--keep-operations-of" => (spec.as_str(), rest),
        _ => (DEFAULT_KEPT_SPEC, arguments),
    };
    let [input, output] = rest else {
        bail!(USAGE);
    };
    let keep = operation_ids(&parse(&root.join(kept_spec))?);
    if keep.is_empty() {
        bail!("{kept_spec} has no operations to keep");
    }
    let document = parse(Path::new(input))?;
    let stripped = strip(&document, &keep)?;
    let text = serde_yaml::to_string(&stripped).context("could not write the copy as YAML")?;
    let header = format!(
        "# Made by `cargo xtask strip-spec` from {}: the operations of\n\
         # {kept_spec} only, without prose. Do not edit by hand.\n",
        Path::new(input)
            .file_name()
            .map_or_else(|| input.clone(), |name| name.to_string_lossy().into_owned()),
    );
    std::fs::write(output, header + &text).with_context(|| format!("could not write {output}"))?;
    println!(
        "{output}: {} of the {} operations of {kept_spec} found, {} bytes",
        operation_ids(&stripped).len(),
        keep.len(),
        text.len()
    );
    Ok(())
}

fn parse(path: &Path) -> Result<Value> {
    let text = super::read_to_string(path)?;
    serde_yaml::from_str(&text).with_context(|| format!("{} is not YAML", path.display()))
}

/// The `operationId` of every operation under `paths`.
fn operation_ids(document: &Value) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let Some(paths) = document.get("paths").and_then(Value::as_mapping) else {
        return ids;
    };
    for item in paths.values() {
        for method in METHODS {
            if let Some(id) = item
                .get(method)
                .and_then(|operation| operation.get("operationId"))
                .and_then(Value::as_str)
            {
                ids.insert(id.to_owned());
            }
        }
    }
    ids
}

/// The document reduced to the operations in `keep`, the components they
/// reach, and no prose.
fn strip(document: &Value, keep: &BTreeSet<String>) -> Result<Value> {
    let Some(top) = document.as_mapping() else {
        bail!("the document is not a mapping");
    };
    let mut reduced = Mapping::new();
    for (key, value) in top {
        match key.as_str() {
            Some("info") => {
                let version = value.get("version").cloned().unwrap_or(Value::Null);
                let title = value.get("title").and_then(Value::as_str).unwrap_or("API");
                let mut info = Mapping::new();
                info.insert(
                    "title".into(),
                    format!("{title} (official, prose removed)").into(),
                );
                info.insert("version".into(), version);
                reduced.insert(key.clone(), Value::Mapping(info));
            }
            Some("paths") => {
                reduced.insert(key.clone(), keep_operations(value, keep)?);
            }
            Some("tags") => {}
            _ => {
                reduced.insert(key.clone(), value.clone());
            }
        }
    }
    let mut reduced = Value::Mapping(reduced);
    keep_reachable_components(&mut reduced);
    Ok(strip_object(&reduced))
}

/// The path items that hold an operation in `keep`, with only those
/// operations (and the path item's shared parameters).
fn keep_operations(paths: &Value, keep: &BTreeSet<String>) -> Result<Value> {
    let Some(paths) = paths.as_mapping() else {
        bail!("/paths is not a mapping");
    };
    let mut kept = Mapping::new();
    for (path, item) in paths {
        let Some(item) = item.as_mapping() else {
            continue;
        };
        let mut kept_item = Mapping::new();
        let mut any = false;
        for (key, value) in item {
            let is_method = key.as_str().is_some_and(|name| METHODS.contains(&name));
            if !is_method {
                kept_item.insert(key.clone(), value.clone());
                continue;
            }
            let id = value.get("operationId").and_then(Value::as_str);
            if id.is_some_and(|id| keep.contains(id)) {
                kept_item.insert(key.clone(), value.clone());
                any = true;
            }
        }
        if any {
            kept.insert(path.clone(), Value::Mapping(kept_item));
        }
    }
    Ok(Value::Mapping(kept))
}

/// Drops every component that nothing kept refers to, following `$ref`s
/// from the paths and from the kept components until nothing new is
/// reached. Security schemes are named by `security` requirements rather
/// than `$ref`s, and are all kept.
fn keep_reachable_components(document: &mut Value) {
    let mut reached = BTreeSet::new();
    let mut pending = Vec::new();
    for key in ["paths", "security"] {
        if let Some(value) = document.get(key) {
            collect_references(value, &mut pending);
        }
    }
    while let Some(reference) = pending.pop() {
        if !reached.insert(reference.clone()) {
            continue;
        }
        if let Some(target) = resolve(document, &reference) {
            collect_references(target, &mut pending);
        }
    }
    let Some(components) = document
        .get_mut("components")
        .and_then(Value::as_mapping_mut)
    else {
        return;
    };
    for (section, entries) in components.iter_mut() {
        let Some(section) = section.as_str() else {
            continue;
        };
        if section == "securitySchemes" {
            continue;
        }
        if let Some(entries) = entries.as_mapping_mut() {
            entries.retain(|name, _| {
                let name = name.as_str().unwrap_or_default();
                reached.contains(&format!("#/components/{section}/{name}"))
            });
        }
    }
    components.retain(|_, entries| entries.as_mapping().is_none_or(|map| !map.is_empty()));
}

/// Every local `$ref` under `value`.
fn collect_references(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                match (key.as_str(), child.as_str()) {
                    (Some("$ref"), Some(target)) if target.starts_with("#/") => {
                        found.push(target.to_owned());
                    }
                    _ => collect_references(child, found),
                }
            }
        }
        Value::Sequence(items) => {
            for item in items {
                collect_references(item, found);
            }
        }
        _ => {}
    }
}

/// The value a local JSON pointer (`#/components/schemas/Deal`) names.
fn resolve<'a>(document: &'a Value, reference: &str) -> Option<&'a Value> {
    let mut current = document;
    for token in reference.strip_prefix("#/")?.split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        current = match current {
            Value::Sequence(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => current.get(token.as_str())?,
        };
    }
    Some(current)
}

/// An OpenAPI object without its prose: its keys are keywords.
fn strip_object(value: &Value) -> Value {
    match value {
        Value::Mapping(map) => {
            let mut stripped = Mapping::new();
            for (key, child) in map {
                let Some(keyword) = key.as_str() else {
                    stripped.insert(key.clone(), strip_object(child));
                    continue;
                };
                if PROSE_KEYWORDS.contains(&keyword) || keyword.starts_with("x-") {
                    continue;
                }
                let child = if DATA_KEYWORDS.contains(&keyword) {
                    child.clone()
                } else if keyword == "scopes" {
                    blank_values(child)
                } else if keyword == "responses" && child.is_mapping() {
                    strip_responses(child)
                } else if NAME_MAP_KEYWORDS.contains(&keyword) && child.is_mapping() {
                    strip_name_map(child)
                } else {
                    strip_object(child)
                };
                stripped.insert(key.clone(), child);
            }
            Value::Mapping(stripped)
        }
        Value::Sequence(items) => Value::Sequence(items.iter().map(strip_object).collect()),
        other => other.clone(),
    }
}

/// A map from author-chosen names to OpenAPI objects: names kept, objects
/// stripped.
fn strip_name_map(value: &Value) -> Value {
    let Some(map) = value.as_mapping() else {
        return strip_object(value);
    };
    Value::Mapping(
        map.iter()
            .map(|(name, child)| (name.clone(), strip_object(child)))
            .collect(),
    )
}

/// The responses of an operation, stripped, each with the empty
/// `description` that OpenAPI requires of a response.
fn strip_responses(value: &Value) -> Value {
    let Value::Mapping(responses) = strip_name_map(value) else {
        return value.clone();
    };
    Value::Mapping(
        responses
            .into_iter()
            .map(|(status, response)| match response {
                Value::Mapping(mut fields) => {
                    fields.insert("description".into(), Value::String(String::new()));
                    (status, Value::Mapping(fields))
                }
                other => (status, other),
            })
            .collect(),
    )
}

/// The OAuth scopes with their explanations replaced by empty strings.
fn blank_values(value: &Value) -> Value {
    let Some(map) = value.as_mapping() else {
        return value.clone();
    };
    Value::Mapping(
        map.keys()
            .map(|name| (name.clone(), Value::String(String::new())))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_named_operations_and_drops_prose_but_not_property_names() {
        let document: Value = serde_yaml::from_str(
            r##"
openapi: 3.0.1
info: {title: Pipedrive API v1, version: 1.0.0, description: About it}
tags: [{name: Deals, description: Deals are...}]
paths:
  /deals:
    get:
      operationId: getDeals
      summary: Get all deals
      x-token-cost: 20
      responses:
        '200':
          description: Success
          content:
            application/json:
              schema:
                type: object
                description: A page of deals
                properties:
                  description: {type: string, description: The deal's description}
                  summary: {$ref: '#/components/schemas/Summary'}
              example: {description: kept, summary: kept}
    post:
      operationId: addActivity
      responses: {'200': {description: OK}}
  /activities:
    get:
      operationId: getActivities
      responses: {'200': {description: OK}}
components:
  schemas:
    Summary: {type: object, description: Totals}
    Unused: {type: string}
  securitySchemes:
    oauth2:
      type: oauth2
      description: OAuth
      flows:
        authorizationCode:
          authorizationUrl: https://example.com/a
          tokenUrl: https://example.com/t
          scopes: {'deals:read': Read deals}
"##,
        )
        .unwrap();
        let keep = BTreeSet::from(["getDeals".to_owned()]);
        let stripped = strip(&document, &keep).unwrap();
        let expected: Value = serde_yaml::from_str(
            r##"
openapi: 3.0.1
info: {title: 'Pipedrive API v1 (official, prose removed)', version: 1.0.0}
paths:
  /deals:
    get:
      operationId: getDeals
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema:
                type: object
                properties:
                  description: {type: string}
                  summary: {$ref: '#/components/schemas/Summary'}
              example: {description: kept, summary: kept}
components:
  schemas:
    Summary: {type: object}
  securitySchemes:
    oauth2:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://example.com/a
          tokenUrl: https://example.com/t
          scopes: {'deals:read': ''}
"##,
        )
        .unwrap();
        assert_eq!(stripped, expected);
    }
}
