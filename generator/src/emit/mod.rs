//! Emission: IR → token streams → formatted files with the `@generated` header.
//!
//! The generated module tree (mounted at `crate::generated` by whoever
//! includes it; generated code names its own items through that path):
//!
//! - `mod.rs`: lint settings, `pub mod apis; pub mod models;` and the
//!   contents of `client.rs` re-exported.
//! - `client.rs`: the `Client` wrapping the runtime's, its `ClientBuilder`,
//!   default server, server URLs, the `auth` module of credential functions,
//!   `ErrorBody` implementations ([`client`]).
//! - `models/mod.rs` and one `models/<file_stem>.rs` per model.
//! - `apis/mod.rs` and one `apis/<module>.rs` per operation group
//!   ([`operation`]).
//!
//! Files are returned sorted by path.
//!
//! Several specs can share one crate ([`emit_module`], [`emit_crate_root`]):
//! each spec's tree above is emitted under `<module>/` and mounted at
//! `crate::generated::<module>`, its `client.rs` holding the module's `Api`
//! view instead of a client; the tree's own `mod.rs` declares the modules,
//! and its `client.rs` holds the one `Client` they share
//! ([`client::emit_crate_client`]).

mod client;
mod model;
pub(crate) mod operation;
pub(crate) mod types;

pub(crate) use self::client::SpecModule;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use self::types::Mount;
use crate::ir::{Api, Model, ModelKind, OperationGroup, TypeRef};
use crate::members::RootItem;
use crate::naming::RustName;
use crate::{GeneratedFile, Options};

/// How many threads emission uses at most.
const MAXIMUM_EMIT_THREADS: usize = 8;

/// How many file parts a thread gets at least (fewer parts run on fewer
/// threads).
const MINIMUM_PARTS_PER_THREAD: usize = 32;

/// Emits every file of the generated module tree, sorted by path.
///
/// Each file is emitted and formatted in parts (a model file is one part, an
/// operation group's file one part for the group and one per operation), so
/// the work is spread over the machine's cores: threads take the next part
/// from a shared queue, heaviest first, so that one large operation group
/// does not leave the other threads idle at the end. prettyplease prints a
/// file's items one after the other, so the printed parts joined in order
/// are the file printed whole. Parts are independent and the output is
/// sorted, so the result is the same on every machine, and a part's tokens
/// are dropped as soon as it is printed.
pub(crate) fn emit(api: &Api, options: &Options) -> Vec<GeneratedFile> {
    emit_tree(api, options, Mount::Tree)
}

/// Emits the files of a spec that lives in `module` of a crate made from
/// several specs: the same tree as [`emit`], under `<module>/`, with every
/// path through `crate::generated::<module>`.
pub(crate) fn emit_module(api: &Api, options: &Options, module: &RustName) -> Vec<GeneratedFile> {
    let mut files = emit_tree(api, options, Mount::Module(module));
    for file in &mut files {
        file.path = format!("{module}/{}", file.path);
    }
    files
}

