//! The hand-written runtime that the generated operations call.
//!
//! Everything with behaviour lives here: the HTTP client and its configuration
//! ([`Client`], [`ClientBuilder`], [`Credential`]), request assembly
//! ([`Request`]), response decoding ([`RawResponse`], [`Response`]), the one
//! error type ([`Error`]), retries ([`RetryPolicy`]), pagination
//! ([`Paginated`]), lenient value types ([`types`]) and serde helpers
//! ([`serde`]). The generated models' `Serialize` and `Deserialize` impls
//! call the hidden `codec` module.
//!
//! The runtime knows nothing about a particular API: the same files are copied
//! into every crate the generator makes. Generated code wraps [`Client`] in a
//! client type of its own and never adds methods to the runtime's types.
//!
//! The modules are layered, each using only those below it: encoding, retry
//! and rate-limit helpers, and the servers of each spec ([`Server`]); the error type; request assembly ([`Request`],
//! which the client reads only through its methods) and response decoding;
//! the client; pagination on top. `tests/runtime_layers.rs` fails on an
//! import cycle.
#![warn(missing_docs)]

mod client;
#[doc(hidden)]
pub mod codec;
mod error;
mod multipart;
mod pagination;
mod query;
mod rate_limit;
mod request;
mod response;
mod retry;
pub mod serde;
mod servers;
pub mod types;

pub use self::client::{Client, ClientBuilder, Credential, Secret};
pub use self::error::{
    ApiError, DecodeError, Error, ErrorBody, PaginationError, PaginationProblem,
    message_from_fields,
};
pub use self::pagination::{PageKind, PageSpec, Paginated};
pub use self::query::QueryStyle;
pub use self::rate_limit::RateLimit;
pub use self::request::{Request, RequestOptions, encode_path};
pub use self::response::{RawResponse, Response};
pub use self::retry::RetryPolicy;
pub use self::servers::Server;
pub use self::types::FilePart;
