//! The measured responses, built in memory from the shapes of Pipedrive's
//! published examples (`v1-get-deals.json`, `v2-get-deals.json`,
//! `v2-get-products.json` in the reference examples), varied from item to
//! item so that nothing is the same 500 times: some links are `null`, the
//! status and visibility cycle, numbers grow. Every value is one that both
//! the generated models and the plain derive read (no `""` dates, no
//! numbers as strings), so both sides decode the same bytes.

use serde_json::{Map, Value, json};

/// How many items a page holds: Pipedrive's largest page.
pub const PAGE: usize = 500;

/// A v1 custom-field key: 40 hexadecimal characters, as Pipedrive makes them.
fn field_key(seed: u32) -> String {
    format!("{:08x}{:032x}", seed.wrapping_mul(2_654_435_761), seed)
}

/// A v1 `GET /deals` page: 500 deals in the non-strict form with their
/// linked user, person and organization objects, eight custom fields of
/// several kinds at the top level of each deal (text, number, money and its
/// `_currency` sibling, `null`, an organization object, an option id, a
/// date), and the related objects of the page.
pub fn v1_deals() -> Vec<u8> {
    let deals: Vec<Value> = (0..PAGE).map(v1_deal).collect();
    let mut users = Map::new();
    for user in 0..5 {
        let id = 8877 + user;
        users.insert(id.to_string(), v1_user(id, false));
    }
    let mut persons = Map::new();
    let mut organizations = Map::new();
    for index in 0..100 {
        let person = v1_person(1100 + index);
        persons.insert((1100 + index).to_string(), person);
        let organization = v1_organization(500 + index);
        organizations.insert((500 + index).to_string(), organization);
    }
    let mut stages = Map::new();
    for stage in 1..=3 {
        stages.insert(
            stage.to_string(),
            json!({
                "id": stage,
                "company_id": 123,
                "order_nr": stage,
                "name": format!("Stage {stage}"),
                "active_flag": true,
                "deal_probability": 100,
                "pipeline_id": 1,
                "rotten_flag": false,
                "rotten_days": null,
                "add_time": "2015-12-08 13:54:06",
                "update_time": "2015-12-08 13:54:06",
                "pipeline_name": "Pipeline",
                "pipeline_deal_probability": true
            }),
        );
    }
    let page = json!({
        "success": true,
        "data": deals,
        "related_objects": {
            "user": users,
            "organization": organizations,
            "person": persons,
            "stage": stages,
            "pipeline": {
                "1": {
                    "id": 1,
                    "name": "Pipeline",
                    "url_title": "Pipeline",
                    "order_nr": 0,
                    "active": true,
                    "deal_probability": true,
                    "add_time": "2015-12-08 10:00:24",
                    "update_time": "2015-12-08 10:00:24"
                }
            }
        },
        "additional_data": {
            "pagination": {
                "start": 0,
                "limit": PAGE,
                "more_items_in_collection": true,
                "next_start": PAGE
            }
        }
    });
    serde_json::to_vec(&page).expect("a JSON value serializes")
}

/// A user as v1 sends it, inside a deal (with `value`) or as a related
/// object.
fn v1_user(id: usize, with_value: bool) -> Value {
    let mut user = json!({
        "id": id,
        "name": format!("User {id}"),
        "email": format!("user{id}@example.com"),
        "has_pic": id % 2,
        "pic_hash": if id.is_multiple_of(2) { Value::Null } else { json!("0f3c2a9b") },
        "active_flag": true
    });
    if with_value {
        user["value"] = json!(id);
    }
    user
}

/// A person as v1 sends it among the related objects.
fn v1_person(id: usize) -> Value {
    json!({
        "active_flag": true,
        "id": id,
        "name": format!("Person {id}"),
        "email": [{"label": "work", "value": format!("person{id}@example.com"), "primary": true}],
        "phone": [
            {"label": "work", "value": format!("+372 5{id:06}"), "primary": true},
            {"label": "mobile", "value": format!("+372 6{id:06}"), "primary": false}
        ],
        "owner_id": 8877
    })
}

/// An organization as v1 sends it among the related objects.
fn v1_organization(id: usize) -> Value {
    json!({
        "id": id,
        "name": format!("Organization {id}"),
        "people_count": id % 13,
        "owner_id": 8877,
        "address": "Mustamäe tee 3a, 10615 Tallinn",
        "active_flag": true,
        "cc_email": format!("org{id}@pipedrivemail.com")
    })
}