/// The two files of the tree's root for a crate made from several specs:
/// `mod.rs`, declaring one public module per spec, and `client.rs`, with
/// the `Client` they share. `options` names every spec in the header.
pub(crate) fn emit_crate_root(
    specs: &[client::SpecModule<'_>],
    schemes: &[crate::ir::CrateSecurityScheme],
    options: &Options,
) -> Vec<GeneratedFile> {
    let header = header(options);
    let modules = specs.iter().map(|spec| {
        let module = spec.module.ident();
        let docs = format!(
            " {} (version {}).",
            spec.api.title.trim(),
            spec.api.version.trim()
        );
        quote! {
            #[doc = #docs]
            pub mod #module;
        }
    });
    let client = RootItem::Client;
    let client_file = format!("{}.rs", client.name());
    let root = quote! {
        //! The generated modules, one per spec, and the client they share.
        #(#modules)*
        mod #client;

        pub use self::#client::*;
    };
    vec![
        GeneratedFile {
            path: client_file.clone(),
            contents: format_part(
                Some(&header),
                &client_file,
                FileBody::items(client::emit_crate_client(specs, schemes)),
            ),
        },
        GeneratedFile {
            path: "mod.rs".to_owned(),
            contents: format_part(Some(&header), "mod.rs", FileBody::items(root)),
        },
    ]
}

/// The files of one spec's tree, its code mounted at `crate::generated`
/// or at `crate::generated::<module>`.
fn emit_tree(api: &Api, options: &Options, mount: Mount<'_>) -> Vec<GeneratedFile> {
    let cx = Context::new(api, mount);
    let header = header(options);
    let jobs: Vec<(String, FileJob<'_>)> = file_jobs(api).into_iter().collect();
    let mut tasks: Vec<(usize, usize)> = jobs
        .iter()
        .enumerate()
        .flat_map(|(file, (_, job))| (0..job.parts()).map(move |part| (file, part)))
        .collect();
    // A stable sort: equal weights keep path order.
    tasks.sort_by_key(|&(file, part)| std::cmp::Reverse(jobs[file].1.weight(part)));
    let available = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let threads = available
        .min(MAXIMUM_EMIT_THREADS)
        .min(tasks.len() / MINIMUM_PARTS_PER_THREAD)
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || -> Vec<(usize, usize, String)> {
        let mut printed = Vec::new();
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&(file, part)) = tasks.get(index) else {
                return printed;
            };
            let (path, job) = &jobs[file];
            let file_header = (part == 0).then_some(header.as_str());
            let text = format_part(file_header, path, job.emit(part, api, &cx));
            printed.push((file, part, text));
        }
    };
    let mut printed: Vec<(usize, usize, String)> = if threads == 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            handles
                .into_iter()
                .flat_map(|handle| match handle.join() {
                    Ok(printed) => printed,
                    // A panic in emission is a generator bug: pass it on.
                    Err(payload) => std::panic::resume_unwind(payload),
                })
                .collect()
        })
    };
    // Files in path order (`jobs` is), parts in order.
    printed.sort_by_key(|&(file, part, _)| (file, part));
    let mut files: Vec<GeneratedFile> = jobs
        .iter()
        .map(|(path, _)| GeneratedFile {
            path: path.clone(),
            contents: String::new(),
        })
        .collect();
    for (file, _, text) in printed {
        files[file].contents.push_str(&text);
    }
    files
}

/// The `@generated` header line every file starts with.
fn header(options: &Options) -> String {
    format!(
        "// @generated by {} from {}. Do not edit.\n",
        options.regenerate_command, options.spec_display_path
    )
}

/// One file of the generated tree, before emission.
enum FileJob<'a> {
    /// `mod.rs`.
    Root,
    /// `client.rs`.
    Client,
    /// `models/mod.rs`.
    ModelsModule,
    /// `models/<file_stem>.rs`.
    Model(&'a Model),
    /// `apis/mod.rs`.
    ApisModule,
    /// `apis/<module>.rs`.
    Group(&'a OperationGroup),
}

impl FileJob<'_> {
    /// How many parts the file is emitted in: one, or for an operation
    /// group, the group's own items and then each operation's.
    fn parts(&self) -> usize {
        match self {
            FileJob::Group(group) => 1 + group.operations.len(),
            _ => 1,
        }
    }

    /// A rough measure of a part's size, to emit large parts first.
    fn weight(&self, part: usize) -> usize {
        match self {
            FileJob::Root | FileJob::Client | FileJob::ModelsModule | FileJob::ApisModule => 1,
            FileJob::Model(model) => match &model.kind {
                ModelKind::Struct(object) => 2 + object.fields.len(),
                ModelKind::Enum(_) | ModelKind::Alias(_) => 2,
                ModelKind::Union(union) => 2 + union.variants.len(),
            },
            // The group's methods, about two fields' worth each.
            FileJob::Group(group) if part == 0 => 2 * group.operations.len(),
            // An operation's builder costs about as much as a dozen fields.
            FileJob::Group(_) => 12,
        }
    }

    /// One part of the file, before formatting.
    fn emit(&self, part: usize, api: &Api, cx: &Context<'_>) -> FileBody {
        let tokens = match self {
            FileJob::Root => emit_root(api),
            FileJob::Client => client::emit_client(api, cx),
            FileJob::ModelsModule => emit_models_module(api),
            FileJob::Model(model) => return model::emit_model(model, cx),
            FileJob::ApisModule => emit_apis_module(api, cx.mount()),
            FileJob::Group(group) => match part.checked_sub(1) {
                None => operation::emit_group(group, cx),
                Some(operation) => operation::emit_group_operation(group, operation, cx),
            },
        };
        FileBody::items(tokens)
    }
}

