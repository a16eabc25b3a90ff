//! The intermediate representation: everything emission needs, already
//! validated, named and ordered. Emission reads it and cannot fail.
//!
//! Ownership: the model half (`Model`, `TypeRef`, ...) belongs to schema
//! lowering (`lower/schema.rs`), the operation half (`Operation`, ...) to
//! operation lowering (`lower/operation.rs`).

use crate::JsonPointer;
use crate::naming::RustName;

/// The whole API, ready to emit.
#[derive(Debug, Clone)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.description`, as Markdown.
    pub description: Option<String>,
    /// `info.version`.
    pub version: String,
    /// Every named model, in emission order (sorted by Rust name).
    pub models: Vec<Model>,
    /// Operations grouped by tag, groups sorted by module name, operations in
    /// spec order within a group.
    pub groups: Vec<OperationGroup>,
    /// `servers`, in spec order.
    pub servers: Vec<Server>,
    /// `components.securitySchemes`, sorted by name.
    pub security_schemes: Vec<SecurityScheme>,
}

/// A Rust type as it appears in a field, parameter or body position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// A generated model, by its unique Rust name (`models::<name>`), which
    /// is the model's id within its spec.
    Named(RustName),
    /// A scalar with a fixed Rust type.
    Primitive(Primitive),
    /// `Vec<T>`.
    Vec(Box<TypeRef>),
    /// A map with string keys and values of the given type.
    Map(Box<TypeRef>),
    /// `Option<T>`.
    Option(Box<TypeRef>),
    /// `Box<T>`, to break recursion.
    Box(Box<TypeRef>),
    /// `::serde_json::Value`: a schema without a usable type.
    Json,
}

/// Scalars and their Rust types (the table is in ARCHITECTURE.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    /// `string` → `String`.
    String,
    /// `boolean` → `bool`.
    Bool,
    /// `integer` `int32` → `i32`.
    I32,
    /// `integer` (no format or `int64`) → `i64`.
    I64,
    /// `number`, whatever its format (`float` and `double` included) →
    /// `f64`.
    F64,
    /// `string` `date` → `crate::runtime::types::Date`.
    Date,
    /// `string` `date-time` → `crate::runtime::types::DateTime`.
    DateTime,
    /// `string` `uuid` → `String` (no extra dependency; documented).
    Uuid,
    /// `string` `byte` (base64) → `String`, kept as sent.
    Base64,
    /// `string` `binary` → `::bytes::Bytes`.
    Binary,
    /// `string` `binary` as a property of a model a multipart body leads to,
    /// or as a whole multipart body → `crate::runtime::types::FilePart` (a
    /// file part; in JSON, a string read as its UTF-8 bytes).
    File,
}

/// A named, generated type (one file under `models/`).
#[derive(Debug, Clone)]
pub struct Model {
    /// Unique Rust type name, also the model's id within its spec: a
    /// [`TypeRef::Named`] and an [`ErrorDecode::Model`] refer to it by it.
    pub name: RustName,
    /// File stem under `models/` (unique, snake case).
    pub file_stem: RustName,
    /// Where the schema sits in the spec.
    pub pointer: JsonPointer,
    /// Rustdoc text (Markdown), if any.
    pub docs: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// What kind of type it is.
    pub kind: ModelKind,
}

/// The shape of a model. Schema lowering owns the details of each variant.
#[derive(Debug, Clone)]
pub enum ModelKind {
    /// An object: a struct.
    Struct(StructModel),
    /// A string or integer enum with a catch-all variant.
    Enum(EnumModel),
    /// `oneOf`/`anyOf`: a tagged or untagged enum.
    Union(UnionModel),
    /// A named schema that is just another type (`type Name = ...;`).
    Alias(TypeRef),
}

