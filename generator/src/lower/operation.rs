//! Lowering of `paths` to operation groups: names, parameters and request
//! bodies here; responses, pagination, servers and security schemes in the
//! submodules.
//!
//! Operations are walked in spec order (paths, then methods in the order
//! `get`, `put`, `post`, `delete`, `options`, `head`, `patch`, `trace`) and
//! grouped by their first tag; groups are sorted by module name.

mod draft;
mod error_arms;
mod pagination;
mod reference;
mod response;
mod security;

pub(crate) use self::error_arms::finish_operations;
pub(crate) use self::security::crate_security_schemes;

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{ParameterSchemaOrContent, PathItem, ReferenceOr, Schema};

use self::draft::{DraftGroup, DraftOperation};
use super::Lowerer;
use super::media_type::body_encoding;
use crate::docs;
use crate::ir::{
    BodyContent, BodyEncoding, HttpMethod, Parameter, ParameterLocation, Primitive, QueryStyle,
    RequestBody, TypeRef,
};
use crate::members::{BuilderMember, ClientMethod};
use crate::naming::{RustName, Scope, method_name, module_name, type_name, value_name};
use crate::template;
use crate::{Error, JsonPointer};

/// The group of operations without a tag.
const DEFAULT_GROUP_TAG: &str = "default";

/// The operation extension that carries a deprecated operation's note: why
/// it is deprecated and what to use instead.
const DEPRECATION_NOTE: &str = "x-deprecation-note";

/// The parameter extension that names the group method sending the
/// operation without that parameter, which the main method then requires.
const EXPLICIT_OMISSION: &str = "x-explicit-omission";

/// A parameter as lowered, before the parameters of its operation are named
/// together ([`name_parameters`]): whether a name collides depends on the
/// others, so no parameter is built before all are known.
struct UnnamedParameter {
    /// The name on the wire.
    wire_name: String,
    /// Where the parameter is sent.
    location: ParameterLocation,
    /// The parameter's type.
    type_ref: TypeRef,
    /// Whether it is an argument of the group method.
    required: bool,
    /// The `x-explicit-omission` method name, if any.
    explicit_omission: Option<RustName>,
    /// `deprecated: true`.
    deprecated: bool,
    /// The description, as Markdown.
    docs: Option<String>,
}

impl UnnamedParameter {
    /// The parameter with its Rust name.
    fn named(self, rust_name: RustName) -> Parameter {
        let UnnamedParameter {
            wire_name,
            location,
            type_ref,
            required,
            explicit_omission,
            deprecated,
            docs,
        } = self;
        Parameter {
            wire_name,
            rust_name,
            location,
            type_ref,
            required,
            explicit_omission,
            deprecated,
            docs,
        }
    }
}

/// One operation before grouping: its first tag and the lowered operation.
struct UngroupedOperation {
    tag: String,
    operation: DraftOperation,
}

/// An operation as found under `paths`, before it is lowered.
struct FoundOperation<'d> {
    /// The first tag, or [`DEFAULT_GROUP_TAG`].
    tag: String,
    /// Where the operation is written (`/paths/~1deals/get`).
    pointer: JsonPointer,
    /// The path template (`/deals/{id}`).
    path: &'d str,
    /// The path item, for its path-level parameters.
    item: &'d PathItem,
    /// The HTTP method.
    http_method: HttpMethod,
    /// The operation as written.
    operation: &'d openapiv3::Operation,
    /// `operationId`, or `<method> <path>` without one.
    operation_id: String,
}

impl<'a> Lowerer<'a> {
    /// Lowers every operation under `paths`, grouped by first tag.
    pub(crate) fn lower_operations(&mut self) -> Vec<DraftGroup> {
        let found = self.find_operations();
        let method_names = method_names(&found);
        let mut ungrouped = Vec::new();
        for (found, method_name) in found.iter().zip(method_names) {
            let operation = self.lower_operation(found, method_name);
            ungrouped.push(UngroupedOperation {
                tag: found.tag.clone(),
                operation,
            });
        }
        self.group_operations(ungrouped)
    }

