//! Custom fields by name: a v2 deal's or product's `custom_fields`, keyed by
//! each field's display name and typed by its `field_type`.
//!
//! v2 returns custom fields as a map from each field's 40-character key to a
//! value whose JSON shape depends on the field's kind ([`CustomFieldValue`]).
//! The keys differ between companies and say nothing to a reader; the
//! definitions from `GET /dealFields` and `GET /productFields` say what each
//! key is called and what kind of field it is. A [`FieldCatalog`] holds those
//! definitions and [decodes](FieldCatalog::decode) a `custom_fields` map into
//! [`TypedValue`]s keyed by name, with option IDs resolved to their labels.
//!
//! Nothing is dropped on the way: a value whose shape does not fit its field's
//! kind is a [`CustomFieldError`] that names the field and what was found, and
//! a key the catalog does not know (a field created after the catalog was
//! fetched) is kept, with its raw value, in [`DecodedFields::unknown`].
//!
//! This module is hand-written; it only reads the generated v2 models.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use futures_util::TryStreamExt;

use crate::generated::v2::models::{
    CustomFieldAddress, CustomFieldOption, CustomFieldValue, CustomFields, FieldDefinition,
    FieldOptionId, FieldType,
};

/// The definitions of one entity's fields (deal fields or product fields),
/// looked up by each field's key (`field_code`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldCatalog {
    by_key: BTreeMap<String, FieldDefinition>,
}

impl FieldCatalog {
    /// A catalog of already-fetched definitions, such as the `data` of
    /// `get_deal_fields().send()`. When two definitions share a key, the later
    /// one is kept.
    pub fn new(definitions: impl IntoIterator<Item = FieldDefinition>) -> Self {
        let by_key = definitions
            .into_iter()
            .map(|definition| (definition.field_code.clone(), definition))
            .collect();
        Self { by_key }
    }

    /// Fetches every deal field from v2 `GET /dealFields`, following its
    /// pages.
    pub async fn fetch_deal_fields(client: &crate::Client) -> Result<Self, crate::Error> {
        let definitions: Vec<FieldDefinition> = client
            .v2()
            .deal_fields()
            .get_deal_fields()
            .limit(500)
            .stream()
            .try_collect()
            .await?;
        Ok(Self::new(definitions))
    }

    /// Fetches every product field from v2 `GET /productFields`, following
    /// its pages.
    pub async fn fetch_product_fields(client: &crate::Client) -> Result<Self, crate::Error> {
        let definitions: Vec<FieldDefinition> = client
            .v2()
            .product_fields()
            .get_product_fields()
            .limit(500)
            .stream()
            .try_collect()
            .await?;
        Ok(Self::new(definitions))
    }

    /// The definition of the field with this key, if the catalog has it.
    pub fn get(&self, key: &str) -> Option<&FieldDefinition> {
        self.by_key.get(key)
    }

    /// The number of definitions in the catalog.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether the catalog has no definitions.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// Decodes an item's `custom_fields` (for example a v2 `Deal`'s or
    /// `Product`'s) into values keyed by each field's name.
    ///
    /// A field sent as `null` (no value) is kept as `None`. Every problem is
    /// collected rather than the first one only: a value that does not fit its
    /// field's kind, an option ID the definition does not list, and two
    /// fields with values that share one name (which a map keyed by name
    /// could not hold both of).
    pub fn decode(&self, custom_fields: &CustomFields) -> Result<DecodedFields, CustomFieldErrors> {
        let mut decoded = DecodedFields::default();
        let mut errors = Vec::new();
        let mut key_of_name: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, value) in custom_fields {
            let Some(definition) = self.by_key.get(key) else {
                decoded.unknown.insert(key.clone(), value.clone());
                continue;
            };
            let name = definition.field_name.as_str();
            if let Some(first_key) = key_of_name.insert(name, key) {
                errors.push(CustomFieldError::DuplicateName {
                    name: name.to_owned(),
                    first_key: first_key.to_owned(),
                    second_key: key.clone(),
                });
                continue;
            }
            let typed = match value {
                None => None,
                Some(value) => match decode_value(definition, value) {
                    Ok(typed) => Some(typed),
                    Err(error) => {
                        errors.push(error);
                        continue;
                    }
                },
            };
            decoded.fields.insert(name.to_owned(), typed);
        }
        if errors.is_empty() {
            Ok(decoded)
        } else {
            Err(CustomFieldErrors(errors))
        }
    }
}

