//! Where the specs the contract tests serve are, and what they hold.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The workspace's root directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generated-client sits in the workspace")
        .to_path_buf()
}

/// The project's own spec, `spec/pipedrive.yaml`.
pub fn seed_spec() -> PathBuf {
    workspace_root().join("spec/pipedrive.yaml")
}

/// Pipedrive's official v1 spec, reduced to the seed operations and stripped
/// of prose by `cargo xtask strip-spec`.
pub fn official_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pipedrive-v1-official.yaml")
}

/// The `operationId` of every operation in the spec at `path`.
pub fn operation_ids(path: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let spec: serde_yaml::Value = serde_yaml::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not YAML: {error}", path.display()));
    let mut operation_ids = BTreeSet::new();
    let Some(paths) = spec.get("paths").and_then(serde_yaml::Value::as_mapping) else {
        panic!("{} has no `paths` object", path.display());
    };
    for path_item in paths.values() {
        let Some(path_item) = path_item.as_mapping() else {
            continue;
        };
        for operation in path_item.values() {
            if let Some(operation_id) = operation
                .get("operationId")
                .and_then(serde_yaml::Value::as_str)
            {
                operation_ids.insert(operation_id.to_owned());
            }
        }
    }
    operation_ids
}