    /// Every operation under `paths`, in spec order (paths, then methods).
    fn find_operations(&mut self) -> Vec<FoundOperation<'a>> {
        let document: &'a crate::load::Document = self.document;
        let paths_pointer = JsonPointer::root().push("paths");
        let mut found = Vec::new();
        for (path, item) in &document.openapi.paths.paths {
            let item_pointer = paths_pointer.push(path);
            let ReferenceOr::Item(item) = item else {
                self.errors.push(Error::Unsupported {
                    pointer: item_pointer,
                    message: "a path item that is a `$ref` is not supported".to_owned(),
                });
                continue;
            };
            for (method, operation) in item.iter() {
                let Some(http_method) = http_method(method) else {
                    continue;
                };
                let tag = operation
                    .tags
                    .first()
                    .cloned()
                    .unwrap_or_else(|| DEFAULT_GROUP_TAG.to_owned());
                let operation_id = operation
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| format!("{} {}", http_method.as_str().to_lowercase(), path));
                found.push(FoundOperation {
                    tag,
                    pointer: item_pointer.push(method),
                    path,
                    item,
                    http_method,
                    operation,
                    operation_id,
                });
            }
        }
        found
    }

    /// Groups operations by tag and names the groups: modules are claimed in
    /// the order of their tags, not of the spec, and each group's struct is
    /// named after its module (`deals` → `DealsApi`). Within a group the
    /// operations keep spec order.
    fn group_operations(&mut self, ungrouped: Vec<UngroupedOperation>) -> Vec<DraftGroup> {
        let document = self.document;
        let mut by_tag: BTreeMap<String, Vec<DraftOperation>> = BTreeMap::new();
        for UngroupedOperation { tag, operation } in ungrouped {
            by_tag.entry(tag).or_default().push(operation);
        }
        for operations in by_tag.values() {
            self.check_explicit_omissions(operations);
        }
        let mut module_scope = Scope::default();
        for reserved in ClientMethod::NAMES {
            module_scope.reserve(reserved);
        }
        let mut groups = Vec::new();
        for (tag, operations) in by_tag {
            let module = module_scope.claim(&module_name(&tag));
            let struct_name = type_name(&module).suffixed("Api");
            let docs = document
                .openapi
                .tags
                .iter()
                .find(|declared| declared.name == tag)
                .and_then(|declared| declared.description.as_deref())
                .and_then(docs::markdown);
            groups.push(DraftGroup {
                module,
                struct_name,
                tag,
                docs,
                operations,
            });
        }
        groups.sort_by(|left, right| left.module.cmp(&right.module));
        groups
    }

    /// Reports every `x-explicit-omission` name that another method of the
    /// same group already has, at the pointer of the operation that asks for
    /// it.
    fn check_explicit_omissions(&mut self, operations: &[DraftOperation]) {
        let mut taken: std::collections::BTreeSet<&str> = operations
            .iter()
            .map(|operation| operation.method_name.bare())
            .collect();
        for operation in operations {
            for name in operation.parameters.iter().filter_map(|parameter| {
                parameter.explicit_omission.as_ref().map(|name| name.bare())
            }) {
                if !taken.insert(name) {
                    self.errors.push(Error::Unsupported {
                        pointer: JsonPointer::root()
                            .push("paths")
                            .push(&operation.path)
                            .push(operation.http_method.as_str().to_lowercase()),
                        message: format!(
                            "the explicit omission `{name}` is already a method of the group"
                        ),
                    });
                }
            }
        }
    }

    /// Lowers one operation whose method name is already unique in its
    /// group; the names of its builder, enums and inline models start with
    /// that name (`get_deals` → `GetDealsRequest`, `GetDealsResponse200`),
    /// so every name is final when the operation is built.
    fn lower_operation(
        &mut self,
        found: &FoundOperation<'_>,
        method_name: RustName,
    ) -> DraftOperation {
        let FoundOperation {
            path,
            item,
            http_method,
            operation,
            pointer,
            ..
        } = found;
        let hint_stem = type_name(method_name.bare());
        let parameters = self.lower_parameters(path, item, operation, pointer, &hint_stem);
        let body = operation.request_body.as_ref().and_then(|body| {
            self.lower_request_body(body, &pointer.push("requestBody"), &hint_stem)
        });
        let responses =
            self.lower_responses(&operation.responses, &pointer.push("responses"), &hint_stem);
        let paged = pagination::Paged {
            operation,
            pointer,
            responses: &responses,
            has_body: body.is_some(),
            parameters: &parameters,
        };
        let pagination = self.lower_pagination(&paged, &hint_stem);
        let no_auth = operation.security.as_ref().is_some_and(Vec::is_empty);
        let deprecation_note = self.lower_deprecation_note(operation, pointer);
        DraftOperation {
            method_name,
            builder_name: hint_stem.suffixed("Request"),
            operation_id: found.operation_id.clone(),
            http_method: *http_method,
            path: (*path).to_owned(),
            summary: operation.summary.as_deref().and_then(docs::markdown),
            description: operation.description.as_deref().and_then(docs::markdown),
            deprecated: operation.deprecated,
            deprecation_note,
            parameters,
            body,
            responses,
            no_auth,
            pagination,
        }
    }

    /// The operation's `x-deprecation-note`, if any. The note must be a
    /// non-empty string on an operation marked `deprecated: true`; anything
    /// else is reported at the extension's pointer and the operation is then
    /// generated with a plain `#[deprecated]` (or none).
    fn lower_deprecation_note(
        &mut self,
        operation: &openapiv3::Operation,
        pointer: &JsonPointer,
    ) -> Option<String> {
        let value = operation.extensions.get(DEPRECATION_NOTE)?;
        let pointer = pointer.push(DEPRECATION_NOTE);
        let message = match value.as_str().map(str::trim) {
            _ if !operation.deprecated => {
                "a deprecation note on an operation without `deprecated: true`"
            }
            Some(note) if !note.is_empty() => return Some(note.to_owned()),
            Some(_) => "an empty deprecation note",
            None => "a deprecation note must be a string",
        };
        self.errors.push(Error::Unsupported {
            pointer,
            message: message.to_owned(),
        });
        None
    }

    /// Lowers path-level and operation-level parameters (an operation-level
    /// parameter overrides a path-level one with the same name and location)
    /// and gives each a unique Rust name.
    fn lower_parameters(
        &mut self,
        path: &str,
        item: &PathItem,
        operation: &openapiv3::Operation,
        pointer: &JsonPointer,
        hint_stem: &RustName,
    ) -> Vec<Parameter> {
        let resolved = self.resolve_parameters(item, operation, pointer);
        let template_names = template::placeholders(path);
        let mut lowered = Vec::new();
        for (parameter, parameter_pointer) in resolved.values() {
            let is_in_template = |name: &str| template_names.contains(&name);
            if let Some(parameter) =
                self.lower_parameter(parameter, parameter_pointer, hint_stem, is_in_template)
            {
                lowered.push(parameter);
            }
        }
        // A template placeholder without a declared parameter still needs a
        // value: it becomes a required string argument.
        for name in template_names {
            let declared = lowered.iter().any(|parameter| {
                parameter.location == ParameterLocation::Path && parameter.wire_name == name
            });
            if !declared {
                lowered.push(undeclared_path_parameter(name));
            }
        }
        name_parameters(lowered)
    }

    /// The path item's and the operation's parameters, resolved, keyed by
    /// name and location: a later (operation-level) one replaces an earlier.
    fn resolve_parameters<'d>(
        &mut self,
        item: &'d PathItem,
        operation: &'d openapiv3::Operation,
        pointer: &JsonPointer,
    ) -> IndexMap<(String, &'static str), (&'d openapiv3::Parameter, JsonPointer)>
    where
        'a: 'd,
    {
        let document = self.document;
        let path_item_pointer = pointer.parent_or_root();
        let mut resolved = IndexMap::new();
        let sources = [
            (&item.parameters, path_item_pointer.push("parameters")),
            (&operation.parameters, pointer.push("parameters")),
        ];
        for (parameters, list_pointer) in sources {
            for (index, parameter) in parameters.iter().enumerate() {
                let parameter_pointer = list_pointer.push(index);
                let Some((parameter, parameter_pointer)) =
                    self.resolve_parameter(document, parameter, &parameter_pointer)
                else {
                    continue;
                };
                let data = parameter.parameter_data_ref();
                let key = (data.name.clone(), location_key(parameter));
                resolved.insert(key, (parameter, parameter_pointer));
            }
        }
        resolved
    }

    /// One resolved parameter, or `None` for a path parameter the template
    /// does not use: it has nowhere to go, and sending it would change
    /// nothing. It is named with the operation's other parameters.
    fn lower_parameter(
        &mut self,
        parameter: &openapiv3::Parameter,
        parameter_pointer: &JsonPointer,
        hint_stem: &RustName,
        is_in_template: impl Fn(&str) -> bool,
    ) -> Option<UnnamedParameter> {
        let data = parameter.parameter_data_ref();
        let location = match parameter {
            openapiv3::Parameter::Path { .. } if !is_in_template(&data.name) => return None,
            openapiv3::Parameter::Path { .. } => ParameterLocation::Path,
            openapiv3::Parameter::Query { style, .. } => {
                ParameterLocation::Query(query_style(style, data.explode))
            }
            openapiv3::Parameter::Header { .. } => ParameterLocation::Header,
            openapiv3::Parameter::Cookie { .. } => ParameterLocation::Cookie,
        };
        let hint = component_hint(parameter_pointer)
            .unwrap_or_else(|| format!("{hint_stem}{}", type_name(&data.name)));
        let type_ref = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                self.type_for_schema(schema, &hint, &parameter_pointer.push("schema"))
            }
            ParameterSchemaOrContent::Content(content) => {
                self.type_for_first_content(content, &hint, &parameter_pointer.push("content"))
            }
        };
        Some(UnnamedParameter {
            wire_name: data.name.clone(),
            location,
            type_ref,
            required: data.required || location == ParameterLocation::Path,
            explicit_omission: self.lower_explicit_omission(parameter, parameter_pointer),
            deprecated: data.deprecated.unwrap_or(false),
            docs: data.description.as_deref().and_then(docs::markdown),
        })
    }

    /// The parameter's `x-explicit-omission`, if any: the name of the group
    /// method that sends the operation without this parameter. It must be a
    /// snake-case method name on an optional query parameter; anything else
    /// is reported at the extension's pointer and the parameter stays an
    /// ordinary optional one.
    fn lower_explicit_omission(
        &mut self,
        parameter: &openapiv3::Parameter,
        parameter_pointer: &JsonPointer,
    ) -> Option<RustName> {
        let data = parameter.parameter_data_ref();
        let value = data.extensions.get(EXPLICIT_OMISSION)?;
        let message = match value.as_str() {
            _ if data.required => "an explicit omission on a required parameter",
            _ if !matches!(parameter, openapiv3::Parameter::Query { .. }) => {
                "an explicit omission on a parameter that is not in the query"
            }
            Some(name) if let Some(name) = method_name(name) => return Some(name),
            _ => "an explicit omission must name a snake-case method (`delete_all_deal_products`)",
        };
        self.errors.push(Error::Unsupported {
            pointer: parameter_pointer.push(EXPLICIT_OMISSION),
            message: message.to_owned(),
        });
        None
    }

    /// The type of the first media type of a parameter's or body's `content`.
    fn type_for_first_content(
        &mut self,
        content: &IndexMap<String, openapiv3::MediaType>,
        hint: &str,
        pointer: &JsonPointer,
    ) -> TypeRef {
        content
            .iter()
            .find_map(|(media_type, media)| {
                media.schema.as_ref().map(|schema| {
                    self.type_for_schema(schema, hint, &pointer.push(media_type).push("schema"))
                })
            })
            .unwrap_or(TypeRef::Json)
    }

    /// Lowers a request body. Content types with equal schemas (the same
    /// `$ref`, or identical inline schemas) share one lowered type. When
    /// every content type has the same Rust type the builder holds that
    /// type, and when there are several a per-operation enum of them picks
    /// the encoding (`AddDealContentType`); otherwise it holds a
    /// per-operation enum with one variant per content type
    /// (`AddDealRequestBody`). Both are named from `hint_stem`, the
    /// operation's final name as a type, beside its builder
    /// (`AddDealRequest`), so they cannot meet another operation's. The first
    /// JSON content type moves to the front, as the default; the others keep
    /// their spec order.
    fn lower_request_body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
        pointer: &JsonPointer,
        hint_stem: &RustName,
    ) -> Option<RequestBody> {
        let document = self.document;
        let (body, pointer) = self.resolve_request_body(document, body, pointer)?;
        let content_pointer = pointer.push("content");
        // A body in `components/requestBodies` is named after its key, not
        // after whichever operation uses it.
        let body_stem = component_hint(&pointer);
        // The schemas lowered so far with their types, to reuse equal ones.
        let mut lowered: Vec<(&ReferenceOr<Schema>, TypeRef)> = Vec::new();
        let mut contents = Vec::new();
        let mut variant_scope = Scope::default();
        for (media_type, media) in &body.content {
            let binary = media
                .schema
                .as_ref()
                .is_some_and(|schema| self.is_binary(schema));
            let encoding = binary_body_encoding(body_encoding(media_type), binary);
            let variant_name = variant_scope.claim(&content_variant_name(encoding, media_type));
            let type_ref = match (encoding, media.schema.as_ref()) {
                // A multipart body that is one binary string is one file.
                (BodyEncoding::Multipart, _) if binary => TypeRef::Primitive(Primitive::File),
                (BodyEncoding::Bytes, _) => TypeRef::Primitive(Primitive::Binary),
                (BodyEncoding::Text, _) => TypeRef::Primitive(Primitive::String),
                (_, None) => TypeRef::Json,
                (_, Some(schema)) => match lowered.iter().find(|(known, _)| *known == schema) {
                    Some((_, type_ref)) => type_ref.clone(),
                    None => {
                        let hint = match (&body_stem, lowered.is_empty()) {
                            (Some(stem), true) => stem.clone(),
                            (Some(stem), false) => format!("{stem}{variant_name}"),
                            (None, true) => format!("{hint_stem}Body"),
                            (None, false) => format!("{hint_stem}{variant_name}Body"),
                        };
                        let type_ref = self.type_for_request_body(
                            schema,
                            &hint,
                            &content_pointer.push(media_type).push("schema"),
                        );
                        lowered.push((schema, type_ref.clone()));
                        type_ref
                    }
                },
            };
            if encoding == BodyEncoding::Multipart {
                self.note_multipart_body(&type_ref);
            }
            contents.push(BodyContent {
                media_type: media_type.clone(),
                encoding,
                variant_name,
                type_ref,
            });
        }
        // JSON, when the spec offers it, is the default: it carries every
        // value, where a form has no spelling for `null` or nested objects.
        if let Some(index) = contents
            .iter()
            .position(|content| content.encoding == BodyEncoding::Json)
        {
            let json = contents.remove(index);
            contents.insert(0, json);
        }
        let type_ref = contents.first()?.type_ref.clone();
        let uniform = contents.iter().all(|content| content.type_ref == type_ref);
        let choice = uniform && contents.len() > 1;
        Some(RequestBody {
            type_ref,
            required: body.required,
            body_enum: (!uniform).then(|| hint_stem.suffixed("RequestBody")),
            content_type_enum: choice.then(|| hint_stem.suffixed("ContentType")),
            contents,
            docs: body.description.as_deref().and_then(docs::markdown),
        })
    }
}

