//! Serde helpers for fields whose wire format is looser than their schema.
//!
//! Each helper is a module with `serialize` and `deserialize` functions, for
//! use as `#[serde(with = "crate::runtime::serde::<helper>")]`. Fields of type
//! `Option<_>` also need `#[serde(default)]` so that an absent key reads as
//! `None`.

use ::serde::de::{DeserializeOwned, Error as _};
use ::serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::types::{FlagVisitor, is_zero_date};

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
        match Value::deserialize(deserializer)? {
            Value::Null => Ok(None),
            Value::String(text) if text.is_empty() => Ok(None),
            Value::String(text) if is_zero_date(&text) => {
                Ok(T::deserialize(Value::String(text)).ok())
            }
            other => T::deserialize(other).map(Some).map_err(D::Error::custom),
        }
    }
}

/// Tells an absent key (`None`) from an explicit `null` (`Some(None)`), for
/// fields where sending `null` clears a value on the server.
///
/// Use with `#[serde(default, skip_serializing_if = "Option::is_none")]`.
///
/// ```
/// #[derive(serde::Deserialize, serde::Serialize)]
/// struct Update {
///     #[serde(
///         default,
///         skip_serializing_if = "Option::is_none",
///         with = "pipedrive::runtime::serde::double_option"
///     )]
///     org_id: Option<Option<i64>>,
/// }
///
/// assert_eq!(serde_json::to_string(&Update { org_id: None })?, "{}");
/// assert_eq!(serde_json::to_string(&Update { org_id: Some(None) })?, r#"{"org_id":null}"#);
/// let cleared: Update = serde_json::from_str(r#"{"org_id": null}"#)?;
/// assert_eq!(cleared.org_id, Some(None));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub mod double_option {
    use super::*;

    /// Writes `Some(Some(value))` as the value and anything else as `null`.
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(Some(value)) => serializer.serialize_some(value),
            Some(None) | None => serializer.serialize_none(),
        }
    }

    /// Reads a present key: `null` as `Some(None)`, a value as `Some(Some(_))`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
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
    use std::fmt::Display;
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
        match Value::deserialize(deserializer)? {
            Value::Null => Ok(None),
            Value::String(text) if text.trim().is_empty() => Ok(None),
            Value::String(text) => text.trim().parse().map(Some).map_err(|error| {
                D::Error::custom(format!("expected a number, found {text:?}: {error}"))
            }),
            other => T::deserialize(other).map(Some).map_err(D::Error::custom),
        }
    }
}

/// Reads a `bool` that may arrive as `0`/`1` or as a string (`"0"`, `"1"`,
/// `"true"`, `"false"`); writes it as `true`/`false`.
///
/// To write a flag back the way it arrived, use
/// [`Flag`](super::types::Flag) instead.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Product {
///     #[serde(with = "pipedrive::runtime::serde::bool_or_number")]
///     active_flag: bool,
/// }
///
/// let product: Product = serde_json::from_str(r#"{"active_flag": 1}"#)?;
/// assert!(product.active_flag);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub mod bool_or_number {
    use super::*;

    /// Writes the flag as `true` or `false`.
    pub fn serialize<S: Serializer>(value: &bool, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(*value)
    }

    /// Reads `true`, `false`, `0`, `1` or those as strings.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
        deserializer
            .deserialize_any(FlagVisitor)
            .map(|flag| flag.value())
    }
}
