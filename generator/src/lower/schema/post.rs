//! Passes over all models once every schema and operation is lowered:
//! alias cycles, boxing of recursive fields, and `Option<Option<T>>` for
//! optional nullable fields of models a request body reaches.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{AdditionalProperties, Model, ModelKind, Presence, Primitive, TypeRef};

/// Every model name inside `ty`, at any depth.
pub(crate) fn named_types(ty: &TypeRef) -> Vec<String> {
    let mut names = Vec::new();
    collect_named(ty, &mut names, true);
    names
}

/// Collects model names; `through_indirection` also looks inside `Vec`,
/// maps and boxes.
fn collect_named(ty: &TypeRef, names: &mut Vec<String>, through_indirection: bool) {
    match ty {
        TypeRef::Named(name) => names.push(name.clone()),
        TypeRef::Option(inner) => collect_named(inner, names, through_indirection),
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Box(inner) => {
            if through_indirection {
                collect_named(inner, names, through_indirection);
            }
        }
        TypeRef::Primitive(_) | TypeRef::Json => {}
    }
}

/// The types a model mentions: field types, variant types, alias targets.
fn mentioned_types(model: &Model) -> Vec<&TypeRef> {
    match &model.kind {
        ModelKind::Struct(structure) => {
            let mut types: Vec<&TypeRef> = structure.fields.iter().map(|field| &field.ty).collect();
            if let AdditionalProperties::Typed(ty) = &structure.additional_properties {
                types.push(ty);
            }
            types
        }
        ModelKind::Union(union) => union.variants.iter().map(|variant| &variant.ty).collect(),
        ModelKind::Alias(ty) => vec![ty],
        ModelKind::Enum(_) => Vec::new(),
    }
}

/// Runs every pass. `request_roots` are the models request bodies name.
pub(crate) fn finish_models(models: &mut [Model], request_roots: &BTreeSet<String>) {
    break_alias_cycles(models);
    box_recursive_positions(models);
    use_double_options_for_requests(models, request_roots);
    mark_serialize_only_models(models);
}

/// Models that hold a file part, directly or through other models, cannot
/// derive `Deserialize`.
fn mark_serialize_only_models(models: &mut [Model]) {
    let mut serialize_only: BTreeSet<String> = models
        .iter()
        .filter(|model| mentioned_types(model).into_iter().any(holds_file))
        .map(|model| model.name.clone())
        .collect();
    loop {
        let before = serialize_only.len();
        for model in models.iter() {
            let names: Vec<String> = mentioned_types(model)
                .into_iter()
                .flat_map(named_types)
                .collect();
            if names.iter().any(|name| serialize_only.contains(name)) {
                serialize_only.insert(model.name.clone());
            }
        }
        if serialize_only.len() == before {
            break;
        }
    }
    for model in models.iter_mut() {
        model.deserializable = !serialize_only.contains(&model.name);
    }
}

/// Whether `ty` holds a file part outside any other model.
fn holds_file(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(Primitive::File) => true,
        TypeRef::Option(inner)
        | TypeRef::Vec(inner)
        | TypeRef::Map(inner)
        | TypeRef::Box(inner) => holds_file(inner),
        TypeRef::Primitive(_) | TypeRef::Named(_) | TypeRef::Json => false,
    }
}

/// An alias that reaches itself through other aliases (`type A = Vec<A>;`)
/// is not valid Rust: it becomes `serde_json::Value`, with a note.
fn break_alias_cycles(models: &mut [Model]) {
    let aliases: BTreeMap<String, Vec<String>> = models
        .iter()
        .filter_map(|model| match &model.kind {
            ModelKind::Alias(ty) => Some((model.name.clone(), named_types(ty))),
            _ => None,
        })
        .collect();
    for model in models.iter_mut() {
        if aliases.contains_key(&model.name) && reaches(&aliases, &model.name, &model.name) {
            model.kind = ModelKind::Alias(TypeRef::Json);
            let note = "This schema refers to itself without an object in between; any JSON value is accepted.";
            model.docs = Some(match model.docs.take() {
                Some(docs) => format!("{docs}\n\n{note}"),
                None => note.to_owned(),
            });
        }
    }
}

/// Whether `to` is reachable from `from` in `graph` (in at least one step).
fn reaches(graph: &BTreeMap<String, Vec<String>>, from: &str, to: &str) -> bool {
    let mut stack: Vec<&str> = graph
        .get(from)
        .map(|next| next.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let mut seen = BTreeSet::new();
    while let Some(name) = stack.pop() {
        if name == to {
            return true;
        }
        if seen.insert(name)
            && let Some(next) = graph.get(name)
        {
            stack.extend(next.iter().map(String::as_str));
        }
    }
    false
}

/// Boxes each by-value position (a field, variant or alias not behind a
/// `Vec`, map or box) whose model leads back to the model holding it, so
/// that every recursive type has a finite size.
fn box_recursive_positions(models: &mut [Model]) {
    let by_value: BTreeMap<String, Vec<String>> = models
        .iter()
        .map(|model| {
            let mut names = Vec::new();
            for ty in mentioned_types(model) {
                collect_named(ty, &mut names, false);
            }
            (model.name.clone(), names)
        })
        .collect();
    for model in models.iter_mut() {
        let owner = model.name.clone();
        let needs_box = |name: &str| name == owner || reaches(&by_value, name, &owner);
        match &mut model.kind {
            ModelKind::Struct(structure) => {
                for field in &mut structure.fields {
                    box_by_value(&mut field.ty, &needs_box);
                }
            }
            ModelKind::Union(union) => {
                for variant in &mut union.variants {
                    box_by_value(&mut variant.ty, &needs_box);
                }
            }
            ModelKind::Alias(_) | ModelKind::Enum(_) => {}
        }
    }
}

/// Wraps by-value `Named` types for which `needs_box` holds in a `Box`.
fn box_by_value(ty: &mut TypeRef, needs_box: &dyn Fn(&str) -> bool) {
    match ty {
        TypeRef::Named(name) if needs_box(name) => {
            *ty = TypeRef::Box(Box::new(TypeRef::Named(name.clone())));
        }
        TypeRef::Option(inner) => box_by_value(inner, needs_box),
        _ => {}
    }
}

/// Optional nullable fields of every model reachable from a request body
/// become `Option<Option<T>>`, so that a caller can send `null` (clear the
/// value) as well as leave the field out (keep it).
fn use_double_options_for_requests(models: &mut [Model], request_roots: &BTreeSet<String>) {
    let graph: BTreeMap<String, Vec<String>> = models
        .iter()
        .map(|model| {
            (
                model.name.clone(),
                mentioned_types(model)
                    .into_iter()
                    .flat_map(named_types)
                    .collect(),
            )
        })
        .collect();
    let mut reachable: BTreeSet<String> = BTreeSet::new();
    let mut stack: Vec<String> = request_roots.iter().cloned().collect();
    while let Some(name) = stack.pop() {
        if reachable.insert(name.clone())
            && let Some(next) = graph.get(&name)
        {
            stack.extend(next.iter().cloned());
        }
    }
    for model in models.iter_mut() {
        if !reachable.contains(&model.name) {
            continue;
        }
        if let ModelKind::Struct(structure) = &mut model.kind {
            for field in &mut structure.fields {
                if field.presence == Presence::OptionalNullable {
                    field.presence = Presence::DoubleOption;
                    field.empty_string_as_none = false;
                }
            }
        }
    }
}