impl FromIterator<FieldDefinition> for FieldCatalog {
    fn from_iter<I: IntoIterator<Item = FieldDefinition>>(definitions: I) -> Self {
        Self::new(definitions)
    }
}

/// An item's custom fields decoded by a [`FieldCatalog`].
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct DecodedFields {
    /// The values of the fields the catalog knows, keyed by field name;
    /// `None` for a field that has no value.
    pub fields: BTreeMap<String, Option<TypedValue>>,
    /// The values whose key the catalog does not know, kept as they came,
    /// keyed by field key. Fetching the catalog again usually names them.
    pub unknown: CustomFields,
}

/// One custom field's value, typed by its field's `field_type`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum TypedValue {
    /// A text, large text, autocomplete or phone field (`varchar`, `text`,
    /// `varchar_auto`, `varchar_options`, `phone`).
    Text(String),
    /// A numeric field (`int`, `double`).
    Number(f64),
    /// A yes-or-no field (`boolean`).
    Boolean(bool),
    /// A money field (`monetary`).
    Money {
        /// The amount.
        value: f64,
        /// The 3-letter code of the amount's currency.
        currency: String,
    },
    /// A date field (`date`).
    Date(NaiveDate),
    /// A date-range field (`daterange`).
    DateRange {
        /// The first day of the range.
        start: NaiveDate,
        /// The last day of the range.
        end: NaiveDate,
    },
    /// A time field (`time`).
    Time {
        /// The time of day.
        value: NaiveTime,
        /// The ID of the time zone, when the value carries one.
        timezone_id: Option<i64>,
    },
    /// A time-range field (`timerange`).
    TimeRange {
        /// The first time of the range.
        start: NaiveTime,
        /// The last time of the range.
        end: NaiveTime,
        /// The ID of the time zone, when the value carries one.
        timezone_id: Option<i64>,
    },
    /// A single-option field (`enum`): the chosen option.
    Option(FieldChoice),
    /// A multiple-option field (`set`): the chosen options, in the order
    /// sent.
    Options(Vec<FieldChoice>),
    /// A field that links a user (`user`): the user's ID.
    User(i64),
    /// A field that links a person (`people`): the person's ID.
    Person(i64),
    /// A field that links an organization (`org`): the organization's ID.
    Organization(i64),
    /// A field that links a deal (`deal`): the deal's ID.
    Deal(i64),
    /// An address field (`address`), with the parts the geocoder found.
    Address(CustomFieldAddress),
    /// A field of a kind this module does not type (any other
    /// `field_type`, including ones the spec does not list), with its value
    /// as sent.
    Other {
        /// The field's kind.
        field_type: FieldType,
        /// The value as sent.
        value: CustomFieldValue,
    },
}

/// One option of an option field, with its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChoice {
    /// The option's ID.
    pub id: i64,
    /// The option's label: from the value when it carries one
    /// (`include_option_labels=true`), else from the field's definition.
    pub label: String,
}

/// Why one custom field could not be decoded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CustomFieldError {
    /// The value's shape does not fit the field's `field_type`.
    #[error(
        "custom field {name:?} (key {key}) is a `{field_type}` field, but its value is {found}"
    )]
    Mismatch {
        /// The field's name.
        name: String,
        /// The field's key.
        key: String,
        /// The field's kind, as the API spells it.
        field_type: String,
        /// What the value is, with its JSON text.
        found: String,
    },
    /// The value chooses an option that the field's definition does not list.
    #[error(
        "custom field {name:?} (key {key}) holds option {id}, which its definition does not list \
         (the field's options may have changed since the catalog was fetched)"
    )]
    UnknownOption {
        /// The field's name.
        name: String,
        /// The field's key.
        key: String,
        /// The option ID found.
        id: i64,
    },
    /// Two fields with values share one name.
    #[error("custom fields {first_key} and {second_key} are both named {name:?}")]
    DuplicateName {
        /// The name the fields share.
        name: String,
        /// The key of the first field with the name.
        first_key: String,
        /// The key of the other field with the name, whose value was not
        /// decoded.
        second_key: String,
    },
}

