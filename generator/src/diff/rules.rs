//! The verdicts of the change report, in one place: what a change means on
//! the wire (oasdiff's rule id and level, so the two reports can be
//! compared) and what it means for the generated Rust crate.
//!
//! The Rust verdicts describe the crate the generator makes (see the crate
//! guide's "Which API changes break your code"): structs and enums are
//! `#[non_exhaustive]`, so code outside the crate builds a model with
//! `new(..)` (the required fields: one positional argument, or a
//! `<Name>Required` struct literal for several) and `set_<field>` setters,
//! and matches an enum with a wildcard arm; a string enum's catch-all holds
//! an opaque `UnknownValue`, so no code matches `Unknown("x")` by literal;
//! group methods take the required parameters as positional arguments.
//! Under those rules an addition (an optional property, an enum value, a
//! union member, an optional parameter, an operation, a model, a success
//! status for an operation that already returns an enum) is minor, as
//! cargo-semver-checks would say; what removes or retypes something a user
//! names, or adds a required argument, is major.

use super::{ChangeKind, Direction, RustBump, Wire, WireLevel};

/// What a rule needs to know about one change besides its kind.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Facts {
    /// Whether the change is seen in requests, responses or parameters.
    pub(super) direction: Option<Direction>,
    /// The added or removed thing is required (a property, parameter, body).
    pub(super) required: bool,
    /// The removed operation's path has no operation left.
    pub(super) whole_path: bool,
    /// The removed thing was marked `deprecated: true`.
    pub(super) deprecated: bool,
    /// The status is a success status (2xx, `2XX`, or a lone `default`).
    pub(super) success: bool,
    /// The Rust signature the user sees changed (a return type, a field's
    /// type with its `Option` layers); a success enum that only gains
    /// variants is not a change here.
    pub(super) rust_signature_changed: bool,
    /// The added or removed property is an argument of the model's `new`
    /// (required and not nullable).
    pub(super) constructor_argument: bool,
    /// The operation's `#[non_exhaustive]` success enum gained a variant and
    /// kept every other.
    pub(super) success_enum_grew: bool,
}

/// The verdict on the wire, with oasdiff's rule id where one applies.
pub(super) fn wire(kind: ChangeKind, facts: Facts) -> Wire {
    match oasdiff_rule(kind, facts) {
        Some((rule, level)) => Wire {
            rule: Some(rule),
            level,
        },
        None => Wire {
            rule: None,
            level: WireLevel::NotOnTheWire,
        },
    }
}

/// oasdiff's rule id and level for a change on the wire; `None` for a
/// change of the Rust crate alone.
fn oasdiff_rule(kind: ChangeKind, facts: Facts) -> Option<(&'static str, WireLevel)> {
    use ChangeKind as K;
    use WireLevel::{Error, Info, Warning};
    let response = facts.direction == Some(Direction::Response);
    let parameter = facts.direction == Some(Direction::Parameter);
    let (rule, level) = match kind {
        K::OperationAdded => ("endpoint-added", Info),
        K::OperationDeprecated => ("endpoint-deprecated", Info),
        K::OperationReactivated => ("endpoint-reactivated", Info),
        K::OperationRemoved if facts.whole_path && facts.deprecated => {
            ("api-path-removed-with-deprecation", Info)
        }
        K::OperationRemoved if facts.whole_path => ("api-path-removed-without-deprecation", Error),
        K::OperationRemoved if facts.deprecated => ("api-removed-with-deprecation", Info),
        K::OperationRemoved => ("api-removed-without-deprecation", Error),
        K::ParameterAdded if facts.required => ("new-required-request-parameter", Error),
        K::ParameterAdded => ("new-optional-request-parameter", Info),
        K::ParameterRemoved if facts.deprecated => {
            ("request-parameter-removed-with-deprecation", Info)
        }
        K::ParameterRemoved => ("request-parameter-removed", Warning),
        K::ParameterBecameRequired => ("request-parameter-became-required", Error),
        K::ParameterBecameOptional => ("request-parameter-became-optional", Info),
        K::ParameterTypeChanged => ("request-parameter-type-changed", Error),
        K::RequestBodyAdded if facts.required => ("request-body-added-required", Error),
        K::RequestBodyAdded => ("request-body-added-optional", Info),
        K::RequestBodyRemoved => ("request-body-removed", Error),
        K::RequestBodyBecameRequired => ("request-body-became-required", Error),
        K::RequestBodyBecameOptional => ("request-body-became-optional", Info),
        K::RequestBodyTypeChanged => ("request-body-type-changed", Error),
        K::ResponseBodyTypeChanged => ("response-body-type-changed", Error),
        K::ResponseStatusAdded if facts.success => ("response-success-status-added", Info),
        K::ResponseStatusAdded => ("response-non-success-status-added", Info),
        K::ResponseStatusRemoved if facts.success => ("response-success-status-removed", Error),
        K::ResponseStatusRemoved => ("response-non-success-status-removed", Info),
        K::PropertyAdded if response && facts.required => {
            ("response-required-property-added", Info)
        }
        K::PropertyAdded if response => ("response-optional-property-added", Info),
        K::PropertyAdded if facts.required => ("new-required-request-property", Error),
        K::PropertyAdded => ("new-optional-request-property", Info),
        K::PropertyRemoved if response && facts.required => {
            ("response-required-property-removed", Error)
        }
        K::PropertyRemoved if response => ("response-optional-property-removed", Warning),
        K::PropertyRemoved => ("request-property-removed", Warning),
        K::PropertyBecameRequired if response => ("response-property-became-required", Info),
        K::PropertyBecameRequired => ("request-property-became-required", Error),
        K::PropertyBecameOptional if response => ("response-property-became-optional", Error),
        K::PropertyBecameOptional => ("request-property-became-optional", Info),
        K::PropertyBecameNullable if response => ("response-property-became-nullable", Error),
        K::PropertyBecameNullable => ("request-property-became-nullable", Info),
        K::PropertyBecameNotNullable if response => ("response-property-became-not-nullable", Info),
        K::PropertyBecameNotNullable => ("request-property-became-not-nullable", Error),
        K::PropertyTypeChanged if response => ("response-property-type-changed", Error),
        K::PropertyTypeChanged => ("request-property-type-changed", Error),
        K::EnumValueAdded if response => ("response-property-enum-value-added", Warning),
        K::EnumValueAdded if parameter => ("request-parameter-enum-value-added", Info),
        K::EnumValueAdded => ("request-property-enum-value-added", Info),
        K::EnumValueRemoved if response => ("response-property-enum-value-removed", Info),
        K::EnumValueRemoved if parameter => ("request-parameter-enum-value-removed", Error),
        K::EnumValueRemoved => ("request-property-enum-value-removed", Error),
        K::UnionVariantAdded if response => ("response-body-one-of-added", Error),
        K::UnionVariantAdded => ("request-body-one-of-added", Info),
        K::UnionVariantRemoved if response => ("response-body-one-of-removed", Info),
        K::UnionVariantRemoved => ("request-body-one-of-removed", Error),
        K::SecuritySchemeAdded => ("api-security-component-added", Info),
        K::SecuritySchemeRemoved => ("api-security-component-removed", Info),
        K::OperationSecurityAdded => ("api-security-added", Info),
        K::OperationSecurityRemoved => ("api-security-removed", Info),
        // A model is a Rust type, not something on the wire: its name, its
        // existence and its kind are the generator's choices.
        K::ModelAdded | K::ModelRemoved | K::ModelRenamed | K::ModelKindChanged => return None,
        // `x-explicit-omission` shapes the Rust methods; the parameter stays
        // optional on the wire.
        K::ParameterOmissionChanged => return None,
    };
    Some((rule, level))
}