/// Every file of the tree by relative path (a later file with the same path
/// replaces an earlier one).
fn file_jobs(api: &Api) -> BTreeMap<String, FileJob<'_>> {
    let mut jobs = BTreeMap::new();
    jobs.insert("mod.rs".to_owned(), FileJob::Root);
    jobs.insert(format!("{}.rs", RootItem::Client.name()), FileJob::Client);
    jobs.insert("models/mod.rs".to_owned(), FileJob::ModelsModule);
    for model in &api.models {
        jobs.insert(
            format!("models/{}.rs", model.file_stem),
            FileJob::Model(model),
        );
    }
    jobs.insert("apis/mod.rs".to_owned(), FileJob::ApisModule);
    for group in &api.groups {
        jobs.insert(format!("apis/{}.rs", group.module), FileJob::Group(group));
    }
    jobs
}

/// One file before formatting.
pub(crate) struct FileBody {
    /// Items for `prettyplease` to print.
    pub(crate) tokens: TokenStream,
    /// Macro calls written out as text, one line per entry, that follow the
    /// items: the structs' `object!` tables. prettyplease would fill a macro
    /// call's tokens like a paragraph of prose; as text, a field added to
    /// the spec is one added line in the diff, and the file costs nothing
    /// to format.
    pub(crate) tables: String,
}

impl FileBody {
    /// A file of items only.
    pub(crate) fn items(tokens: TokenStream) -> Self {
        FileBody {
            tokens,
            tables: String::new(),
        }
    }
}

/// Formats one part of a file: for the first part, the header line and an
/// attribute that keeps `cargo fmt` away from the file; then the tokens
/// printed by `prettyplease`, then the tables. Tokens that do not parse are a
/// generator bug; the part then holds a `compile_error!` naming the file, so
/// that the bug surfaces where the file is compiled.
fn format_part(header: Option<&str>, path: &str, body: FileBody) -> String {
    let FileBody { tokens, tables } = body;
    let file = syn::parse2::<syn::File>(tokens).or_else(|error| {
        let message = format!("generator bug: the generated `{path}` does not parse: {error}");
        syn::parse2::<syn::File>(quote! { ::core::compile_error!(#message); })
    });
    let mut text = header.map_or_else(String::new, |header| format!("{header}\n"));
    match file {
        Ok(mut file) => {
            if header.is_some() {
                // Added to the parsed file rather than to the tokens, which
                // would copy every token of the file once more.
                let skip_rustfmt: syn::Attribute = syn::parse_quote! {
                    #![cfg_attr(rustfmt, rustfmt::skip)]
                };
                file.attrs.insert(0, skip_rustfmt);
            }
            text.push_str(&prettyplease::unparse(&file));
            text.push_str(&tables);
        }
        Err(_) => {
            text.push_str(&format!(
                "::core::compile_error!(\"generator bug: {path} does not parse\");\n"
            ));
        }
    }
    text
}

/// `mod.rs`: lint settings for the whole tree, the API's description, and
/// the submodules.
fn emit_root(api: &Api) -> TokenStream {
    let title = format!(" {} (version {}).", api.title.trim(), api.version.trim());
    let client = RootItem::Client;
    let description = api.description.iter().flat_map(|text| {
        std::iter::once(String::new()).chain(text.lines().map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        }))
    });
    quote! {
        #![allow(
            clippy::too_many_arguments,
            reason = "group methods take every required parameter of an operation as an argument"
        )]
        #![allow(
            clippy::large_enum_variant,
            reason = "success enums and unions hold their models inline, as the spec nests them"
        )]
        #![allow(
            deprecated,
            reason = "deprecated operations, parameters and models are still generated and refer to each other"
        )]
        #![allow(
            clippy::should_implement_trait,
            clippy::wrong_self_convention,
            reason = "method names come from the spec's operation and parameter names (`add`, `is_active`)"
        )]
        #![allow(clippy::module_inception, reason = "a tag or schema may share its module's name")]
        #![allow(
            clippy::enum_variant_names,
            reason = "variant names come from the spec's values, which often share a suffix"
        )]
        #![doc = #title]
        #( #![doc = #description] )*

        pub mod apis;
        mod #client;
        pub mod models;

        pub use self::#client::*;
    }
}

