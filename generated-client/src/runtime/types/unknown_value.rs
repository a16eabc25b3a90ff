//! The payload of an enum's catch-all variant: a value the spec does not
//! list, which code outside the crate can read but not match by literal.

use std::fmt;

/// A string enum value the spec does not list, kept as sent.
///
/// Generated string enums hold it in their catch-all variant
/// (`Unknown(UnknownValue)`). It has no public constructor and no
/// `PartialEq<str>`, so no code can match or build `Unknown("archived")`:
/// when a later version of the spec lists `archived`, the value moves to a
/// new variant, and code that matched the catch-all by its text would
/// silently stop matching. The stable way to test a value, known or not, is
/// to compare the enum's `as_str()`, which gives the wire text whichever
/// variant holds it; `From<&str>` builds any value, listed or not:
///
/// ```
/// use pipedrive::models::DealStatusFilterParameter;
///
/// let status = DealStatusFilterParameter::from("archived");
/// assert_eq!(status.as_str(), "archived");
/// if let DealStatusFilterParameter::Unknown(value) = &status {
///     assert_eq!(value.as_str(), "archived");
/// }
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Keeps `text`. Only the generated enums' `From<&str>` calls it, and
    /// only for a text their spec does not list.
    #[allow(dead_code, reason = "an API without string enums never calls it")]
    pub(crate) fn new(text: &str) -> UnknownValue {
        UnknownValue(text.to_owned())
    }

    /// The value as it is sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, formatter)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// An integer enum value the spec does not list, kept as sent.
///
/// The integer counterpart of [`UnknownValue`]: generated integer enums
/// hold it in their catch-all variant, and `value()` on the enum (or
/// [`UnknownInteger::get`]) is the stable way to test a value, since a value
/// the next spec lists moves to a new variant. `From<i64>` on the enum
/// builds any value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownInteger(i64);

impl UnknownInteger {
    /// Keeps `value`. Only the generated enums' `From<i64>` calls it, and
    /// only for a value their spec does not list.
    #[allow(dead_code, reason = "an API without integer enums never calls it")]
    pub(crate) fn new(value: i64) -> UnknownInteger {
        UnknownInteger(value)
    }

    /// The value as it is sent.
    pub fn get(&self) -> i64 {
        self.0
    }
}

impl fmt::Debug for UnknownInteger {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, formatter)
    }
}

impl fmt::Display for UnknownInteger {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, formatter)
    }
}
