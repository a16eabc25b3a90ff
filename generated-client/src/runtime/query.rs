//! URL encoding of values: query parameters (with their OpenAPI styles), path
//! segments and `application/x-www-form-urlencoded` bodies.
//!
//! Values are first serialized to a [`serde_json::Value`], so that any
//! `Serialize` type can be a parameter; the JSON tree is then flattened into
//! `key=value` pairs.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

/// How an array or object query parameter is written: OpenAPI's `style` and
/// `explode` for `in: query`.
///
/// | style | `ids = [1, 2]` | `filter = {a: 1, b: 2}` |
/// |---|---|---|
/// | `Form { explode: true }` (the default) | `ids=1&ids=2` | `a=1&b=2` |
/// | `Form { explode: false }` | `ids=1,2` | `filter=a,1,b,2` |
/// | `SpaceDelimited` | `ids=1%202` | `filter=a%201%20b%202` |
/// | `PipeDelimited` | `ids=1\|2` | `filter=a\|1\|b\|2` |
/// | `DeepObject` | `ids=1&ids=2` | `filter[a]=1&filter[b]=2` |
///
/// Scalars are written as `name=value` whatever the style, and `None` (JSON
/// `null`) skips the parameter.
///
/// ```
/// use pipedrive::runtime::{QueryStyle, Request};
///
/// let mut request = Request::new(http::Method::GET, "/items", "/items".to_owned());
/// request.query_with_style("ids", &[1, 2, 3], QueryStyle::Form { explode: false });
/// assert_eq!(request.query_string(), "ids=1,2,3");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryStyle {
    /// `style: form`; `explode: true` repeats the key for each array item.
    Form {
        /// Whether each item (or object property) becomes its own parameter.
        explode: bool,
    },
    /// `style: spaceDelimited`: array items joined by spaces.
    SpaceDelimited,
    /// `style: pipeDelimited`: array items joined by `|`.
    PipeDelimited,
    /// `style: deepObject`: object properties as `name[property]=value`.
    DeepObject,
}

impl Default for QueryStyle {
    fn default() -> Self {
        QueryStyle::Form { explode: true }
    }
}

/// Every byte except RFC 3986 unreserved characters is percent-encoded.
const COMPONENT_ENCODE_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one key, value or path segment.
pub(crate) fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT_ENCODE_SET).to_string()
}

/// Serializes any value to JSON, or says why it could not.
pub(crate) fn to_json_value<T: ::serde::Serialize + ?Sized>(value: &T) -> Result<Value, String> {
    serde_json::to_value(value).map_err(|error| error.to_string())
}

/// The text of a scalar: strings as they are, numbers and booleans in their
/// JSON spelling, arrays and objects as compact JSON. `None` for `null`.
pub(crate) fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Number(number) => Some(number.to_string()),
        Value::Array(_) | Value::Object(_) => Some(value.to_string()),
    }
}

/// The encoded texts of the non-null items of an array.
fn encoded_items(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .filter_map(value_text)
        .map(|text| encode_component(&text))
        .collect()
}

/// The encoded texts of an object flattened to `key, value, key, value`.
fn encoded_object_items(object: &serde_json::Map<String, Value>) -> Vec<String> {
    object
        .iter()
        .filter_map(|(key, value)| value_text(value).map(|text| (key, text)))
        .flat_map(|(key, text)| [encode_component(key), encode_component(&text)])
        .collect()
}

/// The delimiter (already encoded) between items of a non-exploded array.
fn delimiter(style: QueryStyle) -> &'static str {
    match style {
        QueryStyle::SpaceDelimited => "%20",
        QueryStyle::PipeDelimited => "|",
        QueryStyle::Form { .. } | QueryStyle::DeepObject => ",",
    }
}

/// Appends the encoded `(key, value)` pairs of one query parameter.
pub(crate) fn encode_query_parameter(
    name: &str,
    value: &Value,
    style: QueryStyle,
    pairs: &mut Vec<(String, String)>,
) {
    let encoded_name = encode_component(name);
    match value {
        Value::Null => {}
        Value::Array(items) => {
            let encoded = encoded_items(items);
            if encoded.is_empty() {
                return;
            }
            match style {
                QueryStyle::Form { explode: true } | QueryStyle::DeepObject => {
                    pairs.extend(encoded.into_iter().map(|item| (encoded_name.clone(), item)));
                }
                QueryStyle::Form { explode: false }
                | QueryStyle::SpaceDelimited
                | QueryStyle::PipeDelimited => {
                    pairs.push((encoded_name, encoded.join(delimiter(style))));
                }
            }
        }
        Value::Object(object) => match style {
            QueryStyle::Form { explode: true } => {
                for (key, property) in object {
                    encode_query_parameter(key, property, style, pairs);
                }
            }
            QueryStyle::DeepObject => encode_deep_object(&encoded_name, value, pairs),
            QueryStyle::Form { explode: false }
            | QueryStyle::SpaceDelimited
            | QueryStyle::PipeDelimited => {
                let encoded = encoded_object_items(object);
                if !encoded.is_empty() {
                    pairs.push((encoded_name, encoded.join(delimiter(style))));
                }
            }
        },
        scalar => {
            if let Some(text) = value_text(scalar) {
                pairs.push((encoded_name, encode_component(&text)));
            }
        }
    }
}