/// An object schema (or a merged `allOf`): a struct with named fields.
#[derive(Debug, Clone, Default)]
pub struct StructModel {
    /// Fields in spec order (for `allOf`, in member order), with unique names.
    pub fields: Vec<Field>,
    /// What happens to keys that are not fields.
    pub additional_properties: AdditionalProperties,
    /// Whether the struct derives `Default`: true when no field is required
    /// and non-nullable, so that `..Default::default()` builds request bodies.
    pub derive_default: bool,
    /// The setter of the undeclared keys (`set_additional_properties`),
    /// when they are kept; unique among the struct's methods.
    pub additional_properties_setter: Option<RustName>,
    /// When several fields are required: the struct of them that `new`
    /// takes (`<Name>Required`, `<Name>Required2` when a model has the
    /// name), a type name of the `models` module like the models'.
    pub required_struct: Option<RustName>,
}

/// One field of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// Unique Rust name, possibly a raw identifier (`r#type`).
    pub name: RustName,
    /// The struct's setter of the field (`set_type`), unique among the
    /// struct's methods (`new`, the setters and clearers).
    pub setter: RustName,
    /// The struct's method that sets the field to `null` (`clear_type`),
    /// unique among its methods; generated only when the field is
    /// [`Presence::Clearable`], which is decided once every model is known.
    pub clearer: RustName,
    /// The property name in JSON.
    pub wire_name: String,
    /// The value's type, without the `Option` that [`Presence`] adds.
    pub ty: TypeRef,
    /// Required, optional, nullable: decides the `Option` layers and serde
    /// attributes.
    pub presence: Presence,
    /// How leniently the field is read, decided apart from its presence:
    /// every number may arrive as a string (Pipedrive sends `"12"`), and a
    /// date or date-time that can be empty may arrive as `""` or a zero date.
    pub leniency: Option<crate::members::Leniency>,
    /// Rustdoc text (Markdown), if any.
    pub docs: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
}

/// Whether a field may be absent and whether it may be `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Presence {
    /// Required and not nullable: `T`.
    Required,
    /// Required and nullable: `Option<T>`, `None` serialized as `null`.
    RequiredNullable,
    /// Optional, not nullable: `Option<T>`, `None` not serialized.
    Optional,
    /// Optional and nullable, in a model not reachable from a request body:
    /// `Option<T>` (absent and `null` both read as `None`).
    OptionalNullable,
    /// Optional and nullable, in a model reachable from a request body:
    /// `crate::runtime::types::Clearable<T>` (`Absent` not sent, `Null` sent
    /// as `null` to clear the value, `Value`).
    Clearable,
}

/// What an object does with keys that are not declared properties.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum AdditionalProperties {
    /// Not declared (or `false`): unknown keys are ignored.
    #[default]
    Ignored,
    /// `additionalProperties: true` (or `{}`): kept in a flattened
    /// `crate::runtime::types::ExtraFields`.
    Any,
    /// `additionalProperties: <schema>`: kept in a flattened typed map.
    Typed(TypeRef),
}

/// A string or integer enum with a catch-all variant.
#[derive(Debug, Clone)]
pub struct EnumModel {
    /// The known values, in spec order, without duplicates.
    pub variants: Vec<EnumVariant>,
    /// The name of the catch-all variant (`Unknown` unless a value took it).
    pub unknown_variant: RustName,
}

/// One known value of an enum.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// Unique Rust variant name.
    pub name: RustName,
    /// The value on the wire.
    pub value: EnumValue,
}

/// A value of an enum on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumValue {
    /// A string enum's value; the catch-all holds a `String`.
    String(String),
    /// An integer enum's value; the catch-all holds an `i64`.
    Integer(i64),
}

/// `oneOf`/`anyOf`: an enum with one newtype variant per member.
#[derive(Debug, Clone)]
pub struct UnionModel {
    /// How serde tells the variants apart.
    pub tagging: UnionTagging,
    /// Variants; for [`UnionTagging::Untagged`] most specific first, the
    /// order in which equally ranked variants are tried.
    pub variants: Vec<UnionVariant>,
    /// The `x-id-property` extension: every variant is an integer ID or an
    /// object holding the ID in this property, and the enum gets an `id()`
    /// accessor. Validated in lowering.
    pub id_property: Option<String>,
}

