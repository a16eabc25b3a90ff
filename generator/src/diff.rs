//! The API change report: what changed between two specs, judged for the
//! wire (oasdiff's rules) and for the generated Rust crate.
//!
//! Both specs are loaded and lowered to the IR, so the report sees what the
//! generator makes: Rust names, field types with their `Option` layers,
//! enum variants. Operations are matched by method and path, parameters by
//! location and name, responses by status, properties by their JSON name.
//! Models are paired by where they are used: the type of a matched field,
//! parameter or body in the old spec is paired with the type at the same
//! place in the new one, so a model the generator renamed is reported as a
//! rename and its fields are still compared. Models no operation reaches are
//! paired by name.
//!
//! A change's pointer points into the new spec, except for what was removed,
//! whose pointer points into the old one.

mod report;
mod rules;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::ir::{
    Api, EnumValue, Model, ModelKind, Operation, OperationGroup, Parameter, ParameterLocation,
    Presence, Primitive, RequestBody, Response, ResponseBody, StatusMatch, TypeRef,
};
use crate::{Error, JsonPointer};

pub use report::ReportFormat;
use rules::Facts;

/// Settings for one comparison.
#[derive(Debug, Clone)]
pub struct DiffOptions {
    /// The generated crate's name, which starts every Rust path in the report
    /// (`pipedrive`).
    pub crate_name: String,
}

/// A spec that could not be compared, and which of the two it is.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// The old spec does not generate.
    #[error("the old spec: {0}")]
    Old(Error),
    /// The new spec does not generate.
    #[error("the new spec: {0}")]
    New(Error),
}

/// Every change between two specs, in a stable order.
#[derive(Debug, Clone, Serialize)]
pub struct ApiDiff {
    /// One entry per change.
    pub changes: Vec<Change>,
}

/// One change.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// A stable id: a hash of the kind, the direction and the location (the
    /// operation, the Rust item and what changed there), so that the same
    /// change keeps its id across regenerations and whatever else changed.
    /// The pointer is left out: its array indices move when a parameter is
    /// inserted before another.
    pub id: String,
    /// What changed.
    pub kind: ChangeKind,
    /// Where the change is seen: in requests, responses or parameters.
    /// `None` for changes to operations, models and security as such.
    pub direction: Option<Direction>,
    /// The operation (`GET /deals/{id}`), when the change is in one.
    pub operation: Option<String>,
    /// The JSON pointer of the changed node (into the old spec for removals,
    /// the new one otherwise).
    pub pointer: String,
    /// The Rust item the change touches (`pipedrive::models::Deal::title`).
    pub rust_item: String,
    /// What changed, in a few words (`added optional property `title``).
    pub detail: String,
    /// The verdict on the wire.
    pub wire: Wire,
    /// The verdict for the generated crate.
    pub rust: RustBump,
    /// Why the Rust verdict is what it is, when it needs saying.
    pub rust_note: Option<&'static str>,
}

/// The kinds of change the report knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs, reason = "each name says what changed")]
pub enum ChangeKind {
    OperationAdded,
    OperationRemoved,
    OperationDeprecated,
    OperationReactivated,
    ParameterAdded,
    ParameterRemoved,
    ParameterBecameRequired,
    ParameterBecameOptional,
    ParameterTypeChanged,
    ParameterOmissionChanged,
    RequestBodyAdded,
    RequestBodyRemoved,
    RequestBodyBecameRequired,
    RequestBodyBecameOptional,
    RequestBodyTypeChanged,
    ResponseBodyTypeChanged,
    ResponseStatusAdded,
    ResponseStatusRemoved,
    PropertyAdded,
    PropertyRemoved,
    PropertyBecameRequired,
    PropertyBecameOptional,
    PropertyBecameNullable,
    PropertyBecameNotNullable,
    PropertyTypeChanged,
    EnumValueAdded,
    EnumValueRemoved,
    UnionVariantAdded,
    UnionVariantRemoved,
    ModelAdded,
    ModelRemoved,
    ModelRenamed,
    ModelKindChanged,
    SecuritySchemeAdded,
    SecuritySchemeRemoved,
    OperationSecurityAdded,
    OperationSecurityRemoved,
}

impl ChangeKind {
    /// The kind in kebab case, as the report prints it.
    pub fn as_str(self) -> String {
        let debug = format!("{self:?}");
        let mut out = String::with_capacity(debug.len() + 4);
        for (index, character) in debug.chars().enumerate() {
            if character.is_ascii_uppercase() && index > 0 {
                out.push('-');
            }
            out.push(character.to_ascii_lowercase());
        }
        out
    }
}

/// Where a change is seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// In a parameter's type.
    Parameter,
    /// In a request body: the user builds the value.
    Request,
    /// In a response body: the user reads the value.
    Response,
}

/// The verdict on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Wire {
    /// oasdiff's rule id for this change, where one applies.
    pub rule: Option<&'static str>,
    /// oasdiff's level for that rule.
    pub level: WireLevel,
}

/// oasdiff's levels, plus one for changes that are not on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum WireLevel {
    /// `ERR`: breaks clients.
    #[serde(rename = "ERR")]
    Error,
    /// `WARN`: may break clients (oasdiff counts it as breaking).
    #[serde(rename = "WARN")]
    Warning,
    /// `INFO`: compatible.
    #[serde(rename = "INFO")]
    Info,
    /// A change of the generated Rust only (a model's name).
    #[serde(rename = "none")]
    NotOnTheWire,
}

impl WireLevel {
    /// Whether oasdiff counts the level as breaking (`ERR` and `WARN`).
    pub fn is_breaking(self) -> bool {
        matches!(self, Self::Error | Self::Warning)
    }

    /// The level as printed (`ERR`, `WARN`, `INFO`, `none`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "ERR",
            Self::Warning => "WARN",
            Self::Info => "INFO",
            Self::NotOnTheWire => "none",
        }
    }
}

/// The semver bump a change needs in the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RustBump {
    /// Nothing a user's code sees changes.
    Patch,
    /// Something is added; existing code compiles.
    Minor,
    /// Existing code may stop compiling.
    Major,
}

impl RustBump {
    /// The bump as printed (`major`, `minor`, `patch`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Patch => "patch",
            Self::Minor => "minor",
            Self::Major => "major",
        }
    }
}

