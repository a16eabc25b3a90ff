//! Lenient value types for the quirks of real APIs: dates and date-times in
//! more than one format, 0/1 flags, and the unknown keys of open objects;
//! [`Clearable`], a field that a request may leave out, clear or set; and
//! [`UnknownValue`], an enum value the spec does not list.

mod clearable;
mod extra_fields;
mod unknown_value;

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, SecondsFormat, Utc};

pub use self::clearable::Clearable;
pub use self::extra_fields::ExtraFields;
pub use self::unknown_value::{UnknownInteger, UnknownValue};
pub use super::multipart::FilePart;

/// The format of a calendar date: `YYYY-MM-DD`.
const DATE_FORMAT: &str = "%Y-%m-%d";
/// The space-separated date-time format: `YYYY-MM-DD HH:MM:SS`, in UTC.
const SPACE_SEPARATED_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
/// ISO 8601 with an offset written without a colon (`+0000`), with or
/// without fractional seconds, as Jira writes them.
const OFFSET_WITHOUT_COLON_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.f%z";
/// How [`OFFSET_WITHOUT_COLON_FORMAT`] is written for a new date-time:
/// milliseconds and a `+0000` offset.
const OFFSET_WITHOUT_COLON_OUTPUT: &str = "%Y-%m-%dT%H:%M:%S%.3f%z";

/// Whether a text is a "zero date" (`0000-00-00` or `0000-00-00 00:00:00`,
/// also with a `T`, a fraction or an offset of zeros): what MySQL-backed
/// APIs such as Pipedrive send for a date that was never set. It names no
/// day, so it reads as absent where a date may be absent and is an error
/// where one is required.
pub(crate) fn is_zero_date(text: &str) -> bool {
    text.strip_prefix("0000-00-00").is_some_and(|time| {
        time.bytes()
            .all(|byte| matches!(byte, b'0' | b':' | b'.' | b' ' | b'T' | b'Z' | b'+' | b'-'))
    })
}

/// The error for a text that is not a date or date-time, telling a zero date
/// apart from any other text.
fn parse_error(expected: &'static str, text: &str) -> ParseDateError {
    ParseDateError {
        expected,
        found: text.to_owned(),
        zero_date: is_zero_date(text),
    }
}

/// A calendar date written as `YYYY-MM-DD` (OpenAPI `format: date`).
///
/// ```
/// use pipedrive::runtime::types::Date;
///
/// let date: Date = "2024-02-29".parse()?;
/// assert_eq!(date.to_string(), "2024-02-29");
/// assert_eq!(serde_json::to_string(&date)?, r#""2024-02-29""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

impl Date {
    /// The date for a year, month (1–12) and day (1–31), or `None` when there
    /// is no such day.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// The date as a [`chrono::NaiveDate`].
    pub fn as_naive_date(&self) -> NaiveDate {
        self.0
    }
}

impl From<NaiveDate> for Date {
    fn from(date: NaiveDate) -> Self {
        Date(date)
    }
}

impl From<Date> for NaiveDate {
    fn from(date: Date) -> Self {
        date.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", self.0.format(DATE_FORMAT))
    }
}

/// A text that is not a date or date-time in an accepted format.
///
/// A zero date (`0000-00-00`, `0000-00-00 00:00:00`) names no day: optional
/// and nullable fields read it as `None` (see
/// [`empty_string_as_none`](super::serde::empty_string_as_none)), and a
/// required field reports this error, which says so, under the field's
/// path.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}, found {found:?}{}", zero_date_note(.zero_date))]
pub struct ParseDateError {
    expected: &'static str,
    found: String,
    zero_date: bool,
}

/// What a [`ParseDateError`] adds for a zero date.
fn zero_date_note(zero_date: &bool) -> &'static str {
    if *zero_date {
        ": a zero date names no day, and reads as absent only where the field may be absent"
    } else {
        ""
    }
}

impl ParseDateError {
    /// Whether the text was a zero date such as `0000-00-00 00:00:00`.
    pub fn is_zero_date(&self) -> bool {
        self.zero_date
    }
}

impl FromStr for Date {
    type Err = ParseDateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        NaiveDate::parse_from_str(text, DATE_FORMAT)
            .map(Date)
            .map_err(|_| parse_error("a date as YYYY-MM-DD", text))
    }
}

impl ::serde::Serialize for Date {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> ::serde::Deserialize<'de> for Date {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(::serde::de::Error::custom)
    }
}