/// How a union is (de)serialized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnionTagging {
    /// No usable discriminator: written as the variant's value; read by
    /// trying the variants on the buffered value, ranked by the tags and keys
    /// they declare when that can tell them apart (see `emit/model/union.rs`),
    /// otherwise in order.
    Untagged,
    /// `#[serde(tag = "...")]`: the discriminator property is not a property
    /// of any variant, serde adds and removes it.
    Internal {
        /// The discriminator property.
        property: String,
    },
    /// The discriminator property is a property of every variant: serialized
    /// untagged, deserialized by reading the property and picking the variant;
    /// a value no variant lists lands in a catch-all variant.
    Dispatch {
        /// The discriminator property.
        property: String,
        /// The catch-all variant's name: `Unknown`, or `Unknown2`, ... when
        /// a member's variant has the name (claimed after them in their
        /// scope).
        unknown_variant: RustName,
    },
}

/// One variant of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Unique Rust variant name.
    pub name: RustName,
    /// The variant's content.
    pub ty: TypeRef,
    /// Discriminator values that select this variant (tagged unions only).
    pub tag_values: Vec<String>,
}

/// The operations of one tag: one file under `apis/`.
#[derive(Debug, Clone)]
pub struct OperationGroup {
    /// Module and file stem, snake case (`deals`).
    pub module: RustName,
    /// The group's struct, which holds its methods (`DealsApi`): unique
    /// because the modules are, and alone in its module with the builders,
    /// whose names never end in `Api`.
    pub struct_name: RustName,
    /// The tag as written in the spec (`Deals`).
    pub tag: String,
    /// The tag's description, if any.
    pub docs: Option<String>,
    /// Operations in spec order.
    pub operations: Vec<Operation>,
}

/// One operation: a builder struct and a method on its group.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The method on the group, snake case and unique within the group
    /// (`get_deal`).
    pub method_name: RustName,
    /// The builder struct, `UpperCamelCase` and unique within the group
    /// (`GetDealRequest`).
    pub builder_name: RustName,
    /// `operationId`, or the name derived from method and path when missing.
    pub operation_id: String,
    /// The HTTP method in upper case (`GET`).
    pub http_method: HttpMethod,
    /// The path template as written in the spec (`/deals/{id}`).
    pub path: String,
    /// `summary`, as Markdown.
    pub summary: Option<String>,
    /// `description`, as Markdown.
    pub description: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// The `x-deprecation-note` extension of a deprecated operation: why it
    /// is deprecated and what to use instead, emitted as
    /// `#[deprecated(note = ...)]`.
    pub deprecation_note: Option<String>,
    /// Parameters in spec order (path-level ones first), with unique Rust names.
    pub parameters: Vec<Parameter>,
    /// The request body, if the operation takes one.
    pub body: Option<RequestBody>,
    /// What the operation returns, per status.
    pub responses: Responses,
    /// The operation declares `security: []`: no credentials are sent.
    pub no_auth: bool,
    /// Paging declared by the `x-pagination` extension.
    pub pagination: Option<Pagination>,
}

/// An HTTP method an operation can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
}

impl HttpMethod {
    /// The method as written in a request line (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
            Self::Patch => "PATCH",
            Self::Trace => "TRACE",
        }
    }
}

/// One parameter of an operation.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// The name on the wire (`start`, `X-Request-Id`).
    pub wire_name: String,
    /// The Rust field and setter name, unique within the operation.
    pub rust_name: RustName,
    /// Where the parameter is sent.
    pub location: ParameterLocation,
    /// The parameter's type, without the `Option` of an optional parameter.
    pub type_ref: TypeRef,
    /// Required parameters are arguments of the group method; optional ones
    /// are builder setters.
    pub required: bool,
    /// The `x-explicit-omission` extension of an optional parameter whose
    /// absence does something drastic (Pipedrive's `deleteManyDealProducts`
    /// without `ids` deletes every product of the deal): the group method
    /// takes the parameter as an argument, and only a second group method
    /// with this name sends the operation without it. Such a parameter has
    /// no setter.
    pub explicit_omission: Option<RustName>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// The parameter's description, as Markdown.
    pub docs: Option<String>,
}

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterLocation {
    /// A path segment, percent-encoded.
    Path,
    /// The query string, serialized with the given style.
    Query(QueryStyle),
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

/// How a query parameter is serialized (`crate::runtime::QueryStyle`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `style: form`; `explode: true` repeats the key per array item.
    Form {
        /// Repeat the key per array item instead of joining with commas.
        explode: bool,
    },
    /// `style: spaceDelimited`.
    SpaceDelimited,
    /// `style: pipeDelimited`.
    PipeDelimited,
    /// `style: deepObject`.
    DeepObject,
}

