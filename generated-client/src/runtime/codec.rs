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
//! chooses the variant that explains the value ([`UnionChoice`]) and, when
//! none fits, says why each one failed.
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

/// Why a JSON body does not decode: the path of the value that did not
/// match (`data[3].value`, or `.` for the body itself) and serde's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyMismatch {
    /// The path of the value that did not match.
    pub path: String,
    /// What serde said about it.
    pub message: String,
}

/// A JSON body read as `T`, with nothing after it but whitespace, or where
/// and why it does not match.
///
/// Tracking the path costs a copy of every key read (about a third more
/// time on a page of deals), so the body is read without it first, and read
/// again with it only when it does not decode: the second read fails where
/// the first did, since decoding depends on nothing but the bytes.
pub fn from_json_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, BodyMismatch> {
    match serde_json::from_slice(body) {
        Ok(decoded) => Ok(decoded),
        Err(_) => from_json_body_traced(body),
    }
}

/// [`from_json_body`] with the path of the value that does not match.
fn from_json_body_traced<T: DeserializeOwned>(body: &[u8]) -> Result<T, BodyMismatch> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let decoded: T = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(decoded) => decoded,
        Err(error) => {
            return Err(BodyMismatch {
                path: error.path().to_string(),
                message: error.into_inner().to_string(),
            });
        }
    };
    match deserializer.end() {
        Ok(()) => Ok(decoded),
        Err(error) => Err(BodyMismatch {
            path: ".".to_owned(),
            message: error.to_string(),
        }),
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

    /// The value of a required number that may arrive as a string (`"12"`);
    /// an empty value (`""`, `null`) is an error, since the field cannot be
    /// without one.
    pub fn present_number_or_string<T>(&mut self) -> Option<T>
    where
        T: FromStr + DeserializeOwned,
        T::Err: Display,
    {
        let read = self.map.next_value::<OptionNumberOrString<T>>();
        match self.keep(read)?.0 {
            Some(value) => Some(value),
            None => {
                self.error = Some(serde::de::Error::custom(
                    "expected a number, found an empty value",
                ));
                None
            }
        }
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

/// The variants of an untagged union that rejected a value, for the error
/// when none accepts it.
///
/// A rejection keeps only how to find its reason again: most values are
/// rejected by some variant before one accepts them (an integer by the
/// object variants before it), and the reason, with the path inside the
/// value, costs a second, traced read. It is read only when every variant
/// fails.
#[derive(Debug, Default)]
pub struct Attempts<'v> {
    value: Option<&'v Value>,
    rejections: Vec<(&'static str, Reason)>,
}

impl<'v> Attempts<'v> {
    /// A new, empty record.
    pub fn new() -> Attempts<'v> {
        Attempts {
            value: None,
            rejections: Vec::new(),
        }
    }

    /// Tries one variant: `T` read from the buffered `value`, or `None`
    /// with the rejection recorded under `variant`.
    pub fn attempt<T: DeserializeOwned>(
        &mut self,
        variant: &'static str,
        value: &'v Value,
    ) -> Option<T> {
        match T::deserialize(value) {
            Ok(parsed) => Some(parsed),
            Err(_) => {
                self.value = Some(value);
                self.rejections.push((variant, member_failure::<T>));
                None
            }
        }
    }

    /// The error once every variant has failed.
    pub fn fail<E: de::Error>(self, union: &str) -> E {
        let value = self.value.unwrap_or(&Value::Null);
        let reasons: Vec<String> = self
            .rejections
            .into_iter()
            .map(|(variant, reason)| format!("{variant}: {}", reason(value)))
            .collect();
        no_variant_matches(union, &reasons)
    }
}

/// How to find again why a member rejected a value: the member's
/// [`member_failure`].
type Reason = fn(&Value) -> String;

/// Why `T` does not read `value`, for a member that has already failed to
/// read it (decoding depends on nothing but the value, so it fails again).
fn member_failure<T: DeserializeOwned>(value: &Value) -> String {
    match read_member::<T>(value) {
        Ok(_) => "it did not decode on the first read".to_owned(),
        Err(reason) => reason,
    }
}

/// `T` read from a union's buffered value, or why it does not fit, with the
/// path inside the value where it stopped (`data.value: invalid type ...`).
///
/// Tracking the path slows every read down, so it is only done to explain
/// a failure: a member that does not fit is read a second time.
fn read_member<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
    T::deserialize(value).map_err(|error| {
        let Err(traced) = serde_path_to_error::deserialize::<_, T>(value) else {
            return error.to_string();
        };
        let path = traced.path().to_string();
        if path == "." {
            error.to_string()
        } else {
            format!("{path}: {}", traced.into_inner())
        }
    })
}