/// Appends `prefix[key]=value` pairs, nesting for nested objects and repeating
/// the key for arrays.
fn encode_deep_object(prefix: &str, value: &Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Object(object) => {
            for (key, property) in object {
                let nested = format!("{prefix}[{}]", encode_component(key));
                encode_deep_object(&nested, property, pairs);
            }
        }
        Value::Array(items) => {
            for item in items {
                encode_deep_object(prefix, item, pairs);
            }
        }
        scalar => {
            if let Some(text) = value_text(scalar) {
                pairs.push((prefix.to_owned(), encode_component(&text)));
            }
        }
    }
}

/// Joins encoded pairs into `a=1&b=2`.
pub(crate) fn join_pairs(pairs: &[(String, String)]) -> String {
    let mut joined = String::new();
    for (key, value) in pairs {
        if !joined.is_empty() {
            joined.push('&');
        }
        joined.push_str(key);
        joined.push('=');
        joined.push_str(value);
    }
    joined
}

/// How arrays are written in an `application/x-www-form-urlencoded` body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FormArrayStyle {
    /// `label=1&label=2`: OpenAPI's default for form bodies (`style: form`,
    /// `explode: true`).
    RepeatedKey,
    /// `label[]=1&label[]=2`: what PHP and Rails style servers expect.
    EmptyBrackets,
}

/// Encodes a value as a form body. The value must serialize to an object
/// whose fields are scalars (strings, numbers, booleans) or arrays of
/// scalars; arrays follow `array_style`.
///
/// A form field holds text, or a list of texts under one key, so anything
/// else has no faithful spelling: `null` would have to be dropped (an update
/// would then keep the value it was meant to clear), a nested object
/// flattened into `key[property]` pairs that a server may not read back as
/// one value, an empty array dropped. Such a field is an error naming its
/// path (`org_id`, `label[2]`), so that nothing is sent; JSON carries
/// all of them. A field that is absent from the serialized object (an
/// optional field that is not set) is simply not sent.
pub(crate) fn encode_form_body(
    value: &Value,
    array_style: FormArrayStyle,
) -> Result<String, String> {
    let Value::Object(object) = value else {
        return Err(format!(
            "a form body must serialize to an object with named fields, not {}",
            json_kind(value)
        ));
    };
    let mut pairs = Vec::new();
    for (key, field) in object {
        encode_form_field(key, field, array_style, &mut pairs)?;
    }
    Ok(join_pairs(&pairs))
}

/// Appends the pairs of one form field, or says why it has no form spelling.
fn encode_form_field(
    key: &str,
    value: &Value,
    array_style: FormArrayStyle,
    pairs: &mut Vec<(String, String)>,
) -> Result<(), String> {
    let encoded_key = encode_component(key);
    match value {
        Value::Array(items) if items.is_empty() => Err(unrepresentable(key, "an empty array")),
        Value::Array(items) => {
            let item_key = match array_style {
                FormArrayStyle::RepeatedKey => encoded_key,
                FormArrayStyle::EmptyBrackets => format!("{encoded_key}[]"),
            };
            for (index, item) in items.iter().enumerate() {
                match scalar_text(item) {
                    Some(text) => pairs.push((item_key.clone(), encode_component(&text))),
                    None => {
                        return Err(unrepresentable(&format!("{key}[{index}]"), json_kind(item)));
                    }
                }
            }
            Ok(())
        }
        scalar => match scalar_text(scalar) {
            Some(text) => {
                pairs.push((encoded_key, encode_component(&text)));
                Ok(())
            }
            None => Err(unrepresentable(key, json_kind(scalar))),
        },
    }
}

/// The text of a string, number or boolean; `None` for `null`, arrays and
/// objects.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Null | Value::Array(_) | Value::Object(_) => None,
        scalar => value_text(scalar),
    }
}

/// The message for a field a form body cannot carry.
fn unrepresentable(path: &str, kind: &str) -> String {
    format!(
        "{path}: {kind} cannot be sent in a form body, which carries only texts and lists of texts (send the body as JSON)"
    )
}

/// A short name of a JSON value's kind, for messages.
pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