/// The name wanted by an inline schema of an entry of `components/parameters`,
/// `components/requestBodies` or `components/responses` at `pointer`: the
/// entry's key with the section's word (`DealStatusFilterParameter`,
/// `NewDealBody`, `NotFoundResponse`; a key that already ends with the word
/// keeps its name). Such a schema is one model whichever operations use it,
/// so its name comes from where it is defined, never from an operation.
/// `None` for a place in an operation.
pub(super) fn component_hint(pointer: &JsonPointer) -> Option<String> {
    let tokens = pointer.tokens()?;
    let [components, section, key, ..] = tokens.as_slice() else {
        return None;
    };
    if components != "components" {
        return None;
    }
    let words: &[&str] = match section.as_str() {
        "parameters" => &["Parameter", "Param"],
        "requestBodies" => &["Body"],
        "responses" => &["Response"],
        _ => return None,
    };
    let name = type_name(key);
    if words.iter().any(|word| name.ends_with(word)) {
        Some(name.to_string())
    } else {
        Some(format!("{name}{}", words[0]))
    }
}

/// The method name of every operation (in the order given), unique within
/// its group: `snake_case(operationId)`, claimed in the order of the
/// operations' pointers (`/paths/~1deals/get`), so that the spec's order of
/// paths and methods does not decide which of two operations that want one
/// name gets a suffix.
fn method_names(found: &[FoundOperation<'_>]) -> Vec<RustName> {
    let mut claim_order: Vec<usize> = (0..found.len()).collect();
    claim_order.sort_by(|left, right| {
        crate::lower::schema::place_order(&found[*left].pointer, &found[*right].pointer)
    });
    let mut scopes: BTreeMap<&str, Scope> = BTreeMap::new();
    let mut names: BTreeMap<usize, RustName> = BTreeMap::new();
    for index in claim_order {
        let operation = &found[index];
        let scope = scopes.entry(operation.tag.as_str()).or_default();
        names.insert(index, scope.claim(&value_name(&operation.operation_id)));
    }
    // Every index was claimed once: the values in index order are the names
    // in the order of `found`.
    names.into_values().collect()
}

/// The variant of the content type enum for a media type: the encoding's
/// short name, or the media type's own for raw bodies (`TextCsv`).
fn content_variant_name(encoding: BodyEncoding, media_type: &str) -> RustName {
    match encoding {
        BodyEncoding::Json => type_name("Json"),
        BodyEncoding::Form => type_name("Form"),
        BodyEncoding::Multipart => type_name("Multipart"),
        BodyEncoding::Bytes | BodyEncoding::Text => type_name(media_type),
    }
}

/// How a body is encoded when its schema is a binary string (following
/// `$ref`s): as the raw bytes whatever the media type says (a JSON, form or
/// text codec has nothing to encode), except a multipart body, which gets
/// one file part.
fn binary_body_encoding(encoding: BodyEncoding, binary: bool) -> BodyEncoding {
    match encoding {
        BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Text if binary => {
            BodyEncoding::Bytes
        }
        other => other,
    }
}

/// The IR method for an `openapiv3` method name.
fn http_method(method: &str) -> Option<HttpMethod> {
    Some(match method {
        "get" => HttpMethod::Get,
        "put" => HttpMethod::Put,
        "post" => HttpMethod::Post,
        "delete" => HttpMethod::Delete,
        "options" => HttpMethod::Options,
        "head" => HttpMethod::Head,
        "patch" => HttpMethod::Patch,
        "trace" => HttpMethod::Trace,
        _ => return None,
    })
}

/// A short word for where a parameter is sent, used as a key and as a prefix
/// for names that collide.
fn location_key(parameter: &openapiv3::Parameter) -> &'static str {
    match parameter {
        openapiv3::Parameter::Path { .. } => "path",
        openapiv3::Parameter::Query { .. } => "query",
        openapiv3::Parameter::Header { .. } => "header",
        openapiv3::Parameter::Cookie { .. } => "cookie",
    }
}

