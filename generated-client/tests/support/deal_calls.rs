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
    BasicDealStatus, BillingFrequency, DealStatusFilter, GetDealUpdatesAllChanges,
    GetDealUpdatesItemsItem, GetDealsStatus, GetDealsTimelineInterval, MergeDealsRequest, NewDeal,
    NewDealProduct, NumberBoolean, NumberBooleanDefault0, SearchDealsFieldsItem,
    SearchDealsIncludeFields, VisibleTo,
};
use pipedrive::runtime::types::{Clearable, Date, DateTime, ExtraFields};

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
    NewDeal {
        title: "Harbour warehouse racking".to_owned(),
        value: Some("18400".to_owned()),
        label: Some(vec![11, 12]),
        currency: Some("EUR".to_owned()),
        user_id: Some(USER_ID),
        person_id: Clearable::Value(PERSON_ID),
        org_id: Clearable::Value(ORGANIZATION_ID),
        pipeline_id: Some(1),
        stage_id: Some(2),
        status: Some(BasicDealStatus::Won),
        is_archived: Some(false),
        expected_close_date: Clearable::Value(date("2024-05-31")),
        probability: Clearable::Value(75.5),
        lost_reason: Clearable::Value("Budget moved to next year".to_owned()),
        visible_to: Some(VisibleTo::V3),
        channel: Clearable::Value(4),
        channel_id: Clearable::Value("spring-fair-2024".to_owned()),
        won_time: Some(date_time("2024-05-20 14:05:00")),
        lost_time: Some(date_time("2024-05-21 09:00:00")),
        close_time: Clearable::Value(date_time("2024-05-20 14:05:00")),
        origin_id: Clearable::Value("crm-import-77".to_owned()),
        add_time: Some(date_time("2024-03-01 08:00:00")),
        archive_time: Some(date_time("2024-06-01 00:00:00")),
        additional_properties: custom_fields(),
    }
}

fn basic_deal_with_every_field() -> BasicDeal {
    BasicDeal {
        title: Some("Harbour warehouse racking, phase 2".to_owned()),
        value: Some("21000".to_owned()),
        label: Some(vec![12]),
        currency: Some("USD".to_owned()),
        user_id: Some(USER_ID),
        person_id: Clearable::Value(PERSON_ID),
        org_id: Clearable::Value(ORGANIZATION_ID),
        pipeline_id: Some(1),
        stage_id: Some(3),
        status: Some(BasicDealStatus::Lost),
        is_archived: Some(true),
        expected_close_date: Clearable::Value(date("2024-07-15")),
        probability: Clearable::Value(20.0),
        lost_reason: Clearable::Value("Chose a local supplier".to_owned()),
        visible_to: Some(VisibleTo::V7),
        channel: Clearable::Value(2),
        channel_id: Clearable::Value("referral".to_owned()),
        won_time: Some(date_time("2024-06-30 10:00:00")),
        lost_time: Some(date_time("2024-07-01 11:30:00")),
        close_time: Clearable::Value(date_time("2024-07-01 11:30:00")),
        additional_properties: custom_fields(),
    }
}

fn new_deal_product_with_every_field() -> NewDealProduct {
    NewDealProduct {
        item_price: 149.9,
        quantity: 4.0,
        discount: Some(10.0),
        discount_type: Some(BasicDealProductDiscountType::Percentage),
        discount_percentage: Some(10.0),
        duration: Some(12.0),
        product_variation_id: Clearable::Value(3),
        comments: Some("Installed on site".to_owned()),
        tax: Some(20.0),
        tax_method: Some(BasicDealProductTaxMethod::Exclusive),
        enabled_flag: Some(BasicDealProductEnabledFlag::Boolean(true)),
        billing_frequency: Some(BillingFrequency::Monthly),
        billing_frequency_cycles: Clearable::Value(12),
        billing_start_date: Clearable::Value(date("2024-06-01")),
        product_id: 41,
    }
}

fn basic_deal_product_with_every_field() -> BasicDealProduct {
    BasicDealProduct {
        item_price: Some(139.0),
        quantity: Some(6.0),
        discount: Some(25.0),
        discount_type: Some(BasicDealProductDiscountType::Amount),
        discount_percentage: Some(0.0),
        duration: Some(1.0),
        product_variation_id: Clearable::Null,
        comments: Some("Price agreed on the phone".to_owned()),
        tax: Some(9.0),
        tax_method: Some(BasicDealProductTaxMethod::Inclusive),
        enabled_flag: Some(BasicDealProductEnabledFlag::NumberBoolean(
            NumberBoolean::V1,
        )),
        billing_frequency: Some(BillingFrequency::OneTime),
        billing_frequency_cycles: Clearable::Null,
        billing_start_date: Clearable::Null,
    }
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
        .status(GetDealsStatus::AllNotDeleted)
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
    let title_only = NewDeal {
        title: "Harbour warehouse racking".to_owned(),
        ..minimal_new_deal()
    };
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
        .add_deal_follower(DEAL_ID, AddDealFollowerRequest { user_id: USER_ID })
        .content_type(AddDealFollowerContentType::Form)
        .send_with_response()
        .await;
    tally.record(
        "addDealFollower",
        "form body, api_token query credential",
        result,
    );
    let result = deals
        .add_deal_follower(DEAL_ID, AddDealFollowerRequest { user_id: USER_ID })
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

    let merge_body = MergeDealsRequest {
        merge_with_id: OTHER_DEAL_ID,
    };
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

    let participant = AddDealParticipantRequest {
        person_id: PERSON_ID,
    };
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
    NewDeal {
        title: String::new(),
        value: None,
        label: None,
        currency: None,
        user_id: None,
        person_id: Clearable::Absent,
        org_id: Clearable::Absent,
        pipeline_id: None,
        stage_id: None,
        status: None,
        is_archived: None,
        expected_close_date: Clearable::Absent,
        probability: Clearable::Absent,
        lost_reason: Clearable::Absent,
        visible_to: None,
        channel: Clearable::Absent,
        channel_id: Clearable::Absent,
        won_time: None,
        lost_time: None,
        close_time: Clearable::Absent,
        origin_id: Clearable::Absent,
        add_time: None,
        archive_time: None,
        additional_properties: ExtraFields::new(),
    }
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
