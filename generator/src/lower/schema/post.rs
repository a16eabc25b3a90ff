//! Passes over all models once every schema and operation is lowered:
//! alias cycles, boxing of recursive fields, `Clearable<T>` for
//! optional nullable fields of models a request body reaches, and text for
//! binary strings inside models (file parts or text).

use std::collections::{BTreeMap, BTreeSet};

use crate::docs;

use crate::ir::{AdditionalProperties, Model, ModelKind, Presence, Primitive, TypeRef};
use crate::limits::MAXIMUM_ALIAS_HOPS;

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
        TypeRef::Named(name) => names.push(name.to_string()),
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

/// Runs every pass. `request_roots` are the models request bodies name,
/// `multipart_roots` those `multipart/form-data` request bodies name.
pub(crate) fn finish_models(
    models: &mut [Model],
    request_roots: &BTreeSet<String>,
    multipart_roots: &BTreeSet<String>,
) {
    break_alias_cycles(models);
    box_recursive_positions(models);
    use_clearable_for_requests(models, request_roots);
    binary_properties(models, multipart_roots);
}

/// The note on a binary property of a model that only travels as JSON.
const BINARY_AS_TEXT_NOTE: &str = "Declared `format: binary`: in JSON binary data can only travel as a string, and the spec does not say how it is encoded, so the text is kept as sent.";

/// Binary strings inside models (a property, an array item, a union member,
/// directly or through aliases such as `Blob: {type: string, format:
/// binary}`) are never raw `Bytes`, which has no serde impls: in a model
/// that a `multipart/form-data` request body leads to they are file parts
/// ([`Primitive::File`]), which become parts of their own; in every other
/// model they are the JSON string as sent ([`Primitive::String`], with a
/// note): JSON has no bytes, and whether the text is base64, plain text
/// (meteosource.com declares wind directions such as `"N"` binary) or a URL
/// is not said, so decoding it would be a guess.
fn binary_properties(models: &mut [Model], multipart_roots: &BTreeSet<String>) {
    let index: BTreeMap<String, usize> = models
        .iter()
        .enumerate()
        .map(|(position, model)| (model.name.to_string(), position))
        .collect();
    let binary_aliases: BTreeSet<String> = models
        .iter()
        .filter(|model| is_binary_alias(models, &index, &model.name))
        .map(|model| model.name.to_string())
        .collect();
    let mut multipart: BTreeSet<String> = BTreeSet::new();
    let mut stack: Vec<String> = multipart_roots.iter().cloned().collect();
    while let Some(name) = stack.pop() {
        if !multipart.insert(name.clone()) {
            continue;
        }
        if let Some(model) = index.get(&name).and_then(|position| models.get(*position)) {
            stack.extend(mentioned_types(model).into_iter().flat_map(named_types));
        }
    }
    for model in models.iter_mut() {
        let replacement = if multipart.contains(model.name.as_str()) {
            Primitive::File
        } else {
            Primitive::String
        };
        let replace = |ty: &mut TypeRef| -> bool {
            let replaced = replace_binary(ty, &binary_aliases, replacement);
            replaced && replacement == Primitive::String
        };
        match &mut model.kind {
            ModelKind::Struct(structure) => {
                for field in &mut structure.fields {
                    if replace(&mut field.ty) {
                        field.docs = docs::join_paragraphs([
                            field.docs.as_deref(),
                            Some(BINARY_AS_TEXT_NOTE),
                        ]);
                    }
                }
                if let AdditionalProperties::Typed(ty) = &mut structure.additional_properties {
                    replace(ty);
                }
            }
            ModelKind::Union(union) => {
                for variant in &mut union.variants {
                    replace(&mut variant.ty);
                }
            }
            // An alias of a binary string stays `Bytes` (it may name a raw
            // body); one of an array of them is a model's kind of value.
            ModelKind::Alias(TypeRef::Primitive(Primitive::Binary) | TypeRef::Named(_))
            | ModelKind::Enum(_) => {}
            ModelKind::Alias(ty) => {
                replace(ty);
            }
        }
    }
}

/// Whether the model `name` is an alias of a binary string, through other
/// aliases.
fn is_binary_alias(models: &[Model], index: &BTreeMap<String, usize>, name: &str) -> bool {
    let mut current = name;
    for _ in 0..MAXIMUM_ALIAS_HOPS {
        let Some(model) = index
            .get(current)
            .and_then(|position| models.get(*position))
        else {
            return false;
        };
        match &model.kind {
            ModelKind::Alias(TypeRef::Primitive(Primitive::Binary)) => return true,
            ModelKind::Alias(TypeRef::Named(next)) => current = next,
            _ => return false,
        }
    }
    false
}