/// The location word of a lowered parameter.
fn location_word(location: ParameterLocation) -> &'static str {
    match location {
        ParameterLocation::Path => "path",
        ParameterLocation::Query(_) => "query",
        ParameterLocation::Header => "header",
        ParameterLocation::Cookie => "cookie",
    }
}

/// The runtime query style for a spec style and `explode` flag (`explode`
/// defaults to true for `form` only).
fn query_style(style: &openapiv3::QueryStyle, explode: Option<bool>) -> QueryStyle {
    match style {
        openapiv3::QueryStyle::Form => QueryStyle::Form {
            explode: explode.unwrap_or(true),
        },
        openapiv3::QueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
        openapiv3::QueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
        openapiv3::QueryStyle::DeepObject => QueryStyle::DeepObject,
    }
}

/// The required string argument a template placeholder gets when no
/// parameter declares it.
fn undeclared_path_parameter(name: &str) -> UnnamedParameter {
    UnnamedParameter {
        wire_name: name.to_owned(),
        location: ParameterLocation::Path,
        type_ref: TypeRef::Primitive(Primitive::String),
        required: true,
        explicit_omission: None,
        deprecated: false,
        docs: Some(format!(
            "The `{{{name}}}` segment of the path (not declared as a parameter in the spec)."
        )),
    }
}