impl From<Date> for serde_json::Value {
    fn from(date: Date) -> Self {
        serde_json::Value::String(date.to_string())
    }
}

/// The text format a [`DateTime`] was read in, and is written back in.
///
/// Whatever the format, a date-time read from text writes back that very
/// text: the format only says which family it belongs to, and how
/// [`DateTime::from_utc`] writes a new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateTimeFormat {
    /// RFC 3339, such as `2024-01-31T12:30:00Z`,
    /// `2024-01-31T14:30:00+02:00` or `2024-01-31T12:30:00.250Z`.
    Rfc3339,
    /// ISO 8601 with the offset written without a colon, such as
    /// `2023-04-21T12:39:27.600+0000` (as Jira writes them).
    OffsetWithoutColon,
    /// `YYYY-MM-DD HH:MM:SS`, understood as UTC (as Pipedrive writes them).
    SpaceSeparated,
}

/// A point in time that reads RFC 3339 (`Z` or `+HH:MM`, with or without
/// fractional seconds), ISO 8601 with a `+HHMM` offset, and
/// `YYYY-MM-DD HH:MM:SS` (UTC), and serializes back exactly the text it was
/// read from: offset spelling and fraction digits included.
///
/// Two date-times are equal when they are the same instant, whatever their
/// formats.
///
/// ```
/// use pipedrive::runtime::types::{DateTime, DateTimeFormat};
///
/// let pipedrive_style: DateTime = "2024-01-31 12:30:00".parse()?;
/// let rfc_3339: DateTime = "2024-01-31T14:30:00+02:00".parse()?;
/// assert_eq!(pipedrive_style, rfc_3339);
/// assert_eq!(pipedrive_style.format(), DateTimeFormat::SpaceSeparated);
/// assert_eq!(serde_json::to_string(&rfc_3339)?, r#""2024-01-31T14:30:00+02:00""#);
///
/// let jira_style: DateTime = "2023-04-21T12:39:27.600+0000".parse()?;
/// assert_eq!(jira_style.format(), DateTimeFormat::OffsetWithoutColon);
/// assert_eq!(jira_style.as_str(), "2023-04-21T12:39:27.600+0000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct DateTime {
    instant: chrono::DateTime<Utc>,
    format: DateTimeFormat,
    text: String,
}

impl DateTime {
    /// A date-time for an instant, written in `format`.
    pub fn from_utc(instant: chrono::DateTime<Utc>, format: DateTimeFormat) -> DateTime {
        let text = match format {
            DateTimeFormat::Rfc3339 => instant.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            DateTimeFormat::OffsetWithoutColon => {
                instant.format(OFFSET_WITHOUT_COLON_OUTPUT).to_string()
            }
            DateTimeFormat::SpaceSeparated => instant.format(SPACE_SEPARATED_FORMAT).to_string(),
        };
        DateTime {
            instant,
            format,
            text,
        }
    }

    /// The instant, in UTC.
    pub fn as_utc(&self) -> chrono::DateTime<Utc> {
        self.instant
    }

    /// The format it was read in (or built with).
    pub fn format(&self) -> DateTimeFormat {
        self.format
    }

    /// The text it serializes to.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl PartialEq for DateTime {
    fn eq(&self, other: &Self) -> bool {
        self.instant == other.instant
    }
}

impl Eq for DateTime {}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTime {
    fn cmp(&self, other: &Self) -> Ordering {
        self.instant.cmp(&other.instant)
    }
}

impl Hash for DateTime {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.instant.hash(state);
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.text)
    }
}

impl FromStr for DateTime {
    type Err = ParseDateError;

    /// Reads the formats of [`DateTimeFormat`], trying RFC 3339 first.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let read = |instant: chrono::DateTime<Utc>, format: DateTimeFormat| DateTime {
            instant,
            format,
            text: text.to_owned(),
        };
        if let Ok(with_offset) = chrono::DateTime::parse_from_rfc3339(text) {
            return Ok(read(
                with_offset.with_timezone(&Utc),
                DateTimeFormat::Rfc3339,
            ));
        }
        if let Ok(with_offset) = chrono::DateTime::parse_from_str(text, OFFSET_WITHOUT_COLON_FORMAT)
        {
            return Ok(read(
                with_offset.with_timezone(&Utc),
                DateTimeFormat::OffsetWithoutColon,
            ));
        }
        match NaiveDateTime::parse_from_str(text, SPACE_SEPARATED_FORMAT) {
            Ok(naive) => Ok(read(naive.and_utc(), DateTimeFormat::SpaceSeparated)),
            Err(_) => Err(parse_error(
                "a date-time as RFC 3339 (2024-01-31T12:30:00Z), with a +HHMM offset or as YYYY-MM-DD HH:MM:SS",
                text,
            )),
        }
    }
}

