pub mod runtime;

pub use runtime::{
    ApiError, Client, ClientBuilder, Credential, Error, Paginated, RateLimit, RequestOptions,
    Response, RetryPolicy, Secret,
};

#[rustfmt::skip]
mod generated;

pub use generated::*;