/// Names every parameter of an operation, each unique within it. Names that
/// collide (after case folding) are prefixed with their location
/// (`query_id`); the builder's own fields and methods are never used.
fn name_parameters(parameters: Vec<UnnamedParameter>) -> Vec<Parameter> {
    let mut counts: BTreeMap<RustName, usize> = BTreeMap::new();
    for parameter in parameters.iter() {
        *counts.entry(base_parameter_name(parameter)).or_default() += 1;
    }
    let mut scope = Scope::default();
    for reserved in BuilderMember::NAMES {
        scope.reserve(reserved);
    }
    // When names collide, the first parameter in spec order keeps the plain
    // name; one in another location is prefixed with it (`query_id` next to
    // a path `id`), one in the same location gets a numeric suffix.
    let mut first_location: BTreeMap<RustName, &'static str> = BTreeMap::new();
    let mut named = Vec::with_capacity(parameters.len());
    for parameter in parameters {
        let base = base_parameter_name(&parameter);
        let location = location_word(parameter.location);
        let prefixed = value_name(&format!("{location} {}", parameter.wire_name));
        let collides = counts.get(&base).copied().unwrap_or(0) > 1;
        let wanted = match first_location.get(&base) {
            Some(first) if collides && *first != location => prefixed,
            _ if BuilderMember::NAMES.contains(&base.as_str()) => prefixed,
            _ => base.clone(),
        };
        first_location.entry(base).or_insert(location);
        let rust_name = scope.claim(&wanted);
        named.push(parameter.named(rust_name));
    }
    named
}

