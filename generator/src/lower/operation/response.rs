//! Lowering of an operation's `responses`: which statuses are success, which
//! are errors, and how each body is decoded.

use indexmap::IndexMap;
use openapiv3::{MediaType, StatusCode};

use super::draft::DraftResponses;
use crate::JsonPointer;
use crate::ir::{BodyEncoding, Response, ResponseBody, StatusMatch, SuccessResponse, TypeRef};
use crate::lower::Lowerer;
use crate::lower::media_type::body_encoding;
use crate::lower::operation::component_hint;
use crate::naming::{RustName, Scope};

impl Lowerer<'_> {
    /// Lowers `responses`. Success responses are the `2xx` codes and the
    /// `2XX` range; when there are none, `default` is the success response
    /// for any `2xx` status as well as the error for every other status.
    /// `hint_stem` is the operation's final name as a type name
    /// (`GetDeals`): the success enum, when there is one, is named after it.
    pub(super) fn lower_responses(
        &mut self,
        responses: &openapiv3::Responses,
        pointer: &JsonPointer,
        hint_stem: &RustName,
    ) -> DraftResponses {
        let (mut success, mut errors) = self.lower_status_responses(responses, pointer, hint_stem);
        if let Some(default) = &responses.default
            && let Some(lowered) =
                self.lower_default_response(default, pointer, hint_stem, success.is_empty())
        {
            if success.is_empty() {
                success.push(lowered.clone());
            }
            errors.push(lowered);
        }
        if success.is_empty() {
            // Nothing says what a success looks like: accept any 2xx status
            // and ignore its body.
            success.push(Response {
                status: StatusMatch::Range(2),
                body: ResponseBody::Empty,
                docs: None,
            });
        }
        let all_same_body = success.windows(2).all(|pair| pair[0].body == pair[1].body);
        let mut variant_scope = Scope::default();
        let success = success
            .into_iter()
            .map(|response| SuccessResponse {
                variant_name: variant_scope.claim(&success_variant_name(response.status)),
                response,
            })
            .collect();
        // How the errors are decoded is decided once the models are final,
        // by `error_arms.rs`.
        DraftResponses {
            success,
            errors,
            success_enum: (!all_same_body).then(|| hint_stem.suffixed("Response")),
        }
    }

    /// The responses of the status codes and ranges, split into success
    /// (`2xx`) and errors, in the spec's order.
    fn lower_status_responses(
        &mut self,
        responses: &openapiv3::Responses,
        pointer: &JsonPointer,
        hint_stem: &RustName,
    ) -> (Vec<Response>, Vec<Response>) {
        let document = self.document;
        let mut success = Vec::new();
        let mut errors = Vec::new();
        for (status, response) in &responses.responses {
            let status_pointer = pointer.push(status);
            let Some((response, response_pointer)) =
                self.resolve_response(document, response, &status_pointer)
            else {
                continue;
            };
            let (status, is_success, label) = match status {
                StatusCode::Code(code) => (
                    StatusMatch::Code(*code),
                    (200..300).contains(code),
                    code.to_string(),
                ),
                StatusCode::Range(hundreds) => (
                    StatusMatch::Range(*hundreds),
                    *hundreds == 2,
                    format!("{hundreds}XX"),
                ),
            };
            let hint = component_hint(&response_pointer).unwrap_or_else(|| {
                if is_success {
                    format!("{hint_stem}Response{label}")
                } else {
                    format!("{hint_stem}Error{label}")
                }
            });
            let lowered = self.lower_response(response, status, &hint, &response_pointer);
            if is_success {
                success.push(lowered);
            } else {
                errors.push(lowered);
            }
        }
        (success, errors)
    }

    /// The `default` response, named as the success response when
    /// `is_only_success` (no `2xx` is declared), else as an error.
    fn lower_default_response(
        &mut self,
        default: &openapiv3::ReferenceOr<openapiv3::Response>,
        pointer: &JsonPointer,
        hint_stem: &RustName,
        is_only_success: bool,
    ) -> Option<Response> {
        let document = self.document;
        let default_pointer = pointer.push("default");
        let (response, response_pointer) =
            self.resolve_response(document, default, &default_pointer)?;
        let hint = component_hint(&response_pointer).unwrap_or_else(|| {
            if is_only_success {
                format!("{hint_stem}Response")
            } else {
                format!("{hint_stem}ErrorDefault")
            }
        });
        Some(self.lower_response(response, StatusMatch::Default, &hint, &response_pointer))
    }

    /// One resolved response with the status it answers.
    fn lower_response(
        &mut self,
        response: &openapiv3::Response,
        status: StatusMatch,
        hint: &str,
        response_pointer: &JsonPointer,
    ) -> Response {
        let body = self.response_body(&response.content, hint, &response_pointer.push("content"));
        Response {
            status,
            body,
            docs: non_empty(&response.description),
        }
    }

    /// How a response body is decoded: JSON when a JSON media type (or a
    /// schema under `*/*`) is declared, text for `text/*`, bytes otherwise,
    /// nothing when there is no content.
    fn response_body(
        &mut self,
        content: &IndexMap<String, MediaType>,
        hint: &str,
        pointer: &JsonPointer,
    ) -> ResponseBody {
        if content.is_empty() {
            return ResponseBody::Empty;
        }
        if let Some((media_type, media)) = content
            .iter()
            .find(|(media_type, _)| body_encoding(media_type) == BodyEncoding::Json)
        {
            let schema_pointer = pointer.push(media_type).push("schema");
            return match &media.schema {
                // A binary string under `*/*` (or a JSON type), directly or
                // through `$ref`s, is the raw body, not a JSON value.
                Some(schema) if self.is_binary(schema) => ResponseBody::Bytes,
                Some(schema) => {
                    ResponseBody::Json(self.type_for_schema(schema, hint, &schema_pointer))
                }
                None => ResponseBody::Json(TypeRef::Json),
            };
        }
        if content
            .keys()
            .any(|media_type| body_encoding(media_type) == BodyEncoding::Text)
        {
            return ResponseBody::Text;
        }
        ResponseBody::Bytes
    }
}

/// The variant of a per-operation success enum for a status.
fn success_variant_name(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(200) => "Ok".to_owned(),
        StatusMatch::Code(201) => "Created".to_owned(),
        StatusMatch::Code(202) => "Accepted".to_owned(),
        StatusMatch::Code(203) => "NonAuthoritativeInformation".to_owned(),
        StatusMatch::Code(204) => "NoContent".to_owned(),
        StatusMatch::Code(205) => "ResetContent".to_owned(),
        StatusMatch::Code(206) => "PartialContent".to_owned(),
        StatusMatch::Code(code) => format!("Status{code}"),
        StatusMatch::Range(hundreds) => format!("Status{hundreds}xx"),
        StatusMatch::Default => "Other".to_owned(),
    }
}

/// A description, unless it is empty.
fn non_empty(text: &str) -> Option<String> {
    crate::docs::markdown(text)
}
