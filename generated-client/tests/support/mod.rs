//! Shared pieces of the contract tests: the Prism guard, the specs it
//! serves, the tally of calls, and the calls themselves, one function per API
//! group.

pub mod deal_calls;
pub mod known_differences;
pub mod prism;
pub mod product_calls;
pub mod spec;
pub mod tally;