/// One v1 deal, its links expanded as `GET /deals` expands them.
fn v1_deal(index: usize) -> Value {
    let id = index + 1;
    let owner = 8877 + index % 5;
    let person = 1100 + index % 100;
    let organization = 500 + index % 100;
    let status = ["open", "won", "lost"][index % 3];
    let mut deal = json!({
        "id": id,
        "creator_user_id": v1_user(8877, true),
        "user_id": v1_user(owner, true),
        "person_id": if index % 10 == 9 {
            Value::Null
        } else {
            json!({
                "active_flag": true,
                "name": format!("Person {person}"),
                "email": [{"label": "work", "value": format!("person{person}@example.com"), "primary": true}],
                "phone": [{"label": "work", "value": format!("+372 5{person:06}"), "primary": true}],
                "owner_id": 8877,
                "value": person
            })
        },
        "org_id": if index % 7 == 6 {
            Value::Null
        } else {
            json!({
                "name": format!("Organization {organization}"),
                "people_count": organization % 13,
                "owner_id": 8877,
                "address": "Mustamäe tee 3a, 10615 Tallinn",
                "active_flag": true,
                "cc_email": format!("org{organization}@pipedrivemail.com"),
                "value": organization
            })
        },
        "stage_id": 1 + index % 3,
        "title": format!("Deal {id} with Organization {organization}"),
        "value": 130 + index * 17,
        "currency": "EUR",
        "archive_time": null,
        "add_time": "2019-05-29 04:21:51",
        "update_time": "2019-11-28 16:19:50",
        "stage_change_time": "2019-11-28 15:41:22",
        "active": status == "open",
        "deleted": false,
        "is_archived": false,
        "status": status,
        "probability": if index.is_multiple_of(4) { Value::Null } else { json!(index % 100) },
        "next_activity_date": "2019-11-29",
        "next_activity_time": "11:30:00",
        "next_activity_id": 128 + index,
        "last_activity_id": null,
        "last_activity_date": null,
        "lost_reason": if status == "lost" { json!("Too expensive") } else { Value::Null },
        "visible_to": if index.is_multiple_of(2) { "1" } else { "3" },
        "close_time": if status == "open" { Value::Null } else { json!("2019-11-27 11:40:36") },
        "pipeline_id": 1,
        "won_time": if status == "won" { json!("2019-11-27 11:40:36") } else { Value::Null },
        "first_won_time": if status == "won" { json!("2019-11-27 11:40:36") } else { Value::Null },
        "lost_time": if status == "lost" { json!("2019-11-27 11:40:36") } else { Value::Null },
        "products_count": index % 4,
        "files_count": 0,
        "notes_count": index % 3,
        "followers_count": 1,
        "email_messages_count": index % 9,
        "activities_count": 1 + index % 5,
        "done_activities_count": index % 3,
        "undone_activities_count": 1,
        "participants_count": 1,
        "expected_close_date": "2019-06-29",
        "last_incoming_mail_time": "2019-05-29 18:21:42",
        "last_outgoing_mail_time": "2019-05-30 03:45:35",
        "label": "11",
        "origin": "ManuallyCreated",
        "origin_id": null,
        "channel": 52,
        "channel_id": "Jun23 Billboards",
        "stage_order_nr": 1 + index % 3,
        "person_name": format!("Person {person}"),
        "org_name": format!("Organization {organization}"),
        "next_activity_subject": "Call",
        "next_activity_type": "call",
        "next_activity_duration": "00:30:00",
        "next_activity_note": "Note content",
        "formatted_value": format!("€{}", 130 + index * 17),
        "weighted_value": 130 + index * 17,
        "formatted_weighted_value": format!("€{}", 130 + index * 17),
        "weighted_value_currency": "EUR",
        "rotten_time": null,
        "owner_name": format!("User {owner}"),
        "cc_email": format!("company+deal{id}@pipedrivemail.com"),
        "org_hidden": false,
        "person_hidden": false,
        "acv": 120,
        "arr": 120,
        "mrr": 10,
        "acv_currency": "EUR",
        "arr_currency": "EUR",
        "mrr_currency": "EUR"
    });
    let custom = deal.as_object_mut().expect("a deal is an object");
    custom.insert(
        field_key(1),
        json!(format!("Referred by partner {}", index % 11)),
    );
    custom.insert(field_key(2), json!(index as f64 * 1.5));
    custom.insert(field_key(3), json!(2500 + index));
    custom.insert(format!("{}_currency", field_key(3)), json!("EUR"));
    custom.insert(field_key(4), Value::Null);
    custom.insert(
        field_key(5),
        json!({
            "name": format!("Organization {organization}"),
            "people_count": 2,
            "owner_id": 8877,
            "address": null,
            "active_flag": true,
            "cc_email": format!("org{organization}@pipedrivemail.com"),
            "value": organization
        }),
    );
    custom.insert(field_key(6), json!((40 + index % 4).to_string()));
    custom.insert(field_key(7), json!("2024-05-01"));
    deal
}

/// A v2 `GET /deals` page: 500 deals with plain ids for links and eight
/// custom fields under `custom_fields` (text, number, money, `null`, an
/// option id, a list of option ids, an address, a date).
pub fn v2_deals() -> Vec<u8> {
    let deals: Vec<Value> = (0..PAGE).map(v2_deal).collect();
    let page = json!({
        "success": true,
        "data": deals,
        "additional_data": {
            "next_cursor": "eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6Nywic29ydERpcmVjdGlvbiI6ImFzYyIsImlkIjo3fQ"
        }
    });
    serde_json::to_vec(&page).expect("a JSON value serializes")
}