/// The error of a union none of whose variants accepts the value.
fn no_variant_matches<E: de::Error>(union: &str, reasons: &[String]) -> E {
    E::custom(format_args!(
        "the value matches no variant of `{union}` ({})",
        reasons.join("; ")
    ))
}

/// One variant of an untagged union whose members can be told apart by what
/// they declare, as the generated `Deserialize` impl describes it to
/// [`UnionChoice`]: the keys the member's schema declares (sorted), whether
/// it also keeps undeclared keys (`additionalProperties`, a map, any value),
/// and the values it lists for its enum properties.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    name: &'static str,
    keys: &'static [&'static str],
    keeps_other_keys: bool,
    tags: &'static [Tag],
}

impl Member {
    /// A member named `name` (the variant) that declares `keys`, sorted, and
    /// lists `tags`.
    pub const fn new(
        name: &'static str,
        keys: &'static [&'static str],
        tags: &'static [Tag],
    ) -> Member {
        Member {
            name,
            keys,
            keeps_other_keys: false,
            tags,
        }
    }

    /// The same member, keeping every key of an object, declared or not.
    pub const fn keeping_other_keys(self) -> Member {
        Member {
            keeps_other_keys: true,
            ..self
        }
    }

    /// How many keys of `value` the member keeps (none unless it is an
    /// object).
    fn kept_keys(&self, value: &Value) -> usize {
        let Some(object) = value.as_object() else {
            return 0;
        };
        if self.keeps_other_keys {
            return object.len();
        }
        object
            .keys()
            .filter(|key| self.keys.binary_search(&key.as_str()).is_ok())
            .count()
    }
}

/// Values a member lists for one place of the value: a property of an
/// object (a one-value enum or `const` is a discriminator), or the value
/// itself (a member that is an enum).
#[derive(Debug, Clone, Copy)]
pub struct Tag {
    property: Option<&'static str>,
    values: TagValues,
}

/// The values of a [`Tag`].
#[derive(Debug, Clone, Copy)]
enum TagValues {
    Strings(&'static [&'static str]),
    Integers(&'static [i64]),
}

impl Tag {
    /// The string values the member lists for `property`.
    pub const fn strings(property: &'static str, values: &'static [&'static str]) -> Tag {
        Tag {
            property: Some(property),
            values: TagValues::Strings(values),
        }
    }

    /// The integer values the member lists for `property`.
    pub const fn integers(property: &'static str, values: &'static [i64]) -> Tag {
        Tag {
            property: Some(property),
            values: TagValues::Integers(values),
        }
    }

    /// The string values the member (a string enum) lists for itself.
    pub const fn own_strings(values: &'static [&'static str]) -> Tag {
        Tag {
            property: None,
            values: TagValues::Strings(values),
        }
    }

    /// The integer values the member (an integer enum) lists for itself.
    pub const fn own_integers(values: &'static [i64]) -> Tag {
        Tag {
            property: None,
            values: TagValues::Integers(values),
        }
    }

