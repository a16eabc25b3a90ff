//! The intermediate representation: everything emission needs, already
//! validated, named and ordered. Emission reads it and cannot fail.
//!
//! Ownership: the model half (`Model`, `TypeRef`, ...) belongs to schema
//! lowering (`lower/schema.rs`), the operation half (`Operation`, ...) to
//! operation lowering (`lower/operation.rs`).

use crate::JsonPointer;

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
    /// A generated model, by its unique Rust name (`models::<name>`).
    Named(String),
    /// A scalar with a fixed Rust type.
    Primitive(Primitive),
    /// `::std::vec::Vec<T>`.
    Vec(Box<TypeRef>),
    /// A map with string keys and values of the given type.
    Map(Box<TypeRef>),
    /// `::std::option::Option<T>`.
    Option(Box<TypeRef>),
    /// `::std::boxed::Box<T>`, to break recursion.
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
    /// `number` `float` → `f32`.
    F32,
    /// `number` (no format or `double`) → `f64`.
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
}

/// A named, generated type (one file under `models/`).
#[derive(Debug, Clone)]
pub struct Model {
    /// Unique Rust type name.
    pub name: String,
    /// File stem under `models/` (unique, snake case).
    pub file_stem: String,
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

/// Placeholder: schema lowering defines the fields.
#[derive(Debug, Clone, Default)]
pub struct StructModel {}

/// Placeholder: schema lowering defines the fields.
#[derive(Debug, Clone, Default)]
pub struct EnumModel {}

/// Placeholder: schema lowering defines the fields.
#[derive(Debug, Clone, Default)]
pub struct UnionModel {}

/// The operations of one tag: one file under `apis/`.
#[derive(Debug, Clone)]
pub struct OperationGroup {
    /// Module and file stem, snake case (`deals`).
    pub module: String,
    /// The tag as written in the spec (`Deals`).
    pub tag: String,
    /// The tag's description, if any.
    pub docs: Option<String>,
    /// Operations in spec order.
    pub operations: Vec<Operation>,
}

/// Placeholder: operation lowering defines the fields.
#[derive(Debug, Clone, Default)]
pub struct Operation {}

/// One entry of `servers`.
#[derive(Debug, Clone)]
pub struct Server {
    /// The URL template, e.g. `https://{companydomain}.pipedrive.com/api/v1`.
    pub url: String,
    /// The server's description.
    pub description: Option<String>,
    /// Variables with their defaults, in spec order.
    pub variables: Vec<(String, Option<String>)>,
}

/// One entry of `components.securitySchemes`.
#[derive(Debug, Clone)]
pub struct SecurityScheme {
    /// The scheme's name in the spec (`api_key`).
    pub name: String,
    /// The builder method it becomes (`api_key`).
    pub method: String,
    /// How a credential is sent.
    pub kind: SecuritySchemeKind,
    /// The scheme's description.
    pub docs: Option<String>,
}

/// How a credential is sent.
#[derive(Debug, Clone)]
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
