//! The Rust type behind each JSON request and response body of a spec, for
//! tools that check examples against the generated code (`cargo xtask corpus
//! --examples`). Not used by generation itself.

use std::collections::BTreeMap;

use crate::emit::types::Mount;
use crate::ir::{
    Api, BodyEncoding, Model, ModelKind, Primitive, ResponseBody, StatusMatch, TypeRef,
};

/// Where a body sits: an operation's request body in one media type, or one
/// of its responses.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum BodyPlace {
    /// The request body in the given media type (`application/json`).
    Request {
        /// The media type as written in the spec.
        media_type: String,
    },
    /// The response with the given status key, as written in the spec
    /// (`200`, `4XX`, `default`). Its JSON media type is the one the client
    /// decodes.
    Response {
        /// The status key.
        status: String,
    },
}

/// One JSON body of one operation and the Rust type the client reads or
/// writes it as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyTarget {
    /// The path template as written in the spec (`/deals/{id}`).
    pub path: String,
    /// The HTTP method in lower case, as it is keyed in a path item (`get`).
    pub method: String,
    /// The body within the operation.
    pub place: BodyPlace,
    /// The Rust type, with the generated models under
    /// `crate::generated::models` and the runtime under `crate::runtime`.
    pub rust_type: String,
    /// Whether the type implements `Deserialize`: not a file part or raw
    /// bytes, which are sent, never read as JSON.
    pub deserializable: bool,
}

/// Every JSON body of `api`, in operation order.
pub(crate) fn body_targets(api: &Api) -> Vec<BodyTarget> {
    let models: BTreeMap<&str, &Model> = api
        .models
        .iter()
        .map(|model| (model.name.as_str(), model))
        .collect();
    let mut targets = Vec::new();
    for operation in api.groups.iter().flat_map(|group| &group.operations) {
        let target = |place: BodyPlace, type_ref: &TypeRef| BodyTarget {
            path: operation.path.clone(),
            method: operation.http_method.as_str().to_ascii_lowercase(),
            place,
            rust_type: Mount::Tree.type_tokens(type_ref).to_string(),
            deserializable: deserializable(type_ref, &models),
        };
        if let Some(body) = &operation.body {
            for content in &body.contents {
                if content.encoding == BodyEncoding::Json {
                    let place = BodyPlace::Request {
                        media_type: content.media_type.clone(),
                    };
                    targets.push(target(place, &content.type_ref));
                }
            }
        }
        let responses = operation
            .responses
            .success
            .iter()
            .map(|success| &success.response)
            .chain(&operation.responses.errors);
        for response in responses {
            if let ResponseBody::Json(type_ref) = &response.body {
                let status = match response.status {
                    StatusMatch::Code(code) => code.to_string(),
                    StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
                    StatusMatch::Default => "default".to_owned(),
                };
                targets.push(target(BodyPlace::Response { status }, type_ref));
            }
        }
    }
    targets
}

/// Whether a value of `type_ref` can be read from JSON.
fn deserializable(type_ref: &TypeRef, models: &BTreeMap<&str, &Model>) -> bool {
    match type_ref {
        TypeRef::Named(name) => models
            .get(name.as_str())
            .is_none_or(|model| match &model.kind {
                ModelKind::Alias(inner) => deserializable(inner, models),
                _ => true,
            }),
        TypeRef::Primitive(Primitive::File | Primitive::Binary) => false,
        TypeRef::Primitive(_) | TypeRef::Json => true,
        TypeRef::Vec(inner)
        | TypeRef::Map(inner)
        | TypeRef::Option(inner)
        | TypeRef::Box(inner) => deserializable(inner, models),
    }
}
