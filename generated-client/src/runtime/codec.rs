//! What the generated `Serialize` and `Deserialize` impls call.
//!
//! The generator writes these impls itself instead of deriving them: serde's
//! derive expands every field into about forty lines (a field enum, its
//! visitor, sequence and map arms, a wrapper type per `deserialize_with`),
//! and for a large API that expansion is most of what `cargo check` spends
//! on the crate. A generated impl spends one line per field and leaves the
//! rest to the generic functions here, which the compiler checks once.
//!
//! The wire behaviour is serde's: objects are read and written as maps,
//! unknown keys are kept or skipped as the schema says, a missing required
//! key is `missing field`. Two choices differ from the derive: a repeated key
//! keeps its last value (as `serde_json::Value` does), and an untagged union
//! that matches none of its variants says why each one failed.
//!
//! Not a public API: the functions change with the generator.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::{self, Display};
use std::marker::PhantomData;
use std::str::FromStr;

use ::serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use ::serde::ser::SerializeMap;
use ::serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::types::ExtraFields;

/// An object key, borrowed from the input when the format allows it.
#[derive(Debug)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as an owned string.
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads a [`Key`] without copying it when the input lends it.
struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(key)))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key.to_owned())))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key)))
    }
}

/// The value of a required key, or serde's `missing field` error.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// Reads an object's entries for a generated `Deserialize` impl.
///
/// Each read returns the value and keeps an error for [`next_key`], which
/// returns it, so that the generated code is one plain call per field,
/// without a `?` (each `?` is a `match` with a conversion that rustc
/// type-checks and borrow-checks).
///
/// [`next_key`]: ObjectReader::next_key
pub struct ObjectReader<'de, A: MapAccess<'de>> {
    map: A,
    error: Option<A::Error>,
    input: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> ObjectReader<'de, A> {
    /// Starts reading `map`.
    pub fn new(map: A) -> Self {
        ObjectReader {
            map,
            error: None,
            input: PhantomData,
        }
    }

    /// The next key, `None` at the end, or the error of the last read.
    pub fn next_key(&mut self) -> Result<Option<Key<'de>>, A::Error> {
        match self.error.take() {
            Some(error) => Err(error),
            None => self.map.next_key(),
        }
    }

    /// Keeps the error of a read and gives `None` in its place.
    fn keep<T>(&mut self, read: Result<T, A::Error>) -> Option<T> {
        match read {
            Ok(value) => Some(value),
            Err(error) => {
                self.error = Some(error);
                None
            }
        }
    }

    /// The value as `Some(_)`: for a required field, or one whose `null`
    /// means something (`Option<Option<T>>`).
    pub fn present<T: Deserialize<'de>>(&mut self) -> Option<T> {
        let read = self.map.next_value();
        self.keep(read)
    }

    /// The value of an optional field: `null` is `None`.
    pub fn optional<T: Deserialize<'de>>(&mut self) -> Option<T> {
        let read = self.map.next_value::<Option<T>>();
        self.keep(read).flatten()
    }

    /// An optional date or date-time that the API sends as `""` when it is
    /// not set: `""` and `null` are `None`.
    pub fn empty_string_as_none<T: DeserializeOwned>(&mut self) -> Option<T> {
        let read = self.map.next_value::<EmptyStringAsNone<T>>();
        self.keep(read).and_then(|value| value.0)
    }

    /// An optional number that may arrive as a string (`"12"`) or empty
    /// (`""`, `null`).
    pub fn option_number_or_string<T>(&mut self) -> Option<T>
    where
        T: FromStr + DeserializeOwned,
        T::Err: Display,
    {
        let read = self.map.next_value::<OptionNumberOrString<T>>();
        self.keep(read).and_then(|value| value.0)
    }

    /// Keeps an undeclared key and its value.
    pub fn extra(&mut self, extra: &mut ExtraFields, key: Key<'de>) {
        let read = self.map.next_value::<Value>();
        if let Some(value) = self.keep(read) {
            extra.insert(key.into_string(), value);
        }
    }

    /// Keeps an undeclared key and its value, typed by
    /// `additionalProperties`.
    pub fn extra_typed<T: Deserialize<'de>>(
        &mut self,
        extra: &mut BTreeMap<String, T>,
        key: Key<'de>,
    ) {
        let read = self.map.next_value::<T>();
        if let Some(value) = self.keep(read) {
            extra.insert(key.into_string(), value);
        }
    }

    /// Skips the value of a key that the schema neither declares nor keeps.
    pub fn skip(&mut self) {
        let read = self.map.next_value::<IgnoredAny>();
        self.keep(read);
    }
}