impl ApiDiff {
    /// Whether the specs give the same API.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Whether any change breaks clients on the wire (oasdiff `ERR` or
    /// `WARN`) or needs a major version of the crate.
    pub fn is_breaking(&self) -> bool {
        self.changes
            .iter()
            .any(|change| change.wire.level.is_breaking() || change.rust == RustBump::Major)
    }

    /// The version bump the crate needs: the largest of its changes', `None`
    /// when nothing changed.
    pub fn crate_bump(&self) -> Option<RustBump> {
        self.changes.iter().map(|change| change.rust).max()
    }

    /// The report in the given format.
    pub fn render(&self, format: ReportFormat) -> String {
        report::render(self, format)
    }
}

/// Compares the API of two specs (YAML or JSON text).
pub fn diff(old_spec: &str, new_spec: &str, options: &DiffOptions) -> Result<ApiDiff, DiffError> {
    let old = crate::lower::lower(&crate::load::load(old_spec).map_err(DiffError::Old)?)
        .map_err(DiffError::Old)?;
    let new = crate::lower::lower(&crate::load::load(new_spec).map_err(DiffError::New)?)
        .map_err(DiffError::New)?;
    let old_document = crate::load::parse_text(old_spec).map_err(DiffError::Old)?;
    let new_document = crate::load::parse_text(new_spec).map_err(DiffError::New)?;
    let mut differ = Differ {
        old: Side::new(&old, old_document),
        new: Side::new(&new, new_document),
        crate_name: &options.crate_name,
        pairs: BTreeMap::new(),
        changes: Vec::new(),
    };
    differ.operations();
    differ.security_schemes();
    differ.unreached_models();
    differ.model_pairs();
    let mut changes = differ.changes;
    changes.sort_by(|a, b| {
        (&a.operation, &a.pointer, a.kind, a.direction, &a.detail).cmp(&(
            &b.operation,
            &b.pointer,
            b.kind,
            b.direction,
            &b.detail,
        ))
    });
    changes.dedup_by(|a, b| a.id == b.id);
    Ok(ApiDiff { changes })
}

/// One spec's IR, indexed, and its document for locating nodes the IR does
/// not point at.
struct Side<'a> {
    api: &'a Api,
    document: serde_json::Value,
    models: BTreeMap<&'a str, &'a Model>,
    operations: BTreeMap<(&'static str, &'a str), (&'a OperationGroup, &'a Operation)>,
}

impl<'a> Side<'a> {
    /// The model a name stands for: the model itself, or, for an alias of
    /// another model (`pub type StarEventSender = PushEventSender;`, which
    /// the generator makes for identical inline schemas), the model at the
    /// end of the alias chain. An alias and its target are one Rust type,
    /// so contents are compared on the target while names are reported as
    /// users spell them.
    fn target(&self, name: &'a str) -> Option<&'a Model> {
        let mut model = *self.models.get(name)?;
        // Each hop leaves a different model, so a chain ends within as many
        // hops as there are models; a cycle (which the generator refuses)
        // stops there too.
        for _ in 0..self.models.len() {
            let ModelKind::Alias(TypeRef::Named(next)) = &model.kind else {
                break;
            };
            let Some(next) = self.models.get(next.as_str()) else {
                break;
            };
            model = next;
        }
        Some(model)
    }

    fn new(api: &'a Api, document: serde_json::Value) -> Self {
        let models = api
            .models
            .iter()
            .map(|model| (model.name.as_str(), model))
            .collect();
        let operations = api
            .groups
            .iter()
            .flat_map(|group| {
                group
                    .operations
                    .iter()
                    .map(move |operation| (group, operation))
            })
            .map(|(group, operation)| {
                (
                    (operation.http_method.as_str(), operation.path.as_str()),
                    (group, operation),
                )
            })
            .collect();
        Self {
            api,
            document,
            models,
            operations,
        }
    }

    /// The pointer of a parameter's entry in the operation's or the path
    /// item's `parameters`; the list itself when it cannot be found.
    fn parameter_pointer(&self, operation: &Operation, parameter: &Parameter) -> JsonPointer {
        let operation_pointer = operation_pointer(operation);
        let path_pointer = JsonPointer::root().push("paths").push(&operation.path);
        for list in [
            operation_pointer.push("parameters"),
            path_pointer.push("parameters"),
        ] {
            let Some(items) = self
                .document
                .pointer(list.as_str())
                .and_then(serde_json::Value::as_array)
            else {
                continue;
            };
            for (index, item) in items.iter().enumerate() {
                let item = self.resolve(item);
                let text = |key: &str| item.get(key).and_then(serde_json::Value::as_str);
                if text("name") == Some(parameter.wire_name.as_str())
                    && text("in") == Some(location_name(parameter.location))
                {
                    return list.push(index);
                }
            }
        }
        operation_pointer.push("parameters")
    }

    /// The pointer of a property of the schema at `model`: among its own
    /// `properties`, else among those of its `allOf` members, nested ones
    /// and local `$ref`s included; `model/properties/name` when not found.
    fn property_pointer(&self, model: &JsonPointer, name: &str) -> JsonPointer {
        self.find_property(model, name, 0)
            .unwrap_or_else(|| model.push("properties").push(name))
    }

    /// How deep [`Side::property_pointer`] follows `allOf`s and `$ref`s.
    const PROPERTY_SEARCH_DEPTH: usize = 8;

    fn find_property(&self, schema: &JsonPointer, name: &str, depth: usize) -> Option<JsonPointer> {
        let value = self.document.pointer(schema.as_str())?;
        if let Some(reference) = value.get("$ref").and_then(serde_json::Value::as_str) {
            return (depth < Self::PROPERTY_SEARCH_DEPTH && reference.starts_with('#'))
                .then(|| self.find_property(&JsonPointer::from_escaped(reference), name, depth + 1))
                .flatten();
        }
        let direct = schema.push("properties").push(name);
        if self.document.pointer(direct.as_str()).is_some() {
            return Some(direct);
        }
        if depth >= Self::PROPERTY_SEARCH_DEPTH {
            return None;
        }
        let members = schema.push("allOf");
        let count = value
            .get("allOf")
            .and_then(serde_json::Value::as_array)
            .map_or(0, Vec::len);
        (0..count).find_map(|index| self.find_property(&members.push(index), name, depth + 1))
    }

    /// A local `$ref` followed once; anything else as it is.
    fn resolve<'v>(&'v self, value: &'v serde_json::Value) -> &'v serde_json::Value {
        value
            .get("$ref")
            .and_then(serde_json::Value::as_str)
            .and_then(JsonPointer::from_reference)
            .and_then(|pointer| pointer.lookup(&self.document))
            .unwrap_or(value)
    }
}

/// What a new change is: the parts every entry has.
struct Entry<'e> {
    kind: ChangeKind,
    facts: Facts,
    operation: Option<&'e Operation>,
    pointer: JsonPointer,
    rust_item: String,
    detail: String,
}