/// The Rust name a parameter would get on its own.
fn base_parameter_name(parameter: &UnnamedParameter) -> RustName {
    value_name(&parameter.wire_name)
}

/// The parent of a pointer, used to reach a path item from an operation.
trait PointerParent {
    /// The pointer without its last token (the root stays the root).
    fn parent_or_root(&self) -> JsonPointer;
}

impl PointerParent for JsonPointer {
    fn parent_or_root(&self) -> JsonPointer {
        match self.as_str().rfind('/') {
            Some(index) => JsonPointer::from_escaped(&self.as_str()[..index]),
            None => JsonPointer::root(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Primitive, TypeRef};

    #[test]
    fn query_styles_default_explode_only_for_form() {
        assert_eq!(
            query_style(&openapiv3::QueryStyle::Form, None),
            QueryStyle::Form { explode: true }
        );
        assert_eq!(
            query_style(&openapiv3::QueryStyle::Form, Some(false)),
            QueryStyle::Form { explode: false }
        );
        assert_eq!(
            query_style(&openapiv3::QueryStyle::DeepObject, None),
            QueryStyle::DeepObject
        );
    }

    fn parameter(wire_name: &str, location: ParameterLocation) -> UnnamedParameter {
        UnnamedParameter {
            wire_name: wire_name.to_owned(),
            location,
            type_ref: TypeRef::Primitive(Primitive::String),
            required: false,
            explicit_omission: None,
            deprecated: false,
            docs: None,
        }
    }

    fn check_names(parameters: &[(&str, ParameterLocation)], expect: &[&str]) {
        let lowered = name_parameters(
            parameters
                .iter()
                .map(|(name, location)| parameter(name, *location))
                .collect(),
        );
        let names: Vec<&str> = lowered
            .iter()
            .map(|parameter| parameter.rust_name.as_str())
            .collect();
        assert_eq!(names, expect, "parameters {parameters:?}");
    }

    #[test]
    fn parameter_names_are_unique_and_readable() {
        let query = ParameterLocation::Query(QueryStyle::Form { explode: true });
        check_names(
            &[("id", ParameterLocation::Path), ("id", query)],
            &["id", "query_id"],
        );
        check_names(
            &[("fooBar", query), ("foo_bar", query)],
            &["foo_bar", "foo_bar_2"],
        );
        check_names(
            &[("body", query), ("options", ParameterLocation::Header)],
            &["query_body", "header_options"],
        );
        check_names(&[("type", query), ("self", query)], &["r#type", "self_"]);
        check_names(
            &[("X-Request-Id", ParameterLocation::Header)],
            &["x_request_id"],
        );
    }
}
