//! What the generated `Serialize` and `Deserialize` impls call.
//!
//! The generator does not derive these impls: serde's derive expands every
//! field into about forty lines (a field enum, its visitor, sequence and map
//! arms, a wrapper type per `deserialize_with`), and for a large API that
//! expansion is most of what `cargo check` spends on the crate. A generated
//! struct states its fields in an `object!` table and a string enum its
//! values in a `string_enum!` table, a line each; the macros expand to a
//! plain map visitor over the generic readers and writers here, which the
//! compiler checks once.
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

use super::types::{Clearable, ExtraFields};

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

    /// The value of a required field.
    pub fn present<T: Deserialize<'de>>(&mut self) -> Option<T> {
        let read = self.map.next_value();
        self.keep(read)
    }

    /// The value of a [`Clearable`] field whose key is present: `null` is
    /// [`Clearable::Null`].
    pub fn clearable<T: Deserialize<'de>>(&mut self) -> Option<Clearable<T>> {
        let read = self.map.next_value();
        self.keep(read)
    }

    /// A [`Clearable`] date or date-time that the API sends as `""` or as a
    /// zero date when it is not set: those and `null` are
    /// [`Clearable::Null`].
    pub fn clearable_empty_string_as_none<T: DeserializeOwned>(&mut self) -> Option<Clearable<T>> {
        let read = self.map.next_value::<EmptyStringAsNone<T>>();
        self.keep(read).map(|value| clearable_from(value.0))
    }

    /// A [`Clearable`] number that may arrive as a string (`"12"`); `""` and
    /// `null` are [`Clearable::Null`].
    pub fn clearable_option_number_or_string<T>(&mut self) -> Option<Clearable<T>>
    where
        T: FromStr + DeserializeOwned,
        T::Err: Display,
    {
        let read = self.map.next_value::<OptionNumberOrString<T>>();
        self.keep(read).map(|value| clearable_from(value.0))
    }

    /// The value of an optional field: `null` is `None`.
    pub fn optional<T: Deserialize<'de>>(&mut self) -> Option<T> {
        let read = self.map.next_value::<Option<T>>();
        self.keep(read).flatten()
    }

    /// An optional date or date-time that the API sends as `""` or as a zero
    /// date (`0000-00-00 00:00:00`) when it is not set: those and `null` are
    /// `None`.
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

    /// Writes a required key and its value.
    pub fn required<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.entry(key, value);
    }

    /// Writes a required key whose value may be `null`: `None` is written as
    /// `null`.
    pub fn nullable<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
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
            self.entry(key, value);
        }
    }

    /// Writes a [`Clearable`] field: nothing for `Absent`, `null` for
    /// `Null`, the value for `Value`.
    pub fn clearable<T: Serialize>(&mut self, key: &'static str, value: &Clearable<T>) {
        if !value.is_absent() {
            self.entry(key, value);
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
pub fn read_string_enum<'de, D: Deserializer<'de>, T: for<'a> From<&'a str>>(
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

/// A read value of a [`Clearable`] field whose key is present: a value, or
/// `Null` for `None`.
fn clearable_from<T>(value: Option<T>) -> Clearable<T> {
    match value {
        Some(value) => Clearable::Value(value),
        None => Clearable::Null,
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

/// Implements `Serialize` (and `Deserialize`) for a generated struct from a
/// table of its fields, so that a model file states each field's wire name
/// and rules once, on one line.
///
/// ```text
/// crate::runtime::codec::object! {
///     impl Serialize, Deserialize for Deal {
///         id: required "id",
///         title: required "title",
///         close_time: nullable "close_time" empty_string_as_none,
///         value: optional "value" option_number_or_string,
///         org_id: clearable "org_id",
///         ..additional_properties: any
///     }
/// }
/// ```
///
/// Fields are written in table order. A field's rule:
///
/// - `required`: the key must be present; its value is the field's type.
/// - `nullable`: a required key whose value may be `null` (`Option<T>`);
///   always written, `None` as `null`, and read as `None` when absent.
/// - `optional`: an `Option<T>`; not written when `None`, and `null` reads as
///   `None`.
/// - `clearable`: a [`Clearable<T>`] that tells an absent key (`Absent`, not
///   written) from `null` (`Null`).
///
/// After the wire name, a `nullable`, `optional` or `clearable` field may
/// name a lenient reader of [`ObjectReader`]: `empty_string_as_none` (dates
/// the API sends as `""` or as a zero date) or `option_number_or_string`
/// (numbers it sends as strings); for a `clearable` field these read `""`
/// and a zero date as `Null`.
///
/// The last line, when present, names the field that keeps undeclared keys:
/// `any` for [`ExtraFields`], `typed` for a `BTreeMap<String, T>`. Without
/// it, undeclared keys are skipped.
///
/// The expansion is a map visitor with a local per field and a `match` on
/// the key: what serde's derive writes, minus the field enum, the sequence
/// form and the per-field wrapper types.
#[allow(
    unused_macros,
    reason = "an API without object schemas generates no call"
)]
macro_rules! object {
    (impl Serialize for $name:ident { $($table:tt)* }) => {
        $crate::runtime::codec::object!(@serialize $name { $($table)* });
    };
    (impl Serialize, Deserialize for $name:ident { $($table:tt)* }) => {
        $crate::runtime::codec::object!(@serialize $name { $($table)* });
        $crate::runtime::codec::object!(@deserialize $name { $($table)* });
    };
    (@serialize $name:ident {
        $( $field:ident : $rule:ident $wire:literal $($lenient:ident)? , )*
        $( .. $extra_field:ident : $extra:ident )?
    }) => {
        impl ::serde::Serialize for $name {
            fn serialize<__S: ::serde::Serializer>(
                &self,
                __serializer: __S,
            ) -> ::std::result::Result<__S::Ok, __S::Error> {
                let mut __object = $crate::runtime::codec::ObjectWriter::new(__serializer)?;
                $( __object.$rule($wire, &self.$field); )*
                $( __object.flatten(&self.$extra_field); )?
                __object.end()
            }
        }
    };
    (@deserialize $name:ident {
        $( $field:ident : $rule:ident $wire:literal $($lenient:ident)? , )*
        $( .. $extra_field:ident : $extra:ident )?
    }) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(
                __deserializer: __D,
            ) -> ::std::result::Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;
                    fn expecting(
                        &self,
                        __formatter: &mut ::std::fmt::Formatter<'_>,
                    ) -> ::std::fmt::Result {
                        __formatter.write_str(::std::concat!(
                            "a `",
                            ::std::stringify!($name),
                            "` object"
                        ))
                    }
                    // A struct without declared fields matches on nothing but `_`.
                    #[allow(clippy::match_single_binding)]
                    fn visit_map<__A: ::serde::de::MapAccess<'de>>(
                        self,
                        __map: __A,
                    ) -> ::std::result::Result<$name, __A::Error> {
                        let mut __reader = $crate::runtime::codec::ObjectReader::new(__map);
                        // The locals are the fields' own names: the macro's
                        // hygiene keeps them apart from `__reader` and `__key`.
                        $( let mut $field = ::std::option::Option::None; )*
                        $crate::runtime::codec::object!(@extra_new __extra $($extra)?);
                        while let ::std::option::Option::Some(__key) = __reader.next_key()? {
                            match __key.as_str() {
                                $(
                                    $wire => $field = $crate::runtime::codec::object!(
                                        @read __reader $rule $($lenient)?
                                    ),
                                )*
                                _ => $crate::runtime::codec::object!(
                                    @extra_read __reader __key __extra $($extra)?
                                ),
                            }
                        }
                        ::std::result::Result::Ok($name {
                            $(
                                $field: $crate::runtime::codec::object!(
                                    @finish $rule $field $wire
                                ),
                            )*
                            $( $extra_field: __extra, )?
                        })
                    }
                }
                ::serde::Deserializer::deserialize_map(__deserializer, __Visitor)
            }
        }
    };
    (@read $reader:ident required) => { $reader.present() };
    (@read $reader:ident clearable) => { $reader.clearable() };
    (@read $reader:ident clearable empty_string_as_none) => {
        $reader.clearable_empty_string_as_none()
    };
    (@read $reader:ident clearable option_number_or_string) => {
        $reader.clearable_option_number_or_string()
    };
    (@read $reader:ident $rule:ident) => { $reader.optional() };
    (@read $reader:ident $rule:ident $lenient:ident) => { $reader.$lenient() };
    (@finish required $local:ident $wire:literal) => {
        $crate::runtime::codec::required($local, $wire)?
    };
    (@finish clearable $local:ident $wire:literal) => {
        ::std::option::Option::unwrap_or_default($local)
    };
    (@finish $rule:ident $local:ident $wire:literal) => { $local };
    (@extra_new $extra:ident) => {};
    (@extra_new $extra:ident any) => {
        let mut $extra = $crate::runtime::types::ExtraFields::new();
    };
    (@extra_new $extra:ident typed) => {
        let mut $extra = ::std::collections::BTreeMap::new();
    };
    (@extra_read $reader:ident $key:ident $extra:ident) => { $reader.skip() };
    (@extra_read $reader:ident $key:ident $extra:ident any) => {
        $reader.extra(&mut $extra, $key)
    };
    (@extra_read $reader:ident $key:ident $extra:ident typed) => {
        $reader.extra_typed(&mut $extra, $key)
    };
}
#[allow(
    unused_imports,
    reason = "an API without object schemas generates no call"
)]
pub(crate) use object;

