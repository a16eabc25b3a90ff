//! Calls every operation tagged `Deals` through the generated client: every
//! optional parameter in at least one call, every body field in at least one
//! body, and both content types of the form+JSON operations.

use pipedrive::apis::deals::{
    AddDealContentType, AddDealFollowerContentType, AddDealParticipantContentType,
    MergeDealsContentType, UpdateDealContentType,
};
use pipedrive::models::{
    AddDealFollowerRequest, AddDealParticipantRequest, BasicDeal, BasicDealProduct,
    BasicDealProductDiscountType, BasicDealProductEnabledFlag, BasicDealProductTaxMethod,
    BasicDealStatus, BillingFrequency, DealStatusFilter, DealStatusFilterParameter,
    GetDealUpdatesAllChanges, GetDealUpdatesItemsItem, GetDealsTimelineInterval, MergeDealsRequest,
    NewDeal, NewDealProduct, NewDealProductRequired, NumberBoolean, NumberBooleanDefault0,
    SearchDealsFieldsItem, SearchDealsIncludeFields, VisibleTo,
};
use pipedrive::runtime::types::{Date, DateTime, ExtraFields};

use super::tally::{Clients, Tally};

/// A custom field key as Pipedrive makes them: 40 hexadecimal characters.
pub const CUSTOM_FIELD_KEY: &str = "dcf558aac1ae4e8c4f849ba5e668430d8df9be12";
/// The currency sibling of a money custom field.
pub const CUSTOM_FIELD_CURRENCY_KEY: &str = "dcf558aac1ae4e8c4f849ba5e668430d8df9be12_currency";
/// A text custom field key.
pub const TEXT_CUSTOM_FIELD_KEY: &str = "5e4a0b1c2d3e4f5061728394a5b6c7d8e9f0a1b2";

const DEAL_ID: i64 = 1201;
const OTHER_DEAL_ID: i64 = 1203;
const USER_ID: i64 = 8877;
const PERSON_ID: i64 = 1101;
const ORGANIZATION_ID: i64 = 52;

/// A date from a literal in this file.
pub fn date(text: &str) -> Date {
    text.parse()
        .unwrap_or_else(|error| panic!("test literal {text:?} is not a date: {error}"))
}

/// A date-time from a literal in this file.
pub fn date_time(text: &str) -> DateTime {
    text.parse()
        .unwrap_or_else(|error| panic!("test literal {text:?} is not a date-time: {error}"))
}

/// A money custom field with its currency sibling, and a text custom field.
pub fn custom_fields() -> ExtraFields {
    let mut fields = ExtraFields::new();
    fields.set(CUSTOM_FIELD_KEY, 2500);
    fields.set(CUSTOM_FIELD_CURRENCY_KEY, "EUR");
    fields.set(TEXT_CUSTOM_FIELD_KEY, "Premium support");
    fields
}

fn new_deal_with_every_field() -> NewDeal {
    NewDeal::new("Harbour warehouse racking")
        .set_value("18400")
        .set_label(vec![11, 12])
        .set_currency("EUR")
        .set_user_id(USER_ID)
        .set_person_id(PERSON_ID)
        .set_org_id(ORGANIZATION_ID)
        .set_pipeline_id(1)
        .set_stage_id(2)
        .set_status(BasicDealStatus::Won)
        .set_is_archived(false)
        .set_expected_close_date(date("2024-05-31"))
        .set_probability(75.5)
        .set_lost_reason("Budget moved to next year")
        .set_visible_to(VisibleTo::V3)
        .set_channel(4)
        .set_channel_id("spring-fair-2024")
        .set_won_time(date_time("2024-05-20 14:05:00"))
        .set_lost_time(date_time("2024-05-21 09:00:00"))
        .set_close_time(date_time("2024-05-20 14:05:00"))
        .set_origin_id("crm-import-77")
        .set_add_time(date_time("2024-03-01 08:00:00"))
        .set_archive_time(date_time("2024-06-01 00:00:00"))
        .set_additional_properties(custom_fields())
}

