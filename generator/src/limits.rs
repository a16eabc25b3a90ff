//! The one set of limits: how far the generator follows chains and nesting
//! in a spec before it calls them a cycle. Each is far above what a real
//! spec needs; they exist so that a cycle ends in an error or a fallback
//! (with the spec's JSON pointer), never in a hang or a stack overflow.

/// How many `$ref`s a chain may have (a `$ref` to a `$ref` to …) before it
/// is reported as a cycle.
pub(crate) const MAXIMUM_REFERENCE_HOPS: usize = 32;

/// How many aliases (`type A = B`) a chain may have before it is treated as
/// a cycle.
pub(crate) const MAXIMUM_ALIAS_HOPS: usize = 32;

/// How many aliases and nested unions are followed when reading what a
/// union member declares, to rank the members.
pub(crate) const MAXIMUM_UNION_NESTING: usize = 16;

/// How deep `allOf` members may nest inside each other.
pub(crate) const MAXIMUM_ALL_OF_DEPTH: usize = 16;

/// How many times the load repairs inline the `$ref`s inside copies they
/// inlined (a `$ref` to a place other than a `components` entry).
pub(crate) const MAXIMUM_INLINE_ROUNDS: usize = 8;

/// How many `$ref`s the load repairs inline at most, against specs whose
/// references multiply when copied.
pub(crate) const MAXIMUM_INLINED_REFERENCES: usize = 20_000;