    /// What the tag looks at in `value`: the property, or the value itself.
    fn observed<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        match self.property {
            Some(property) => value.as_object()?.get(property),
            None => Some(value),
        }
    }

    /// Whether the tag lists `observed`.
    fn lists(&self, observed: &Value) -> bool {
        match self.values {
            TagValues::Strings(values) => observed
                .as_str()
                .is_some_and(|observed| values.contains(&observed)),
            TagValues::Integers(values) => observed
                .as_i64()
                .is_some_and(|observed| values.contains(&observed)),
        }
    }

    /// The place the tag looks at, for an error message.
    fn place(&self) -> String {
        match self.property {
            Some(property) => format!("`{property}`"),
            None => "the value".to_owned(),
        }
    }
}

/// What became of one member of a [`UnionChoice`].
#[derive(Debug, Clone)]
enum Outcome {
    /// Not tried (yet).
    Untried,
    /// Ruled out: the value its tag (by index) looks at is listed by
    /// another member (by index).
    RuledOut { tag: usize, claimant: usize },
    /// Tried, and it does not fit; the reason is read again only for the
    /// error (see [`Attempts`]).
    Failed(Reason),
}

/// Chooses the variant of an untagged union that explains a buffered value.
///
/// 1. A member is ruled out when a value it looks at (a tagged property, or
///    the value itself) is one it does not list but another member does: an
///    enum's catch-all never claims a value that another member declares.
/// 2. The others are tried in this order: members that list the value they
///    look at (a discriminator that matches) first; then the ones that keep
///    the most keys of the object (keys their schema declares, or every key
///    when they keep undeclared ones); then the order of the variants (most
///    specific first, see the generator's union lowering).
/// 3. The first member that decodes wins. The ranking depends only on the
///    value's keys and tagged values, not on decoding, so the winner is the
///    member that decodes with the best rank, and each member is decoded at
///    most once.
///
/// When none decodes, the error names every variant and why it does not fit
/// (with the path inside the value), or why it was ruled out.
#[derive(Debug)]
pub struct UnionChoice<'v> {
    members: &'static [Member],
    value: &'v Value,
    /// The members still to try with their rank, best last.
    order: Vec<(bool, std::cmp::Reverse<usize>, usize)>,
    /// Why each member did not fit, by member; made into text only when
    /// none fits. Empty until one does not fit, so that a value the first
    /// member reads allocates nothing for it.
    outcomes: Vec<Outcome>,
    /// The member returned by the last [`UnionChoice::next_member`].
    current: usize,
}

impl<'v> UnionChoice<'v> {
    /// Ranks `members` for `value`.
    pub fn new(members: &'static [Member], value: &'v Value) -> UnionChoice<'v> {
        let mut outcomes = Vec::new();
        let mut ranked = Vec::with_capacity(members.len());
        for (index, member) in members.iter().enumerate() {
            let mut matched = false;
            let mut ruled_out = None;
            for (tag_index, tag) in member.tags.iter().enumerate() {
                let Some(observed) = tag.observed(value) else {
                    continue;
                };
                if tag.lists(observed) {
                    matched = true;
                    continue;
                }
                let claimant = members.iter().enumerate().find(|(other, candidate)| {
                    *other != index
                        && candidate.tags.iter().any(|other_tag| {
                            other_tag.property == tag.property && other_tag.lists(observed)
                        })
                });
                if let Some((claimant, _)) = claimant {
                    ruled_out = Some(Outcome::RuledOut {
                        tag: tag_index,
                        claimant,
                    });
                    break;
                }
            }
            match ruled_out {
                Some(outcome) => record(&mut outcomes, members.len(), index, outcome),
                None => ranked.push((!matched, std::cmp::Reverse(member.kept_keys(value)), index)),
            }
        }
        // Best last, for `next_member` to pop.
        ranked.sort_unstable_by(|one, other| other.cmp(one));
        UnionChoice {
            members,
            value,
            order: ranked,
            outcomes,
            current: 0,
        }
    }

    /// The next member to try, by its index in the table.
    pub fn next_member(&mut self) -> Option<usize> {
        let (_, _, next) = self.order.pop()?;
        self.current = next;
        Some(next)
    }

    /// The current member's type read from the value, or `None` with the
    /// reason kept.
    pub fn attempt<T: DeserializeOwned>(&mut self) -> Option<T> {
        match T::deserialize(self.value) {
            Ok(parsed) => Some(parsed),
            Err(_) => {
                let failed = Outcome::Failed(member_failure::<T>);
                record(&mut self.outcomes, self.members.len(), self.current, failed);
                None
            }
        }
    }

    /// The error once every member has failed or was ruled out.
    pub fn fail<E: de::Error>(self, union: &str) -> E {
        let mut outcomes = self.outcomes;
        outcomes.resize(self.members.len(), Outcome::Untried);
        let reasons: Vec<String> = self
            .members
            .iter()
            .zip(outcomes)
            .map(|(member, outcome)| {
                let reason = match outcome {
                    Outcome::Untried => "not tried".to_owned(),
                    Outcome::Failed(reason) => reason(self.value),
                    Outcome::RuledOut { tag, claimant } => {
                        match (member.tags.get(tag), self.members.get(claimant)) {
                            (Some(tag), Some(claimant)) => format!(
                                "{} is {}, which `{}` lists",
                                tag.place(),
                                tag.observed(self.value).unwrap_or(&Value::Null),
                                claimant.name
                            ),
                            _ => "ruled out".to_owned(),
                        }
                    }
                };
                format!("{}: {reason}", member.name)
            })
            .collect();
        no_variant_matches(union, &reasons)
    }
}