impl ::serde::Serialize for DateTime {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> ::serde::Deserialize<'de> for DateTime {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(::serde::de::Error::custom)
    }
}

impl From<DateTime> for serde_json::Value {
    fn from(date_time: DateTime) -> Self {
        serde_json::Value::String(date_time.text)
    }
}

/// How a [`Flag`] was spelled on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum FlagSpelling {
    Boolean,
    Number,
    NumberText,
    BooleanText,
}

/// A yes/no value that arrives as `true`/`false`, `0`/`1`, `"0"`/`"1"` or
/// `"true"`/`"false"`, and serializes back the way it arrived.
///
/// A flag made with `Flag::from(bool)` serializes as the number `0` or `1`,
/// which is what APIs that use such flags expect. Two flags are equal when
/// their values are.
///
/// ```
/// use pipedrive::runtime::types::Flag;
///
/// let flag: Flag = serde_json::from_str("1")?;
/// assert!(flag.value());
/// let text_flag: Flag = serde_json::from_str(r#""false""#)?;
/// assert_eq!(serde_json::to_string(&text_flag)?, r#""false""#);
/// assert_eq!(serde_json::to_string(&Flag::from(true))?, "1");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    value: bool,
    spelling: FlagSpelling,
}

impl Flag {
    /// Whether the flag is set.
    pub fn value(self) -> bool {
        self.value
    }
}

impl From<bool> for Flag {
    fn from(value: bool) -> Self {
        Flag {
            value,
            spelling: FlagSpelling::Number,
        }
    }
}

impl From<Flag> for bool {
    fn from(flag: Flag) -> Self {
        flag.value
    }
}

impl PartialEq for Flag {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Flag {}

impl Hash for Flag {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl ::serde::Serialize for Flag {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.spelling {
            FlagSpelling::Boolean => serializer.serialize_bool(self.value),
            FlagSpelling::Number => serializer.serialize_u8(u8::from(self.value)),
            FlagSpelling::NumberText => {
                serializer.serialize_str(if self.value { "1" } else { "0" })
            }
            FlagSpelling::BooleanText => {
                serializer.serialize_str(if self.value { "true" } else { "false" })
            }
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for Flag {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FlagVisitor)
    }
}

/// Reads the spellings a [`Flag`] accepts.
pub(crate) struct FlagVisitor;

impl FlagVisitor {
    fn number<E: ::serde::de::Error>(number: i128) -> Result<Flag, E> {
        match number {
            0 => Ok(Flag {
                value: false,
                spelling: FlagSpelling::Number,
            }),
            1 => Ok(Flag {
                value: true,
                spelling: FlagSpelling::Number,
            }),
            other => Err(E::custom(format!(
                "expected a flag (0 or 1), found {other}"
            ))),
        }
    }
}

impl ::serde::de::Visitor<'_> for FlagVisitor {
    type Value = Flag;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a flag: true, false, 0, 1, \"0\", \"1\", \"true\" or \"false\"")
    }

    fn visit_bool<E: ::serde::de::Error>(self, value: bool) -> Result<Flag, E> {
        Ok(Flag {
            value,
            spelling: FlagSpelling::Boolean,
        })
    }

    fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> Result<Flag, E> {
        FlagVisitor::number(i128::from(value))
    }

    fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> Result<Flag, E> {
        FlagVisitor::number(i128::from(value))
    }

    fn visit_f64<E: ::serde::de::Error>(self, value: f64) -> Result<Flag, E> {
        if value == 0.0 || value == 1.0 {
            FlagVisitor::number(i128::from(value == 1.0))
        } else {
            Err(E::custom(format!(
                "expected a flag (0 or 1), found {value}"
            )))
        }
    }

    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<Flag, E> {
        match value {
            "0" => Ok(Flag {
                value: false,
                spelling: FlagSpelling::NumberText,
            }),
            "1" => Ok(Flag {
                value: true,
                spelling: FlagSpelling::NumberText,
            }),
            "false" => Ok(Flag {
                value: false,
                spelling: FlagSpelling::BooleanText,
            }),
            "true" => Ok(Flag {
                value: true,
                spelling: FlagSpelling::BooleanText,
            }),
            other => Err(E::invalid_value(::serde::de::Unexpected::Str(other), &self)),
        }
    }
}