/// Writes an object's entries for a generated `Serialize` impl.
///
/// It keeps the first error and skips the entries after it, so that the
/// generated code is one plain call per field, without a `?` (each `?` is a
/// `match` with a conversion that rustc type-checks and borrow-checks).
pub struct ObjectWriter<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> ObjectWriter<M> {
    /// Starts an object.
    pub fn new<S>(serializer: S) -> Result<Self, S::Error>
    where
        S: Serializer<SerializeMap = M, Error = M::Error>,
    {
        serializer
            .serialize_map(None)
            .map(|map| ObjectWriter { map, error: None })
    }

    /// Writes a key and its value.
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.entry(key, value);
    }

    /// Writes one entry unless an earlier one failed, keeping the error.
    fn entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(&mut self, key: &K, value: &V) {
        if self.error.is_none()
            && let Err(error) = self.map.serialize_entry(key, value)
        {
            self.error = Some(error);
        }
    }

    /// Writes a key unless its value is `None`.
    pub fn optional<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.field(key, value);
        }
    }

    /// Writes the kept undeclared keys, after the declared ones.
    pub fn flatten<'a, K, V, I>(&mut self, extra: I)
    where
        K: Serialize + 'a,
        V: Serialize + 'a,
        I: IntoIterator<Item = (&'a K, &'a V)>,
    {
        for (key, value) in extra {
            self.entry(key, value);
        }
    }

    /// Ends the object, or returns the first error.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            Some(error) => Err(error),
            None => self.map.end(),
        }
    }
}

/// Reads a string enum through its `From<&str>`, which maps a value the spec
/// does not list to the catch-all variant.
pub fn string_enum<'de, D: Deserializer<'de>, T: for<'a> From<&'a str>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(StringEnumVisitor(PhantomData))
}

/// Reads the text of a string enum.
struct StringEnumVisitor<T>(PhantomData<T>);

impl<T: for<'a> From<&'a str>> Visitor<'_> for StringEnumVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        Ok(T::from(text))
    }
}

/// The reasons an untagged union's variants rejected a value, for the error
/// when none accepts it.
#[derive(Debug, Default)]
pub struct Attempts(Vec<String>);

impl Attempts {
    /// A new, empty record.
    pub fn new() -> Attempts {
        Attempts(Vec::new())
    }

    /// Tries one variant: `T` read from the buffered `value`, or the reason
    /// it does not fit recorded under `variant`.
    pub fn attempt<T: DeserializeOwned>(&mut self, variant: &str, value: &Value) -> Option<T> {
        match T::deserialize(value) {
            Ok(parsed) => Some(parsed),
            Err(error) => {
                self.0.push(format!("{variant}: {error}"));
                None
            }
        }
    }

    /// The error once every variant has failed.
    pub fn fail<E: de::Error>(self, union: &str) -> E {
        E::custom(format_args!(
            "the value matches no variant of `{union}` ({})",
            self.0.join("; ")
        ))
    }
}

/// `Option<T>` read with `""` and `null` as `None`.
struct EmptyStringAsNone<T>(Option<T>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for EmptyStringAsNone<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::serde::empty_string_as_none::deserialize(deserializer).map(EmptyStringAsNone)
    }
}

/// `Option<T>` read from a number, a numeric string, `""` or `null`.
struct OptionNumberOrString<T>(Option<T>);

impl<'de, T> Deserialize<'de> for OptionNumberOrString<T>
where
    T: FromStr + DeserializeOwned,
    T::Err: Display,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::serde::option_number_or_string::deserialize(deserializer).map(OptionNumberOrString)
    }
}
