//! The names of inline models, chosen from where each schema is written and
//! never from which operation happened to reach it first.
//!
//! Lowering runs twice. The first run discovers every inline schema that
//! needs a model: its place (the JSON pointer where it is written), the name
//! it wants there (`GetDealsResponse200`, `DealOwner`, `DealStatusFilterParameter`)
//! and its canonical JSON. [`ModelNames::plan`] then names every place in
//! one pass, in the order of the places' pointers (token by token), after
//! the component schemas (which are named by their keys before either run,
//! in the same order). The second run lowers the document again and takes
//! each inline model's name from the plan.
//!
//! The order of the claims is the order of the pointers, so the names do not
//! depend on the order of `paths`, of the operations of a path item or of
//! any `components` map. A new place renames an existing model only when it
//! wants the same name (after case folding) and its pointer sorts first: then
//! the existing model takes the next free suffix. No other addition moves a
//! name.
//!
//! An inline schema written out again elsewhere, identical to the letter,
//! shares one struct with the others, but keeps its own name: the place
//! whose pointer sorts first (the representative) gets the model, and every
//! other place becomes an alias of it (`pub type Other = First;`), its
//! nested models aliases of their twins in the representative. A new
//! identical place can change which place holds the struct, never a name.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use crate::JsonPointer;
use crate::naming::{RustName, Scope};

/// What the first lowering run learned about one inline schema that needs a
/// model.
#[derive(Debug)]
pub(crate) struct InlinePlace {
    /// The name the place asks for, before uniqueness.
    pub(crate) wanted: String,
    /// The schema's canonical JSON, to find identical schemas; `None` when it
    /// could not be serialized (then it shares with nothing).
    pub(crate) content: Option<String>,
    /// The schema's description, as Markdown.
    pub(crate) docs: Option<String>,
    /// `deprecated: true`.
    pub(crate) deprecated: bool,
}

/// The inline schemas found by the first lowering run, by pointer. A place
/// met twice keeps what its first visit recorded.
#[derive(Debug, Default)]
pub(crate) struct Discovery {
    places: BTreeMap<JsonPointer, InlinePlace>,
}

impl Discovery {
    /// Records a place, unless it is already known.
    pub(crate) fn record(&mut self, pointer: &JsonPointer, place: InlinePlace) {
        self.places.entry(pointer.clone()).or_insert(place);
    }
}

/// The planned name of every inline model, and which places share a model.
#[derive(Debug, Default)]
pub(crate) struct ModelNames {
    /// Every place's Rust name.
    names: BTreeMap<JsonPointer, RustName>,
    /// A place whose schema is identical to one whose pointer sorts first →
    /// that first place (the representative).
    representatives: BTreeMap<JsonPointer, JsonPointer>,
    /// Every place's description and deprecation, for the aliases made
    /// without lowering the schema again.
    places: BTreeMap<JsonPointer, (Option<String>, bool)>,
}

/// A place that is an alias of a model defined at another place.
#[derive(Debug)]
pub(crate) struct SharedPlace<'p> {
    /// Where the alias's schema is written.
    pub(crate) pointer: &'p JsonPointer,
    /// The alias's own name.
    pub(crate) name: &'p RustName,
    /// The name of the model it is an alias of.
    pub(crate) target: &'p RustName,
    /// Its description, as Markdown.
    pub(crate) docs: Option<&'p str>,
    /// `deprecated: true`.
    pub(crate) deprecated: bool,
}

impl ModelNames {
    /// Names every discovered place in pointer order, claiming the names in
    /// `scope` (which already holds the component schemas' names), and picks
    /// a representative for every set of identical schemas: the place whose
    /// pointer sorts first.
    pub(crate) fn plan(discovery: Discovery, scope: &mut Scope) -> Self {
        let mut places: Vec<(JsonPointer, InlinePlace)> = discovery.places.into_iter().collect();
        places.sort_by(|(left, _), (right, _)| place_order(left, right));
        let mut plan = ModelNames::default();
        let mut first_with_content: BTreeMap<String, JsonPointer> = BTreeMap::new();
        for (pointer, place) in places {
            plan.names
                .insert(pointer.clone(), scope.claim(&place.wanted));
            if let Some(content) = place.content {
                match first_with_content.entry(content) {
                    Entry::Vacant(entry) => {
                        entry.insert(pointer.clone());
                    }
                    Entry::Occupied(entry) => {
                        plan.representatives
                            .insert(pointer.clone(), entry.get().clone());
                    }
                }
            }
            plan.places.insert(pointer, (place.docs, place.deprecated));
        }
        plan
    }

