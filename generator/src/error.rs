//! Errors with the location of the offending spec node.

use std::fmt;

use crate::limits::MAXIMUM_REFERENCE_HOPS;

/// An RFC 6901 JSON pointer into the spec document, e.g.
/// `/paths/~1deals~1{id}/get/parameters/0`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonPointer(String);

impl JsonPointer {
    /// The pointer to the whole document.
    pub fn root() -> Self {
        Self(String::new())
    }

    /// Parses an already escaped pointer such as `#/components/schemas/Deal`
    /// (the leading `#` is optional).
    pub fn from_escaped(pointer: &str) -> Self {
        Self(pointer.trim_start_matches('#').to_owned())
    }

    /// The pointer to the child `token` of this node; `~` and `/` are escaped.
    pub fn push(&self, token: impl fmt::Display) -> Self {
        use fmt::Write as _;
        let mut pointer = String::with_capacity(self.0.len() + 24);
        pointer.push_str(&self.0);
        pointer.push('/');
        let start = pointer.len();
        // Writing to a `String` cannot fail.
        let _ = write!(pointer, "{token}");
        if pointer[start..].contains(['~', '/']) {
            let escaped = pointer[start..].replace('~', "~0").replace('/', "~1");
            pointer.truncate(start);
            pointer.push_str(&escaped);
        }
        Self(pointer)
    }

    /// The pointer a local `$ref` (`#/components/schemas/Deal`) names: its
    /// fragment, percent-decoded as a URI fragment is (`%7Bid%7D` is
    /// `{id}`), still RFC 6901-escaped. `None` for a reference into another
    /// document or one that is not valid UTF-8 once decoded.
    pub fn from_reference(reference: &str) -> Option<Self> {
        let fragment = reference.strip_prefix('#')?;
        let decoded = String::from_utf8(percent_decode(fragment)).ok()?;
        Some(Self(decoded))
    }

    /// The unescaped reference tokens (`/paths/~1deals` gives `/deals`), or
    /// `None` when the pointer is neither empty nor starts with `/`.
    pub fn tokens(&self) -> Option<Vec<String>> {
        if self.0.is_empty() {
            return Some(Vec::new());
        }
        let rest = self.0.strip_prefix('/')?;
        Some(rest.split('/').map(unescape_token).collect())
    }

    /// The name of the `components/<section>` entry this pointer names
    /// exactly (`/components/schemas/Deal` names `Deal` of `schemas`).
    pub fn component_entry(&self, section: &str) -> Option<String> {
        match self.tokens()?.as_mut_slice() {
            [components, found, name] if components == "components" && found == section => {
                Some(std::mem::take(name))
            }
            _ => None,
        }
    }

    /// The node this pointer names in the JSON `document`.
    pub fn lookup<'v>(&self, document: &'v serde_json::Value) -> Option<&'v serde_json::Value> {
        document.pointer(&self.0)
    }

    /// The escaped pointer text (empty for the root).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What `node` (written at `pointer` in the JSON `document`) stands for:
/// itself, or the end of its chain of local `$ref`s, with the pointer where
/// that is written. `None` for a `$ref` that names nothing, one into another
/// document, or a chain of more than 32 `$ref`s (a cycle).
pub fn follow_references<'v>(
    document: &'v serde_json::Value,
    node: &'v serde_json::Value,
    pointer: JsonPointer,
) -> Option<(&'v serde_json::Value, JsonPointer)> {
    let (mut node, mut pointer) = (node, pointer);
    for _ in 0..MAXIMUM_REFERENCE_HOPS {
        let Some(reference) = node.get("$ref").and_then(serde_json::Value::as_str) else {
            return Some((node, pointer));
        };
        pointer = JsonPointer::from_reference(reference)?;
        node = pointer.lookup(document)?;
    }
    None
}

/// Undoes the RFC 6901 escaping of one reference token: `~1` is `/`, `~0`
/// is `~` (in that order, so `~01` is `~1`).
pub(crate) fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Undoes percent-encoding (`%7Bid%7D` → `{id}`), as `$ref`s into paths
/// carry it; a `%` not followed by two hex digits is kept as it is.
fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| text.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                index += 3;
            }
            None => {
                decoded.push(bytes[index]);
                index += 1;
            }
        }
    }
    decoded
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("#")
        } else {
            write!(f, "#{}", self.0)
        }
    }
}