/// Records what became of member `index` of `count`, making room for every
/// member's outcome on the first record.
fn record(outcomes: &mut Vec<Outcome>, count: usize, index: usize, outcome: Outcome) {
    if outcomes.is_empty() {
        outcomes.resize(count, Outcome::Untried);
    }
    if let Some(slot) = outcomes.get_mut(index) {
        *slot = outcome;
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
///         value: optional "value" number_or_string,
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
/// After the wire name, a field may name how leniently it is read, whatever
/// its rule: `number_or_string` (numbers the API sends as strings; an empty
/// value is `None`, `Null`, or for a `required` field an error) or, on a
/// field that can be empty (`nullable`, `optional`, `clearable`),
/// `empty_string_as_none` (dates the API sends as `""` or as a zero date,
/// read as `None` or `Null`). Each pair is an arm of this macro, so a word
/// it does not know fails to compile; the generator prints the same words
/// (its `members::FieldRule` and `members::Leniency`).
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
    (@read $reader:ident required number_or_string) => { $reader.present_number_or_string() };
    (@read $reader:ident clearable) => { $reader.clearable() };
    (@read $reader:ident clearable empty_string_as_none) => {
        $reader.clearable_empty_string_as_none()
    };
    (@read $reader:ident clearable number_or_string) => {
        $reader.clearable_option_number_or_string()
    };
    (@read $reader:ident optional) => { $reader.optional() };
    (@read $reader:ident nullable) => { $reader.optional() };
    (@read $reader:ident optional empty_string_as_none) => { $reader.empty_string_as_none() };
    (@read $reader:ident nullable empty_string_as_none) => { $reader.empty_string_as_none() };
    (@read $reader:ident optional number_or_string) => { $reader.option_number_or_string() };
    (@read $reader:ident nullable number_or_string) => { $reader.option_number_or_string() };
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
/// named last, which holds it as an opaque `types::UnknownValue`), `Display`,
/// `Serialize` and `Deserialize`, all through the wire text.
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
                    Self::$unknown(__value) => __value.as_str(),
                }
            }
        }
        impl ::std::convert::From<&str> for $name {
            // An enum that lists no value matches on nothing but `_`.
            #[allow(clippy::match_single_binding)]
            fn from(__value: &str) -> Self {
                match __value {
                    $( $value => Self::$variant, )*
                    _ => Self::$unknown($crate::runtime::types::UnknownValue::new(__value)),
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
            count: nullable "count" number_or_string,
            parent: clearable "parent",
            closed: clearable "closed" empty_string_as_none,
            ..additional_properties: any
        }
    }

    /// The rest of the rules and lenient readers the generator prints
    /// (`members::FieldRule` and `members::Leniency` in the generator): every
    /// pair the generator can print is in `Sample` or here.
    #[derive(Debug, PartialEq)]
    struct Lenient {
        seats: i64,
        score: Option<f64>,
        due: Option<u32>,
        budget: Clearable<f64>,
    }

    super::object! {
        impl Serialize, Deserialize for Lenient {
            seats: required "seats" number_or_string,
            score: optional "score" number_or_string,
            due: nullable "due" empty_string_as_none,
            budget: clearable "budget" number_or_string,
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
        Other(super::super::types::UnknownValue),
    }

    super::string_enum! {
        Color {
            Red = "red",
            DarkBlue = "dark blue",
            ..Other
        }
    }

    /// An untagged union's members, shaped as the generator writes them: two
    /// objects told apart by a one-value enum property, and a map of integers
    /// that keeps every key.
    #[derive(Debug, PartialEq)]
    struct Activity {
        item: ActivityItem,
        id: Option<i64>,
        subject: Option<String>,
    }

    super::object! {
        impl Serialize, Deserialize for Activity {
            item: required "item",
            id: optional "id",
            subject: optional "subject",
        }
    }

    #[derive(Debug, PartialEq)]
    enum ActivityItem {
        Activity,
        Unknown(super::super::types::UnknownValue),
    }

    super::string_enum! {
        ActivityItem {
            Activity = "activity",
            ..Unknown
        }
    }

    #[derive(Debug, PartialEq)]
    struct Deal {
        item: DealItem,
        id: Option<i64>,
        title: Option<String>,
        value: Option<f64>,
    }

    super::object! {
        impl Serialize, Deserialize for Deal {
            item: required "item",
            id: optional "id",
            title: optional "title",
            value: optional "value",
        }
    }

    #[derive(Debug, PartialEq)]
    enum DealItem {
        Deal,
        Unknown(super::super::types::UnknownValue),
    }

    super::string_enum! {
        DealItem {
            Deal = "deal",
            ..Unknown
        }
    }

    /// The generated impl's shape: the member table, then each member tried
    /// in the order `UnionChoice` ranks them.
    #[derive(Debug, PartialEq)]
    enum Recent {
        Activity(Activity),
        Deal(Deal),
        Map(BTreeMap<String, i64>),
    }

    impl<'de> serde::Deserialize<'de> for Recent {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            const MEMBERS: &[super::Member] = &[
                super::Member::new(
                    "Activity",
                    &["id", "item", "subject"],
                    &[super::Tag::strings("item", &["activity"])],
                ),
                super::Member::new(
                    "Deal",
                    &["id", "item", "title", "value"],
                    &[super::Tag::strings("item", &["deal"])],
                ),
                super::Member::new("Map", &[], &[]).keeping_other_keys(),
            ];
            let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
            let mut choice = super::UnionChoice::new(MEMBERS, &value);
            while let Some(member) = choice.next_member() {
                match member {
                    0 => {
                        if let Some(variant) = choice.attempt() {
                            return Ok(Self::Activity(variant));
                        }
                    }
                    1 => {
                        if let Some(variant) = choice.attempt() {
                            return Ok(Self::Deal(variant));
                        }
                    }
                    2 => {
                        if let Some(variant) = choice.attempt() {
                            return Ok(Self::Map(variant));
                        }
                    }
                    _ => {}
                }
            }
            Err(choice.fail("Recent"))
        }
    }

    /// A union of two string enums, each with its catch-all.
    #[derive(Debug, PartialEq)]
    enum Shade {
        Activity(ActivityItem),
        Deal(DealItem),
    }

    impl<'de> serde::Deserialize<'de> for Shade {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            const MEMBERS: &[super::Member] = &[
                super::Member::new("Activity", &[], &[super::Tag::own_strings(&["activity"])]),
                super::Member::new("Deal", &[], &[super::Tag::own_strings(&["deal"])]),
            ];
            let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
            let mut choice = super::UnionChoice::new(MEMBERS, &value);
            while let Some(member) = choice.next_member() {
                match member {
                    0 => {
                        if let Some(variant) = choice.attempt() {
                            return Ok(Self::Activity(variant));
                        }
                    }
                    1 => {
                        if let Some(variant) = choice.attempt() {
                            return Ok(Self::Deal(variant));
                        }
                    }
                    _ => {}
                }
            }
            Err(choice.fail("Shade"))
        }
    }

    #[test]
    fn a_one_value_enum_property_chooses_the_member() {
        let deal: Recent =
            serde_json::from_value(json!({"item": "deal", "id": 1, "title": "t", "value": 5}))
                .unwrap();
        assert_eq!(
            deal,
            Recent::Deal(Deal {
                item: DealItem::Deal,
                id: Some(1),
                title: Some("t".to_owned()),
                value: Some(5.0),
            })
        );
        // `Activity` is first and its catch-all would take "deal", but
        // `Deal` lists it.
        let deal: Recent = serde_json::from_value(json!({"item": "deal", "id": 1})).unwrap();
        assert!(matches!(deal, Recent::Deal(_)), "{deal:?}");
        let activity: Recent =
            serde_json::from_value(json!({"item": "activity", "subject": "s"})).unwrap();
        assert!(matches!(activity, Recent::Activity(_)), "{activity:?}");
    }

    #[test]
    fn a_catch_all_never_claims_a_value_another_member_lists() {
        let shade: Shade = serde_json::from_value(json!("deal")).unwrap();
        assert_eq!(shade, Shade::Deal(DealItem::Deal));
        // Nobody lists "lead": the first member's catch-all keeps it.
        let shade: Shade = serde_json::from_value(json!("lead")).unwrap();
        assert_eq!(shade, Shade::Activity(ActivityItem::from("lead")));
    }

    #[test]
    fn without_a_listed_tag_the_member_keeping_the_most_keys_wins() {
        // "lead" is nobody's: `Deal` keeps `item`, `id` and `title`,
        // `Activity` only `item` and `id`.
        let lead: Recent =
            serde_json::from_value(json!({"item": "lead", "id": 1, "title": "t"})).unwrap();
        let Recent::Deal(deal) = lead else {
            panic!("`Deal` keeps the most keys: {lead:?}");
        };
        assert!(matches!(deal.item, DealItem::Unknown(_)), "{deal:?}");
        assert_eq!(deal.item.as_str(), "lead");
        // A tie goes to the member listed first.
        let lead: Recent = serde_json::from_value(json!({"item": "lead", "id": 1})).unwrap();
        assert!(matches!(lead, Recent::Activity(_)), "{lead:?}");
        // The map keeps every key, and here it is the only one to decode.
        let counts: Recent = serde_json::from_value(json!({"a": 1, "b": 2})).unwrap();
        assert!(
            matches!(counts, Recent::Map(ref map) if map.len() == 2),
            "{counts:?}"
        );
    }

    #[test]
    fn when_no_member_decodes_each_says_why_with_its_path() {
        let error = serde_json::from_value::<Recent>(json!({"item": "deal", "value": "x"}))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("the value matches no variant of `Recent` ("),
            "{error}"
        );
        assert!(
            error.contains("Activity: `item` is \"deal\", which `Deal` lists"),
            "{error}"
        );
        assert!(
            error.contains("Deal: value: invalid type: string"),
            "{error}"
        );
        assert!(error.contains("Map: item: invalid type: string"), "{error}");
        let error = serde_json::from_value::<Shade>(json!(3))
            .unwrap_err()
            .to_string();
        assert!(error.contains("Activity: invalid type: integer"), "{error}");
        assert!(error.contains("Deal: invalid type: integer"), "{error}");
    }

    /// A union whose members are tried in order, as the generator writes it
    /// when nothing in the members tells them apart.
    #[derive(Debug, PartialEq)]
    enum Sequential {
        Deal(Deal),
        Integer(i64),
    }

    impl<'de> serde::Deserialize<'de> for Sequential {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
            let mut attempts = super::Attempts::new();
            if let Some(variant) = attempts.attempt("Deal", &value) {
                return Ok(Self::Deal(variant));
            }
            if let Some(variant) = attempts.attempt("Integer", &value) {
                return Ok(Self::Integer(variant));
            }
            Err(attempts.fail("Sequential"))
        }
    }

    #[test]
    fn a_sequential_union_takes_the_first_member_that_decodes_or_says_why_each_failed() {
        let read: Sequential = serde_json::from_value(json!(7)).unwrap();
        assert_eq!(read, Sequential::Integer(7));
        let read: Sequential = serde_json::from_value(json!({"item": "deal", "id": 2})).unwrap();
        assert!(matches!(read, Sequential::Deal(_)), "{read:?}");
        let error = serde_json::from_value::<Sequential>(json!({"item": "deal", "value": "x"}))
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "the value matches no variant of `Sequential` (Deal: value: invalid type: string \"x\", \
             expected f64; Integer: invalid type: map, expected i64)"
        );
    }

    #[test]
    fn a_body_that_does_not_decode_names_the_path_of_the_value() {
        let read: Result<Sample, _> = super::from_json_body(br#"{"id": 3, "due": 4}"#);
        assert_eq!(read.map(|sample| (sample.id, sample.due)), Ok((3, Some(4))));
        let error = super::from_json_body::<Vec<Sample>>(br#"[{"id": 3}, {"id": "x"}]"#)
            .err()
            .map(|mismatch| (mismatch.path, mismatch.message));
        assert_eq!(
            error,
            Some((
                "[1].id".to_owned(),
                "invalid type: string \"x\", expected i64 at line 1 column 22".to_owned()
            ))
        );
        let error = super::from_json_body::<Sample>(br#"{"id": 3} x"#).err();
        assert_eq!(error.map(|mismatch| mismatch.path), Some(".".to_owned()));
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
    fn lenient_readers_do_not_depend_on_presence() {
        let lenient: Lenient = serde_json::from_value(
            json!({"seats": "12", "score": "4.5", "due": "", "budget": "2500.5"}),
        )
        .unwrap();
        assert_eq!(
            lenient,
            Lenient {
                seats: 12,
                score: Some(4.5),
                due: None,
                budget: Clearable::Value(2500.5),
            }
        );
        let strict: Lenient = serde_json::from_value(json!({"seats": 3})).unwrap();
        assert_eq!(strict.seats, 3);
        assert_eq!(strict.budget, Clearable::Absent);
        // A required number cannot be empty: an error, not a made-up zero.
        let error = serde_json::from_value::<Lenient>(json!({"seats": ""})).unwrap_err();
        assert!(error.to_string().contains("expected a number"), "{error}");
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
        let green = Color::from("green");
        let Color::Other(value) = &green else {
            panic!("an unlisted value is the catch-all: {green:?}");
        };
        assert_eq!(value.as_str(), "green");
        assert_eq!(green.as_str(), "green");
        assert_eq!(format!("{green:?}"), r#"Other("green")"#);
        assert_eq!(Color::Red.to_string(), "red");
        assert_eq!(
            serde_json::to_value(Color::DarkBlue).unwrap(),
            json!("dark blue")
        );
        let read: Vec<Color> = serde_json::from_value(json!(["red", "teal"])).unwrap();
        assert_eq!(read, [Color::Red, Color::from("teal")]);
        assert!(matches!(read[1], Color::Other(_)));
        assert!(serde_json::from_value::<Color>(json!(3)).is_err());
    }
}
