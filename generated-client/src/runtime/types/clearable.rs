//! The three states of a field that a request may leave out, clear or set.

use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field the API lets you clear: left out, sent as `null`, or sent with a
/// value.
///
/// `Option<T>` has room for two of these states, so an update body that
/// typed such a field as `Option<T>` could not tell "leave the value as it
/// is" from "remove it". Generated structs use `Clearable<T>` for every
/// optional field whose schema is `nullable` in a model that a request body
/// reaches:
///
/// | value | on the wire | what an update does |
/// |---|---|---|
/// | `Clearable::Absent` (the default) | the key is not sent | keeps the current value |
/// | `Clearable::Null` | `"key": null` | clears the value |
/// | `Clearable::Value(x)`, or `x.into()` | `"key": x` | sets the value |
///
/// Reading a model goes the other way: a missing key is `Absent`, `null` is
/// `Null`, anything else a `Value`.
///
/// ```
/// use pipedrive::models::BasicDeal;
/// use pipedrive::runtime::types::Clearable;
///
/// let update = BasicDeal::new()        // leave every other field as it is
///     .clear_person_id()                  // unlink the person: `Clearable::Null`
///     .set_org_id(52);                    // link organization 52: `Clearable::Value(52)`
/// assert_eq!(update.person_id, Clearable::Null);
/// assert_eq!(
///     serde_json::to_string(&update)?,
///     r#"{"person_id":null,"org_id":52}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// In a type of your own that derives serde's traits, the same three states
/// take two attributes:
///
/// ```
/// use pipedrive::runtime::types::Clearable;
///
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Update {
///     #[serde(default, skip_serializing_if = "Clearable::is_absent")]
///     note: Clearable<String>,
/// }
///
/// assert_eq!(serde_json::to_string(&Update { note: Clearable::Absent })?, "{}");
/// assert_eq!(serde_json::to_string(&Update { note: Clearable::Null })?, r#"{"note":null}"#);
/// let read: Update = serde_json::from_str(r#"{"note": "hi"}"#)?;
/// assert_eq!(read.note, Clearable::Value("hi".to_owned()));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Clearable<T> {
    /// Not sent: an update keeps the current value.
    Absent,
    /// Sent as `null`: an update clears the value.
    Null,
    /// Sent with this value.
    Value(T),
}

impl<T> Clearable<T> {
    /// Whether the field is left out.
    pub fn is_absent(&self) -> bool {
        matches!(self, Clearable::Absent)
    }

    /// Whether the field is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Clearable::Null)
    }

    /// The value, or `None` when the field is absent or `null`.
    pub fn value(&self) -> Option<&T> {
        match self {
            Clearable::Value(value) => Some(value),
            Clearable::Absent | Clearable::Null => None,
        }
    }

    /// The value, or `None` when the field is absent or `null`.
    pub fn into_value(self) -> Option<T> {
        match self {
            Clearable::Value(value) => Some(value),
            Clearable::Absent | Clearable::Null => None,
        }
    }

    /// A `Clearable` of a reference to the value.
    pub fn as_ref(&self) -> Clearable<&T> {
        match self {
            Clearable::Absent => Clearable::Absent,
            Clearable::Null => Clearable::Null,
            Clearable::Value(value) => Clearable::Value(value),
        }
    }

    /// Applies `function` to the value, keeping `Absent` and `Null`.
    pub fn map<U>(self, function: impl FnOnce(T) -> U) -> Clearable<U> {
        match self {
            Clearable::Absent => Clearable::Absent,
            Clearable::Null => Clearable::Null,
            Clearable::Value(value) => Clearable::Value(function(value)),
        }
    }
}

/// `Absent`: a field nobody set is not sent.
impl<T> Default for Clearable<T> {
    fn default() -> Self {
        Clearable::Absent
    }
}

/// A value to send. There is deliberately no conversion from `Option<T>`:
/// whether its `None` should leave the field out or clear it is the
/// caller's decision, made by writing `Absent` or `Null`.
impl<T> From<T> for Clearable<T> {
    fn from(value: T) -> Self {
        Clearable::Value(value)
    }
}

/// Writes the value, or `null` for `Null` and `Absent`. A struct leaves an
/// `Absent` field out before it gets here.
impl<T: Serialize> Serialize for Clearable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Clearable::Value(value) => serializer.serialize_some(value),
            Clearable::Absent | Clearable::Null => serializer.serialize_none(),
        }
    }
}

/// Reads `null` as `Null` and anything else as a `Value`. A struct reads a
/// missing key as `Absent` without calling this.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Clearable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(|value| match value {
            Some(value) => Clearable::Value(value),
            None => Clearable::Null,
        })
    }
}