    /// The planned name of the inline model at `pointer`.
    pub(crate) fn name(&self, pointer: &JsonPointer) -> Option<&RustName> {
        self.names.get(pointer)
    }

    /// The name of the model the place at `pointer` is an alias of, when an
    /// identical schema is written at a place that sorts first.
    pub(crate) fn shared_target(&self, pointer: &JsonPointer) -> Option<&RustName> {
        self.representatives
            .get(pointer)
            .and_then(|representative| self.name(representative))
    }

    /// The shared places nested in the schema at `pointer` (its properties,
    /// items, members, at any depth), which become aliases with it.
    pub(crate) fn shared_within<'p>(
        &'p self,
        pointer: &JsonPointer,
    ) -> impl Iterator<Item = SharedPlace<'p>> + 'p {
        let prefix = format!("{}/", pointer.as_str());
        self.representatives
            .range(JsonPointer::from_escaped(&prefix)..)
            .take_while(move |(inner, _)| inner.as_str().starts_with(&prefix))
            .filter_map(|(inner, representative)| {
                let (docs, deprecated) = self.places.get(inner)?;
                Some(SharedPlace {
                    pointer: inner,
                    name: self.name(inner)?,
                    target: self.name(representative)?,
                    docs: docs.as_deref(),
                    deprecated: *deprecated,
                })
            })
    }
}

/// The order in which places claim names: their pointers compared token by
/// token, so that a place sorts right after its ancestors and the places
/// nested in two places keep the order of those two places.
pub(crate) fn place_order(left: &JsonPointer, right: &JsonPointer) -> Ordering {
    left.as_str().split('/').cmp(right.as_str().split('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(wanted: &str, content: &str) -> InlinePlace {
        InlinePlace {
            wanted: wanted.to_owned(),
            content: Some(content.to_owned()),
            docs: None,
            deprecated: false,
        }
    }

    /// Plans `places` (pointer, wanted name, content) recorded in the given
    /// order, and returns every place's name and representative's name.
    fn plan(places: &[(&str, &str, &str)]) -> Vec<(String, String, Option<String>)> {
        let mut discovery = Discovery::default();
        for (pointer, wanted, content) in places {
            discovery.record(&JsonPointer::from_escaped(pointer), place(wanted, content));
        }
        let plan = ModelNames::plan(discovery, &mut Scope::default());
        let mut named: Vec<(String, String, Option<String>)> = places
            .iter()
            .map(|(pointer, _, _)| {
                let pointer = JsonPointer::from_escaped(pointer);
                (
                    pointer.as_str().to_owned(),
                    plan.name(&pointer)
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    plan.shared_target(&pointer).map(ToString::to_string),
                )
            })
            .collect();
        named.sort();
        named
    }

    #[test]
    fn names_do_not_depend_on_the_order_places_are_met() {
        let places = [
            ("/paths/~1b/get/responses/200", "Thing", "{1}"),
            ("/paths/~1a/get/responses/200", "Thing", "{2}"),
            ("/paths/~1a/get/responses/201", "Other", "{1}"),
        ];
        let mut reversed = places;
        reversed.reverse();
        let expect = vec![
            (
                "/paths/~1a/get/responses/200".to_owned(),
                "Thing".to_owned(),
                None,
            ),
            (
                "/paths/~1a/get/responses/201".to_owned(),
                "Other".to_owned(),
                None,
            ),
            (
                "/paths/~1b/get/responses/200".to_owned(),
                "Thing2".to_owned(),
                Some("Other".to_owned()),
            ),
        ];
        assert_eq!(plan(&places), expect);
        assert_eq!(plan(&reversed), expect);
    }

    #[test]
    fn places_are_ordered_token_by_token() {
        let ancestor = JsonPointer::from_escaped("/a/b");
        let nested = JsonPointer::from_escaped("/a/b/c");
        let sibling = JsonPointer::from_escaped("/a/b!");
        assert_eq!(place_order(&ancestor, &nested), Ordering::Less);
        // By characters `/a/b!` sorts before `/a/b/c`; by tokens the places
        // nested in `/a/b` all come before `/a/b!`.
        assert_eq!(place_order(&nested, &sibling), Ordering::Less);
    }
}
