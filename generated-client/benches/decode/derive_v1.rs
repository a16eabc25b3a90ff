//! The v1 deals page as a user of serde's derive would declare it: the same

//! fields with the same Rust types as the generated models, plain
//! `Option`s where the generated models read leniently, `#[serde(untagged)]`
//! where they hold a union, and the unknown keys kept with
//! `#[serde(flatten)]` where the generated model keeps them in
//! `ExtraFields`. Integer enums are `i64` (the derive has no integer
//! enums), and a string enum's unknown value is a unit variant (the derive
//! cannot keep the text).

#![allow(
    dead_code,
    reason = "the bench reads and writes these types, it never looks inside"
)]

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
pub enum VisibleTo {
    #[serde(rename = "1")]
    V1,
    #[serde(rename = "3")]
    V3,
    #[serde(rename = "5")]
    V5,
    #[serde(rename = "7")]
    V7,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum VisibleToAnyForm {
    VisibleToNumber(i64),
    VisibleTo(VisibleTo),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NumberBooleanOrBoolean {
    NumberBoolean(i64),
    Boolean(bool),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum UserReference {
    DealUserDataWithId(DealUserDataWithId),
    Integer(i64),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PersonReference {
    DealPersonDataWithId(DealPersonDataWithId),
    Integer(i64),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OrganizationReference {
    DealOrganizationDataWithId(DealOrganizationDataWithId),
    Integer(i64),
}

#[derive(Debug, Serialize, Deserialize)]
pub struct GetDeals {
    pub success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_data: Option<AdditionalData>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_objects: Option<RelatedObjects>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<DealNonStrict>>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct AdditionalData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<PaginationDetails>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PaginationDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_items_in_collection: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_start: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct RelatedObjects {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<BTreeMap<String, DealUserData>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<BTreeMap<String, PersonDataWithActiveFlag>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<BTreeMap<String, OrganizationDataWithIdAndActiveFlag>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<BTreeMap<String, StageData>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline: Option<BTreeMap<String, PipelineData>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal: Option<BTreeMap<String, RelatedDealData>>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct DealNonStrict {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_user_id: Option<UserReference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserReference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_id: Option<PersonReference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<OrganizationReference>,
    pub id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<i64>,
    pub title: String,
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
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_archived: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DealStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_activity_date: Option<pipedrive::runtime::types::Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_activity_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_activity_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity_date: Option<pipedrive::runtime::types::Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_to: Option<VisibleToAnyForm>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub won_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_won_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_time: Option<pipedrive::runtime::types::DateTime>,
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
    pub expected_close_date: Option<pipedrive::runtime::types::Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_incoming_mail_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_outgoing_mail_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_order_nr: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_activity_subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_activity_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_activity_duration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_activity_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighted_value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted_weighted_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighted_value_currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotten_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cc_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_hidden: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_hidden: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acv: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arr: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mrr: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acv_currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arr_currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mrr_currency: Option<String>,
    #[serde(flatten)]
    pub additional_properties: Map<String, Value>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct DealUserDataWithId {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_pic: Option<NumberBooleanOrBoolean>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pic_hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_flag: Option<bool>,
    pub value: i64,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct DealPersonDataWithId {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_flag: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Vec<PersonContactDetail>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Vec<PersonContactDetail>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<i64>,
    pub value: i64,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PersonContactDetail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct DealOrganizationDataWithId {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_flag: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cc_email: Option<String>,
    pub value: i64,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct DealUserData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_pic: Option<NumberBooleanOrBoolean>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pic_hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_flag: Option<bool>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PersonDataWithActiveFlag {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_flag: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Vec<PersonContactDetail>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Vec<PersonContactDetail>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct OrganizationDataWithIdAndActiveFlag {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_flag: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cc_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct StageData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_nr: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_flag: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal_probability: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotten_flag: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotten_days: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_deal_probability: Option<bool>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PipelineData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_nr: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal_probability: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_time: Option<pipedrive::runtime::types::DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_time: Option<pipedrive::runtime::types::DateTime>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct RelatedDealData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DealStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<i64>,
}