struct Differ<'a> {
    old: Side<'a>,
    new: Side<'a>,
    crate_name: &'a str,
    /// Old model name and new model name → the directions they are used in.
    pairs: BTreeMap<(&'a str, &'a str), BTreeSet<Direction>>,
    changes: Vec<Change>,
}

impl<'a> Differ<'a> {
    fn push(&mut self, entry: Entry<'_>) {
        let wire = rules::wire(entry.kind, entry.facts);
        let (rust, rust_note) = rules::rust(entry.kind, entry.facts);
        let operation = entry.operation.map(operation_label);
        let direction = entry.facts.direction;
        let id = stable_id(&[
            &entry.kind.as_str(),
            &format!("{direction:?}"),
            operation.as_deref().unwrap_or(""),
            &entry.rust_item,
            &entry.detail,
        ]);
        self.changes.push(Change {
            id,
            kind: entry.kind,
            direction,
            operation,
            pointer: entry.pointer.as_str().to_owned(),
            rust_item: entry.rust_item,
            detail: entry.detail,
            wire,
            rust,
            rust_note,
        });
    }

    // ----- operations -------------------------------------------------------

    fn operations(&mut self) {
        let keys: BTreeSet<_> = self
            .old
            .operations
            .keys()
            .chain(self.new.operations.keys())
            .copied()
            .collect();
        for key in keys {
            match (
                self.old.operations.get(&key).copied(),
                self.new.operations.get(&key).copied(),
            ) {
                (Some((group, operation)), None) => self.push(Entry {
                    kind: ChangeKind::OperationRemoved,
                    facts: Facts {
                        deprecated: operation.deprecated,
                        whole_path: !self.new.operations.keys().any(|(_, path)| *path == key.1),
                        ..Facts::default()
                    },
                    operation: Some(operation),
                    pointer: operation_pointer(operation),
                    rust_item: self.method_path(group, operation),
                    detail: format!("removed operation `{}`", operation.operation_id),
                }),
                (None, Some((group, operation))) => self.push(Entry {
                    kind: ChangeKind::OperationAdded,
                    facts: Facts::default(),
                    operation: Some(operation),
                    pointer: operation_pointer(operation),
                    rust_item: self.method_path(group, operation),
                    detail: format!("added operation `{}`", operation.operation_id),
                }),
                (Some(old), Some(new)) => self.operation(old, new),
                (None, None) => {}
            }
        }
    }

    fn operation(
        &mut self,
        (_, old): (&'a OperationGroup, &'a Operation),
        (new_group, new): (&'a OperationGroup, &'a Operation),
    ) {
        self.parameters(old, new_group, new);
        self.request_body(old, new_group, new);
        self.responses(old, new_group, new);
        if old.deprecated != new.deprecated {
            self.push(Entry {
                kind: if new.deprecated {
                    ChangeKind::OperationDeprecated
                } else {
                    ChangeKind::OperationReactivated
                },
                facts: Facts::default(),
                operation: Some(new),
                // The new spec's node: its `deprecated`, or the operation
                // that lost it.
                pointer: if new.deprecated {
                    operation_pointer(new).push("deprecated")
                } else {
                    operation_pointer(new)
                },
                rust_item: self.method_path(new_group, new),
                detail: match (new.deprecated, &new.deprecation_note) {
                    (true, Some(note)) => format!("deprecated: {note}"),
                    (true, None) => "deprecated".to_owned(),
                    (false, _) => "no longer deprecated".to_owned(),
                },
            });
        }
        if old.no_auth != new.no_auth {
            self.push(Entry {
                kind: if new.no_auth {
                    ChangeKind::OperationSecurityRemoved
                } else {
                    ChangeKind::OperationSecurityAdded
                },
                facts: Facts::default(),
                operation: Some(new),
                pointer: operation_pointer(new),
                rust_item: self.method_path(new_group, new),
                detail: if new.no_auth {
                    "no longer sends credentials (`security: []`)".to_owned()
                } else {
                    "now sends credentials".to_owned()
                },
            });
        }
    }

