//! Passes over all models once every schema and operation is lowered:
//! alias cycles, boxing of recursive fields, and `Clearable<T>` for
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
    use_clearable_for_requests(models, request_roots);
    mark_serialize_only_models(models);
}

/// Models that hold a file part, directly or through other models, cannot
/// derive `Deserialize`.
fn mark_serialize_only_models(models: &mut [Model]) {
    // Who mentions each model, so that the mark spreads backwards in one walk.
    let mut mentioned_by: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for model in models.iter() {
        for name in mentioned_types(model).into_iter().flat_map(named_types) {
            mentioned_by
                .entry(name)
                .or_default()
                .push(model.name.clone());
        }
    }
    let mut stack: Vec<String> = models
        .iter()
        .filter(|model| mentioned_types(model).into_iter().any(holds_file))
        .map(|model| model.name.clone())
        .collect();
    let mut serialize_only: BTreeSet<String> = BTreeSet::new();
    while let Some(name) = stack.pop() {
        if serialize_only.insert(name.clone())
            && let Some(users) = mentioned_by.get(&name)
        {
            stack.extend(users.iter().cloned());
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
    let components = StronglyConnected::new(&aliases);
    for model in models.iter_mut() {
        if aliases.contains_key(&model.name) && components.is_on_cycle(&aliases, &model.name) {
            model.kind = ModelKind::Alias(TypeRef::Json);
            let note = "This schema refers to itself without an object in between; any JSON value is accepted.";
            model.docs = Some(match model.docs.take() {
                Some(docs) => format!("{docs}\n\n{note}"),
                None => note.to_owned(),
            });
        }
    }
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
    // A by-value position leads back to its holder exactly when both are in
    // one strongly connected component of the by-value graph.
    let components = StronglyConnected::new(&by_value);
    for model in models.iter_mut() {
        let owner = model.name.clone();
        let needs_box = |name: &str| name == owner || components.same(name, &owner);
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

/// The strongly connected components of a graph of model names (Tarjan's
/// algorithm, iterative so that a deep graph cannot overflow the stack).
/// Names that are not keys of the graph have no outgoing edges.
struct StronglyConnected {
    /// Component number of every name met.
    component_of: BTreeMap<String, usize>,
    /// How many names each component holds.
    sizes: Vec<usize>,
}

impl StronglyConnected {
    fn new(graph: &BTreeMap<String, Vec<String>>) -> Self {
        /// Per-name bookkeeping of Tarjan's algorithm.
        struct Visit {
            index: usize,
            low_link: usize,
            on_stack: bool,
        }
        let mut visits: BTreeMap<&str, Visit> = BTreeMap::new();
        let mut stack: Vec<&str> = Vec::new();
        let mut result = Self {
            component_of: BTreeMap::new(),
            sizes: Vec::new(),
        };
        let no_edges: &[String] = &[];
        for root in graph.keys() {
            if visits.contains_key(root.as_str()) {
                continue;
            }
            // Each frame: a name and the position of its next edge.
            let mut frames: Vec<(&str, usize)> = vec![(root.as_str(), 0)];
            let index = visits.len();
            visits.insert(
                root,
                Visit {
                    index,
                    low_link: index,
                    on_stack: true,
                },
            );
            stack.push(root);
            while let Some(&mut (name, ref mut next_edge)) = frames.last_mut() {
                let edges = graph.get(name).map_or(no_edges, Vec::as_slice);
                if let Some(target) = edges.get(*next_edge) {
                    *next_edge += 1;
                    match visits.get(target.as_str()) {
                        None => {
                            let index = visits.len();
                            visits.insert(
                                target,
                                Visit {
                                    index,
                                    low_link: index,
                                    on_stack: true,
                                },
                            );
                            stack.push(target);
                            frames.push((target, 0));
                        }
                        Some(visit) if visit.on_stack => {
                            let target_index = visit.index;
                            if let Some(current) = visits.get_mut(name) {
                                current.low_link = current.low_link.min(target_index);
                            }
                        }
                        Some(_) => {}
                    }
                    continue;
                }
                frames.pop();
                let (index, low_link) = visits
                    .get(name)
                    .map_or((0, 0), |visit| (visit.index, visit.low_link));
                if let Some(&(parent, _)) = frames.last()
                    && let Some(parent_visit) = visits.get_mut(parent)
                {
                    parent_visit.low_link = parent_visit.low_link.min(low_link);
                }
                if index == low_link {
                    let component = result.sizes.len();
                    let mut size = 0;
                    while let Some(member) = stack.pop() {
                        if let Some(visit) = visits.get_mut(member) {
                            visit.on_stack = false;
                        }
                        result.component_of.insert(member.to_owned(), component);
                        size += 1;
                        if member == name {
                            break;
                        }
                    }
                    result.sizes.push(size);
                }
            }
        }
        result
    }

    /// Whether `left` and `right` are in one component.
    fn same(&self, left: &str, right: &str) -> bool {
        match (self.component_of.get(left), self.component_of.get(right)) {
            (Some(left), Some(right)) => left == right,
            _ => false,
        }
    }

    /// Whether `name` reaches itself in one step or more.
    fn is_on_cycle(&self, graph: &BTreeMap<String, Vec<String>>, name: &str) -> bool {
        let in_large_component = self
            .component_of
            .get(name)
            .and_then(|component| self.sizes.get(*component))
            .is_some_and(|size| *size > 1);
        in_large_component
            || graph
                .get(name)
                .is_some_and(|edges| edges.iter().any(|edge| edge == name))
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
/// become `Clearable<T>`, so that a caller can send `null` (clear the value)
/// as well as leave the field out (keep it). `request_roots` are the models
/// that request bodies name, recorded by
/// [`Lowerer::type_for_request_body`](crate::lower::Lowerer::type_for_request_body).
fn use_clearable_for_requests(models: &mut [Model], request_roots: &BTreeSet<String>) {
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
                    field.presence = Presence::Clearable;
                }
            }
        }
    }
}
