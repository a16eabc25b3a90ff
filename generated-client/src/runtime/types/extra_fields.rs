//! The unknown keys of an object whose schema allows additional properties.

use std::ops::{Deref, DerefMut};

use serde_json::{Map, Value};

use super::{Date, DateTime};

/// Every key of an object that its struct does not name, with its value, in
/// the order it arrived.
///
/// Generated structs for schemas with `additionalProperties` end with
/// `pub additional_properties: ExtraFields`, so that keys the spec does not
/// know (such as Pipedrive's 40-character custom-field hashes and their
/// `_currency` siblings) survive a read-modify-write round trip unchanged.
/// It dereferences to a [`serde_json::Map`]; the typed accessors read the
/// lenient spellings real APIs use (numbers as strings, flags as 0/1).
///
/// ```
/// use pipedrive::runtime::types::ExtraFields;
///
/// #[derive(serde::Deserialize, serde::Serialize)]
/// struct Deal {
///     title: String,
///     #[serde(flatten)]
///     extra: ExtraFields,
/// }
///
/// let mut deal: Deal = serde_json::from_str(r#"{"title": "Big", "budget": "12.5", "tier": 3}"#)?;
/// assert_eq!(deal.extra.get_f64("budget"), Some(12.5));
/// assert_eq!(deal.extra.get_i64("tier"), Some(3));
/// deal.extra.set("region", "EMEA");
/// assert_eq!(
///     serde_json::to_string(&deal)?,
///     r#"{"title":"Big","budget":"12.5","tier":3,"region":"EMEA"}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(transparent)]
pub struct ExtraFields(Map<String, Value>);

impl ExtraFields {
    /// An empty set of fields.
    pub fn new() -> ExtraFields {
        ExtraFields(Map::new())
    }

    /// The fields as a map.
    pub fn into_inner(self) -> Map<String, Value> {
        self.0
    }

    /// A string value; `None` when absent, `null` or not a string.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }

    /// A number, also read from a numeric string such as `"12.5"`.
    pub fn get_f64(&self, key: &str) -> Option<f64> {
        match self.0.get(key)? {
            Value::Number(number) => number.as_f64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    }

    /// An integer, also read from a numeric string such as `"42"` (an option
    /// id of an enum custom field, for example).
    pub fn get_i64(&self, key: &str) -> Option<i64> {
        match self.0.get(key)? {
            Value::Number(number) => number.as_i64(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    }

    /// A flag: `true`/`false`, `0`/`1`, or those as strings.
    pub fn get_bool(&self, key: &str) -> Option<bool> {
        match self.0.get(key)? {
            Value::Bool(flag) => Some(*flag),
            Value::Number(number) => match number.as_i64() {
                Some(0) => Some(false),
                Some(1) => Some(true),
                _ => None,
            },
            Value::String(text) => match text.as_str() {
                "0" | "false" => Some(false),
                "1" | "true" => Some(true),
                _ => None,
            },
            _ => None,
        }
    }

    /// A date written as `YYYY-MM-DD`; `None` for anything else, a zero date
    /// (`0000-00-00`) included.
    pub fn get_date(&self, key: &str) -> Option<Date> {
        self.get_str(key).and_then(|text| text.parse().ok())
    }

    /// A date-time in one of the formats [`DateTime`] reads (RFC 3339, a
    /// `+HHMM` offset, `YYYY-MM-DD HH:MM:SS`); `None` for anything else, a
    /// zero date included.
    pub fn get_date_time(&self, key: &str) -> Option<DateTime> {
        self.get_str(key).and_then(|text| text.parse().ok())
    }

    /// Sets a field, keeping its position when it exists and appending it
    /// otherwise; returns the previous value.
    pub fn set(&mut self, key: impl Into<String>, value: impl Into<Value>) -> Option<Value> {
        self.0.insert(key.into(), value.into())
    }
}

impl Deref for ExtraFields {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for ExtraFields {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl From<Map<String, Value>> for ExtraFields {
    fn from(map: Map<String, Value>) -> Self {
        ExtraFields(map)
    }
}

impl FromIterator<(String, Value)> for ExtraFields {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        ExtraFields(iter.into_iter().collect())
    }
}

impl IntoIterator for ExtraFields {
    type Item = (String, Value);
    type IntoIter = serde_json::map::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a ExtraFields {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