/// Every problem found while decoding one item's custom fields, in key
/// order.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomFieldErrors(pub Vec<CustomFieldError>);

impl fmt::Display for CustomFieldErrors {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                formatter.write_str("; ")?;
            }
            write!(formatter, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CustomFieldErrors {}

/// Decodes one value by its field's kind.
fn decode_value(
    definition: &FieldDefinition,
    value: &CustomFieldValue,
) -> Result<TypedValue, CustomFieldError> {
    let field = Field { definition, value };
    let typed = match &definition.field_type {
        FieldType::Varchar
        | FieldType::Text
        | FieldType::VarcharAuto
        | FieldType::VarcharOptions
        | FieldType::Phone => TypedValue::Text(field.string()?.to_owned()),
        FieldType::Int | FieldType::Double => TypedValue::Number(field.number()?),
        FieldType::Boolean => match value {
            CustomFieldValue::Boolean(flag) => TypedValue::Boolean(*flag),
            _ => return Err(field.mismatch()),
        },
        FieldType::Monetary => match value {
            CustomFieldValue::CustomFieldMoney(money) => TypedValue::Money {
                value: money.value,
                currency: money.currency.clone(),
            },
            _ => return Err(field.mismatch()),
        },
        FieldType::Date => TypedValue::Date(field.date(field.string()?)?),
        FieldType::Daterange => match value {
            CustomFieldValue::CustomFieldRange(range) => TypedValue::DateRange {
                start: field.date(&range.start)?,
                end: field.date(&range.end)?,
            },
            _ => return Err(field.mismatch()),
        },
        FieldType::Time => match value {
            CustomFieldValue::String(text) => TypedValue::Time {
                value: field.time(text)?,
                timezone_id: None,
            },
            CustomFieldValue::CustomFieldTime(time) => TypedValue::Time {
                value: field.time(&time.value)?,
                timezone_id: time.timezone_id,
            },
            // `{"value": "09:30:00"}` fits an address as well as a time.
            CustomFieldValue::CustomFieldAddress(address) if address_is_bare(address) => {
                TypedValue::Time {
                    value: field.time(&address.value)?,
                    timezone_id: None,
                }
            }
            _ => return Err(field.mismatch()),
        },
        FieldType::Timerange => match value {
            CustomFieldValue::CustomFieldRange(range) => TypedValue::TimeRange {
                start: field.time(&range.start)?,
                end: field.time(&range.end)?,
                timezone_id: range.timezone_id.value().copied(),
            },
            _ => return Err(field.mismatch()),
        },
        FieldType::Enum => TypedValue::Option(match value {
            CustomFieldValue::CustomFieldOption(option) => labelled(option),
            CustomFieldValue::Number(_) => field.choice(field.id()?)?,
            _ => return Err(field.mismatch()),
        }),
        FieldType::Set => TypedValue::Options(match value {
            CustomFieldValue::IntegerList(ids) => ids
                .iter()
                .map(|id| field.choice(*id))
                .collect::<Result<_, _>>()?,
            CustomFieldValue::CustomFieldOptionList(options) => {
                options.iter().map(labelled).collect()
            }
            _ => return Err(field.mismatch()),
        }),
        FieldType::User => TypedValue::User(field.id()?),
        FieldType::People => TypedValue::Person(field.id()?),
        FieldType::Org => TypedValue::Organization(field.id()?),
        FieldType::Deal => TypedValue::Deal(field.id()?),
        FieldType::Address => match value {
            CustomFieldValue::CustomFieldAddress(address) => TypedValue::Address(address.clone()),
            // `{"value": "..."}` fits a time as well as an address.
            CustomFieldValue::CustomFieldTime(time) if time.timezone_id.is_none() => {
                TypedValue::Address(CustomFieldAddress::new(time.value.clone()))
            }
            _ => return Err(field.mismatch()),
        },
        other => TypedValue::Other {
            field_type: other.clone(),
            value: value.clone(),
        },
    };
    Ok(typed)
}

/// One field's definition and value, for the helpers that read the value.
struct Field<'a> {
    definition: &'a FieldDefinition,
    value: &'a CustomFieldValue,
}