/// Replaces every binary string in `ty` (also a binary alias) by
/// `replacement`, through options, arrays, maps and boxes; says whether it
/// replaced anything.
fn replace_binary(
    ty: &mut TypeRef,
    binary_aliases: &BTreeSet<String>,
    replacement: Primitive,
) -> bool {
    match ty {
        TypeRef::Primitive(Primitive::Binary | Primitive::File) => {
            *ty = TypeRef::Primitive(replacement);
            true
        }
        TypeRef::Named(name) if binary_aliases.contains(name.as_str()) => {
            *ty = TypeRef::Primitive(replacement);
            true
        }
        TypeRef::Option(inner)
        | TypeRef::Vec(inner)
        | TypeRef::Map(inner)
        | TypeRef::Box(inner) => replace_binary(inner, binary_aliases, replacement),
        TypeRef::Primitive(_) | TypeRef::Named(_) | TypeRef::Json => false,
    }
}

/// An alias that reaches itself through other aliases (`type A = Vec<A>;`)
/// is not valid Rust: it becomes `serde_json::Value`, with a note.
fn break_alias_cycles(models: &mut [Model]) {
    let aliases: BTreeMap<String, Vec<String>> = models
        .iter()
        .filter_map(|model| match &model.kind {
            ModelKind::Alias(ty) => Some((model.name.to_string(), named_types(ty))),
            _ => None,
        })
        .collect();
    let components = StronglyConnected::new(&aliases);
    for model in models.iter_mut() {
        if aliases.contains_key(model.name.as_str())
            && components.is_on_cycle(&aliases, &model.name)
        {
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
            (model.name.to_string(), names)
        })
        .collect();
    // A by-value position leads back to its holder exactly when both are in
    // one strongly connected component of the by-value graph.
    let components = StronglyConnected::new(&by_value);
    for model in models.iter_mut() {
        let owner = model.name.to_string();
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
        let mut search = Search {
            graph,
            visits: BTreeMap::new(),
            stack: Vec::new(),
            found: Self {
                component_of: BTreeMap::new(),
                sizes: Vec::new(),
            },
        };
        for root in graph.keys() {
            if !search.visits.contains_key(root.as_str()) {
                search.run_from(root);
            }
        }
        search.found
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

/// Per-name bookkeeping of Tarjan's algorithm.
struct Visit {
    index: usize,
    low_link: usize,
    on_stack: bool,
}

/// The state of Tarjan's algorithm over one graph.
struct Search<'g> {
    graph: &'g BTreeMap<String, Vec<String>>,
    visits: BTreeMap<&'g str, Visit>,
    stack: Vec<&'g str>,
    found: StronglyConnected,
}

impl<'g> Search<'g> {
    /// Numbers `name` and puts it on the stack.
    fn enter(&mut self, name: &'g str) {
        let index = self.visits.len();
        self.visits.insert(
            name,
            Visit {
                index,
                low_link: index,
                on_stack: true,
            },
        );
        self.stack.push(name);
    }

    /// Visits every name reachable from `root` that is not visited yet,
    /// depth first, with an explicit stack of frames.
    fn run_from(&mut self, root: &'g str) {
        let graph = self.graph;
        let no_edges: &[String] = &[];
        // Each frame: a name and the position of its next edge.
        let mut frames: Vec<(&'g str, usize)> = vec![(root, 0)];
        self.enter(root);
        while let Some(&mut (name, ref mut next_edge)) = frames.last_mut() {
            let edges = graph.get(name).map_or(no_edges, Vec::as_slice);
            if let Some(target) = edges.get(*next_edge) {
                *next_edge += 1;
                match self.visits.get(target.as_str()) {
                    None => {
                        self.enter(target);
                        frames.push((target, 0));
                    }
                    Some(visit) if visit.on_stack => {
                        let target_index = visit.index;
                        if let Some(current) = self.visits.get_mut(name) {
                            current.low_link = current.low_link.min(target_index);
                        }
                    }
                    Some(_) => {}
                }
                continue;
            }
            frames.pop();
            self.leave(name, frames.last().map(|&(parent, _)| parent));
        }
    }

    /// Finishes `name` once all its edges are followed: passes its low link
    /// to `parent`, and closes a component when `name` is its root.
    fn leave(&mut self, name: &'g str, parent: Option<&'g str>) {
        let (index, low_link) = self
            .visits
            .get(name)
            .map_or((0, 0), |visit| (visit.index, visit.low_link));
        if let Some(parent) = parent
            && let Some(parent_visit) = self.visits.get_mut(parent)
        {
            parent_visit.low_link = parent_visit.low_link.min(low_link);
        }
        if index == low_link {
            self.pop_component(name);
        }
    }

    /// Pops the stack down to `root`, making one component of what it held.
    fn pop_component(&mut self, root: &str) {
        let component = self.found.sizes.len();
        let mut size = 0;
        while let Some(member) = self.stack.pop() {
            if let Some(visit) = self.visits.get_mut(member) {
                visit.on_stack = false;
            }
            self.found.component_of.insert(member.to_owned(), component);
            size += 1;
            if member == root {
                break;
            }
        }
        self.found.sizes.push(size);
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
                model.name.to_string(),
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
        if !reachable.contains(model.name.as_str()) {
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
