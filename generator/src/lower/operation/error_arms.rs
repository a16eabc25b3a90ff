//! How each operation's `decode_error` decodes the error statuses, decided
//! once every model is final: into which type each status is decoded, which
//! codes share an arm, and which need none because the catch-all decodes
//! them alike. Emission prints the arms as they are recorded here. This is
//! the last step of operation lowering: it turns the drafts (`draft.rs`)
//! into the `ir` operations.

use std::collections::BTreeMap;

use super::draft::DraftGroup;
use crate::ir::{
    ErrorArm, ErrorDecode, ErrorDecoding, ErrorStatuses, Model, ModelKind, OperationGroup,
    Response, ResponseBody, StatusMatch, TypeRef,
};
use crate::limits::MAXIMUM_ALIAS_HOPS;

/// The operation groups, built from their drafts with the error decoding of
/// every operation decided; `models` are final, and the operations' types
/// name them.
pub(crate) fn finish_operations(groups: Vec<DraftGroup>, models: &[Model]) -> Vec<OperationGroup> {
    let bodies = ErrorBodies {
        models: models
            .iter()
            .map(|model| (model.name.as_str(), model))
            .collect(),
    };
    groups
        .into_iter()
        .map(|group| group.finish(&bodies))
        .collect()
}

/// The final models by name, to decide what an error body decodes into.
pub(super) struct ErrorBodies<'m> {
    models: BTreeMap<&'m str, &'m Model>,
}

impl ErrorBodies<'_> {
    /// The error decoding of one operation's error responses.
    pub(super) fn error_decoding(&self, errors: &[Response]) -> ErrorDecoding {
        error_decoding(errors, &self.models)
    }
}

/// The error decoding of one operation's error responses. Codes come
/// first, then ranges, then `default`, each in spec order, so that the most
/// specific arm matches first. A code that decodes like the catch-all needs
/// no arm, unless a declared range would take it; codes that decode alike
/// share one arm.
fn error_decoding(errors: &[Response], models: &BTreeMap<&str, &Model>) -> ErrorDecoding {
    let catch_all = errors
        .iter()
        .find(|response| response.status == StatusMatch::Default)
        .map_or(ErrorDecode::Unexpected, |response| {
            error_decode(&response.body, models)
        });
    let has_range = |hundreds: u16| {
        errors
            .iter()
            .any(|response| response.status == StatusMatch::Range(hundreds))
    };
    let mut code_arms: Vec<(ErrorDecode, Vec<u16>)> = Vec::new();
    let mut range_arms = Vec::new();
    for response in errors {
        let decode = error_decode(&response.body, models);
        match response.status {
            StatusMatch::Code(code) if decode == catch_all && !has_range(code / 100) => {}
            StatusMatch::Code(code) => {
                match code_arms
                    .iter_mut()
                    .find(|(existing, _)| *existing == decode)
                {
                    Some((_, codes)) => codes.push(code),
                    None => code_arms.push((decode, vec![code])),
                }
            }
            StatusMatch::Range(hundreds) => range_arms.push(ErrorArm {
                statuses: ErrorStatuses::Range(hundreds),
                decode,
            }),
            StatusMatch::Default => {}
        }
    }
    let arms = code_arms
        .into_iter()
        .map(|(decode, mut codes)| {
            codes.sort_unstable();
            codes.dedup();
            ErrorArm {
                statuses: ErrorStatuses::Codes(codes),
                decode,
            }
        })
        .chain(range_arms)
        .collect();
    ErrorDecoding { arms, catch_all }
}

/// How an error body is decoded: into its model when that is a struct,
/// enum or union (following aliases; only a generated type can implement
/// `ErrorBody`), otherwise as `serde_json::Value`.
fn error_decode(body: &ResponseBody, models: &BTreeMap<&str, &Model>) -> ErrorDecode {
    let ResponseBody::Json(type_ref) = body else {
        return ErrorDecode::Json;
    };
    let mut current = type_ref;
    for _ in 0..MAXIMUM_ALIAS_HOPS {
        let TypeRef::Named(name) = current else {
            return ErrorDecode::Json;
        };
        let Some(model) = models.get(name.as_str()) else {
            return ErrorDecode::Json;
        };
        match &model.kind {
            ModelKind::Alias(target) => current = target,
            ModelKind::Struct(_) | ModelKind::Enum(_) | ModelKind::Union(_) => {
                return ErrorDecode::Model(model.name.clone());
            }
        }
    }
    ErrorDecode::Json
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The arms for error responses with these statuses, each with a JSON
    /// body of no generated model (decoded as `serde_json::Value`).
    fn check(
        statuses: &[StatusMatch],
        expect_arms: &[ErrorStatuses],
        expect_catch_all: ErrorDecode,
    ) {
        let errors: Vec<Response> = statuses
            .iter()
            .map(|status| Response {
                status: *status,
                body: ResponseBody::Json(TypeRef::Json),
                docs: None,
            })
            .collect();
        let decoding = error_decoding(&errors, &BTreeMap::new());
        let arms: Vec<ErrorStatuses> = decoding.arms.into_iter().map(|arm| arm.statuses).collect();
        assert_eq!(arms, expect_arms, "{statuses:?}");
        assert_eq!(decoding.catch_all, expect_catch_all, "{statuses:?}");
    }

    #[test]
    fn codes_that_decode_alike_share_an_arm_and_the_catch_all_needs_none() {
        use StatusMatch::{Code, Default, Range};
        check(
            &[Code(404), Code(400)],
            &[ErrorStatuses::Codes(vec![400, 404])],
            ErrorDecode::Unexpected,
        );
        check(&[Code(404), Default], &[], ErrorDecode::Json);
        // A declared `4XX` would take 404 from the catch-all: it keeps its arm.
        check(
            &[Range(4), Code(404), Code(500), Default],
            &[ErrorStatuses::Codes(vec![404]), ErrorStatuses::Range(4)],
            ErrorDecode::Json,
        );
    }
}
