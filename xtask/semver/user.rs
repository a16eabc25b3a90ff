//! Code a user of the `pipedrive` crate writes, against the crate generated
//! from the unedited `spec/pipedrive.yaml`. `cargo xtask semver-check`
//! builds it against the crate of each edit in `edits.yaml`: it must keep
//! compiling after every minor edit, and it touches every item a major edit
//! changes, so that those edits break it. Written only with the forms the
//! crate guide recommends.

#![allow(dead_code, reason = "the functions are only type-checked")]

use pipedrive::models::{BillingFrequency, DealStatusFilterParameter, NewDealProduct, ProductFollower};

/// Builds a request body with its required fields only.
pub fn new_deal_product() -> NewDealProduct {
    NewDealProduct::new(120.0, 2.0, 7)
}

/// Reads response properties.
pub fn follower_user(follower: &ProductFollower) -> Option<i64> {
    follower.user_id
}

/// Reads a response property whose type an edit changes.
pub fn followed_product(follower: &ProductFollower) -> Option<i64> {
    follower.product_id
}

/// Tells one enum value apart, with a wildcard for the values to come.
pub fn is_monthly(frequency: &BillingFrequency) -> bool {
    match frequency {
        BillingFrequency::Monthly => true,
        _ => false,
    }
}

/// Tests a value by its wire form, which stays the same when the value
/// becomes a variant of its own.
pub fn is_biweekly(frequency: &BillingFrequency) -> bool {
    frequency.as_str() == "biweekly"
}

/// Builds requests of several operations, with an optional parameter.
pub fn requests(client: &pipedrive::Client) {
    let _deals = client
        .deals()
        .get_deals()
        .status(DealStatusFilterParameter::Open)
        .limit(50);
    let _removed = client.products().delete_product_follower(1, 2);
}