/// Implements a generated string enum's conversions from the table of its
/// variants and their wire values:
///
/// ```text
/// crate::runtime::codec::string_enum! {
///     DealStatus {
///         Open = "open",
///         Won = "won",
///         ..Unknown
///     }
/// }
/// ```
///
/// `as_str`, `From<&str>` (a value not listed becomes the catch-all variant
/// named last, which holds the text), `Display`, `Serialize` and
/// `Deserialize`, all through the wire text.
#[allow(
    unused_macros,
    reason = "an API without string enums generates no call"
)]
macro_rules! string_enum {
    ($name:ident { $( $variant:ident = $value:literal, )* ..$unknown:ident }) => {
        impl $name {
            /// The value as it is sent.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::$unknown(__value) => __value,
                }
            }
        }
        impl ::std::convert::From<&str> for $name {
            // An enum that lists no value matches on nothing but `_`.
            #[allow(clippy::match_single_binding)]
            fn from(__value: &str) -> Self {
                match __value {
                    $( $value => Self::$variant, )*
                    _ => Self::$unknown(::std::borrow::ToOwned::to_owned(__value)),
                }
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, __formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                __formatter.write_str(self.as_str())
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<__S: ::serde::Serializer>(
                &self,
                __serializer: __S,
            ) -> ::std::result::Result<__S::Ok, __S::Error> {
                __serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(
                __deserializer: __D,
            ) -> ::std::result::Result<Self, __D::Error> {
                $crate::runtime::codec::read_string_enum(__deserializer)
            }
        }
    };
}
#[allow(
    unused_imports,
    reason = "an API without string enums generates no call"
)]
pub(crate) use string_enum;

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::{Clearable, ExtraFields};

    /// Every field rule and lenient reader, a raw identifier, kept extras.
    #[derive(Debug, PartialEq)]
    struct Sample {
        id: i64,
        r#type: Option<String>,
        note: Option<String>,
        due: Option<u32>,
        count: Option<i64>,
        parent: Clearable<i64>,
        closed: Clearable<u32>,
        additional_properties: ExtraFields,
    }

    super::object! {
        impl Serialize, Deserialize for Sample {
            id: required "id",
            r#type: nullable "type",
            note: optional "note",
            due: optional "due" empty_string_as_none,
            count: nullable "count" option_number_or_string,
            parent: clearable "parent",
            closed: clearable "closed" empty_string_as_none,
            ..additional_properties: any
        }
    }

    #[derive(Debug, PartialEq)]
    struct Typed {
        name: String,
        additional_properties: BTreeMap<String, i64>,
    }

    super::object! {
        impl Serialize, Deserialize for Typed {
            name: required "name",
            ..additional_properties: typed
        }
    }

    #[derive(Debug, PartialEq)]
    struct Empty {}

    super::object! {
        impl Serialize, Deserialize for Empty {}
    }

    #[derive(Debug, PartialEq)]
    struct WriteOnly {
        name: String,
    }

    super::object! {
        impl Serialize for WriteOnly {
            name: required "name",
        }
    }

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        DarkBlue,
        Other(String),
    }

    super::string_enum! {
        Color {
            Red = "red",
            DarkBlue = "dark blue",
            ..Other
        }
    }

    #[test]
    fn each_rule_reads_its_wire_form() {
        let wire = json!({
            "zeta": 1,
            "id": 7,
            "type": null,
            "due": "",
            "count": "12",
            "parent": null,
            "closed": "",
            "alpha": [true]
        });
        let sample: Sample = serde_json::from_value(wire).unwrap();
        let mut extra = ExtraFields::new();
        extra.insert("zeta".to_owned(), json!(1));
        extra.insert("alpha".to_owned(), json!([true]));
        assert_eq!(
            sample,
            Sample {
                id: 7,
                r#type: None,
                note: None,
                due: None,
                count: Some(12),
                parent: Clearable::Null,
                closed: Clearable::Null,
                additional_properties: extra,
            }
        );
    }

    #[test]
    fn each_rule_writes_its_wire_form_in_table_order_then_the_extras() {
        let mut extra = ExtraFields::new();
        extra.insert("custom".to_owned(), json!("x"));
        let sample = Sample {
            id: 1,
            r#type: None,
            note: None,
            due: Some(3),
            count: None,
            parent: Clearable::Null,
            closed: Clearable::Value(4),
            additional_properties: extra,
        };
        assert_eq!(
            serde_json::to_string(&sample).unwrap(),
            r#"{"id":1,"type":null,"due":3,"count":null,"parent":null,"closed":4,"custom":"x"}"#
        );
        let absent = Sample {
            parent: Clearable::Absent,
            closed: Clearable::Absent,
            ..sample
        };
        let written = serde_json::to_value(&absent).unwrap();
        assert!(written.get("parent").is_none(), "{written}");
        assert!(written.get("closed").is_none(), "{written}");
    }

    #[test]
    fn an_absent_nullable_key_reads_as_none_and_an_absent_clearable_as_absent() {
        let sample: Sample = serde_json::from_value(json!({"id": 2})).unwrap();
        assert_eq!(sample.r#type, None);
        assert_eq!(sample.parent, Clearable::Absent);
        assert_eq!(sample.closed, Clearable::Absent);
        let sample: Sample =
            serde_json::from_value(json!({"id": 2, "parent": 5, "due": 9, "closed": 6})).unwrap();
        assert_eq!(sample.parent, Clearable::Value(5));
        assert_eq!(sample.closed, Clearable::Value(6));
        assert_eq!(sample.due, Some(9));
    }

    #[test]
    fn a_missing_required_key_is_serdes_missing_field() {
        let error = serde_json::from_value::<Sample>(json!({"type": "a"})).unwrap_err();
        assert_eq!(error.to_string(), "missing field `id`");
        let error = serde_json::from_value::<Sample>(json!([1])).unwrap_err();
        assert!(error.to_string().contains("a `Sample` object"), "{error}");
    }

    #[test]
    fn typed_extras_are_read_with_their_type() {
        let typed: Typed = serde_json::from_value(json!({"name": "n", "b": 2})).unwrap();
        assert_eq!(typed.additional_properties.get("b"), Some(&2));
        assert_eq!(
            serde_json::to_value(&typed).unwrap(),
            json!({"name": "n", "b": 2})
        );
        let error = serde_json::from_value::<Typed>(json!({"name": "n", "b": "x"})).unwrap_err();
        assert!(error.to_string().contains("invalid type"), "{error}");
    }

    #[test]
    fn a_struct_without_fields_skips_every_key() {
        let empty: Empty = serde_json::from_value(json!({"a": 1, "b": {"c": 2}})).unwrap();
        assert_eq!(empty, Empty {});
        assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
    }

    #[test]
    fn a_write_only_struct_serializes() {
        let body = WriteOnly {
            name: "n".to_owned(),
        };
        assert_eq!(serde_json::to_value(&body).unwrap(), json!({"name": "n"}));
    }

    #[test]
    fn a_string_enum_converts_through_its_wire_text() {
        assert_eq!(Color::from("dark blue"), Color::DarkBlue);
        assert_eq!(Color::from("green"), Color::Other("green".to_owned()));
        assert_eq!(Color::Other("green".to_owned()).as_str(), "green");
        assert_eq!(Color::Red.to_string(), "red");
        assert_eq!(
            serde_json::to_value(Color::DarkBlue).unwrap(),
            json!("dark blue")
        );
        let read: Vec<Color> = serde_json::from_value(json!(["red", "teal"])).unwrap();
        assert_eq!(read, [Color::Red, Color::Other("teal".to_owned())]);
        assert!(serde_json::from_value::<Color>(json!(3)).is_err());
    }
}
