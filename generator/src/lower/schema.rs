//! Lowering of schemas to models and type references.
//!
//! Component schemas are named first (by key, so that they win name
//! collisions over inline schemas), then lowered. An inline object, enum,
//! union or `allOf` becomes a model named from where it sits (`Deal` +
//! `owner` → `DealOwner`), by the plan of `names.rs`; everything else
//! becomes a [`TypeRef`] directly.
//! A schema the generator cannot type becomes [`TypeRef::Json`] with a note
//! in the docs, never an error.

mod names;
mod object;
mod post;
mod reference;
mod shape;
mod union;

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{ReferenceOr, Schema};

pub(crate) use self::names::place_order;
use self::names::{Discovery, InlinePlace, ModelNames};
use self::shape::{Shape, shape_of};
use super::Lowerer;
use crate::JsonPointer;
use crate::docs;
use crate::ir::{EnumModel, EnumValue, EnumVariant, Model, ModelKind, Primitive, TypeRef};
use crate::limits::MAXIMUM_ALL_OF_DEPTH;
use crate::naming::{RustName, Scope, provisional_name, type_name};

pub(crate) use self::post::finish_models;

/// The names of the Rust 2024 prelude. Generated code names `Option`,
/// `Result`, `String` and the like without a path, and users glob-import the
/// models: a schema with one of these names gets a numbered type
/// (`Result2`) instead of shadowing the prelude's.
const PRELUDE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "AsyncFn",
    "AsyncFnMut",
    "AsyncFnOnce",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Schema lowering's part of the [`Lowerer`] state.
#[derive(Debug)]
pub(crate) struct SchemaState {
    /// Every model lowered so far.
    pub(crate) models: Vec<Model>,
    /// Type names taken in the `models` module.
    names: Scope,
    /// Component schema name → Rust type name.
    component_names: BTreeMap<String, RustName>,
    /// Inline schema (by the JSON pointer where it is written) → the name of
    /// its model. An inline schema becomes one model however many structs
    /// merge it through `allOf`, and a schema that leads back to itself finds
    /// its own name instead of being lowered again.
    inline_models: BTreeMap<JsonPointer, RustName>,
    /// How inline models are named: recorded for the plan (first run), or
    /// taken from it (second run).
    naming: InlineNaming,
    /// Models a request body refers to directly, recorded by
    /// [`Lowerer::type_for_request_body`]: they and every model they lead
    /// to get [`Clearable`](crate::ir::Presence::Clearable) fields.
    pub(crate) request_roots: BTreeSet<String>,
    /// Models a `multipart/form-data` request body refers to directly.
    pub(crate) multipart_roots: BTreeSet<String>,
}

/// The two lowering runs (see `names.rs`).
#[derive(Debug)]
enum InlineNaming {
    /// The first run: every inline model is named what its place wants, and
    /// the place is recorded.
    Discover(Discovery),
    /// The second run: every inline model takes its planned name; a place
    /// whose schema is written identically at a place that sorts first is an
    /// alias of that place's model.
    Planned(ModelNames),
}

impl SchemaState {
    /// The state of the first lowering run: no models yet, and the prelude's
    /// names taken.
    pub(crate) fn discovering() -> Self {
        let mut names = Scope::default();
        for name in PRELUDE_NAMES {
            names.reserve(name);
        }
        SchemaState {
            models: Vec::new(),
            names,
            component_names: BTreeMap::new(),
            inline_models: BTreeMap::new(),
            naming: InlineNaming::Discover(Discovery::default()),
            request_roots: BTreeSet::new(),
            multipart_roots: BTreeSet::new(),
        }
    }

