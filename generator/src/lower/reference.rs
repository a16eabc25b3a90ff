//! The one loop that follows a chain of `$ref`s. Every resolution in
//! lowering runs it: the `components` entries of operations
//! (`operation/reference.rs`, which reports what it cannot resolve) and
//! schemas, also into a component (`schema/reference.rs`, which falls back
//! to any JSON value with a note). Each says what one `$ref` names; the loop
//! owns the order, the limit ([`MAXIMUM_REFERENCE_HOPS`]) and the outcome.
//! Pointers are parsed by [`JsonPointer`] alone.

use std::borrow::Borrow;

use openapiv3::ReferenceOr;

use crate::JsonPointer;

/// One link of a chain: what a place holds, with the place's pointer.
pub(crate) enum Link<'d, T: ?Sized> {
    /// An item: the chain ends here.
    Item(&'d T, JsonPointer),
    /// A `$ref`, written at the pointer, to follow.
    Reference(&'d str, JsonPointer),
}

impl<'d, T: ?Sized> Link<'d, T> {
    /// The link of a place holding `value` (an item or a `$ref`), written
    /// at `pointer`. `S` is `T` or a box of it.
    pub(crate) fn of<S: Borrow<T>>(value: &'d ReferenceOr<S>, pointer: JsonPointer) -> Self {
        match value {
            ReferenceOr::Item(item) => Self::Item(item.borrow(), pointer),
            ReferenceOr::Reference { reference } => Self::Reference(reference, pointer),
        }
    }
}

/// Why a chain did not end at an item.
pub(crate) enum Unresolved<'d> {
    /// The `$ref` written at `pointer` names nothing the resolver reaches.
    Dangling {
        /// The `$ref` as written.
        reference: &'d str,
        /// Where it is written.
        pointer: JsonPointer,
    },
    /// More than the hops allowed: a cycle.
    Cycle,
}

/// Follows the chain from `link` for at most `hops` `$ref`s, asking
/// `target` what each names. `target` is also told how many hops remain
/// after the one it resolves, so that a resolver that meets further `$ref`s
/// on the way (a pointer into a component) resolves them within the same
/// budget and a cycle through such pointers ends too.
pub(crate) fn follow<'d, T: ?Sized>(
    link: Link<'d, T>,
    hops: usize,
    mut target: impl FnMut(&'d str, usize) -> Option<Link<'d, T>>,
) -> Result<(&'d T, JsonPointer), Unresolved<'d>> {
    let mut link = link;
    for remaining in (0..hops).rev() {
        match link {
            Link::Item(item, pointer) => return Ok((item, pointer)),
            Link::Reference(reference, pointer) => {
                link = target(reference, remaining)
                    .ok_or(Unresolved::Dangling { reference, pointer })?;
            }
        }
    }
    match link {
        Link::Item(item, pointer) => Ok((item, pointer)),
        Link::Reference(..) => Err(Unresolved::Cycle),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows `start` through a table of `$ref`s (`name → target`);
    /// a name that is not a key is an item.
    fn check(start: &'static str, hops: usize, expect: Result<&str, &str>) {
        let table: &[(&str, &str)] = &[("a", "b"), ("b", "c"), ("loop", "loop"), ("d", "?")];
        let step = |name: &'static str| match table.iter().find(|(from, _)| *from == name) {
            Some((_, to)) => Link::Reference(to, JsonPointer::root().push(name)),
            None => Link::Item(name, JsonPointer::root().push(name)),
        };
        let found = follow(step(start), hops, |reference, _| {
            (reference != "?").then(|| step(reference))
        });
        let found: Result<&str, String> = match found {
            Ok((item, _)) => Ok(item),
            Err(Unresolved::Dangling { pointer, .. }) => Err(pointer.as_str().to_owned()),
            Err(Unresolved::Cycle) => Err("cycle".to_owned()),
        };
        assert_eq!(found, expect.map_err(str::to_owned), "{start}");
    }

    #[test]
    fn a_chain_ends_at_an_item_a_dangling_reference_or_the_limit() {
        check("c", 0, Ok("c"));
        check("a", 2, Ok("c"));
        check("a", 1, Err("cycle"));
        check("loop", 32, Err("cycle"));
        check("d", 32, Err("/d"));
    }
}