impl Field<'_> {
    /// The error for a value whose shape does not fit the field's kind.
    fn mismatch(&self) -> CustomFieldError {
        self.mismatch_because(describe(self.value))
    }

    /// The error for a value that does not fit the field's kind, with what
    /// was found.
    fn mismatch_because(&self, found: String) -> CustomFieldError {
        CustomFieldError::Mismatch {
            name: self.definition.field_name.clone(),
            key: self.definition.field_code.clone(),
            field_type: self.definition.field_type.as_str().to_owned(),
            found,
        }
    }

    /// The value as a string.
    fn string(&self) -> Result<&str, CustomFieldError> {
        match self.value {
            CustomFieldValue::String(text) => Ok(text),
            _ => Err(self.mismatch()),
        }
    }

    /// The value as a number.
    fn number(&self) -> Result<f64, CustomFieldError> {
        match self.value {
            CustomFieldValue::Number(number) => Ok(*number),
            _ => Err(self.mismatch()),
        }
    }

    /// The value as an integer ID: a number with no fraction that fits an
    /// `i64`.
    fn id(&self) -> Result<i64, CustomFieldError> {
        let number = self.number()?;
        // `i64::MAX as f64` rounds up to 2^63, which is out of range.
        if number.fract() == 0.0 && number >= i64::MIN as f64 && number < i64::MAX as f64 {
            Ok(number as i64)
        } else {
            Err(self.mismatch_because(format!("the number {number}, which is not an ID")))
        }
    }

    /// A date, `YYYY-MM-DD`, from part of the value.
    fn date(&self, text: &str) -> Result<NaiveDate, CustomFieldError> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|error| {
            self.mismatch_because(format!(
                "{text:?}, which is not a YYYY-MM-DD date ({error})"
            ))
        })
    }

    /// A time of day, `HH:MM:SS` or `HH:MM`, from part of the value.
    fn time(&self, text: &str) -> Result<NaiveTime, CustomFieldError> {
        NaiveTime::parse_from_str(text, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M"))
            .map_err(|error| {
                self.mismatch_because(format!("{text:?}, which is not an HH:MM:SS time ({error})"))
            })
    }

    /// The option with this ID, labelled from the field's definition.
    fn choice(&self, id: i64) -> Result<FieldChoice, CustomFieldError> {
        let label = self
            .definition
            .options
            .iter()
            .flatten()
            .find(|option| match &option.id {
                Some(FieldOptionId::Integer(option_id)) => *option_id == id,
                Some(FieldOptionId::String(option_id)) => *option_id == id.to_string(),
                _ => false,
            })
            .and_then(|option| option.label.clone());
        match label {
            Some(label) => Ok(FieldChoice { id, label }),
            None => Err(CustomFieldError::UnknownOption {
                name: self.definition.field_name.clone(),
                key: self.definition.field_code.clone(),
                id,
            }),
        }
    }
}

/// An option that carries its own label (`include_option_labels=true`).
fn labelled(option: &CustomFieldOption) -> FieldChoice {
    FieldChoice {
        id: option.id,
        label: option.label.clone(),
    }
}

/// Whether an address has nothing but its one-line `value`.
fn address_is_bare(address: &CustomFieldAddress) -> bool {
    CustomFieldAddress::new(address.value.clone()) == *address
}

/// What a value is, for an error: its kind and its JSON text, shortened.
fn describe(value: &CustomFieldValue) -> String {
    let kind = match value {
        CustomFieldValue::String(_) => "a string",
        CustomFieldValue::Number(_) => "a number",
        CustomFieldValue::Boolean(_) => "a boolean",
        CustomFieldValue::IntegerList(_) => "a list of IDs",
        CustomFieldValue::CustomFieldOptionList(_) => "a list of labelled options",
        CustomFieldValue::CustomFieldOption(_) => "a labelled option",
        CustomFieldValue::CustomFieldMoney(_) => "a money amount",
        CustomFieldValue::CustomFieldRange(_) => "a range",
        CustomFieldValue::CustomFieldTime(_) => "a time",
        CustomFieldValue::CustomFieldAddress(_) => "an address",
    };
    let mut json = match value {
        // `1200.0` would not be what the API sent for `1200`.
        CustomFieldValue::Number(number) => number.to_string(),
        _ => serde_json::to_string(value).unwrap_or_else(|error| format!("<{error}>")),
    };
    if json.chars().count() > 80 {
        json = json.chars().take(77).collect::<String>() + "...";
    }
    format!("{kind}, {json}")
}