    fn parameters(&mut self, old: &'a Operation, group: &'a OperationGroup, new: &'a Operation) {
        let key = |parameter: &'a Parameter| {
            (
                location_name(parameter.location),
                parameter.wire_name.as_str(),
            )
        };
        let old_parameters: BTreeMap<_, _> = old.parameters.iter().map(|p| (key(p), p)).collect();
        let new_parameters: BTreeMap<_, _> = new.parameters.iter().map(|p| (key(p), p)).collect();
        let keys: BTreeSet<_> = old_parameters
            .keys()
            .chain(new_parameters.keys())
            .copied()
            .collect();
        for parameter_key in keys {
            let (old_parameter, new_parameter) = (
                old_parameters.get(&parameter_key).copied(),
                new_parameters.get(&parameter_key).copied(),
            );
            let label = format!("{} parameter `{}`", parameter_key.0, parameter_key.1);
            match (old_parameter, new_parameter) {
                (Some(parameter), None) => self.push(Entry {
                    kind: ChangeKind::ParameterRemoved,
                    facts: Facts {
                        required: parameter.required,
                        deprecated: parameter.deprecated,
                        ..Facts::default()
                    },
                    operation: Some(old),
                    pointer: self.old.parameter_pointer(old, parameter),
                    rust_item: self.parameter_path(group, old, parameter),
                    detail: format!("removed {label}"),
                }),
                (None, Some(parameter)) => self.push(Entry {
                    kind: ChangeKind::ParameterAdded,
                    facts: Facts {
                        required: parameter.required,
                        ..Facts::default()
                    },
                    operation: Some(new),
                    pointer: self.new.parameter_pointer(new, parameter),
                    rust_item: self.parameter_path(group, new, parameter),
                    detail: format!(
                        "added {} {label}",
                        if parameter.required {
                            "required"
                        } else {
                            "optional"
                        }
                    ),
                }),
                (Some(before), Some(after)) => {
                    self.parameter_changed(group, new, &label, before, after);
                }
                (None, None) => {}
            }
        }
    }

    /// The changes of one parameter both operations declare: required or
    /// not, its explicit omission, and its type.
    fn parameter_changed(
        &mut self,
        group: &'a OperationGroup,
        new: &'a Operation,
        label: &str,
        before: &'a Parameter,
        after: &'a Parameter,
    ) {
        let pointer = self.new.parameter_pointer(new, after);
        if before.required != after.required {
            self.push(Entry {
                kind: if after.required {
                    ChangeKind::ParameterBecameRequired
                } else {
                    ChangeKind::ParameterBecameOptional
                },
                facts: Facts::default(),
                operation: Some(new),
                pointer: pointer.clone(),
                rust_item: self.parameter_path(group, new, after),
                detail: format!(
                    "{label} became {}",
                    if after.required {
                        "required"
                    } else {
                        "optional"
                    }
                ),
            });
        }
        if before.explicit_omission != after.explicit_omission {
            let method = |omission: &Option<crate::naming::RustName>| {
                omission
                    .as_deref()
                    .map_or_else(|| "none".to_owned(), |name| format!("`{name}`"))
            };
            self.push(Entry {
                kind: ChangeKind::ParameterOmissionChanged,
                facts: Facts::default(),
                operation: Some(new),
                pointer: pointer.clone(),
                rust_item: self.method_path(group, new),
                detail: format!(
                    "{label}: the method that sends the operation without it (x-explicit-omission) went from {} to {}",
                    method(&before.explicit_omission),
                    method(&after.explicit_omission)
                ),
            });
        }
        if let Some((from, to)) =
            self.compare_types(&before.type_ref, &after.type_ref, Direction::Parameter)
        {
            self.push(Entry {
                kind: ChangeKind::ParameterTypeChanged,
                facts: Facts::default(),
                operation: Some(new),
                pointer,
                rust_item: self.parameter_path(group, new, after),
                detail: format!("{label}: type {from} → {to}"),
            });
        }
    }

    fn request_body(&mut self, old: &'a Operation, group: &'a OperationGroup, new: &'a Operation) {
        let pointer = operation_pointer(new).push("requestBody");
        let builder = self.builder_path(group, new);
        match (&old.body, &new.body) {
            (None, None) => {}
            (Some(body), None) => self.push(Entry {
                kind: ChangeKind::RequestBodyRemoved,
                facts: Facts::default(),
                operation: Some(old),
                pointer: operation_pointer(old).push("requestBody"),
                rust_item: self.method_path(group, old),
                detail: format!("removed the request body ({})", rust_type(&body.type_ref)),
            }),
            (None, Some(body)) => self.push(Entry {
                kind: ChangeKind::RequestBodyAdded,
                facts: Facts {
                    required: body.required,
                    ..Facts::default()
                },
                operation: Some(new),
                pointer,
                rust_item: if body.required {
                    self.method_path(group, new)
                } else {
                    format!("{builder}::body")
                },
                detail: format!(
                    "added {} request body ({})",
                    if body.required {
                        "a required"
                    } else {
                        "an optional"
                    },
                    rust_type(&body.type_ref)
                ),
            }),
            (Some(before), Some(after)) => {
                self.request_body_changed(group, new, pointer, before, after);
            }
        }
    }

    /// The changes of a request body both operations have: required or
    /// not, its type, and the types of each media type's content.
    fn request_body_changed(
        &mut self,
        group: &'a OperationGroup,
        new: &'a Operation,
        pointer: JsonPointer,
        before: &'a RequestBody,
        after: &'a RequestBody,
    ) {
        if before.required != after.required {
            self.push(Entry {
                kind: if after.required {
                    ChangeKind::RequestBodyBecameRequired
                } else {
                    ChangeKind::RequestBodyBecameOptional
                },
                facts: Facts::default(),
                operation: Some(new),
                pointer: pointer.clone(),
                rust_item: self.method_path(group, new),
                detail: format!(
                    "the request body became {}",
                    if after.required {
                        "required"
                    } else {
                        "optional"
                    }
                ),
            });
        }
        let types_differ = self
            .compare_types(&before.type_ref, &after.type_ref, Direction::Request)
            .or_else(|| match (&before.body_enum, &after.body_enum) {
                (a, b) if a == b => None,
                (a, b) => Some((
                    a.as_ref()
                        .map_or_else(|| rust_type(&before.type_ref), ToString::to_string),
                    b.as_ref()
                        .map_or_else(|| rust_type(&after.type_ref), ToString::to_string),
                )),
            });
        if let Some((from, to)) = types_differ {
            self.push(Entry {
                kind: ChangeKind::RequestBodyTypeChanged,
                facts: Facts::default(),
                operation: Some(new),
                pointer,
                rust_item: self.method_path(group, new),
                detail: format!("request body type {from} → {to}"),
            });
        }
        for (before_content, after_content) in before.contents.iter().zip(&after.contents) {
            if before_content.media_type == after_content.media_type {
                self.compare_types(
                    &before_content.type_ref,
                    &after_content.type_ref,
                    Direction::Request,
                );
            }
        }
    }

    fn responses(&mut self, old: &'a Operation, group: &'a OperationGroup, new: &'a Operation) {
        let send = format!("{}::send", self.builder_path(group, new));
        let (old_signature, new_signature) = (success_signature(old), success_signature(new));
        // A success enum that only gains variants keeps every old variant,
        // and it is `#[non_exhaustive]`: the signature did not break.
        let success_enum_grew = old.responses.success_enum.is_some()
            && new.responses.success_enum.is_some()
            && old_signature
                .iter()
                .all(|variant| new_signature.contains(variant));
        let signature_changed = old_signature != new_signature && !success_enum_grew;
        let all = |operation: &'a Operation| -> BTreeMap<String, (bool, &'a Response)> {
            let responses = &operation.responses;
            let success = responses.success.iter().map(|s| (true, &s.response));
            let errors = responses.errors.iter().map(|r| (false, r));
            success
                .chain(errors)
                .map(|(is_success, response)| (status_key(response.status), (is_success, response)))
                .collect()
        };
        let (old_responses, new_responses) = (all(old), all(new));
        let keys: BTreeSet<_> = old_responses
            .keys()
            .chain(new_responses.keys())
            .cloned()
            .collect();
        for status in keys {
            match (old_responses.get(&status), new_responses.get(&status)) {
                (Some((success, _)), None) => self.push(Entry {
                    kind: ChangeKind::ResponseStatusRemoved,
                    facts: Facts {
                        success: *success,
                        rust_signature_changed: signature_changed,
                        ..Facts::default()
                    },
                    operation: Some(old),
                    pointer: operation_pointer(old).push("responses").push(&status),
                    rust_item: send.clone(),
                    detail: format!("removed response {status}"),
                }),
                (None, Some((success, _))) => self.push(Entry {
                    kind: ChangeKind::ResponseStatusAdded,
                    facts: Facts {
                        success: *success,
                        rust_signature_changed: signature_changed,
                        success_enum_grew: *success
                            && success_enum_grew
                            && old_signature != new_signature,
                        ..Facts::default()
                    },
                    operation: Some(new),
                    pointer: operation_pointer(new).push("responses").push(&status),
                    rust_item: send.clone(),
                    detail: format!("added response {status}"),
                }),
                (Some((_, before)), Some((success, after))) => {
                    let difference = match (&before.body, &after.body) {
                        (ResponseBody::Json(a), ResponseBody::Json(b)) => {
                            self.compare_types(a, b, Direction::Response)
                        }
                        (a, b) if a == b => None,
                        (a, b) => Some((response_body_label(a), response_body_label(b))),
                    };
                    if let (Some((from, to)), true) = (difference, *success) {
                        self.push(Entry {
                            kind: ChangeKind::ResponseBodyTypeChanged,
                            facts: Facts::default(),
                            operation: Some(new),
                            pointer: operation_pointer(new).push("responses").push(&status),
                            rust_item: send.clone(),
                            detail: format!("response {status} body {from} → {to}"),
                        });
                    }
                }
                (None, None) => {}
            }
        }
    }

    fn security_schemes(&mut self) {
        let old: BTreeMap<_, _> = self
            .old
            .api
            .security_schemes
            .iter()
            .map(|s| (s.name.as_str(), s))
            .collect();
        let new: BTreeMap<_, _> = self
            .new
            .api
            .security_schemes
            .iter()
            .map(|s| (s.name.as_str(), s))
            .collect();
        let keys: BTreeSet<_> = old.keys().chain(new.keys()).copied().collect();
        for name in keys {
            let (kind, scheme) = match (old.get(name), new.get(name)) {
                (Some(scheme), None) => (ChangeKind::SecuritySchemeRemoved, scheme),
                (None, Some(scheme)) => (ChangeKind::SecuritySchemeAdded, scheme),
                _ => continue,
            };
            self.push(Entry {
                kind,
                facts: Facts::default(),
                operation: None,
                pointer: JsonPointer::root()
                    .push("components")
                    .push("securitySchemes")
                    .push(name),
                rust_item: format!("{}::auth::{}", self.crate_name, scheme.method),
                detail: format!(
                    "{} security scheme `{name}`",
                    if kind == ChangeKind::SecuritySchemeAdded {
                        "added"
                    } else {
                        "removed"
                    }
                ),
            });
        }
    }

    // ----- types and models ---------------------------------------------------

    /// Pairs the models at the same place of two types and returns the two
    /// Rust types when they differ in more than a model's name.
    fn compare_types(
        &mut self,
        old: &'a TypeRef,
        new: &'a TypeRef,
        direction: Direction,
    ) -> Option<(String, String)> {
        self.pair_types(old, new, Some(direction));
        (!same_shape(old, new)).then(|| (rust_type(old), rust_type(new)))
    }

    fn pair_types(&mut self, old: &'a TypeRef, new: &'a TypeRef, direction: Option<Direction>) {
        match (old, new) {
            (TypeRef::Named(a), TypeRef::Named(b)) => self.pair(a, b, direction),
            (TypeRef::Vec(a), TypeRef::Vec(b))
            | (TypeRef::Map(a), TypeRef::Map(b))
            | (TypeRef::Option(a), TypeRef::Option(b))
            | (TypeRef::Box(a), TypeRef::Box(b)) => self.pair_types(a, b, direction),
            // Wrappers the generator adds or drops (an `Option` for
            // nullability, a `Box` for recursion) do not stop the pairing.
            (TypeRef::Option(a) | TypeRef::Box(a), b) => self.pair_types(a, b, direction),
            (a, TypeRef::Option(b) | TypeRef::Box(b)) => self.pair_types(a, b, direction),
            _ => {}
        }
    }

    /// Records that model `old` became model `new`, used in `direction`, and
    /// pairs the models they hold in turn.
    fn pair(&mut self, old: &'a str, new: &'a str, direction: Option<Direction>) {
        let (Some(old_model), Some(new_model)) = (self.old.target(old), self.new.target(new))
        else {
            return;
        };
        let directions = self.pairs.entry((old, new)).or_default();
        let first_visit = directions.is_empty() && direction.is_none();
        let grew = direction.is_some_and(|direction| directions.insert(direction));
        if !grew && !first_visit {
            return;
        }
        match (&old_model.kind, &new_model.kind) {
            (ModelKind::Struct(a), ModelKind::Struct(b)) => {
                for field in &a.fields {
                    if let Some(other) = b.fields.iter().find(|f| f.wire_name == field.wire_name) {
                        self.pair_types(&field.ty, &other.ty, direction);
                    }
                }
            }
            (ModelKind::Union(a), ModelKind::Union(b)) => {
                for variant in &a.variants {
                    if let Some(other) = b.variants.iter().find(|v| v.name == variant.name) {
                        self.pair_types(&variant.ty, &other.ty, direction);
                    }
                }
            }
            (ModelKind::Alias(a), ModelKind::Alias(b)) => self.pair_types(a, b, direction),
            _ => {}
        }
    }

    /// Pairs, by name, the models no operation reaches in either spec.
    fn unreached_models(&mut self) {
        let paired_old: BTreeSet<&str> = self.pairs.keys().map(|(old, _)| *old).collect();
        let paired_new: BTreeSet<&str> = self.pairs.keys().map(|(_, new)| *new).collect();
        let names: Vec<&'a str> = self
            .old
            .models
            .keys()
            .filter(|name| !paired_old.contains(*name) && self.new.models.contains_key(*name))
            // A name another old type was found under is that type's now,
            // unless this name was an alias (of an identical model), which
            // is the same type under its own name.
            .filter(|name| {
                !paired_new.contains(*name)
                    || self.old.models.get(*name).is_some_and(|model| {
                        matches!(model.kind, ModelKind::Alias(TypeRef::Named(_)))
                    })
            })
            .copied()
            .collect();
        for name in names {
            self.pair(name, name, None);
        }
        let paired_old: BTreeSet<&str> = self.pairs.keys().map(|(old, _)| *old).collect();
        let paired_new: BTreeSet<&str> = self.pairs.keys().map(|(_, new)| *new).collect();
        let removed: Vec<&'a Model> = self
            .old
            .api
            .models
            .iter()
            .filter(|model| !paired_old.contains(model.name.as_str()))
            .collect();
        let added: Vec<&'a Model> = self
            .new
            .api
            .models
            .iter()
            .filter(|model| !paired_new.contains(model.name.as_str()))
            .collect();
        for (kind, model) in removed
            .into_iter()
            .map(|model| (ChangeKind::ModelRemoved, model))
            .chain(
                added
                    .into_iter()
                    .map(|model| (ChangeKind::ModelAdded, model)),
            )
        {
            self.push(Entry {
                kind,
                facts: Facts::default(),
                operation: None,
                pointer: model.pointer.clone(),
                rust_item: self.model_path(&model.name),
                detail: format!(
                    "{} {} `{}`",
                    if kind == ChangeKind::ModelAdded {
                        "added"
                    } else {
                        "removed"
                    },
                    model_kind_label(&model.kind),
                    model.name
                ),
            });
        }
    }

    /// Compares every pair of models found.
    fn model_pairs(&mut self) {
        let pairs: Vec<_> = self
            .pairs
            .iter()
            .map(|(&(old, new), directions)| (old, new, directions.clone()))
            .collect();
        for (old, new, directions) in pairs {
            let (Some(old_model), Some(new_model)) = (
                self.old.models.get(old).copied(),
                self.new.models.get(new).copied(),
            ) else {
                continue;
            };
            let directions: Vec<Option<Direction>> = if directions.is_empty() {
                vec![None]
            } else {
                directions.into_iter().map(Some).collect()
            };
            self.model_pair(old_model, new_model, &directions);
        }
    }

    fn model_pair(&mut self, old: &'a Model, new: &'a Model, directions: &[Option<Direction>]) {
        if old.name != new.name {
            self.name_change(old, new);
        }
        let model = self.model_path(&new.name);
        // A name that became an alias of an identical model, or stopped
        // being one, is still the same type: compare what it stands for. Two
        // aliases are compared as aliases (of which type).
        let (old, new) = match (&old.kind, &new.kind) {
            (ModelKind::Alias(_), ModelKind::Alias(_)) => (old, new),
            _ => (
                self.old.target(&old.name).unwrap_or(old),
                self.new.target(&new.name).unwrap_or(new),
            ),
        };
        match (&old.kind, &new.kind) {
            (ModelKind::Struct(a), ModelKind::Struct(b)) => {
                for &direction in directions {
                    self.struct_fields(old, new, (a, b), direction, &model);
                }
            }
            (ModelKind::Enum(a), ModelKind::Enum(b)) => {
                self.enum_values(old, new, (a, b), directions, &model);
            }
            (ModelKind::Union(a), ModelKind::Union(b)) => {
                self.union_variants(old, new, (a, b), directions, &model);
            }
            (ModelKind::Alias(a), ModelKind::Alias(b)) if same_shape(a, b) => {}
            (a, b) => self.push(Entry {
                kind: ChangeKind::ModelKindChanged,
                facts: Facts::default(),
                operation: None,
                pointer: new.pointer.clone(),
                rust_item: model,
                detail: format!(
                    "{} became {}",
                    model_kind_label_with_type(a),
                    model_kind_label_with_type(b)
                ),
            }),
        }
    }

    /// What became of the old name of a type found under a new one. When
    /// neither name stands for the same type on the other side, the type was
    /// renamed. When the new name already stood for it (an alias of the
    /// identical model, which now holds the model itself), the old name was
    /// removed, if it is gone, and nothing was renamed; the same the other
    /// way round.
    fn name_change(&mut self, old: &'a Model, new: &'a Model) {
        let old_target = self.old.target(&old.name).map(|model| model.name.as_str());
        let new_target = self.new.target(&new.name).map(|model| model.name.as_str());
        let old_survives = self
            .new
            .target(&old.name)
            .is_some_and(|model| Some(model.name.as_str()) == new_target);
        let new_existed = self
            .old
            .target(&new.name)
            .is_some_and(|model| Some(model.name.as_str()) == old_target);
        let (kind, model, detail) = match (old_survives, new_existed) {
            (false, false) => (
                ChangeKind::ModelRenamed,
                new,
                format!("`{}` renamed to `{}`", old.name, new.name),
            ),
            (false, true) => (
                ChangeKind::ModelRemoved,
                old,
                format!("removed {} `{}`", model_kind_label(&old.kind), old.name),
            ),
            (true, false) => (
                ChangeKind::ModelAdded,
                new,
                format!("added {} `{}`", model_kind_label(&new.kind), new.name),
            ),
            (true, true) => return,
        };
        self.push(Entry {
            kind,
            facts: Facts::default(),
            operation: None,
            pointer: model.pointer.clone(),
            rust_item: self.model_path(&model.name),
            detail,
        });
    }

    /// The values an enum model lost and gained, for each direction it is
    /// used in.
    fn enum_values(
        &mut self,
        old: &'a Model,
        new: &'a Model,
        (a, b): (&'a crate::ir::EnumModel, &'a crate::ir::EnumModel),
        directions: &[Option<Direction>],
        model: &str,
    ) {
        let values = |model: &'a crate::ir::EnumModel| -> BTreeMap<String, &'a str> {
            model
                .variants
                .iter()
                .map(|v| (enum_value_label(&v.value), v.name.as_str()))
                .collect()
        };
        let (before, after) = (values(a), values(b));
        for &direction in directions {
            for (value, variant) in &before {
                if !after.contains_key(value) {
                    self.push(Entry {
                        kind: ChangeKind::EnumValueRemoved,
                        facts: Facts {
                            direction,
                            ..Facts::default()
                        },
                        operation: None,
                        pointer: old.pointer.push("enum"),
                        rust_item: format!("{}::{variant}", self.model_path(&old.name)),
                        detail: format!("removed enum value {value}"),
                    });
                }
            }
            for (value, variant) in &after {
                if !before.contains_key(value) {
                    self.push(Entry {
                        kind: ChangeKind::EnumValueAdded,
                        facts: Facts {
                            direction,
                            ..Facts::default()
                        },
                        operation: None,
                        pointer: new.pointer.push("enum"),
                        rust_item: format!("{model}::{variant}"),
                        detail: format!("added enum value {value}"),
                    });
                }
            }
        }
    }

    /// The variants a union model lost and gained, for each direction it is
    /// used in.
    fn union_variants(
        &mut self,
        old: &'a Model,
        new: &'a Model,
        (a, b): (&'a crate::ir::UnionModel, &'a crate::ir::UnionModel),
        directions: &[Option<Direction>],
        model: &str,
    ) {
        let before: BTreeSet<&str> = a.variants.iter().map(|v| v.name.as_str()).collect();
        let after: BTreeSet<&str> = b.variants.iter().map(|v| v.name.as_str()).collect();
        for &direction in directions {
            for variant in before.difference(&after) {
                self.push(Entry {
                    kind: ChangeKind::UnionVariantRemoved,
                    facts: Facts {
                        direction,
                        ..Facts::default()
                    },
                    operation: None,
                    pointer: old.pointer.clone(),
                    rust_item: format!("{}::{variant}", self.model_path(&old.name)),
                    detail: format!("removed union variant `{variant}`"),
                });
            }
            for variant in after.difference(&before) {
                self.push(Entry {
                    kind: ChangeKind::UnionVariantAdded,
                    facts: Facts {
                        direction,
                        ..Facts::default()
                    },
                    operation: None,
                    pointer: new.pointer.clone(),
                    rust_item: format!("{model}::{variant}"),
                    detail: format!("added union variant `{variant}`"),
                });
            }
        }
    }

    fn struct_fields(
        &mut self,
        old: &'a Model,
        new: &'a Model,
        (a, b): (&'a crate::ir::StructModel, &'a crate::ir::StructModel),
        direction: Option<Direction>,
        model: &str,
    ) {
        for field in &a.fields {
            if !b
                .fields
                .iter()
                .any(|other| other.wire_name == field.wire_name)
            {
                self.push(Entry {
                    kind: ChangeKind::PropertyRemoved,
                    facts: Facts {
                        direction,
                        required: is_required(field.presence),
                        constructor_argument: field.presence == Presence::Required,
                        deprecated: field.deprecated,
                        ..Facts::default()
                    },
                    operation: None,
                    pointer: self.old.property_pointer(&old.pointer, &field.wire_name),
                    rust_item: format!("{}::{}", self.model_path(&old.name), field.name),
                    detail: format!(
                        "removed {} property `{}`",
                        required_label(field.presence),
                        field.wire_name
                    ),
                });
            }
        }
        for field in &b.fields {
            let pointer = self.new.property_pointer(&new.pointer, &field.wire_name);
            let rust_item = format!("{model}::{}", field.name);
            let Some(before) = a
                .fields
                .iter()
                .find(|other| other.wire_name == field.wire_name)
            else {
                self.push(Entry {
                    kind: ChangeKind::PropertyAdded,
                    facts: Facts {
                        direction,
                        required: is_required(field.presence),
                        constructor_argument: field.presence == Presence::Required,
                        ..Facts::default()
                    },
                    operation: None,
                    pointer,
                    rust_item,
                    detail: format!(
                        "added {} property `{}` ({})",
                        required_label(field.presence),
                        field.wire_name,
                        field_rust_type(field.presence, &field.ty)
                    ),
                });
                continue;
            };
            self.field_changed(before, field, direction, pointer, rust_item);
        }
    }

    /// The changes of one property both models declare: required or not,
    /// nullable or not, and its type.
    fn field_changed(
        &mut self,
        before: &'a crate::ir::Field,
        field: &'a crate::ir::Field,
        direction: Option<Direction>,
        pointer: JsonPointer,
        rust_item: String,
    ) {
        let signature_changed = !same_shape(
            &field_type(before.presence, &before.ty),
            &field_type(field.presence, &field.ty),
        );
        let facts = Facts {
            direction,
            rust_signature_changed: signature_changed,
            ..Facts::default()
        };
        if is_required(before.presence) != is_required(field.presence) {
            self.push(Entry {
                kind: if is_required(field.presence) {
                    ChangeKind::PropertyBecameRequired
                } else {
                    ChangeKind::PropertyBecameOptional
                },
                facts,
                operation: None,
                pointer: pointer.clone(),
                rust_item: rust_item.clone(),
                detail: format!(
                    "property `{}` became {}",
                    field.wire_name,
                    required_label(field.presence)
                ),
            });
        }
        if is_nullable(before.presence) != is_nullable(field.presence) {
            let nullable = is_nullable(field.presence);
            self.push(Entry {
                kind: if nullable {
                    ChangeKind::PropertyBecameNullable
                } else {
                    ChangeKind::PropertyBecameNotNullable
                },
                facts,
                operation: None,
                pointer: pointer.clone(),
                rust_item: rust_item.clone(),
                detail: format!(
                    "property `{}` became {}: {} → {}",
                    field.wire_name,
                    if nullable { "nullable" } else { "not nullable" },
                    field_rust_type(before.presence, &before.ty),
                    field_rust_type(field.presence, &field.ty)
                ),
            });
        }
        if !same_shape(&before.ty, &field.ty) {
            self.push(Entry {
                kind: ChangeKind::PropertyTypeChanged,
                facts,
                operation: None,
                pointer,
                rust_item,
                detail: format!(
                    "property `{}`: type {} → {}",
                    field.wire_name,
                    rust_type(&before.ty),
                    rust_type(&field.ty)
                ),
            });
        }
    }

    // ----- Rust paths -------------------------------------------------------

    fn method_path(&self, group: &OperationGroup, operation: &Operation) -> String {
        format!(
            "{}::apis::{}::{}::{}",
            self.crate_name, group.module, group.struct_name, operation.method_name
        )
    }

    fn builder_path(&self, group: &OperationGroup, operation: &Operation) -> String {
        format!(
            "{}::apis::{}::{}",
            self.crate_name, group.module, operation.builder_name
        )
    }

    /// A required parameter is an argument of the group method, an optional
    /// one a setter of the builder.
    fn parameter_path(
        &self,
        group: &OperationGroup,
        operation: &Operation,
        parameter: &Parameter,
    ) -> String {
        if parameter.required {
            format!(
                "{}({})",
                self.method_path(group, operation),
                parameter.rust_name
            )
        } else {
            format!(
                "{}::{}",
                self.builder_path(group, operation),
                parameter.rust_name
            )
        }
    }

    fn model_path(&self, name: &str) -> String {
        format!("{}::models::{name}", self.crate_name)
    }
}