fn basic_deal_with_every_field() -> BasicDeal {
    BasicDeal::new()
        .set_title("Harbour warehouse racking, phase 2")
        .set_value("21000")
        .set_label(vec![12])
        .set_currency("USD")
        .set_user_id(USER_ID)
        .set_person_id(PERSON_ID)
        .set_org_id(ORGANIZATION_ID)
        .set_pipeline_id(1)
        .set_stage_id(3)
        .set_status(BasicDealStatus::Lost)
        .set_is_archived(true)
        .set_expected_close_date(date("2024-07-15"))
        .set_probability(20.0)
        .set_lost_reason("Chose a local supplier")
        .set_visible_to(VisibleTo::V7)
        .set_channel(2)
        .set_channel_id("referral")
        .set_won_time(date_time("2024-06-30 10:00:00"))
        .set_lost_time(date_time("2024-07-01 11:30:00"))
        .set_close_time(date_time("2024-07-01 11:30:00"))
        .set_additional_properties(custom_fields())
}

fn new_deal_product_with_every_field() -> NewDealProduct {
    NewDealProduct::new(NewDealProductRequired {
        item_price: 149.9,
        quantity: 4.0,
        product_id: 41,
    })
    .set_discount(10.0)
    .set_discount_type(BasicDealProductDiscountType::Percentage)
    .set_discount_percentage(10.0)
    .set_duration(12.0)
    .set_product_variation_id(3)
    .set_comments("Installed on site")
    .set_tax(20.0)
    .set_tax_method(BasicDealProductTaxMethod::Exclusive)
    .set_enabled_flag(BasicDealProductEnabledFlag::Boolean(true))
    .set_billing_frequency(BillingFrequency::Monthly)
    .set_billing_frequency_cycles(12)
    .set_billing_start_date(date("2024-06-01"))
}

fn basic_deal_product_with_every_field() -> BasicDealProduct {
    BasicDealProduct::new()
        .set_item_price(139.0)
        .set_quantity(6.0)
        .set_discount(25.0)
        .set_discount_type(BasicDealProductDiscountType::Amount)
        .set_discount_percentage(0.0)
        .set_duration(1.0)
        .clear_product_variation_id()
        .set_comments("Price agreed on the phone")
        .set_tax(9.0)
        .set_tax_method(BasicDealProductTaxMethod::Inclusive)
        .set_enabled_flag(BasicDealProductEnabledFlag::NumberBoolean(
            NumberBoolean::V1,
        ))
        .set_billing_frequency(BillingFrequency::OneTime)
        .clear_billing_frequency_cycles()
        .clear_billing_start_date()
}

