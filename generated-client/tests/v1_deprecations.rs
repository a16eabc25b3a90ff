//! v1 points to v2: every v1 operation Pipedrive took out of support is
//! deprecated in `spec/pipedrive.yaml` with a note naming its v2 successor
//! (an operation of `spec/pipedrive-v2.yaml`) or saying there is none, the 14
//! operations that exist only in v1 are not, nor are the 6 follower
//! operations, which v1 still supports and v2 has too; the migration tables
//! of the README and of the crate guide give each v1 method the same
//! successor.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The seed operations that exist only in v1 and are still supported there.
const V1_ONLY: [&str; 14] = [
    "addDealParticipant",
    "deleteDealParticipant",
    "getDealParticipants",
    "duplicateDeal",
    "getDealFiles",
    "getDealMailMessages",
    "getDealUpdates",
    "getDealUsers",
    "getDealsSummary",
    "getDealsTimeline",
    "mergeDeals",
    "getProductDeals",
    "getProductFiles",
    "getProductUsers",
];

/// The operations both versions have and v1 still supports (they are in
/// the v1 spec of 2026-08-18): not deprecated, and their v2 counterpart has
/// the same `operationId`.
const BOTH: [&str; 6] = [
    "getDealFollowers",
    "addDealFollower",
    "deleteDealFollower",
    "getProductFollowers",
    "addProductFollower",
    "deleteProductFollower",
];

/// The out-of-support operations that have no v2 successor.
const NO_SUCCESSOR: [&str; 3] = ["deleteDeals", "getDealsByName", "findProductsByName"];

fn workspace_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or_else(|| panic!("generated-client sits in the workspace"))
        .join(relative)
}

fn read(relative: &str) -> String {
    let path = workspace_file(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// Every operation of a spec: its `operationId` and the operation object.
fn operations(relative: &str) -> BTreeMap<String, serde_yaml::Value> {
    let spec: serde_yaml::Value = serde_yaml::from_str(&read(relative))
        .unwrap_or_else(|error| panic!("{relative} is not YAML: {error}"));
    let mut found = BTreeMap::new();
    let paths = spec["paths"].as_mapping().cloned().unwrap_or_default();
    for (_, item) in paths {
        for (_, operation) in item.as_mapping().cloned().unwrap_or_default() {
            if let Some(id) = operation["operationId"].as_str() {
                found.insert(id.to_owned(), operation.clone());
            }
        }
    }
    found
}

/// `getDealsByName` → `get_deals_by_name`.
fn snake(operation_id: &str) -> String {
    let mut out = String::new();
    for c in operation_id.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The v2 successor a deprecation note names (`... (v2 getDeals)`), if any.
fn named_successor(note: &str) -> Option<&str> {
    let start = note.find("(v2 ")? + "(v2 ".len();
    let end = start + note[start..].find(')')?;
    Some(&note[start..end])
}

/// What each v1 operation becomes: `Some(v2 operationId)` or `None`.
fn successors() -> BTreeMap<String, Option<String>> {
    let v2: BTreeSet<String> = operations("spec/pipedrive-v2.yaml").into_keys().collect();
    let mut successors = BTreeMap::new();
    let mut problems = Vec::new();
    for (id, operation) in operations("spec/pipedrive.yaml") {
        let deprecated = operation["deprecated"].as_bool() == Some(true);
        let note = operation["x-deprecation-note"].as_str();
        if V1_ONLY.contains(&id.as_str()) {
            if deprecated || note.is_some() {
                problems.push(format!("{id} exists only in v1 and must not be deprecated"));
            }
            continue;
        }
        if BOTH.contains(&id.as_str()) {
            if deprecated || note.is_some() {
                problems.push(format!("{id} is still supported in v1: not deprecated"));
            }
            if !v2.contains(&id) {
                problems.push(format!(
                    "{id} should exist in v2 under the same operationId"
                ));
            }
            successors.insert(id.clone(), Some(id));
            continue;
        }
        let Some(note) = note.filter(|_| deprecated) else {
            problems.push(format!("{id} is out of support: deprecated with a note"));
            continue;
        };
        let successor = named_successor(note);
        match successor {
            Some(name) if !v2.contains(name) => {
                problems.push(format!("{id}: the note names {name}, which v2 lacks"))
            }
            Some(_) if NO_SUCCESSOR.contains(&id.as_str()) && !note.contains("no ") => {
                problems.push(format!("{id}: the note must say there is no successor"))
            }
            None if !NO_SUCCESSOR.contains(&id.as_str()) => {
                problems.push(format!("{id}: the note names no v2 operation: {note}"))
            }
            _ => {}
        }
        let successor = successor.filter(|_| !NO_SUCCESSOR.contains(&id.as_str()));
        successors.insert(id, successor.map(str::to_owned));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    successors
}

#[test]
fn every_out_of_support_operation_is_deprecated_and_names_its_successor() {
    let successors = successors();
    assert_eq!(successors.len(), 41 - V1_ONLY.len());
    let with_successor = successors.values().filter(|s| s.is_some()).count();
    assert_eq!(with_successor, 41 - V1_ONLY.len() - NO_SUCCESSOR.len());
}

/// The rows of a migration table: v1 method name → the v2 column.
fn table_rows(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .map(|line| line.trim_start_matches("//!").trim())
        .filter_map(|line| {
            let rest = line.strip_prefix("| `v1().")?;
            let (v1, v2) = rest.split_once("` | ")?;
            let method = v1.rsplit('.').next()?.to_owned();
            Some((method, v2.trim_end_matches('|').trim().to_owned()))
        })
        .collect()
}

#[test]
fn the_migration_tables_give_every_v1_method_its_successor() {
    let successors = successors();
    for file in ["README.md", "generated-client/src/lib.rs"] {
        let rows = table_rows(&read(file));
        let mut problems = Vec::new();
        for id in operations("spec/pipedrive.yaml").keys() {
            let Some(v2) = rows.get(&snake(id)) else {
                problems.push(format!("no row for {id}"));
                continue;
            };
            let expected = match successors.get(id) {
                Some(Some(successor)) => format!(".{}`", snake(successor)),
                Some(None) => "none".to_owned(),
                None => "none: v1 only".to_owned(),
            };
            if !v2.contains(&expected) {
                problems.push(format!("{id}: `{v2}` should hold `{expected}`"));
            }
        }
        assert!(problems.is_empty(), "{file}:\n{}", problems.join("\n"));
    }
}