/// A stable id: FNV-1a (64 bits) of the parts, as 10 hex digits. It depends
/// only on the parts, never on the run or the platform.
fn stable_id(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{:010x}", hash >> 24)
}

fn operation_label(operation: &Operation) -> String {
    format!("{} {}", operation.http_method.as_str(), operation.path)
}

fn operation_pointer(operation: &Operation) -> JsonPointer {
    JsonPointer::root()
        .push("paths")
        .push(&operation.path)
        .push(operation.http_method.as_str().to_ascii_lowercase())
}

fn location_name(location: ParameterLocation) -> &'static str {
    match location {
        ParameterLocation::Path => "path",
        ParameterLocation::Query(_) => "query",
        ParameterLocation::Header => "header",
        ParameterLocation::Cookie => "cookie",
    }
}

fn status_key(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(digit) => format!("{digit}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

/// What `send()` returns, modulo model names: the success enum's variants
/// by status, or the one success body.
fn success_signature(operation: &Operation) -> Vec<(String, String)> {
    let with_names = operation.responses.success_enum.is_some();
    operation
        .responses
        .success
        .iter()
        .filter(|success| {
            with_names || success.response.status == operation.responses.success[0].response.status
        })
        .map(|success| {
            let body = match &success.response.body {
                ResponseBody::Json(type_ref) => shape_key(type_ref),
                other => response_body_label(other),
            };
            (
                if with_names {
                    success.variant_name.to_string()
                } else {
                    String::new()
                },
                body,
            )
        })
        .collect()
}

fn response_body_label(body: &ResponseBody) -> String {
    match body {
        ResponseBody::Json(type_ref) => rust_type(type_ref),
        ResponseBody::Text => "String".to_owned(),
        ResponseBody::Bytes => "Bytes".to_owned(),
        ResponseBody::Empty => "()".to_owned(),
    }
}

fn is_required(presence: Presence) -> bool {
    matches!(presence, Presence::Required | Presence::RequiredNullable)
}

fn is_nullable(presence: Presence) -> bool {
    matches!(
        presence,
        Presence::RequiredNullable | Presence::OptionalNullable | Presence::Clearable
    )
}

fn required_label(presence: Presence) -> &'static str {
    if is_required(presence) {
        "required"
    } else {
        "optional"
    }
}

/// The type of a field as declared in Rust, with the `Option` layers its
/// presence adds.
fn field_type(presence: Presence, ty: &TypeRef) -> TypeRef {
    let option = |inner: TypeRef| TypeRef::Option(Box::new(inner));
    match presence {
        Presence::Required => ty.clone(),
        Presence::RequiredNullable | Presence::Optional | Presence::OptionalNullable => {
            option(ty.clone())
        }
        // `Clearable<T>` has no `TypeRef` of its own; two `Option` layers
        // stand for it, a type distinct from every other presence's.
        Presence::Clearable => option(option(ty.clone())),
    }
}

fn field_rust_type(presence: Presence, ty: &TypeRef) -> String {
    match presence {
        Presence::Clearable => format!("Clearable<{}>", rust_type(ty)),
        _ => rust_type(&field_type(presence, ty)),
    }
}

/// Whether two types are the same Rust type once paired models are taken as
/// equal (a model's rename is reported on its own).
fn same_shape(old: &TypeRef, new: &TypeRef) -> bool {
    shape_key(old) == shape_key(new)
}

fn shape_key(type_ref: &TypeRef) -> String {
    match type_ref {
        TypeRef::Named(_) => "model".to_owned(),
        TypeRef::Box(inner) => shape_key(inner),
        other => rust_type_with(other, &|_| "model".to_owned()),
    }
}

/// A short Rust spelling of a type (`Vec<models::Deal>`), for the report.
fn rust_type(type_ref: &TypeRef) -> String {
    rust_type_with(type_ref, &|name| format!("models::{name}"))
}

fn rust_type_with(type_ref: &TypeRef, named: &dyn Fn(&str) -> String) -> String {
    match type_ref {
        TypeRef::Named(name) => named(name),
        TypeRef::Primitive(primitive) => primitive_name(*primitive).to_owned(),
        TypeRef::Vec(inner) => format!("Vec<{}>", rust_type_with(inner, named)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", rust_type_with(inner, named)),
        TypeRef::Option(inner) => format!("Option<{}>", rust_type_with(inner, named)),
        TypeRef::Box(inner) => rust_type_with(inner, named),
        TypeRef::Json => "serde_json::Value".to_owned(),
    }
}

fn primitive_name(primitive: Primitive) -> &'static str {
    match primitive {
        Primitive::String | Primitive::Uuid | Primitive::Base64 => "String",
        Primitive::Bool => "bool",
        Primitive::I32 => "i32",
        Primitive::I64 => "i64",
        Primitive::F64 => "f64",
        Primitive::Date => "Date",
        Primitive::DateTime => "DateTime",
        Primitive::Binary => "Bytes",
        Primitive::File => "FilePart",
    }
}

fn enum_value_label(value: &EnumValue) -> String {
    match value {
        EnumValue::String(text) => format!("{text:?}"),
        EnumValue::Integer(number) => number.to_string(),
    }
}

fn model_kind_label(kind: &ModelKind) -> &'static str {
    match kind {
        ModelKind::Struct(_) => "struct",
        ModelKind::Enum(_) => "enum",
        ModelKind::Union(_) => "union",
        ModelKind::Alias(_) => "alias",
    }
}

fn model_kind_label_with_type(kind: &ModelKind) -> String {
    match kind {
        ModelKind::Alias(type_ref) => format!("alias of {}", rust_type(type_ref)),
        other => model_kind_label(other).to_owned(),
    }
}