/// Calls every `Deals` operation at least once.
#[allow(
    deprecated,
    reason = "getDealsByName is deprecated and still part of the contract"
)]
pub async fn call_every_deal_operation(clients: &Clients, tally: &mut Tally) {
    let deals = clients.header.v1().deals();

    let result = deals.get_deals().send_with_response().await;
    tally.record("getDeals", "no parameters", result);
    let result = deals
        .get_deals()
        .user_id(USER_ID)
        .filter_id(3)
        .stage_id(2)
        .status(DealStatusFilterParameter::AllNotDeleted)
        .start(0)
        .limit(50)
        .sort("update_time DESC, title ASC")
        .owned_by_you(NumberBoolean::V1)
        .send_with_response()
        .await;
    tally.record("getDeals", "every parameter", result);

    let result = deals
        .add_deal(new_deal_with_every_field())
        .content_type(AddDealContentType::Form)
        .send_with_response()
        .await;
    tally.record("addDeal", "form body, every field", result);
    let result = deals
        .add_deal(new_deal_with_every_field())
        .content_type(AddDealContentType::Json)
        .send_with_response()
        .await;
    tally.record("addDeal", "JSON body, every field", result);
    let title_only = minimal_new_deal().set_title("Harbour warehouse racking");
    let result = deals.add_deal(title_only).send_with_response().await;
    tally.record("addDeal", "default content type, title only", result);

    let result = deals
        .delete_deals(vec![DEAL_ID, OTHER_DEAL_ID])
        .send_with_response()
        .await;
    tally.record("deleteDeals", "two ids", result);

    let result = deals
        .get_deals_by_name("Lakeside")
        .send_with_response()
        .await;
    tally.record("getDealsByName", "term only", result);
    let result = deals
        .get_deals_by_name("Lakeside")
        .person_id(PERSON_ID)
        .org_id(ORGANIZATION_ID)
        .send_with_response()
        .await;
    tally.record("getDealsByName", "every parameter", result);

    let result = deals.search_deals("fit-out").send_with_response().await;
    tally.record("searchDeals", "term only", result);
    let result = deals
        .search_deals("fit-out")
        .fields(vec![
            SearchDealsFieldsItem::CustomFields,
            SearchDealsFieldsItem::Notes,
            SearchDealsFieldsItem::Title,
        ])
        .exact_match(true)
        .person_id(PERSON_ID)
        .organization_id(ORGANIZATION_ID)
        .status(DealStatusFilter::Open)
        .include_fields(SearchDealsIncludeFields::DealCcEmail)
        .start(0)
        .limit(10)
        .send_with_response()
        .await;
    tally.record("searchDeals", "every parameter", result);

    let result = deals.get_deals_summary().send_with_response().await;
    tally.record("getDealsSummary", "no parameters", result);
    let result = deals
        .get_deals_summary()
        .status(DealStatusFilter::Won)
        .filter_id(3)
        .user_id(USER_ID)
        .pipeline_id(1)
        .stage_id(2)
        .send_with_response()
        .await;
    tally.record("getDealsSummary", "every parameter", result);

    let result = deals
        .get_deals_timeline(
            date("2024-01-01"),
            GetDealsTimelineInterval::Month,
            3,
            "add_time",
        )
        .send_with_response()
        .await;
    tally.record("getDealsTimeline", "required parameters", result);
    let result = deals
        .get_deals_timeline(
            date("2024-01-01"),
            GetDealsTimelineInterval::Quarter,
            2,
            "expected_close_date",
        )
        .user_id(USER_ID)
        .pipeline_id(1)
        .filter_id(3)
        .exclude_deals(NumberBoolean::V0)
        .totals_convert_currency("EUR")
        .send_with_response()
        .await;
    tally.record("getDealsTimeline", "every parameter", result);

    let result = clients
        .query
        .v1()
        .deals()
        .get_deal(DEAL_ID)
        .send_with_response()
        .await;
    tally.record("getDeal", "api_token query credential", result);

    let result = deals
        .update_deal(DEAL_ID, basic_deal_with_every_field())
        .content_type(UpdateDealContentType::Form)
        .send_with_response()
        .await;
    tally.record("updateDeal", "form body, every field", result);
    let result = deals
        .update_deal(DEAL_ID, basic_deal_with_every_field())
        .content_type(UpdateDealContentType::Json)
        .send_with_response()
        .await;
    tally.record("updateDeal", "JSON body, every field", result);

    let result = deals.delete_deal(DEAL_ID).send_with_response().await;
    tally.record("deleteDeal", "one id", result);

    let result = deals
        .get_deal_activities(DEAL_ID)
        .start(0)
        .limit(20)
        .done(NumberBoolean::V0)
        .exclude(vec![311, 312])
        .send_with_response()
        .await;
    tally.record("getDealActivities", "every parameter", result);

    let result = deals.duplicate_deal(DEAL_ID).send_with_response().await;
    tally.record("duplicateDeal", "one id", result);

    let result = deals
        .get_deal_files(DEAL_ID)
        .start(0)
        .limit(100)
        .include_deleted_files(NumberBoolean::V1)
        .sort("update_time DESC")
        .send_with_response()
        .await;
    tally.record("getDealFiles", "every parameter", result);

    let result = deals
        .get_deal_updates(DEAL_ID)
        .start(0)
        .limit(25)
        .all_changes(GetDealUpdatesAllChanges::V1)
        .items(vec![
            GetDealUpdatesItemsItem::Activity,
            GetDealUpdatesItemsItem::Note,
            GetDealUpdatesItemsItem::Change,
            GetDealUpdatesItemsItem::MailMessageWithAttachment,
        ])
        .send_with_response()
        .await;
    tally.record("getDealUpdates", "every parameter", result);

    let result = deals.get_deal_followers(DEAL_ID).send_with_response().await;
    tally.record("getDealFollowers", "one id", result);

    let result = clients
        .query
        .v1()
        .deals()
        .add_deal_follower(DEAL_ID, AddDealFollowerRequest::new(USER_ID))
        .content_type(AddDealFollowerContentType::Form)
        .send_with_response()
        .await;
    tally.record(
        "addDealFollower",
        "form body, api_token query credential",
        result,
    );
    let result = deals
        .add_deal_follower(DEAL_ID, AddDealFollowerRequest::new(USER_ID))
        .content_type(AddDealFollowerContentType::Json)
        .send_with_response()
        .await;
    tally.record("addDealFollower", "JSON body", result);

    let result = deals
        .delete_deal_follower(DEAL_ID, 61)
        .send_with_response()
        .await;
    tally.record("deleteDealFollower", "two ids", result);

    let result = deals
        .get_deal_mail_messages(DEAL_ID)
        .start(0)
        .limit(5)
        .send_with_response()
        .await;
    tally.record("getDealMailMessages", "every parameter", result);

    let merge_body = MergeDealsRequest::new(OTHER_DEAL_ID);
    let result = deals
        .merge_deals(DEAL_ID, merge_body.clone())
        .content_type(MergeDealsContentType::Form)
        .send_with_response()
        .await;
    tally.record("mergeDeals", "form body", result);
    let result = deals
        .merge_deals(DEAL_ID, merge_body)
        .content_type(MergeDealsContentType::Json)
        .send_with_response()
        .await;
    tally.record("mergeDeals", "JSON body", result);

    let result = deals
        .get_deal_participants(DEAL_ID)
        .start(0)
        .limit(100)
        .send_with_response()
        .await;
    tally.record("getDealParticipants", "every parameter", result);

    let participant = AddDealParticipantRequest::new(PERSON_ID);
    let result = deals
        .add_deal_participant(DEAL_ID, participant.clone())
        .content_type(AddDealParticipantContentType::Form)
        .send_with_response()
        .await;
    tally.record("addDealParticipant", "form body", result);
    let result = deals
        .add_deal_participant(DEAL_ID, participant)
        .content_type(AddDealParticipantContentType::Json)
        .send_with_response()
        .await;
    tally.record("addDealParticipant", "JSON body", result);

    let result = deals
        .delete_deal_participant(DEAL_ID, 7)
        .send_with_response()
        .await;
    tally.record("deleteDealParticipant", "two ids", result);

    let result = deals.get_deal_users(DEAL_ID).send_with_response().await;
    tally.record("getDealUsers", "one id", result);

    let result = deals
        .get_deal_persons(DEAL_ID)
        .start(0)
        .limit(500)
        .send_with_response()
        .await;
    tally.record("getDealPersons", "every parameter", result);

    let result = deals
        .get_deal_products(DEAL_ID)
        .start(0)
        .limit(1)
        .include_product_data(NumberBooleanDefault0::V1)
        .send_with_response()
        .await;
    tally.record("getDealProducts", "every parameter", result);

    let result = deals
        .add_deal_product(DEAL_ID, new_deal_product_with_every_field())
        .send_with_response()
        .await;
    tally.record("addDealProduct", "every field", result);

    let result = deals
        .update_deal_product(DEAL_ID, 5, basic_deal_product_with_every_field())
        .send_with_response()
        .await;
    tally.record("updateDealProduct", "every field, nulls included", result);
    let result = deals
        .update_deal_product(DEAL_ID, 5, BasicDealProduct::default())
        .send_with_response()
        .await;
    tally.record("updateDealProduct", "empty body", result);

    let result = deals
        .delete_deal_product(DEAL_ID, 5)
        .send_with_response()
        .await;
    tally.record("deleteDealProduct", "two ids", result);
}

