//! Public names do not depend on the order of the spec.
//!
//! Every fixture spec and `spec/pipedrive.yaml` is generated as written and
//! after several deterministic permutations of the order of `paths`, of the
//! keys of every path item (its operations) and of every `components` map;
//! the set of public names in the generated code must stay the same. The
//! names are read from the generated files with `syn`, as a user of the
//! crate sees them: every public type, field, enum variant, function and
//! method (group accessors, operation methods, builder setters), with the
//! file that defines it.
//!
//! A second test adds an operation before `/deals` in the Pipedrive spec that
//! uses the shared `components/parameters/DealStatusFilter`; every name the
//! spec had before must still be there.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use syn::{Fields, ImplItem, Item, Visibility};

/// The seeds of the shuffled permutations; a reversal is tried as well.
const SEEDS: [u64; 3] = [1, 2, 3];

/// The fixture specs (not the invalid ones) and the Pipedrive spec.
fn specs() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = manifest.join("tests/fixtures");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", fixtures.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml" || extension == "json")
        })
        .collect();
    specs.sort();
    specs.push(manifest.join("../spec/pipedrive.yaml"));
    specs
}

/// The spec at `path` as a JSON value, keys in spec order.
fn read_spec(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    generator::parse_document(&text)
        .unwrap_or_else(|error| panic!("{} does not parse: {error}", path.display()))
}

/// A small deterministic random number generator (SplitMix64), so that a
/// failing permutation can be reproduced from its seed.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `bound` (which is not zero).
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

/// How the keys of a map are reordered.
#[derive(Debug, Clone, Copy)]
enum Permutation {
    /// A Fisher–Yates shuffle with this seed.
    Shuffle(u64),
    /// The keys in reverse order.
    Reverse,
}

/// Reorders the keys of `map`.
fn permute_map(map: &mut Map<String, Value>, permutation: Permutation, rng: &mut SplitMix) {
    let mut entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
    match permutation {
        Permutation::Reverse => entries.reverse(),
        Permutation::Shuffle(_) => {
            for index in (1..entries.len()).rev() {
                let other = rng.below(index + 1);
                entries.swap(index, other);
            }
        }
    }
    map.extend(entries);
}

/// The spec with `paths`, the keys of every path item and every
/// `components` map reordered.
fn permute_spec(spec: &Value, permutation: Permutation) -> Value {
    let seed = match permutation {
        Permutation::Shuffle(seed) => seed,
        Permutation::Reverse => 0,
    };
    let mut rng = SplitMix(seed);
    let mut spec = spec.clone();
    if let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) {
        permute_map(paths, permutation, &mut rng);
        for item in paths.values_mut() {
            if let Some(item) = item.as_object_mut() {
                permute_map(item, permutation, &mut rng);
            }
        }
    }
    if let Some(components) = spec.get_mut("components").and_then(Value::as_object_mut) {
        permute_map(components, permutation, &mut rng);
        for section in components.values_mut() {
            if let Some(section) = section.as_object_mut() {
                permute_map(section, permutation, &mut rng);
            }
        }
    }
    spec
}

/// Every public name in the client generated from `spec` (`what` names the
/// spec in a failure).
fn public_names(spec: &Value, what: &str) -> BTreeSet<String> {
    let text = spec.to_string();
    let options = generator::Options {
        spec_display_path: "spec".to_owned(),
        regenerate_command: "test".to_owned(),
    };
    let files = generator::generate(&text, &options)
        .unwrap_or_else(|error| panic!("{what} does not generate: {error}"));
    let mut names = BTreeSet::new();
    for file in files {
        names.insert(format!("file {}", file.path));
        let parsed = syn::parse_file(&file.contents)
            .unwrap_or_else(|error| panic!("{what}: {} does not parse: {error}", file.path));
        for item in &parsed.items {
            collect_item_names(&file.path, item, &mut names);
        }
    }
    names
}

/// The public names an item defines, each prefixed with the file's path.
fn collect_item_names(file: &str, item: &Item, names: &mut BTreeSet<String>) {
    let public = |visibility: &Visibility| matches!(visibility, Visibility::Public(_));
    match item {
        Item::Struct(item) if public(&item.vis) => {
            names.insert(format!("{file}: type {}", item.ident));
            if let Fields::Named(fields) = &item.fields {
                for field in fields.named.iter().filter(|field| public(&field.vis)) {
                    if let Some(ident) = &field.ident {
                        names.insert(format!("{file}: field {}.{ident}", item.ident));
                    }
                }
            }
        }
        Item::Enum(item) if public(&item.vis) => {
            names.insert(format!("{file}: type {}", item.ident));
            for variant in &item.variants {
                names.insert(format!("{file}: variant {}::{}", item.ident, variant.ident));
            }
        }
        Item::Type(item) if public(&item.vis) => {
            names.insert(format!("{file}: type {}", item.ident));
        }
        Item::Fn(item) if public(&item.vis) => {
            names.insert(format!("{file}: fn {}", item.sig.ident));
        }
        Item::Static(item) if public(&item.vis) => {
            names.insert(format!("{file}: static {}", item.ident));
        }
        Item::Const(item) if public(&item.vis) => {
            names.insert(format!("{file}: const {}", item.ident));
        }
        Item::Mod(item) if public(&item.vis) => {
            names.insert(format!("{file}: mod {}", item.ident));
        }
        Item::Impl(item) => {
            let self_type = quote::ToTokens::to_token_stream(&item.self_ty).to_string();
            for inner in &item.items {
                if let ImplItem::Fn(method) = inner
                    && (public(&method.vis) || item.trait_.is_some())
                {
                    names.insert(format!("{file}: method {self_type}::{}", method.sig.ident));
                }
            }
        }
        _ => {}
    }
}