/// Why the generator refused a spec.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The text is neither valid YAML nor valid JSON.
    #[error("the spec is not valid YAML or JSON: {message}")]
    Syntax {
        /// The parser's message, with line and column.
        message: String,
    },
    /// The document parses but is not an OpenAPI document `openapiv3` can read.
    #[error("the spec is not a valid OpenAPI document at {pointer}: {message}")]
    Shape {
        /// Where the problem is.
        pointer: JsonPointer,
        /// What is wrong there.
        message: String,
    },
    /// A construct that is valid OpenAPI but cannot be turned into a client.
    #[error("{pointer}: {message}")]
    Unsupported {
        /// Where the construct is.
        pointer: JsonPointer,
        /// What the construct is and why it is refused.
        message: String,
    },
    /// The modules asked for several specs cannot hold them (a name that is
    /// not a lowercase identifier, one taken by the crate's own items, or
    /// the same module twice).
    #[error("cannot generate the specs into modules: {message}")]
    Modules {
        /// What is wrong with which module.
        message: String,
    },
    /// A problem with one spec of several, naming its module and the spec.
    #[error("spec `{spec}` (module `{module}`): {error}")]
    InModule {
        /// The module the spec was to be generated into.
        module: String,
        /// How the spec is named (its display path).
        spec: String,
        /// The problem.
        error: Box<Error>,
    },
    /// Several problems at once, in document order.
    #[error("{} problems in the spec:\n{}", .0.len(), .0.iter().map(|e| format!("  - {e}")).collect::<Vec<_>>().join("\n"))]
    Multiple(Vec<Error>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_keeps_what_is_not_an_escape() {
        let check =
            |input: &str, expected: &[u8]| assert_eq!(percent_decode(input), expected, "{input}");
        check("/paths/~1deals~1%7Bid%7D", b"/paths/~1deals~1{id}");
        check("100%", b"100%");
        check("%zz%4", b"%zz%4");
        check("%C3%A9", "é".as_bytes());
    }

    #[test]
    fn references_are_percent_decoded_then_split_into_unescaped_tokens() {
        let check = |reference: &str, expected: Option<&[&str]>| {
            let tokens =
                JsonPointer::from_reference(reference).and_then(|pointer| pointer.tokens());
            let expected = expected.map(|tokens| tokens.iter().map(|t| (*t).to_owned()).collect());
            assert_eq!(tokens, expected, "{reference}");
        };
        check(
            "#/paths/~1deals~1%7Bid%7D/get",
            Some(&["paths", "/deals/{id}", "get"]),
        );
        check("#/a~01/b~10", Some(&["a~1", "b/0"]));
        check("#", Some(&[]));
        check("other.yaml#/a", None);
        check("#a", None);
        // Only the URI-fragment form is percent-decoded.
        assert_eq!(
            JsonPointer::from_escaped("/a%7B").tokens(),
            Some(vec!["a%7B".to_owned()])
        );
        assert_eq!(
            JsonPointer::from_escaped("/components/schemas/a~1b").component_entry("schemas"),
            Some("a/b".to_owned())
        );
        assert_eq!(
            JsonPointer::from_escaped("/components/schemas/a/items").component_entry("schemas"),
            None
        );
    }

    #[test]
    fn references_are_followed_to_their_end() {
        let document = serde_json::json!({
            "a": {"$ref": "#/b"},
            "b": {"$ref": "#/c~1d"},
            "c/d": {"type": "string"},
            "loop": {"$ref": "#/loop"},
            "dangling": {"$ref": "#/nowhere"},
        });
        let check = |name: &str, expected: Option<&str>| {
            let pointer = JsonPointer::root().push(name);
            let node = pointer.lookup(&document).expect("the test node exists");
            let end = follow_references(&document, node, pointer)
                .map(|(_, pointer)| pointer.as_str().to_owned());
            assert_eq!(end.as_deref(), expected, "{name}");
        };
        check("a", Some("/c~1d"));
        check("c/d", Some("/c~1d"));
        check("loop", None);
        check("dangling", None);
    }

    #[test]
    fn pushed_tokens_are_escaped() {
        let pointer = JsonPointer::root()
            .push("paths")
            .push("/deals/{id}")
            .push("a~b")
            .push(0);
        assert_eq!(pointer.as_str(), "/paths/~1deals~1{id}/a~0b/0");
    }
}