/// The request body of an operation.
#[derive(Debug, Clone)]
pub struct RequestBody {
    /// The first content type's Rust type; when [`RequestBody::body_enum`] is
    /// `None`, every content type has this type.
    pub type_ref: TypeRef,
    /// Whether the body must be sent (an argument of the group method) or may
    /// be left out (a `body` setter).
    pub required: bool,
    /// The content types the body can be sent as, the default first: the
    /// first JSON content type when there is one (JSON carries `null` and
    /// nested objects, which a form cannot), else the first the spec lists;
    /// the others in spec order. Never empty.
    pub contents: Vec<BodyContent>,
    /// When content types have different Rust types: the name of the
    /// per-operation enum with one variant per content type, whose variant
    /// also picks the encoding.
    pub body_enum: Option<RustName>,
    /// When there are several content types that share one Rust type: the
    /// name of the per-operation enum the builder's `content_type` setter
    /// takes, one variant per content type (`AddDealContentType`). `None`
    /// when the body enum's variant picks the encoding, or there is one.
    pub content_type_enum: Option<RustName>,
    /// The body's description, as Markdown.
    pub docs: Option<String>,
}

/// One content type a request body can be sent as.
#[derive(Debug, Clone)]
pub struct BodyContent {
    /// The media type as sent in `Content-Type` (`application/json`).
    pub media_type: String,
    /// How the body is encoded.
    pub encoding: BodyEncoding,
    /// The variant name in the per-operation content type or body enum
    /// (`Json`, `Form`, `TextCsv`).
    pub variant_name: RustName,
    /// The body's Rust type in this content type.
    pub type_ref: TypeRef,
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// JSON (`application/json` and `+json` types).
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`, one part per field.
    Multipart,
    /// Raw bytes with the given media type.
    Bytes,
    /// Text with the given media type.
    Text,
}

/// What an operation returns, by status.
#[derive(Debug, Clone, Default)]
pub struct Responses {
    /// Success responses (2xx codes and the `2XX` range) in spec order. When
    /// there are none, a `default` response is the success response.
    pub success: Vec<SuccessResponse>,
    /// Error responses (every other code or range, then `default`), in spec
    /// order with `default` last.
    pub errors: Vec<Response>,
    /// When several success responses have different bodies: the name of the
    /// per-operation enum with one variant per success response.
    pub success_enum: Option<RustName>,
    /// How the error responses are decoded, arm by arm. It depends on what
    /// the error bodies' models are, so lowering decides it in a last pass,
    /// once every model is final (`lower/operation/error_arms.rs`).
    pub error_decoding: ErrorDecoding,
}

/// How the private `decode_error` decodes a response whose status is not a
/// success: the arms of its `match` in order, then the catch-all.
#[derive(Debug, Clone, Default)]
pub struct ErrorDecoding {
    /// Arms for codes (those that decode alike share one, in the order of
    /// their first code), then one per declared range.
    pub arms: Vec<ErrorArm>,
    /// How every other status is decoded: `default`'s body, or
    /// `unexpected()` when there is no `default`.
    pub catch_all: ErrorDecode,
}

/// One arm of `decode_error`.
#[derive(Debug, Clone)]
pub struct ErrorArm {
    /// The statuses it matches.
    pub statuses: ErrorStatuses,
    /// How their body is decoded.
    pub decode: ErrorDecode,
}

/// The statuses of one arm of `decode_error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorStatuses {
    /// These codes, ascending, no duplicates.
    Codes(Vec<u16>),
    /// A range such as `4XX`: the hundreds digit.
    Range(u16),
}

/// How one error status is decoded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ErrorDecode {
    /// Into the named struct, enum or union model (which implements
    /// `ErrorBody`).
    Model(RustName),
    /// Into `serde_json::Value`: a body that is not JSON, or whose type is
    /// no generated struct, enum or union.
    Json,
    /// `unexpected()`: no body was declared for the status.
    #[default]
    Unexpected,
}

