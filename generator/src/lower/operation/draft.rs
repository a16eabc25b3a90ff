//! Operations as lowered while the models may still change: complete but
//! for how their error statuses are decoded, which depends on what the
//! error bodies' models finally are. `error_arms.rs` decides that once the
//! models are final and builds the `ir` operations from these drafts, so
//! that no `ir` value is created with a part to be filled in later.

use crate::ir::{
    HttpMethod, Operation, OperationGroup, Pagination, Parameter, RequestBody, Response, Responses,
    SuccessResponse,
};

use super::error_arms::ErrorBodies;
use crate::naming::RustName;

/// The operations of one tag, as drafts.
pub(crate) struct DraftGroup {
    /// Module and file stem (`deals`), final.
    pub(super) module: RustName,
    /// [`OperationGroup::struct_name`], final.
    pub(super) struct_name: RustName,
    /// The tag as written in the spec.
    pub(super) tag: String,
    /// The tag's description, if any.
    pub(super) docs: Option<String>,
    /// Operations in spec order.
    pub(super) operations: Vec<DraftOperation>,
}

/// One operation, every field as in [`Operation`] but the responses.
pub(crate) struct DraftOperation {
    /// [`Operation::method_name`], final.
    pub(super) method_name: RustName,
    /// [`Operation::builder_name`], final.
    pub(super) builder_name: RustName,
    /// [`Operation::operation_id`].
    pub(super) operation_id: String,
    /// [`Operation::http_method`].
    pub(super) http_method: HttpMethod,
    /// [`Operation::path`].
    pub(super) path: String,
    /// [`Operation::summary`].
    pub(super) summary: Option<String>,
    /// [`Operation::description`].
    pub(super) description: Option<String>,
    /// [`Operation::deprecated`].
    pub(super) deprecated: bool,
    /// [`Operation::deprecation_note`].
    pub(super) deprecation_note: Option<String>,
    /// [`Operation::parameters`], named.
    pub(super) parameters: Vec<Parameter>,
    /// [`Operation::body`].
    pub(super) body: Option<RequestBody>,
    /// The responses, without their error decoding.
    pub(super) responses: DraftResponses,
    /// [`Operation::no_auth`].
    pub(super) no_auth: bool,
    /// [`Operation::pagination`].
    pub(super) pagination: Option<Pagination>,
}

/// [`Responses`] without [`Responses::error_decoding`].
pub(crate) struct DraftResponses {
    /// [`Responses::success`].
    pub(super) success: Vec<SuccessResponse>,
    /// [`Responses::errors`].
    pub(super) errors: Vec<Response>,
    /// [`Responses::success_enum`], final.
    pub(super) success_enum: Option<RustName>,
}

impl DraftGroup {
    /// The group, each operation's error decoding decided by `bodies`.
    pub(super) fn finish(self, bodies: &ErrorBodies<'_>) -> OperationGroup {
        OperationGroup {
            module: self.module,
            struct_name: self.struct_name,
            tag: self.tag,
            docs: self.docs,
            operations: self
                .operations
                .into_iter()
                .map(|operation| operation.finish(bodies))
                .collect(),
        }
    }
}

impl DraftOperation {
    /// The operation, its error decoding decided by `bodies`.
    fn finish(self, bodies: &ErrorBodies<'_>) -> Operation {
        let DraftResponses {
            success,
            errors,
            success_enum,
        } = self.responses;
        let error_decoding = bodies.error_decoding(&errors);
        Operation {
            method_name: self.method_name,
            builder_name: self.builder_name,
            operation_id: self.operation_id,
            http_method: self.http_method,
            path: self.path,
            summary: self.summary,
            description: self.description,
            deprecated: self.deprecated,
            deprecation_note: self.deprecation_note,
            parameters: self.parameters,
            body: self.body,
            responses: Responses {
                success,
                errors,
                success_enum,
                error_decoding,
            },
            no_auth: self.no_auth,
            pagination: self.pagination,
        }
    }
}
