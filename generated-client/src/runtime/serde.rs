//! Serde helpers for fields whose wire format is looser than their schema.
//!
//! Each helper is a module with `serialize` and `deserialize` functions, for
//! use as `#[serde(with = "crate::runtime::serde::<helper>")]`. Fields of type
//! `Option<_>` also need `#[serde(default)]` so that an absent key reads as
//! `None`.

use ::serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer, StrDeserializer};
use ::serde::de::{
    self, DeserializeOwned, Error as _, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use ::serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::types::is_zero_date;

/// Reads `""` (and `null`) as `None`, for optional values that some APIs send
/// as an empty string, such as a date-time that is not set. A zero date
/// (`0000-00-00`, `0000-00-00 00:00:00`) that `T` does not read is `None`
/// too: it is what MySQL-backed APIs send for a date that was never set.
/// Writes `None` as `null`.
///
/// A `T` that reads zero dates (a `String`, say) keeps them: only a value
/// that would otherwise fail to decode becomes `None`.
///
/// ```
/// use pipedrive::runtime::types::DateTime;
///
/// #[derive(serde::Deserialize)]
/// struct Deal {
///     #[serde(default, with = "pipedrive::runtime::serde::empty_string_as_none")]
///     lost_time: Option<DateTime>,
/// }
///
/// let deal: Deal = serde_json::from_str(r#"{"lost_time": ""}"#)?;
/// assert!(deal.lost_time.is_none());
/// let deal: Deal = serde_json::from_str(r#"{"lost_time": "0000-00-00 00:00:00"}"#)?;
/// assert!(deal.lost_time.is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub mod empty_string_as_none {
    use super::*;
    use std::fmt;
    use std::marker::PhantomData;

    /// Writes `Some(value)` as the value and `None` as `null`.
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(value),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `""` and `null` as `None`, a zero date as `None` when `T` does
    /// not read it, anything else as `T`.
    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_any(EmptyStringAsNone(PhantomData))
    }

    /// Reads the value as it arrives, without buffering it: text is
    /// checked for `""` and a zero date, anything else is handed to `T`.
    struct EmptyStringAsNone<T>(PhantomData<T>);

    impl<'de, T: DeserializeOwned> Visitor<'de> for EmptyStringAsNone<T> {
        type Value = Option<T>;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a value, an empty string or null")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Option<T>, D::Error> {
            inner.deserialize_any(self)
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Option<T>, E> {
            if text.is_empty() {
                Ok(None)
            } else if is_zero_date(text) {
                Ok(T::deserialize(StrDeserializer::<E>::new(text)).ok())
            } else {
                T::deserialize(StrDeserializer::new(text)).map(Some)
            }
        }

        fn visit_bool<E: de::Error>(self, value: bool) -> Result<Option<T>, E> {
            T::deserialize(value.into_deserializer()).map(Some)
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Option<T>, E> {
            T::deserialize(value.into_deserializer()).map(Some)
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Option<T>, E> {
            T::deserialize(value.into_deserializer()).map(Some)
        }

        fn visit_f64<E: de::Error>(self, value: f64) -> Result<Option<T>, E> {
            T::deserialize(value.into_deserializer()).map(Some)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<T>, A::Error> {
            let value = Value::deserialize(SeqAccessDeserializer::new(seq))?;
            T::deserialize(value).map(Some).map_err(A::Error::custom)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
            let value = Value::deserialize(MapAccessDeserializer::new(map))?;
            T::deserialize(value).map(Some).map_err(A::Error::custom)
        }
    }
}

/// Reads a number that may arrive as a string (`12` or `"12"`); writes it as
/// a number.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Summary {
///     #[serde(with = "pipedrive::runtime::serde::number_or_string")]
///     total_count: u64,
/// }
///
/// let summary: Summary = serde_json::from_str(r#"{"total_count": "12"}"#)?;
/// assert_eq!(summary.total_count, 12);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub mod number_or_string {
    use std::fmt::Display;
    use std::str::FromStr;

    use super::*;

    /// Writes the number as it is.
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    /// Reads a JSON number, or a string that parses as `T`.
    pub fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
    where
        T: FromStr + DeserializeOwned,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        match Value::deserialize(deserializer)? {
            Value::String(text) => text.trim().parse().map_err(|error| {
                D::Error::custom(format!("expected a number, found {text:?}: {error}"))
            }),
            other => T::deserialize(other).map_err(D::Error::custom),
        }
    }
}

/// Like [`number_or_string`], for `Option<T>`: `null` and `""` read as `None`.
pub mod option_number_or_string {
    use std::fmt::{self, Display};
    use std::marker::PhantomData;
    use std::str::FromStr;

    use super::*;

    /// Writes `Some(number)` as the number and `None` as `null`.
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(value),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `null` and `""` as `None`, and a number or numeric string as `T`.
    pub fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        T: FromStr + DeserializeOwned,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        deserializer.deserialize_any(OptionNumberOrString(PhantomData))
    }

    /// Reads the value as it arrives, without buffering it: a number is
    /// handed to `T`, text is parsed.
    struct OptionNumberOrString<T>(PhantomData<T>);

    impl<'de, T> Visitor<'de> for OptionNumberOrString<T>
    where
        T: FromStr + DeserializeOwned,
        T::Err: Display,
    {
        type Value = Option<T>;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a number, a numeric string or null")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Option<T>, D::Error> {
            inner.deserialize_any(self)
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Option<T>, E> {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                return Ok(None);
            }
            trimmed
                .parse()
                .map(Some)
                .map_err(|error| E::custom(format!("expected a number, found {text:?}: {error}")))
        }

        fn visit_bool<E: de::Error>(self, value: bool) -> Result<Option<T>, E> {
            T::deserialize(value.into_deserializer()).map(Some)
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Option<T>, E> {
            T::deserialize(value.into_deserializer()).map(Some)
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Option<T>, E> {
            T::deserialize(value.into_deserializer()).map(Some)
        }

        fn visit_f64<E: de::Error>(self, value: f64) -> Result<Option<T>, E> {
            T::deserialize(value.into_deserializer()).map(Some)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<T>, A::Error> {
            let value = Value::deserialize(SeqAccessDeserializer::new(seq))?;
            T::deserialize(value).map(Some).map_err(A::Error::custom)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
            let value = Value::deserialize(MapAccessDeserializer::new(map))?;
            T::deserialize(value).map(Some).map_err(A::Error::custom)
        }
    }
}