/// A success response with its name in the per-operation success enum.
#[derive(Debug, Clone)]
pub struct SuccessResponse {
    /// The variant name in the per-operation success enum (`Created`),
    /// unique among the operation's success responses.
    pub variant_name: RustName,
    /// The response.
    pub response: Response,
}

/// One declared response.
#[derive(Debug, Clone)]
pub struct Response {
    /// Which statuses it covers.
    pub status: StatusMatch,
    /// How its body is decoded.
    pub body: ResponseBody,
    /// The response's description, as Markdown.
    pub docs: Option<String>,
}

/// The statuses a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatch {
    /// One status code.
    Code(u16),
    /// A range such as `4XX`: the hundreds digit.
    Range(u16),
    /// `default`: every status not declared otherwise.
    Default,
}

/// How a response body is decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseBody {
    /// JSON into the given type.
    Json(TypeRef),
    /// Text (`text/*`).
    Text,
    /// Raw bytes (any other media type).
    Bytes,
    /// No content.
    Empty,
}

/// Paging declared with the `x-pagination` extension.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// Offset or cursor paging.
    pub kind: PaginationKind,
    /// The query parameter the runtime sets per page.
    pub param: String,
    /// JSON pointer to the page's items in the response body.
    pub items: String,
    /// JSON pointer to the next offset or cursor.
    pub next: String,
    /// JSON pointer to the "more items" flag, if any.
    pub has_more: Option<String>,
    /// The Rust type of one item.
    pub item_type: TypeRef,
}

/// How pages are addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaginationKind {
    /// A numeric offset.
    Offset,
    /// An opaque cursor.
    Cursor,
}

/// One entry of `servers`.
#[derive(Debug, Clone)]
pub struct Server {
    /// The URL template, e.g. `https://{companydomain}.pipedrive.com/api/v1`.
    pub url: String,
    /// The server's description.
    pub description: Option<String>,
    /// Variables with their defaults (OpenAPI requires one), in spec order.
    pub variables: Vec<(String, String)>,
    /// The function that builds the URL from its variables; `None` for a
    /// server without variables.
    pub url_function: Option<ServerUrlFunction>,
}

/// The generated function that builds a server's URL from its variables.
#[derive(Debug, Clone)]
pub struct ServerUrlFunction {
    /// The function's name (`server_url_companydomain`), unique among the
    /// servers' functions.
    pub name: RustName,
    /// The argument of each variable, in the order of
    /// [`Server::variables`], unique within the function.
    pub arguments: Vec<RustName>,
}

/// One entry of `components.securitySchemes`.
#[derive(Debug, Clone)]
pub struct SecurityScheme {
    /// The scheme's name in the spec (`api_key`).
    pub name: String,
    /// The function of the generated `auth` module it becomes (`api_key`).
    pub method: RustName,
    /// How a credential is sent.
    pub kind: SecuritySchemeKind,
    /// The scheme's description.
    pub docs: Option<String>,
}

/// One function of the `auth` module at the root of a crate made from
/// several specs.
#[derive(Debug, Clone)]
pub struct CrateSecurityScheme {
    /// The scheme, its `method` the function's name at the root.
    pub scheme: SecurityScheme,
    /// The modules of the specs that declare it alike, in the specs' order.
    pub modules: Vec<String>,
}

/// How a credential is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecuritySchemeKind {
    /// An API key in a header.
    ApiKeyHeader(String),
    /// An API key in the query string.
    ApiKeyQuery(String),
    /// An API key in a cookie.
    ApiKeyCookie(String),
    /// `Authorization: Bearer <token>` (HTTP bearer or OAuth 2 / OpenID Connect).
    Bearer,
    /// `Authorization: Basic ...`.
    Basic,
}