    /// The state of the second lowering run, after the first run found the
    /// inline places in `self`: every place named in one pass (see
    /// [`ModelNames::plan`]), after the component schemas and the prelude.
    pub(crate) fn planned(self) -> Self {
        // The first run claims nothing but the component schemas' names, so
        // its scope is the prelude and the components.
        let mut names = self.names;
        let plan = match self.naming {
            InlineNaming::Discover(discovery) => ModelNames::plan(discovery, &mut names),
            InlineNaming::Planned(plan) => plan,
        };
        SchemaState {
            models: Vec::new(),
            names,
            component_names: self.component_names,
            inline_models: BTreeMap::new(),
            naming: InlineNaming::Planned(plan),
            request_roots: BTreeSet::new(),
            multipart_roots: BTreeSet::new(),
        }
    }
}

impl SchemaState {
    /// The name of the struct of the required fields of the struct model
    /// `model`: `<model>Required`, claimed among the models' names in the
    /// second run, where every planned model name is already taken, so it
    /// takes a suffix when a model has the name. The first run's models are
    /// not kept, so it claims nothing then.
    fn required_struct_name(&mut self, model: &str) -> RustName {
        let wanted = format!("{model}Required");
        match self.naming {
            InlineNaming::Discover(_) => provisional_name(&wanted),
            InlineNaming::Planned(_) => self.names.claim(&wanted),
        }
    }
}

impl<'a> Lowerer<'a> {
    /// Names every component schema after its key. The keys claim their
    /// names in the order of their pointers, not in spec order, so that two
    /// keys that fold to one name (`foo_bar`, `FooBar`) get the same names
    /// whatever order the spec lists them in. Called once, before the first
    /// lowering run; the second run keeps the names.
    pub(crate) fn name_component_schemas(&mut self) {
        let document = self.document;
        let Some(components) = &document.openapi.components else {
            return;
        };
        let section = JsonPointer::root().push("components").push("schemas");
        let mut keys: Vec<(JsonPointer, &String)> = components
            .schemas
            .keys()
            .map(|key| (section.push(key), key))
            .collect();
        keys.sort_by(|(left, _), (right, _)| place_order(left, right));
        for (_, spec_name) in keys {
            let rust_name = self.schemas.names.claim(&type_name(spec_name));
            self.schemas
                .component_names
                .insert(spec_name.clone(), rust_name);
        }
    }

    /// Lowers every component schema to a model. The first run goes through
    /// them in key order, so that an inline schema two routes reach (its
    /// component, and a `$ref` into it from another component) records the
    /// same wanted name whatever the spec's order; the second run in spec
    /// order, which is the order of its errors.
    pub(crate) fn lower_component_schemas(&mut self) {
        let document = self.document;
        let Some(components) = &document.openapi.components else {
            return;
        };
        let mut schemas: Vec<(&String, &ReferenceOr<Schema>)> = components.schemas.iter().collect();
        if matches!(self.schemas.naming, InlineNaming::Discover(_)) {
            schemas.sort_by_key(|(key, _)| *key);
        }
        for (spec_name, schema) in schemas {
            let pointer = JsonPointer::root()
                .push("components")
                .push("schemas")
                .push(spec_name);
            let name = self
                .schemas
                .component_names
                .get(spec_name)
                .cloned()
                .unwrap_or_else(|| type_name(spec_name));
            let mut notes = Vec::new();
            let (kind, docs, deprecated) = match schema {
                ReferenceOr::Reference { reference } => (
                    ModelKind::Alias(self.type_for_reference(reference, &mut notes)),
                    None,
                    false,
                ),
                ReferenceOr::Item(schema) => (
                    self.model_kind(schema, &name, &pointer, &mut notes),
                    schema
                        .schema_data
                        .description
                        .as_deref()
                        .and_then(docs::markdown),
                    schema.schema_data.deprecated,
                ),
            };
            self.push_model(name, pointer, docs, deprecated, notes, kind);
        }
    }

