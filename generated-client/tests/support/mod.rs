//! Shared pieces of the contract tests: the Prism guard, the tally of calls,
//! and the calls themselves, one function per API group.

pub mod deal_calls;
pub mod prism;
pub mod product_calls;
pub mod tally;
