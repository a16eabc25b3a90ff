//! `multipart/form-data` bodies: built from any `Serialize` value, kept as
//! data so that a retry can send them again.

use std::cell::RefCell;
use std::fmt;

use bytes::Bytes;
use serde_json::Value;

use super::query::{json_kind, value_text};

/// A file (binary field) in a `multipart/form-data` body.
///
/// Generated models use it for `format: binary` properties of the bodies
/// that are sent as multipart; there it becomes a file part with its name
/// and content type. JSON has no bytes: a model that a multipart body shares
/// with a JSON document reads the property's string as its bytes (UTF-8)
/// and writes it back as that string, and refuses to write bytes that are
/// not UTF-8 text.
///
/// ```
/// use pipedrive::runtime::FilePart;
///
/// let image = FilePart::new(vec![0x89, b'P', b'N', b'G'])
///     .file_name("logo.png")
///     .content_type("image/png");
/// assert_eq!(image.bytes().len(), 4);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A file with these contents, named after its field, of type
    /// `application/octet-stream`.
    pub fn new(bytes: impl Into<Bytes>) -> FilePart {
        FilePart {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Sets the file name sent with the part.
    pub fn file_name(mut self, file_name: impl Into<String>) -> FilePart {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sets the content type of the part.
    pub fn content_type(mut self, content_type: impl Into<String>) -> FilePart {
        self.content_type = Some(content_type.into());
        self
    }

    /// The contents.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("FilePart")
            .field("length", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

thread_local! {
    /// While a multipart body is being serialized on this thread, the files met
    /// so far; `None` otherwise.
    static CAPTURED_FILES: RefCell<Option<Vec<FilePart>>> = const { RefCell::new(None) };
}

/// The start of the placeholder string that stands for a captured file.
const FILE_PLACEHOLDER_PREFIX: &str = "\u{0}runtime-file-part:";

impl ::serde::Serialize for FilePart {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let placeholder = CAPTURED_FILES.with(|captured| {
            captured.borrow_mut().as_mut().map(|files| {
                files.push(self.clone());
                format!("{FILE_PLACEHOLDER_PREFIX}{}", files.len() - 1)
            })
        });
        match placeholder {
            Some(placeholder) => serializer.serialize_str(&placeholder),
            None => match std::str::from_utf8(&self.bytes) {
                Ok(text) => serializer.serialize_str(text),
                Err(_) => Err(::serde::ser::Error::custom(format!(
                    "a file of {} bytes that are not UTF-8 text can only be sent as a multipart file part, not as a string",
                    self.bytes.len()
                ))),
            },
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for FilePart {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FilePartVisitor)
    }
}

/// Reads a [`FilePart`] from a string (the only form binary data takes in
/// JSON) or from bytes.
struct FilePartVisitor;

impl ::serde::de::Visitor<'_> for FilePartVisitor {
    type Value = FilePart;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string holding the file's contents")
    }

    fn visit_str<E: ::serde::de::Error>(self, text: &str) -> Result<FilePart, E> {
        Ok(FilePart::new(text.to_owned()))
    }

    fn visit_string<E: ::serde::de::Error>(self, text: String) -> Result<FilePart, E> {
        Ok(FilePart::new(text))
    }

    fn visit_bytes<E: ::serde::de::Error>(self, bytes: &[u8]) -> Result<FilePart, E> {
        Ok(FilePart::new(bytes.to_vec()))
    }

    fn visit_byte_buf<E: ::serde::de::Error>(self, bytes: Vec<u8>) -> Result<FilePart, E> {
        Ok(FilePart::new(bytes))
    }
}

/// The value of one part.
#[derive(Clone, Debug)]
enum MultipartValue {
    Text(String),
    Json(String),
    File(FilePart),
}

/// One named part.
#[derive(Clone, Debug)]
struct MultipartField {
    name: String,
    value: MultipartValue,
}

/// A multipart body as data.
#[derive(Clone, Debug, Default)]
pub(crate) struct MultipartBody {
    fields: Vec<MultipartField>,
}

impl MultipartBody {
    /// Serializes a value into parts: one per field; arrays give one part per
    /// item under the same name; objects are sent as JSON parts; [`FilePart`]
    /// fields become file parts. A part cannot say `null`, and an empty
    /// array gives no part at all (so "set to none" would read as "leave
    /// alone"): both are refused, naming the field, rather than dropped.
    /// Absent fields are simply not sent.
    pub(crate) fn from_serialize<T: ::serde::Serialize + ?Sized>(
        body: &T,
    ) -> Result<MultipartBody, String> {
        let previous = CAPTURED_FILES.with(|captured| captured.replace(Some(Vec::new())));
        let serialized = serde_json::to_value(body);
        let files = CAPTURED_FILES
            .with(|captured| captured.replace(previous))
            .unwrap_or_default();
        let value = serialized.map_err(|error| error.to_string())?;
        let Value::Object(object) = value else {
            return Err(format!(
                "a multipart body must serialize to an object with named fields, not {}",
                json_kind(&value)
            ));
        };
        let mut fields = Vec::new();
        for (name, value) in object {
            match value {
                Value::Array(items) if items.is_empty() => {
                    return Err(format!(
                        "field `{name}` is an empty list, which a multipart body cannot carry \
                         (it would send no part at all)"
                    ));
                }
                Value::Array(items) => {
                    for (index, item) in items.into_iter().enumerate() {
                        push_field(&mut fields, &name, item, &files)
                            .map_err(|problem| format!("field `{name}[{index}]` {problem}"))?;
                    }
                }
                other => push_field(&mut fields, &name, other, &files)
                    .map_err(|problem| format!("field `{name}` {problem}"))?,
            }
        }
        Ok(MultipartBody { fields })
    }

    /// A body of one file part named `name`.
    pub(crate) fn single_file(name: &str, file: &FilePart) -> MultipartBody {
        MultipartBody {
            fields: vec![MultipartField {
                name: name.to_owned(),
                value: MultipartValue::File(file.clone()),
            }],
        }
    }

    /// Builds the form that reqwest sends.
    pub(crate) fn to_form(&self) -> Result<reqwest::multipart::Form, String> {
        let mut form = reqwest::multipart::Form::new();
        for field in &self.fields {
            let part = match &field.value {
                MultipartValue::Text(text) => reqwest::multipart::Part::text(text.clone()),
                MultipartValue::Json(json) => reqwest::multipart::Part::text(json.clone())
                    .mime_str("application/json")
                    .map_err(|error| error.to_string())?,
                MultipartValue::File(file) => {
                    let content_type = file
                        .content_type
                        .as_deref()
                        .unwrap_or("application/octet-stream");
                    let file_name = file.file_name.clone().unwrap_or_else(|| field.name.clone());
                    reqwest::multipart::Part::stream_with_length(
                        file.bytes.clone(),
                        file.bytes.len() as u64,
                    )
                    .file_name(file_name)
                    .mime_str(content_type)
                    .map_err(|error| {
                        format!(
                            "invalid content type {content_type:?} of field {}: {error}",
                            field.name
                        )
                    })?
                }
            };
            form = form.part(field.name.clone(), part);
        }
        Ok(form)
    }
}

/// Appends the part for one value (not an array); a `null` has no part and
/// is refused (the error completes "field `name` ...").
fn push_field(
    fields: &mut Vec<MultipartField>,
    name: &str,
    value: Value,
    files: &[FilePart],
) -> Result<(), &'static str> {
    let value = match value {
        Value::Null => return Err("is null, which a multipart body cannot carry"),
        Value::String(text) => match captured_file(&text, files) {
            Some(file) => MultipartValue::File(file.clone()),
            None => MultipartValue::Text(text),
        },
        Value::Object(_) | Value::Array(_) => MultipartValue::Json(value.to_string()),
        scalar => match value_text(&scalar) {
            Some(text) => MultipartValue::Text(text),
            None => return Err("is null, which a multipart body cannot carry"),
        },
    };
    fields.push(MultipartField {
        name: name.to_owned(),
        value,
    });
    Ok(())
}

/// The captured file a placeholder string stands for.
fn captured_file<'a>(text: &str, files: &'a [FilePart]) -> Option<&'a FilePart> {
    let index: usize = text.strip_prefix(FILE_PLACEHOLDER_PREFIX)?.parse().ok()?;
    files.get(index)
}
