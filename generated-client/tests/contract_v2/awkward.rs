//! The awkward cases.