/// `models/mod.rs`: one private module per model, re-exported.
fn emit_models_module(api: &Api) -> TokenStream {
    let modules = api.models.iter().map(|model| {
        let module = model.file_stem.ident();
        quote! {
            mod #module;
            pub use self::#module::*;
        }
    });
    quote! {
        //! The API's data types, one file per schema.
        #(#modules)*
    }
}

/// `apis/mod.rs`: one public module per operation group.
fn emit_apis_module(api: &Api, mount: Mount<'_>) -> TokenStream {
    let modules = api.groups.iter().map(|group| {
        let module = group.module.ident();
        quote! { pub mod #module; }
    });
    let owner = match mount {
        Mount::Module(_) => "the module's `Api`",
        Mount::Tree => "`Client`",
    };
    let docs = [
        " The API's operations, one module per tag. Each module adds a".to_owned(),
        format!(" method to {owner} that returns the tag's operations."),
    ];
    let docs = quote! { #( #![doc = #docs] )* };
    quote! {
        #docs
        #(#modules)*
    }
}

/// What emitting a part of a spec's tree needs besides the IR item it
/// prints: the models by name, for the questions emission asks about them,
/// and where the tree is mounted, for every path to the spec's own items.
pub(crate) struct Context<'a> {
    by_name: BTreeMap<&'a str, &'a Model>,
    mount: Mount<'a>,
}

impl<'a> Context<'a> {
    /// The context of `api`'s tree, mounted at `mount`.
    pub(crate) fn new(api: &'a Api, mount: Mount<'a>) -> Self {
        Self {
            by_name: api
                .models
                .iter()
                .map(|model| (model.name.as_str(), model))
                .collect(),
            mount,
        }
    }

    /// The model named `name`.
    pub(crate) fn model(&self, name: &str) -> Option<&'a Model> {
        self.by_name.get(name).copied()
    }

    /// Where the tree is mounted.
    pub(crate) fn mount(&self) -> Mount<'a> {
        self.mount
    }

    /// The Rust type for a type reference, models named through the mount.
    pub(crate) fn type_tokens(&self, type_ref: &TypeRef) -> TokenStream {
        self.mount.type_tokens(type_ref)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_does_not_parse_becomes_a_compile_error() {
        let contents = format_part(
            Some("// header\n"),
            "apis/broken.rs",
            FileBody::items(quote! { pub fn }),
        );
        assert!(contents.starts_with("// header\n"), "{contents}");
        assert!(contents.contains("compile_error!"), "{contents}");
        assert!(contents.contains("apis/broken.rs"), "{contents}");
    }

    #[test]
    fn a_file_that_parses_is_formatted_behind_the_header() {
        let contents = format_part(
            Some("// header\n"),
            "client.rs",
            FileBody::items(quote! { pub const A: u8 = 1; }),
        );
        assert_eq!(
            contents,
            "// header\n\n#![cfg_attr(rustfmt, rustfmt::skip)]\npub const A: u8 = 1;\n"
        );
    }
}