/// One v2 deal.
fn v2_deal(index: usize) -> Value {
    let id = index + 1;
    let status = ["open", "won", "lost"][index % 3];
    let closed = if status == "open" {
        Value::Null
    } else {
        json!("2021-01-01T00:00:00Z")
    };
    json!({
        "id": id,
        "title": format!("Deal {id}"),
        "creator_user_id": 1,
        "owner_id": 1 + index % 5,
        "value": 200 + index * 17,
        "person_id": if index % 10 == 9 { Value::Null } else { json!(1100 + index % 100) },
        "org_id": if index % 7 == 6 { Value::Null } else { json!(500 + index % 100) },
        "stage_id": 1 + index % 3,
        "pipeline_id": 1,
        "currency": "USD",
        "archive_time": null,
        "add_time": "2021-01-01T00:00:00Z",
        "update_time": "2021-01-01T00:00:00Z",
        "stage_change_time": "2021-01-01T00:00:00Z",
        "status": status,
        "is_archived": false,
        "is_deleted": false,
        "probability": if index.is_multiple_of(4) { Value::Null } else { json!(index % 100) },
        "lost_reason": if status == "lost" { json!("Lost Reason") } else { Value::Null },
        "visible_to": if index.is_multiple_of(2) { 3 } else { 7 },
        "close_time": closed,
        "won_time": if status == "won" { json!("2021-01-01T00:00:00Z") } else { Value::Null },
        "lost_time": if status == "lost" { json!("2021-01-01T00:00:00Z") } else { Value::Null },
        "local_won_date": if status == "won" { json!("2021-01-01") } else { Value::Null },
        "local_lost_date": if status == "lost" { json!("2021-01-01") } else { Value::Null },
        "local_close_date": if status == "open" { Value::Null } else { json!("2021-01-01") },
        "expected_close_date": "2021-01-01",
        "label_ids": [1, 2, 3],
        "origin": "ManuallyCreated",
        "origin_id": null,
        "channel": 52,
        "channel_id": "Jun23 Billboards",
        "source_lead_id": "35b0d604-eb0d-42d0-be11-eac8832051f0",
        "acv": 120,
        "arr": 120,
        "mrr": 10,
        "custom_fields": {
            field_key(1): format!("Referred by partner {}", index % 11),
            field_key(2): index as f64 * 1.5,
            field_key(3): {"value": 2500 + index, "currency": "EUR"},
            field_key(4): null,
            field_key(5): 40 + index % 4,
            field_key(6): [12, 13 + index % 3],
            field_key(7): {
                "value": "Mustamäe tee 3a, 10615 Tallinn, Estonia",
                "street_number": "3a",
                "route": "Mustamäe tee",
                "sublocality": null,
                "locality": "Tallinn",
                "admin_area_level_1": "Harju maakond",
                "admin_area_level_2": null,
                "country": "Estonia",
                "postal_code": "10615",
                "formatted_address": "Mustamäe tee 3a, 10615 Tallinn, Estonia"
            },
            field_key(8): "2024-05-01"
        }
    })
}

/// A v2 `GET /products` page: 500 products, each with two prices and two
/// custom fields.
pub fn v2_products() -> Vec<u8> {
    let products: Vec<Value> = (0..PAGE)
        .map(|index| {
            let id = index + 1;
            let tax = [0, 9, 20][index % 3];
            let billing_frequency = ["one-time", "monthly", "annually"][index % 3];
            json!({
                "id": id,
                "name": format!("Product {id}"),
                "code": format!("P-{id:05}"),
                "description": "Product description",
                "unit": "pcs",
                "tax": tax,
                "category": "Retail",
                "is_linkable": true,
                "is_deleted": false,
                "visible_to": 3,
                "owner_id": 1234,
                "add_time": "2019-12-19T11:36:49Z",
                "update_time": "2019-12-19T11:36:49Z",
                "billing_frequency": billing_frequency,
                "billing_frequency_cycles": if index % 3 == 1 { json!(12) } else { Value::Null },
                "prices": [
                    {"product_id": id, "price": 5 + index, "currency": "EUR", "cost": 2, "direct_cost": 1, "notes": "list price"},
                    {"product_id": id, "price": 6 + index, "currency": "USD", "cost": 2.5, "direct_cost": 1.25, "notes": null}
                ],
                "custom_fields": {
                    field_key(11): format!("Shelf {}", index % 40),
                    field_key(12): index % 7
                }
            })
        })
        .collect();
    let page = json!({
        "success": true,
        "data": products,
        "additional_data": {"next_cursor": null}
    });
    serde_json::to_vec(&page).expect("a JSON value serializes")
}