/// Why an `x-explicit-omission` that comes, goes or is renamed is major.
const OMISSION_NOTE: &str = "the group method takes the parameter as an argument, or no longer \
     does, and the method that sends the operation without it is added, renamed or removed";

/// The verdict for the generated crate (see the module documentation), and
/// a note when the verdict needs one.
pub(super) fn rust(kind: ChangeKind, facts: Facts) -> (RustBump, Option<&'static str>) {
    use ChangeKind as K;
    use RustBump::{Major, Minor, Patch};
    match kind {
        // A new method on the group struct, a new builder type, a new model.
        K::OperationAdded | K::ModelAdded | K::SecuritySchemeAdded => (Minor, None),
        // `#[deprecated]` warns where the method is called and breaks no
        // build (cargo-semver-checks asks a minor bump for it).
        K::OperationDeprecated => (Minor, Some("calls to the method now warn")),
        K::OperationReactivated => (Patch, None),
        // An optional parameter or body is a new builder setter; a required
        // one is a new positional argument of the group method.
        K::ParameterAdded | K::RequestBodyAdded if !facts.required => (Minor, None),
        K::ParameterAdded | K::RequestBodyAdded => (Major, None),
        K::OperationRemoved
        | K::ParameterRemoved
        | K::ParameterBecameRequired
        | K::ParameterBecameOptional
        | K::ParameterTypeChanged
        | K::RequestBodyRemoved
        | K::RequestBodyBecameRequired
        | K::RequestBodyBecameOptional
        | K::RequestBodyTypeChanged
        | K::ResponseBodyTypeChanged
        | K::PropertyRemoved
        | K::PropertyTypeChanged
        | K::EnumValueRemoved
        | K::UnionVariantRemoved
        | K::SecuritySchemeRemoved
        | K::ModelRemoved
        | K::ModelRenamed
        | K::ModelKindChanged => (Major, None),
        K::ParameterOmissionChanged => (Major, Some(OMISSION_NOTE)),
        K::PropertyAdded if facts.constructor_argument => (
            Major,
            Some("a required field is a new argument of the model's new(..)"),
        ),
        // A new field and setter of a #[non_exhaustive] struct.
        K::PropertyAdded => (Minor, None),
        K::PropertyBecameRequired | K::PropertyBecameOptional if facts.rust_signature_changed => (
            Major,
            Some("the field gains or loses an Option, and new(..) may change"),
        ),
        K::PropertyBecameRequired | K::PropertyBecameOptional => (
            Patch,
            Some("the field keeps its type; a None is now sent as null, or no longer"),
        ),
        K::PropertyBecameNullable | K::PropertyBecameNotNullable
            if facts.rust_signature_changed =>
        {
            (Major, Some("the field's Option layers change"))
        }
        K::PropertyBecameNullable | K::PropertyBecameNotNullable => (Patch, None),
        K::EnumValueAdded => (
            Minor,
            Some(
                "a new variant of a #[non_exhaustive] enum; the value no longer reads as \
                 Unknown(..), which no code can match by text (compare as_str())",
            ),
        ),
        K::UnionVariantAdded => (Minor, Some("a new variant of a #[non_exhaustive] enum")),
        K::ResponseStatusAdded | K::ResponseStatusRemoved if facts.rust_signature_changed => (
            Major,
            Some("the per-operation success enum, and so send()'s return type, changes"),
        ),
        K::ResponseStatusAdded if facts.success_enum_grew => (
            Minor,
            Some("send()'s #[non_exhaustive] success enum gains a variant"),
        ),
        K::ResponseStatusAdded | K::ResponseStatusRemoved => (
            Patch,
            Some("send() keeps its type; the status now decodes differently"),
        ),
        K::OperationSecurityAdded | K::OperationSecurityRemoved => (Patch, None),
    }
}
