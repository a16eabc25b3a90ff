//! Code a user of the `pipedrive` crate writes, against the crate generated
//! from the unedited `spec/pipedrive.yaml`. `cargo xtask semver-check`
//! builds it against the crate of each edit in `edits.yaml`: it must keep
//! compiling after every minor edit, and it touches every item a major edit
//! changes, so that those edits break it. Written only with the forms the
//! crate guide recommends.

#![allow(dead_code, reason = "the functions are only type-checked")]

use pipedrive::models::{
    BillingFrequency, DealStatusFilterParameter, NewDeal, NewDealProduct, NewDealProductRequired,
    ProductFollower,
};

/// Builds request bodies: required fields by name, the rest with setters.
pub fn new_deal_product() -> NewDealProduct {
    NewDealProduct::new(NewDealProductRequired {
        item_price: 120.0,
        quantity: 2.0,
        product_id: 7,
    })
    .set_comments("Two seats")
    .set_billing_frequency(BillingFrequency::Monthly)
}

/// A body with one required field, a value set and a field cleared.
pub fn new_deal() -> NewDeal {
    NewDeal::new("Renewal").set_value("1200").clear_person_id()
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

/// Builds requests of several operations, with an optional parameter, and
/// keeps one as a value (request builders are `Clone` and `Debug`).
pub fn requests(client: &pipedrive::Client) -> String {
    let _deals = client
        .deals()
        .get_deals()
        .status(DealStatusFilterParameter::Open)
        .limit(50);
    let removed = client.products().delete_product_follower(1, 2);
    format!("{:?}", removed.clone())
}

/// Sends a request and reads its answer.
pub async fn remove_follower(client: &pipedrive::Client) -> Result<Option<i64>, pipedrive::Error> {
    let response = client
        .products()
        .delete_product_follower(1, 2)
        .send()
        .await?;
    Ok(response.data.and_then(|data| data.id))
}

/// Reads a response property while matching a model (`..` for the fields
/// to come).
pub fn follower_id(follower: &ProductFollower) -> Option<i64> {
    let ProductFollower { id, .. } = follower;
    *id
}
