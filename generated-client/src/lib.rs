//! A typed async client for Pipedrive CRM's Deals and Products API, v1 and
//! v2.
//!
//! The operations and types are generated from `spec/pipedrive.yaml` (into
//! [`v1`]) and `spec/pipedrive-v2.yaml` (into [`v2`]) by this workspace's
//! generator (`cargo xtask codegen`); the [`runtime`] they call is
//! hand-written. One [`Client`] serves both versions: `client.v1()` and
//! `client.v2()` return each version's operations, grouped as its spec's
//! tags (`client.v2().deals()`, `client.v1().products()`).
//!
//! # Quick start
//!
//! Deals and products are created, read, updated and deleted through v2;
//! v1 serves what exists only there (here, the deals summary).
//!
//! ```no_run
//! use pipedrive::v2::models::{CustomFieldValue, DealStatus, DealWrite, NewDeal};
//! use pipedrive::{Client, auth};
//!
//! # async fn run() -> Result<(), pipedrive::Error> {
//! let client = Client::builder()
//!     .credential(auth::api_key(std::env::var("PIPEDRIVE_API_TOKEN").unwrap_or_default()))
//!     .build()?;
//! let deals = client.v2().deals();
//!
//! // Required parameters are arguments, optional ones are builder methods.
//! let page = deals
//!     .get_deals()
//!     .status(vec![DealStatus::Open])
//!     .limit(100)
//!     .send()
//!     .await?;
//! for deal in page.data.unwrap_or_default() {
//!     println!("{} {}", deal.id, deal.title);
//! }
//!
//! // Create a deal with a custom field (keyed by the field's hash), change
//! // its value and clear that field (PATCH: what is not set stays as it
//! // is), then delete it.
//! let field = "dcf558aac1ae4e8c4f849ba5e668430d8df9be12".to_owned();
//! let new_deal = NewDeal::new("Office fit-out").set_currency("EUR").set_custom_fields(
//!     [(field.clone(), Some(CustomFieldValue::String("Premium".to_owned())))].into(),
//! );
//! if let Some(deal) = deals.add_deal(new_deal).send().await?.data {
//!     let update = DealWrite::new()
//!         .set_value(1500.0)
//!         .set_custom_fields([(field, None)].into());
//!     deals.update_deal(deal.id, update).send().await?;
//!     deals.delete_deal(deal.id).send().await?;
//! }
//!
//! // The deals summary exists only in v1.
//! let summary = client.v1().deals().get_deals_summary().send().await?;
//! # let _ = summary;
//! # Ok(())
//! # }
//! ```
//!
//! # Configuration
//!
//! One client, built once, serves every version with one credential, one
//! connection pool, one retry policy and one view of the rate limits
//! ([`last_rate_limit`](runtime::Client::last_rate_limit) is the last
//! response's, whichever version sent it). Each version finds its own base
//! path from the URL the client is built with and the servers its spec
//! lists:
//!
//! | built with | v1 | v2 |
//! |---|---|---|
//! | nothing ([`DEFAULT_BASE_URL`]) or `https://api.pipedrive.com` | `https://api.pipedrive.com/v1` | `https://api.pipedrive.com/api/v2` |
//! | a company domain or an OAuth token's `api_domain`: `https://acme.pipedrive.com` | `https://acme.pipedrive.com/api/v1` | `https://acme.pipedrive.com/api/v2` |
//! | one version's server, as before v2: [`v1::server_url_companydomain`]`("acme")` | `https://acme.pipedrive.com/api/v1` | `https://acme.pipedrive.com/api/v2` |
//! | any other URL (a mock server, a proxy) | that URL | that URL |
//!
//! So [`ClientBuilder::base_url`](runtime::ClientBuilder::base_url) takes
//! the host: `.base_url(token_response.api_domain)` after an OAuth
//! authorization, `.base_url("https://acme.pipedrive.com")` for a company
//! domain. The rule is the generator's, not Pipedrive's: a URL on a host that
//! a spec's `servers` name keeps its scheme, host and port and takes each
//! spec's path on that host ([`runtime::Client::for_spec`]).
//!
//! Credentials come from the specs' security schemes, one function each in
//! [`auth`], passed to
//! [`ClientBuilder::credential`](runtime::ClientBuilder::credential):
//! [`auth::api_key`] sends the API token in the `x-api-token` header (both
//! versions), [`auth::api_token`] in the `api_token` query parameter (as the
//! 2020 Node client did; only v1 declares it), and [`auth::oauth2`] as a
//! bearer token, replaceable after a refresh with
//! [`set_bearer_token`](runtime::Client::set_bearer_token) for every version
//! at once. [`v1::auth`] and [`v2::auth`] hold each version's own. The
//! default timeout is 30 seconds
//! ([`ClientBuilder::timeout`](runtime::ClientBuilder::timeout)); every
//! operation can override it, and its retry policy, per call.
//!
//! [`Client`] is generated: it wraps the runtime's [`runtime::Client`], which
//! holds the credential, the connection pool, the retry policy and the last
//! rate-limit headers, and whose methods it offers through `Deref`. The
//! runtime's types get no methods from generated code.
//!
//! Credentials never appear in `Debug` output, error messages or traces.
//!
//! # Code written before v2
//!
//! [`models`], [`apis`] and [`server_url_companydomain`] are still v1's, as
//! before v2 joined the crate: they are [`v1::models`], [`v1::apis`] and
//! [`v1::server_url_companydomain`]. The groups moved from the client to the
//! version: `client.deals()` is now `client.v1().deals()` (or its v2
//! successor, `client.v2().deals()`). A base URL that worked before still
//! serves v1 from the same place.
//!
//! # Migrating from v1 to v2
//!
//! Pipedrive took most v1 deal and product operations out of support on
//! 2026-08-01. Each of them is `#[deprecated]` here, and its note names the
//! v2 method to call instead, or says that there is none. The 14 operations
//! that exist only in v1 are not deprecated and stay on `client.v1()`, nor
//! are the 6 follower operations, which v1 still supports and v2 has too. The
//! v2 methods take v2's types ([`v2::models`]): `owner_id` instead of
//! `user_id`, `custom_fields` keyed by the field's hash, updates as PATCH
//! bodies, and cursor pagination.
//!
//! | v1 method | v2 method |
//! |---|---|
//! | `v1().deals().get_deals` | `v2().deals().get_deals` |
//! | `v1().deals().add_deal` | `v2().deals().add_deal` |
//! | `v1().deals().delete_deals` | none: v2 has no bulk delete; call `v2().deals().delete_deal` per deal |
//! | `v1().deals().get_deals_by_name` | none (removed in 2021); the nearest is `v2().deals().search_deals` |
//! | `v1().deals().search_deals` | `v2().deals().search_deals` |
//! | `v1().deals().get_deals_summary` | none: v1 only, still supported |
//! | `v1().deals().get_deals_timeline` | none: v1 only, still supported |
//! | `v1().deals().get_deal` | `v2().deals().get_deal` |
//! | `v1().deals().update_deal` | `v2().deals().update_deal` |
//! | `v1().deals().delete_deal` | `v2().deals().delete_deal` |
//! | `v1().deals().get_deal_activities` | `v2().activities().get_activities` with `.deal_id(..)` |
//! | `v1().deals().duplicate_deal` | none: v1 only, still supported |
//! | `v1().deals().get_deal_files` | none: v1 only, still supported |
//! | `v1().deals().get_deal_updates` | none: v1 only, still supported |
//! | `v1().deals().get_deal_followers` | `v2().deals().get_deal_followers` (v1 still supports it too) |
//! | `v1().deals().add_deal_follower` | `v2().deals().add_deal_follower` (v1 still supports it too) |
//! | `v1().deals().delete_deal_follower` | `v2().deals().delete_deal_follower` (v1 still supports it too) |
//! | `v1().deals().get_deal_mail_messages` | none: v1 only, still supported |
//! | `v1().deals().merge_deals` | none: v1 only, still supported |
//! | `v1().deals().get_deal_participants` | none: v1 only, still supported |
//! | `v1().deals().add_deal_participant` | none: v1 only, still supported |
//! | `v1().deals().delete_deal_participant` | none: v1 only, still supported |
//! | `v1().deals().get_deal_users` | none: v1 only, still supported |
//! | `v1().deals().get_deal_persons` | `v2().persons().get_persons` with `.deal_id(..)` |
//! | `v1().deals().get_deal_products` | `v2().deal_products().get_deal_products` |
//! | `v1().deals().add_deal_product` | `v2().deal_products().add_deal_product` |
//! | `v1().deals().update_deal_product` | `v2().deal_products().update_deal_product` |
//! | `v1().deals().delete_deal_product` | `v2().deal_products().delete_deal_product` |
//! | `v1().products().get_products` | `v2().products().get_products` |
//! | `v1().products().add_product` | `v2().products().add_product` |
//! | `v1().products().find_products_by_name` | none (removed in 2021); the nearest is `v2().products().search_products` |
//! | `v1().products().search_products` | `v2().products().search_products` |
//! | `v1().products().get_product` | `v2().products().get_product` |
//! | `v1().products().update_product` | `v2().products().update_product` |
//! | `v1().products().delete_product` | `v2().products().delete_product` |
//! | `v1().products().get_product_deals` | none: v1 only, still supported (v2 `get_deals` has no product filter) |
//! | `v1().products().get_product_files` | none: v1 only, still supported |
//! | `v1().products().get_product_followers` | `v2().products().get_product_followers` (v1 still supports it too) |
//! | `v1().products().add_product_follower` | `v2().products().add_product_follower` (v1 still supports it too) |
//! | `v1().products().delete_product_follower` | `v2().products().delete_product_follower` (v1 still supports it too) |
//! | `v1().products().get_product_users` | none: v1 only, still supported |
//!
//! v2 also has operations v1 never had (archived deals, discounts,
//! installments, product variations and images, and more). One of them
//! deserves care: `v2().deal_products().delete_many_deal_products(deal_id,
//! ids)` takes the IDs to remove as an argument, because Pipedrive removes
//! **every** product of the deal when the request names none. That is
//! `delete_all_deal_products(deal_id)`, a separate method, so that it is
//! never the result of forgetting an argument.
//!
//! # Pagination
//!
//! List operations can be consumed as a [`futures_core::Stream`] of items
//! that follows the pages by itself: v2's lists by their cursor
//! (`additional_data.next_cursor`, until it is `null`), v1's by their offset
//! (`additional_data.pagination`), with the same `.stream()`:
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use pipedrive::v2::models::DealStatus;
//!
//! # async fn run(client: pipedrive::Client) -> Result<(), pipedrive::Error> {
//! let mut deals = client
//!     .v2()
//!     .deals()
//!     .get_deals()
//!     .status(vec![DealStatus::Open])
//!     .limit(500)
//!     .stream();
//! while let Some(deal) = deals.try_next().await? {
//!     println!("{}", deal.id);
//! }
//! // Or all at once:
//! let products = client.v2().products().get_products().stream().collect_all().await?;
//!
//! // A deal's participants are listed only by v1, which pages by offset.
//! let participants = client.v1().deals().get_deal_participants(1201).stream().collect_all().await?;
//! # let _ = (products, participants);
//! # Ok(())
//! # }
//! ```
//!
//! A stream never yields an item twice: when Pipedrive names a page it
//! already sent (a cursor or a `next_start` this stream fetched before) or
//! sends the same items again, the stream ends with [`Error::Pagination`]
//! after the items it has. [`Paginated::max_pages`] bounds the number of requests;
//! reaching it while Pipedrive reports more pages is also
//! [`Error::Pagination`], never a silently shorter list.
//!
//! # Retries and rate limits
//!
//! Idempotent requests (GET, PUT, DELETE) are retried on 408, 429 and 5xx
//! responses and on connection failures, with exponential backoff and jitter,
//! honouring `Retry-After` and `x-ratelimit-reset`; POST is retried only when
//! the caller opts in ([`RetryPolicy::retry_non_idempotent`]). A 429 that
//! outlasts the policy is [`Error::RateLimited`], carrying when to try again.
//! The last rate-limit headers are on
//! [`last_rate_limit`](runtime::Client::last_rate_limit) and on
//! every [`Response`] from `send_with_response`.
//!
//! # Custom fields
//!
//! A v2 deal or product carries its custom fields in `custom_fields`, a map
//! from each field's 40-character key to its value, a
//! [`v2::models::CustomFieldValue`] (text, a number, option IDs, money, a
//! range, ...) or `None` when the field is empty. The add bodies take the
//! same map, and so do the update bodies: an update is a PATCH that names
//! only what changes, so one custom field is set, and another cleared with
//! `None` (sent as `null`), without reading or resending the others:
//!
//! ```no_run
//! use pipedrive::v2::models::{
//!     CustomFieldMoney, CustomFieldMoneyRequired, CustomFieldValue, DealWrite,
//! };
//!
//! # async fn run(client: pipedrive::Client) -> Result<(), pipedrive::Error> {
//! let tier = "dcf558aac1ae4e8c4f849ba5e668430d8df9be12";
//! let budget = "9c1f0e8a5b7d4e3f2a1b0c9d8e7f6a5b4c3d2e1f";
//! let deals = client.v2().deals();
//! if let Some(deal) = deals.get_deal(1201).send().await?.data {
//!     let fields = deal.custom_fields.unwrap_or_default();
//!     if let Some(Some(CustomFieldValue::String(value))) = fields.get(tier) {
//!         println!("{}: tier {value}", deal.title);
//!     }
//!     let budget_value = CustomFieldMoney::new(CustomFieldMoneyRequired {
//!         value: 2500.0,
//!         currency: "EUR".to_owned(),
//!     });
//!     let update = DealWrite::new().set_custom_fields(
//!         [
//!             (budget.to_owned(), Some(CustomFieldValue::CustomFieldMoney(budget_value))),
//!             (tier.to_owned(), None),
//!         ]
//!         .into(),
//!     );
//!     deals.update_deal(deal.id, update).send().await?;
//! }
//! # Ok(())
//! # }
//! ```
//!
//! To read them by the fields' names, typed by each field's kind, see
//! [Custom fields by name](#custom-fields-by-name). v1, which serves the
//! operations only it has, sends custom fields as top-level keys instead:
//! its models keep every key they do not know in `additional_properties`
//! ([`runtime::types::ExtraFields`]), so a v1 value read and written back
//! keeps them untouched.
//!
//! # Writing: JSON, forms, and clearing a field
//!
//! Bodies are sent as JSON, which carries every value as it is: `null`,
//! numbers, nested objects and lists. v2 takes nothing else (but for product
//! images, which are uploaded as multipart). A few v1 operations can also
//! send a form when asked: `add_deal_participant` and `merge_deals`, which
//! only v1 has, `add_deal_follower`, and the deprecated `add_deal` and
//! `update_deal` (`.content_type(MergeDealsContentType::Form)`). A form has
//! no spelling for `null`, a nested object or an empty list, so a body
//! holding one is [`Error::InvalidRequest`] naming the field, and nothing is
//! sent.
//!
//! An update (in v2, a PATCH) leaves out every field that is not set. A
//! field the API lets you clear is a [`runtime::types::Clearable`] instead of
//! an `Option`, with three states: `Clearable::Absent` (the default: not
//! sent, the value stays as it is), `Clearable::Null` (sent as `null`: the
//! value is removed) and `Clearable::Value(x)`. Its setter `set_<field>(x)`
//! sets a value, and `clear_<field>()` sends `null`:
//!
//! ```no_run
//! use pipedrive::v2::models::DealWrite;
//!
//! # async fn run(client: pipedrive::Client) -> Result<(), pipedrive::Error> {
//! let update = DealWrite::new() // change nothing else
//!     .clear_person_id()        // unlink the person
//!     .set_org_id(52);          // link organization 52
//! client.v2().deals().update_deal(1201, update).send().await?;
//! # Ok(())
//! # }
//! ```
//!
//! In `custom_fields`, a key whose value is `None` is sent as `null` and
//! clears that field ([Custom fields](#custom-fields)).
//!
//! # Building values
//!
//! Models are `#[non_exhaustive]`: outside this crate they are built with
//! `new` and chainable setters, never with a struct literal, so that a
//! property the API adds later does not break your code. `new` takes the
//! required fields (those that are neither optional nor nullable):
//!
//! - none: `DealWrite::new()` (the same as `DealWrite::default()`);
//! - one: positional, `NewDeal::new("Office fit-out")` (strings as
//!   `impl Into<String>`);
//! - several: one struct literal that names each of them,
//!   `NewDealProduct::new(NewDealProductRequired { item_price: 750.0,
//!   quantity: 2.0, product_id: 7 })`, so the two `f64`s cannot trade
//!   places and the order of the spec's properties never matters.
//!
//! Every field then has `set_<field>(value)` (an optional field becomes
//! `Some(value)`, a [`runtime::types::Clearable`] one a value), a clearable
//! field also `clear_<field>()`, and a v1 struct that keeps custom fields as
//! top-level keys `set_additional_properties(..)`. Fields stay public: read
//! them, or assign one on a value you have (`deal.title = "..".into()`).
//! v1's and v2's models are built the same way; these are v2's.
//!
//! ```
//! use pipedrive::v2::models::{NewDealProduct, NewDealProductRequired};
//!
//! let line = NewDealProduct::new(NewDealProductRequired {
//!     item_price: 750.0,
//!     quantity: 2.0,
//!     product_id: 7,
//! })
//! .set_comments("Two seats")
//! .clear_product_variation_id();
//! assert_eq!(line.quantity, 2.0);
//! ```
//!
//! Enums, unions and the per-operation success enums are `#[non_exhaustive]`
//! too: a `match` needs a `_` arm. A string enum keeps a value the spec does
//! not list in its catch-all, `Unknown(UnknownValue)`, whose payload cannot be
//! matched by a string literal: when the next spec lists the value, it moves
//! to a variant of its own, and a match on `Unknown("archived")` would
//! silently stop matching. Compare `as_str()`, which is the wire text
//! whichever variant holds it, or match the variants you know:
//!
//! ```
//! use pipedrive::v2::models::DealStatus;
//!
//! let status = DealStatus::from("archived");
//! let label = match &status {
//!     DealStatus::Open => "open",
//!     _ if status.as_str() == "archived" => "archived",
//!     _ => "something else",
//! };
//! assert_eq!(label, "archived");
//! ```
//!
//! # Which API changes break your code
//!
//! Regenerating after the API changed bumps this crate's version by what the
//! change means for code written against it (`cargo xtask api-diff` says it
//! for each change; below 1.0, a major bump raises the minor number):
//!
//! | change in the spec | bump | why |
//! |---|---|---|
//! | new operation, model, security scheme | minor | new methods and types |
//! | new optional parameter or request body | minor | a new builder setter |
//! | new optional (or nullable) property, request or response | minor | a new field and setter of a `#[non_exhaustive]` struct |
//! | new enum value, union member | minor | a new variant of a `#[non_exhaustive]` enum; the value leaves `Unknown(..)`, which `as_str()` does not notice |
//! | new success status of an operation that already returns a success enum | minor | a new variant |
//! | new error status, security requirement, a nullability change that keeps the field's type | patch | the types stay as they are |
//! | new required parameter, body or required (non-nullable) property | major | a new argument of the group method or of `new` |
//! | something removed (operation, parameter, property, enum value, union member, status, scheme) | major | a name your code may use is gone |
//! | a type changed, a property became required or optional, a model renamed | major | a field's or argument's type, or a type's name, changes |
//! | a first success status with another body | major | `send()` returns an enum instead of the body |
//!
//! # Errors
//!
//! Every operation returns [`Error`]: a transport failure, a timeout, an API
//! error with the status, the decoded Pipedrive error body and the raw body,
//! a decode error naming the path of the field that failed, a paginated
//! stream stopped early, or an invalid request.
//!
//! # Custom fields by name
//!
//! A v2 deal's or product's `custom_fields` is keyed by each field's
//! 40-character key, and each value's shape depends on the field's kind. A
//! [`custom_fields::FieldCatalog`], built from the definitions of v2
//! `GET /dealFields` or `GET /productFields`, decodes it into values keyed by
//! the field's name and typed by its `field_type`, with option IDs resolved
//! to their labels:
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use pipedrive::custom_fields::FieldCatalog;
//! use pipedrive::v2::models::DealStatus;
//!
//! # async fn run(client: pipedrive::Client) -> Result<(), Box<dyn std::error::Error>> {
//! let catalog = FieldCatalog::fetch_deal_fields(&client).await?;
//! let mut deals = client.v2().deals().get_deals().status(vec![DealStatus::Open]).stream();
//! while let Some(deal) = deals.try_next().await? {
//!     let decoded = catalog.decode(&deal.custom_fields.unwrap_or_default())?;
//!     for (name, value) in &decoded.fields {
//!         println!("{}: {name} = {value:?}", deal.title);
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! A value whose shape does not fit its field's kind is an error that names
//! the field (name and key) and what was found; a key the catalog does not
//! know is kept, with its raw value, in
//! [`DecodedFields::unknown`](custom_fields::DecodedFields::unknown). The
//! example `v2_custom_fields` lists every open deal this way.

pub mod custom_fields;
pub mod runtime;

pub use runtime::{
    ApiError, Credential, Error, Paginated, RateLimit, RequestOptions, Response, RetryPolicy,
    Secret,
};

#[rustfmt::skip]
mod generated;

pub use generated::*;

/// The v1 operations' groups: the same as [`v1::apis`], at the path they
/// had before v2 joined the crate.
pub use generated::v1::apis;
/// The v1 types: the same as [`v1::models`], at the path they had before
/// v2 joined the crate.
pub use generated::v1::models;
/// The v1 company-domain URL: the same as [`v1::server_url_companydomain`],
/// at the path it had before v2 joined the crate.
pub use generated::v1::server_url_companydomain;

/// The workspace README's examples, compiled as doc tests so that they stay
/// true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
