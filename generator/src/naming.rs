//! The one place that turns spec names into Rust identifiers: case conversion,
//! keywords, leading digits, non-ASCII, and per-scope uniqueness.
//!
//! Owned by schema lowering. Stub signatures: the bodies are placeholders.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// A Rust type name (`UpperCamelCase`) for a spec name.
pub(crate) fn type_name(spec_name: &str) -> String {
    spec_name.to_upper_camel_case()
}

/// A Rust field, function or module name (`snake_case`) for a spec name.
pub(crate) fn value_name(spec_name: &str) -> String {
    spec_name.to_snake_case()
}

/// Hands out names that are unique within one scope (a module, a struct's
/// fields, an enum's variants) after case folding.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    taken: std::collections::BTreeSet<String>,
}

impl Scope {
    /// Returns `wanted`, or `wanted` with the smallest numeric suffix that
    /// makes it unique in this scope, and reserves it.
    pub(crate) fn claim(&mut self, wanted: &str) -> String {
        let mut candidate = wanted.to_owned();
        let mut suffix = 2;
        while !self.taken.insert(candidate.to_lowercase()) {
            candidate = format!("{wanted}{suffix}");
            suffix += 1;
        }
        candidate
    }
}