    /// The Rust type for a schema in a field, parameter or body position.
    ///
    /// A `$ref` becomes the referenced model; an inline object, enum or union
    /// is registered as a new model named from `name_hint` (already in
    /// `UpperCamelCase`, e.g. `GetDealsResponse200`). Never fails: a schema it
    /// cannot type becomes [`TypeRef::Json`]. The result does not include the
    /// schema's own `nullable` (see [`Lowerer::is_nullable`]).
    pub(crate) fn type_for_schema<S: Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        name_hint: &str,
        pointer: &JsonPointer,
    ) -> TypeRef {
        let mut notes = Vec::new();
        self.type_of(schema, name_hint, pointer, &mut notes)
    }

    /// As [`Lowerer::type_for_schema`], for the schema of a request body
    /// (inline in an operation or in `components/requestBodies`): the models
    /// it names are recorded as request roots, so that they and every model
    /// they lead to can tell an absent field from `null`.
    pub(crate) fn type_for_request_body(
        &mut self,
        schema: &ReferenceOr<Schema>,
        name_hint: &str,
        pointer: &JsonPointer,
    ) -> TypeRef {
        let ty = self.type_for_schema(schema, name_hint, pointer);
        self.schemas.request_roots.extend(post::named_types(&ty));
        ty
    }

    /// Whether a schema is a binary string (`type: string, format: binary`),
    /// following `$ref`s and `allOf`s of one typed member, so that a body
    /// behind any chain of references takes the raw-bytes path.
    pub(crate) fn is_binary<'s>(&self, schema: &'s ReferenceOr<Schema>) -> bool
    where
        'a: 's,
    {
        self.resolve(schema)
            .is_some_and(|(schema, _)| self.is_binary_schema(schema))
    }

    /// [`Lowerer::is_binary`] for a schema already resolved.
    pub(crate) fn is_binary_schema<'s>(&self, schema: &'s Schema) -> bool
    where
        'a: 's,
    {
        let mut current = Some(schema);
        for _ in 0..MAXIMUM_ALL_OF_DEPTH {
            let Some(schema) = current else {
                return false;
            };
            match shape_of(schema) {
                Shape::String { format, values } => {
                    return values.is_empty() && format.as_deref() == Some("binary");
                }
                Shape::AllOf { members, own: None } => {
                    current = shape::single_typed_member(members)
                        .and_then(|(_, member)| self.resolve(member))
                        .map(|(schema, _)| schema);
                }
                _ => return false,
            }
        }
        false
    }

    /// Records the type of a `multipart/form-data` request body: the binary
    /// properties of the models it leads to stay file parts (see
    /// `post::binary_properties`).
    pub(crate) fn note_multipart_body(&mut self, ty: &TypeRef) {
        self.schemas.multipart_roots.extend(post::named_types(ty));
    }

    /// Whether a value of this schema may be `null` (following `$ref`s).
    pub(crate) fn is_nullable(&self, schema: &ReferenceOr<Schema>) -> bool {
        self.resolve(schema)
            .is_some_and(|(schema, _)| shape::is_nullable(schema))
    }

    /// The schema behind `schema`, following references, with the pointer
    /// of the schema reached (the root pointer for an inline schema: see
    /// [`Lowerer::resolve_at`]). `S` is `Schema` or the `Box<Schema>` that
    /// `openapiv3` uses inside other schemas.
    pub(crate) fn resolve<'s, S: Borrow<Schema>>(
        &self,
        schema: &'s ReferenceOr<S>,
    ) -> Option<(&'s Schema, JsonPointer)>
    where
        'a: 's,
    {
        self.resolve_at(schema, &JsonPointer::root())
    }

    /// [`Lowerer::resolve`] for a schema written at `pointer`: an inline
    /// schema keeps that pointer.
    pub(crate) fn resolve_at<'s, S: Borrow<Schema>>(
        &self,
        schema: &'s ReferenceOr<S>,
        pointer: &JsonPointer,
    ) -> Option<(&'s Schema, JsonPointer)>
    where
        'a: 's,
    {
        match schema {
            ReferenceOr::Reference { reference } => self.resolve_reference(reference),
            ReferenceOr::Item(schema) => Some((schema.borrow(), pointer.clone())),
        }
    }

    /// The type of `schema`; notes on what could not be typed go to `notes`.
    pub(crate) fn type_of<S: Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        name_hint: &str,
        pointer: &JsonPointer,
        notes: &mut Vec<String>,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.type_for_reference(reference, notes),
            ReferenceOr::Item(schema) => {
                self.type_of_inline(schema.borrow(), name_hint, pointer, notes)
            }
        }
    }

    /// The Rust name of the component schema at `pointer`
    /// (`/components/schemas/<name>`), if it is one.
    pub(crate) fn component_name_at(&self, pointer: &JsonPointer) -> Option<&RustName> {
        let name = pointer.component_entry("schemas")?;
        self.schemas.component_names.get(&name)
    }

    /// The type of an inline schema, registering a model when it needs one.
    /// The first run names the model what `name_hint` says and records the
    /// place; the second takes the planned name, and makes the model an
    /// alias when the plan shares the schema with another place.
    fn type_of_inline(
        &mut self,
        schema: &Schema,
        name_hint: &str,
        pointer: &JsonPointer,
        notes: &mut Vec<String>,
    ) -> TypeRef {
        if let Some(name) = self.schemas.inline_models.get(pointer) {
            return TypeRef::Named(name.clone());
        }
        let shape = shape_of(schema);
        if let Some(ty) = self.type_without_model(&shape, name_hint, pointer, notes) {
            return ty;
        }
        let docs = schema
            .schema_data
            .description
            .as_deref()
            .and_then(docs::markdown);
        let deprecated = schema.schema_data.deprecated;
        let (name, shared_target) = match &mut self.schemas.naming {
            InlineNaming::Discover(discovery) => {
                discovery.record(
                    pointer,
                    InlinePlace {
                        wanted: name_hint.to_owned(),
                        // Serializing a parsed schema cannot fail (string keys
                        // only); were it to, the schema shares with nothing.
                        content: serde_json::to_string(schema).ok(),
                        docs: docs.clone(),
                        deprecated,
                    },
                );
                (provisional_name(name_hint), None)
            }
            InlineNaming::Planned(plan) => match plan.name(pointer) {
                Some(name) => (name.clone(), plan.shared_target(pointer).cloned()),
                // The second run meets the places the first met; should it
                // meet another, that one is named when met.
                None => (self.schemas.names.claim(name_hint), None),
            },
        };
        self.schemas
            .inline_models
            .insert(pointer.clone(), name.clone());
        if let Some(target) = shared_target {
            self.push_shared_models(&name, &target, pointer, docs, deprecated);
            return TypeRef::Named(name);
        }
        let mut model_notes = Vec::new();
        let kind = self.model_kind(schema, &name, pointer, &mut model_notes);
        self.push_model(
            name.clone(),
            pointer.clone(),
            docs,
            deprecated,
            model_notes,
            kind,
        );
        TypeRef::Named(name)
    }

    /// Records the alias `name` of `target` for the schema at `pointer`,
    /// written identically where `target` is, and an alias for each model
    /// nested in it, of its twin nested in `target`'s schema.
    fn push_shared_models(
        &mut self,
        name: &RustName,
        target: &RustName,
        pointer: &JsonPointer,
        docs: Option<String>,
        deprecated: bool,
    ) {
        let mut aliases = vec![(
            name.clone(),
            target.clone(),
            pointer.clone(),
            docs,
            deprecated,
        )];
        if let InlineNaming::Planned(plan) = &self.schemas.naming {
            aliases.extend(
                plan.shared_within(pointer)
                    .filter(|inner| !self.schemas.inline_models.contains_key(inner.pointer))
                    .map(|inner| {
                        (
                            inner.name.clone(),
                            inner.target.clone(),
                            inner.pointer.clone(),
                            inner.docs.map(str::to_owned),
                            inner.deprecated,
                        )
                    }),
            );
        }
        for (name, target, pointer, docs, deprecated) in aliases {
            self.schemas
                .inline_models
                .insert(pointer.clone(), name.clone());
            let note = format!(
                "The spec writes this schema again, identical, where `{target}` is defined: this is another name for that type."
            );
            self.push_model(
                name,
                pointer,
                docs,
                deprecated,
                vec![note],
                ModelKind::Alias(TypeRef::Named(target)),
            );
        }
    }

    /// The type of a schema that needs no model of its own, or `None` when it
    /// needs one (objects with properties, enums, unions, `allOf`).
    fn type_without_model(
        &mut self,
        shape: &Shape<'_>,
        name_hint: &str,
        pointer: &JsonPointer,
        notes: &mut Vec<String>,
    ) -> Option<TypeRef> {
        let ty = match shape {
            Shape::String { format, values } => {
                if !values.is_empty() {
                    return None;
                }
                TypeRef::Primitive(shape::string_primitive(format.as_deref()))
            }
            Shape::Integer { format, values } => {
                if !values.is_empty() {
                    return None;
                }
                TypeRef::Primitive(if format.as_deref() == Some("int32") {
                    Primitive::I32
                } else {
                    Primitive::I64
                })
            }
            // Every number is `f64`, `format: float` included: APIs mark
            // coordinates and rates `float` and send more digits than `f32`
            // keeps (`53.5346162146776` would come back as `53.534615`).
            Shape::Number => TypeRef::Primitive(Primitive::F64),
            Shape::Boolean => TypeRef::Primitive(Primitive::Bool),
            Shape::Array { items } => {
                let item_type = match items {
                    Some(items) => {
                        let item_pointer = pointer.push("items");
                        let item_type =
                            self.type_of(items, &format!("{name_hint}Item"), &item_pointer, notes);
                        self.wrap_if_nullable_boxed(items, item_type)
                    }
                    None => TypeRef::Json,
                };
                TypeRef::Vec(Box::new(item_type))
            }
            Shape::Object(object) => {
                if !object.properties.is_empty() {
                    return None;
                }
                TypeRef::Map(Box::new(self.map_value_type(
                    object.additional_properties,
                    name_hint,
                    pointer,
                    notes,
                )))
            }
            Shape::Union { members, .. } => match &members[..] {
                [] => TypeRef::Json,
                [single] => self.type_of(single, name_hint, pointer, notes),
                _ => return None,
            },
            Shape::AllOf { members, own } => {
                let own_is_empty = own.as_ref().is_none_or(|own| own.properties.is_empty());
                match shape::single_typed_member(members) {
                    Some((index, single)) if own_is_empty => {
                        let member_pointer = pointer.push("allOf").push(index);
                        self.type_of(single, name_hint, &member_pointer, notes)
                    }
                    _ => return None,
                }
            }
            Shape::Not => {
                notes.push("The spec's schema here uses `not`, which has no Rust type; any JSON value is accepted.".to_owned());
                TypeRef::Json
            }
            Shape::Any => TypeRef::Json,
        };
        Some(ty)
    }

    /// The value type of a map from its `additionalProperties`.
    pub(crate) fn map_value_type(
        &mut self,
        additional: Option<&openapiv3::AdditionalProperties>,
        name_hint: &str,
        pointer: &JsonPointer,
        notes: &mut Vec<String>,
    ) -> TypeRef {
        match additional {
            Some(openapiv3::AdditionalProperties::Schema(schema)) => {
                let value_pointer = pointer.push("additionalProperties");
                let value_type =
                    self.type_of(schema, &format!("{name_hint}Value"), &value_pointer, notes);
                self.wrap_if_nullable(schema, value_type)
            }
            _ => TypeRef::Json,
        }
    }

    /// `Option<ty>` when the schema is nullable (for items, map values and
    /// union members, where there is no field to carry the option).
    pub(crate) fn wrap_if_nullable(&self, schema: &ReferenceOr<Schema>, ty: TypeRef) -> TypeRef {
        if self.is_nullable(schema) && ty != TypeRef::Json {
            TypeRef::Option(Box::new(ty))
        } else {
            ty
        }
    }

    /// As [`Lowerer::wrap_if_nullable`] for a boxed schema.
    fn wrap_if_nullable_boxed(&self, schema: &ReferenceOr<Box<Schema>>, ty: TypeRef) -> TypeRef {
        let nullable = self
            .resolve(schema)
            .is_some_and(|(schema, _)| shape::is_nullable(schema));
        if nullable && ty != TypeRef::Json {
            TypeRef::Option(Box::new(ty))
        } else {
            ty
        }
    }

    /// The kind of the model named `name` for `schema`.
    fn model_kind(
        &mut self,
        schema: &Schema,
        name: &str,
        pointer: &JsonPointer,
        notes: &mut Vec<String>,
    ) -> ModelKind {
        let shape = shape_of(schema);
        match &shape {
            Shape::String { values, .. } if !values.is_empty() => {
                ModelKind::Enum(string_enum(values))
            }
            Shape::Integer { values, .. } if !values.is_empty() => {
                ModelKind::Enum(integer_enum(values))
            }
            Shape::Object(object) if !object.properties.is_empty() => {
                ModelKind::Struct(self.lower_struct(&[], Some(object), name, pointer, notes))
            }
            Shape::AllOf { members, own } => {
                let own_is_empty = own.as_ref().is_none_or(|own| own.properties.is_empty());
                if let Some((index, single)) = shape::single_typed_member(members)
                    && own_is_empty
                {
                    return ModelKind::Alias(self.type_of(
                        single,
                        name,
                        &pointer.push("allOf").push(index),
                        notes,
                    ));
                }
                match members.first() {
                    Some(first) if own_is_empty && !self.all_of_is_object(members) => {
                        // An `allOf` of non-objects (e.g. a string with extra
                        // constraints) is typed as its first member.
                        ModelKind::Alias(self.type_of(
                            first,
                            name,
                            &pointer.push("allOf").push(0),
                            notes,
                        ))
                    }
                    _ => ModelKind::Struct(self.lower_struct(
                        members,
                        own.as_ref(),
                        name,
                        pointer,
                        notes,
                    )),
                }
            }
            Shape::Union { members, keyword } if members.len() > 1 => {
                ModelKind::Union(self.lower_union(schema, members, keyword, name, pointer, notes))
            }
            _ => ModelKind::Alias(
                self.type_without_model(&shape, name, pointer, notes)
                    .unwrap_or(TypeRef::Json),
            ),
        }
    }

    /// Records a model; notes are appended to its docs.
    fn push_model(
        &mut self,
        name: RustName,
        pointer: JsonPointer,
        docs: Option<String>,
        deprecated: bool,
        notes: Vec<String>,
        kind: ModelKind,
    ) {
        let notes = notes.join(" ");
        let docs = docs::join_paragraphs([docs.as_deref(), Some(notes.as_str())]);
        let file_stem = crate::naming::module_name(&name);
        self.schemas.models.push(Model {
            name,
            file_stem,
            pointer,
            docs,
            deprecated,
            kind,
        });
    }
}

/// A string enum: values in spec order without duplicates or `null`.
fn string_enum(values: &[String]) -> EnumModel {
    let mut scope = Scope::default();
    let mut seen = BTreeSet::new();
    let variants = values
        .iter()
        .filter(|value| seen.insert((*value).clone()))
        .map(|value| EnumVariant {
            name: scope.claim(&type_name(value)),
            value: EnumValue::String(value.clone()),
        })
        .collect();
    EnumModel {
        variants,
        unknown_variant: scope.claim("Unknown"),
    }
}

/// An integer enum: values in spec order without duplicates or `null`.
fn integer_enum(values: &[i64]) -> EnumModel {
    let mut scope = Scope::default();
    let mut seen = BTreeSet::new();
    let variants = values
        .iter()
        .filter(|value| seen.insert(**value))
        .map(|value| {
            let spelled = if *value < 0 {
                format!("minus_{}", value.unsigned_abs())
            } else {
                value.to_string()
            };
            EnumVariant {
                name: scope.claim(&type_name(&spelled)),
                value: EnumValue::Integer(*value),
            }
        })
        .collect();
    EnumModel {
        variants,
        unknown_variant: scope.claim("Unknown"),
    }
}
