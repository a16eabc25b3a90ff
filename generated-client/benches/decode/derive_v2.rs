//! The v2 deals and products pages as a user of serde's derive would declare
//! them: the same fields with the same Rust types as the generated models,
//! plain `Option`s where the generated models read leniently, and
//! `#[serde(untagged)]` for the custom-field union. Integer enums are `i64`
//! (the derive has no integer enums), and a string enum's unknown value is a
//! unit variant (the derive cannot keep the text).

#![allow(
    dead_code,
    reason = "the bench reads and writes these types, it never looks inside"
)]

use std::collections::BTreeMap;

use pipedrive::runtime::types::Clearable;
use serde::{Deserialize, Serialize};

pub type VisibleTo = i64;

pub type CustomFields = BTreeMap<String, Option<CustomFieldValue>>;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DealStatus {
    Open,
    Won,
    Lost,
    Deleted,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BillingFrequency {
    OneTime,
    Annually,
    SemiAnnually,
    Quarterly,
    Monthly,
    Weekly,
    #[serde(other)]
    Unknown,
}

/// The generated union ranks its members by the keys they declare; the
/// derive tries them in order, so the time member denies unknown keys to
/// leave an address to the address member.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CustomFieldValue {
    CustomFieldRange(CustomFieldRange),
    CustomFieldOption(CustomFieldOption),
    CustomFieldMoney(CustomFieldMoney),
    CustomFieldTime(CustomFieldTime),
    CustomFieldAddress(CustomFieldAddress),
    IntegerList(Vec<i64>),
    CustomFieldOptionList(Vec<CustomFieldOption>),
    Number(f64),
    String(String),
}

#[derive(Debug, Serialize, Deserialize)]
pub struct DealListResponse {
    pub success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_data: Option<CursorAdditionalData>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<Deal>>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CursorAdditionalData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Deal {
    pub id: i64,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_user_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_change_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_archived: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DealStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_to: Option<VisibleTo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub won_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_won_date: Option<pipedrive::runtime::types::Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_lost_date: Option<pipedrive::runtime::types::Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_close_date: Option<pipedrive::runtime::types::Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_close_date: Option<pipedrive::runtime::types::Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_ids: Option<Vec<i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<LabelReference>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_lead_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arr: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mrr: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acv: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_activity_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_won_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_messages_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activities_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_activities_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undone_activities_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_incoming_mail_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_outgoing_mail_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smart_bcc_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<CustomFields>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct LabelReference {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CustomFieldRange {
    pub start: String,
    pub end: String,
    #[serde(default, skip_serializing_if = "Clearable::is_absent")]
    pub timezone_id: Clearable<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CustomFieldOption {
    pub id: i64,
    pub label: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CustomFieldMoney {
    pub value: f64,
    pub currency: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomFieldTime {
    pub value: String,
    #[serde(default)]
    pub timezone_id: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CustomFieldAddress {
    pub value: String,
    #[serde(default, skip_serializing_if = "Clearable::is_absent")]
    pub subpremise: Clearable<String>,
    #[serde(default, skip_serializing_if = "Clearable::is_absent")]
    pub street_number: Clearable<String>,
    #[serde(default, skip_serializing_if = "Clearable::is_absent")]
    pub route: Clearable<String>,
    #[serde(default, skip_serializing_if = "Clearable::is_absent")]
    pub sublocality: Clearable<String>,
    #[serde(default, skip_serializing_if = "Clearable::is_absent")]
    pub locality: Clearable<String>,
    #[serde(default, skip_serializing_if = "Clearable::is_absent")]
    pub admin_area_level_1: Clearable<String>,
    #[serde(default, skip_serializing_if = "Clearable::is_absent")]
    pub admin_area_level_2: Clearable<String>,
    #[serde(default, skip_serializing_if = "Clearable::is_absent")]
    pub country: Clearable<String>,
    #[serde(default, skip_serializing_if = "Clearable::is_absent")]
    pub postal_code: Clearable<String>,
    #[serde(default, skip_serializing_if = "Clearable::is_absent")]
    pub formatted_address: Clearable<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ProductListResponse {
    pub success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_data: Option<CursorAdditionalData>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<Product>>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Product {
    pub id: i64,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_linkable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_to: Option<VisibleTo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_frequency: Option<BillingFrequency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_frequency_cycles: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prices: Option<Vec<ProductPrice>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<CustomFields>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ProductPrice {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_cost: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}