/// Fails with the names only one side has.
fn assert_same_names(
    expected: &BTreeSet<String>,
    actual: &BTreeSet<String>,
    what: &str,
) -> Result<(), String> {
    if expected == actual {
        return Ok(());
    }
    let missing: Vec<&String> = expected.difference(actual).collect();
    let added: Vec<&String> = actual.difference(expected).collect();
    let mut message = format!("{what}: the public names differ\n");
    for name in missing {
        message.push_str(&format!("  - {name}\n"));
    }
    for name in added {
        message.push_str(&format!("  + {name}\n"));
    }
    Err(message)
}

#[test]
fn public_names_do_not_depend_on_spec_order() {
    let mut failures = Vec::new();
    let specs = specs();
    assert!(specs.len() > 10, "the fixtures were not found");
    for path in specs {
        let spec = read_spec(&path);
        let name = path.display().to_string();
        let original = public_names(&spec, &name);
        let permutations = SEEDS
            .iter()
            .map(|seed| Permutation::Shuffle(*seed))
            .chain([Permutation::Reverse]);
        for permutation in permutations {
            let what = format!("{name} ({permutation:?})");
            let permuted = public_names(&permute_spec(&spec, permutation), &what);
            if let Err(message) = assert_same_names(&original, &permuted, &what) {
                failures.push(message);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_permutations_reorder_what_they_claim_to() {
    let spec = serde_json::json!({
        "paths": {"/a": {"get": 1, "post": 2}, "/b": {}, "/c": {}},
        "components": {"schemas": {"A": 1, "B": 2, "C": 3}, "parameters": {"P": 1}},
    });
    for permutation in [
        Permutation::Shuffle(1),
        Permutation::Shuffle(2),
        Permutation::Reverse,
    ] {
        let permuted = permute_spec(&spec, permutation);
        let keys = |value: &Value| -> Vec<String> {
            value
                .as_object()
                .map(|map| map.keys().cloned().collect())
                .unwrap_or_default()
        };
        let order = (
            keys(&permuted["paths"]),
            keys(&permuted["paths"]["/a"]),
            keys(&permuted["components"]["schemas"]),
        );
        assert_ne!(
            order,
            (
                vec!["/a".to_owned(), "/b".to_owned(), "/c".to_owned()],
                vec!["get".to_owned(), "post".to_owned()],
                vec!["A".to_owned(), "B".to_owned(), "C".to_owned()],
            ),
            "{permutation:?} left every map in order"
        );
        assert_eq!(permuted, spec, "{permutation:?} changed a value");
    }
}

#[test]
fn a_new_operation_before_deals_renames_nothing() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/pipedrive.yaml");
    let spec = read_spec(&path);
    let before = public_names(&spec, "spec/pipedrive.yaml");
    assert!(
        spec["components"]["parameters"]
            .get("DealStatusFilter")
            .is_some(),
        "the spec no longer has components/parameters/DealStatusFilter"
    );
    let archived = serde_json::json!({
        "get": {
            "operationId": "getArchivedDeals",
            "tags": ["Deals"],
            "parameters": [{"$ref": "#/components/parameters/DealStatusFilter"}],
            "responses": {
                "200": {
                    "description": "The archived deals.",
                    "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {
                            "success": {"type": "boolean"},
                            "status": {"type": "string", "enum": ["archived"]},
                        },
                    }}},
                },
            },
        },
    });
    let mut changed = spec.clone();
    let paths = changed["paths"]
        .as_object_mut()
        .expect("the spec has paths");
    assert!(paths.contains_key("/deals"), "the spec has no `/deals`");
    let mut reordered = Map::new();
    reordered.insert("/deals/archived".to_owned(), archived);
    reordered.extend(std::mem::take(paths));
    *paths = reordered;
    let after = public_names(&changed, "spec/pipedrive.yaml with GET /deals/archived");
    let missing: Vec<&String> = before.difference(&after).collect();
    assert!(
        missing.is_empty(),
        "adding GET /deals/archived removed or renamed:\n{missing:#?}"
    );
    assert!(
        after.len() > before.len(),
        "the new operation added no names"
    );
}