/// A new deal with only its required field, `title`, set.
fn minimal_new_deal() -> NewDeal {
    NewDeal::new(String::new())
}

/// The first deal of the spec's `getDeals` example carries custom fields;
/// they must come through the client's decoding as extra fields. (Only the
/// spec's examples have them: generated data has no custom fields.)
pub async fn check_listed_deal_keeps_custom_fields(clients: &Clients, tally: &mut Tally) {
    let result = clients
        .header
        .v1()
        .deals()
        .get_deals()
        .send_with_response()
        .await;
    let Some(page) = tally.record("getDeals", "custom fields of the first deal", result) else {
        return;
    };
    let value = match serde_json::to_value(&page) {
        Ok(value) => value,
        Err(error) => {
            tally.fail(
                "getDeals",
                "custom fields",
                format!("does not re-encode: {error}"),
            );
            return;
        }
    };
    let first_deal = value.pointer("/data/0").cloned().unwrap_or_default();
    let custom_field_keys: Vec<&String> = first_deal
        .as_object()
        .map(|deal| {
            deal.keys()
                .filter(|key| key.len() == 40 && key.bytes().all(|byte| byte.is_ascii_hexdigit()))
                .collect()
        })
        .unwrap_or_default();
    if custom_field_keys.is_empty() {
        tally.fail(
            "getDeals",
            "custom fields",
            format!("the first deal lost its custom fields: {first_deal}"),
        );
    }
}
