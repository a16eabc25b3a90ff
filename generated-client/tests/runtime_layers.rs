//! The runtime's modules are layered: no module uses, directly or through
//! others, a module that uses it back.
//!
//! The test parses every file of `src/runtime/` with `syn`, reads which of the
//! runtime's modules each one names (in `use` items and in paths written in
//! code: `super::request::Request`, `crate::runtime::Error`, an item the
//! runtime's `mod.rs` re-exports), and fails on a cycle, naming it. A path it
//! cannot place in a module (a glob import of the runtime's root, an item the
//! root does not re-export) also fails, so that nothing escapes the check.
//! Submodules (`types/extra_fields.rs`, a `mod tests` in a file) count as
//! their top-level module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

/// Which top-level runtime modules each top-level runtime module uses.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// What the resolution of paths needs to know about the runtime.
struct Runtime {
    /// The top-level modules (`client`, `request`, `types`, ...).
    modules: BTreeSet<String>,
    /// The items the runtime's root re-exports, with the module each comes
    /// from (`Request` → `request`).
    reexports: BTreeMap<String, String>,
}

/// One source file: its module path inside the runtime (`["types",
/// "extra_fields"]`; empty for `mod.rs`) and its text.
struct SourceFile {
    module: Vec<String>,
    text: String,
}

/// Every `.rs` file under `directory`, with its module path.
fn runtime_files(directory: &Path, module: &[String], files: &mut Vec<SourceFile>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(directory)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", directory.display()))
        .flatten()
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    for path in entries {
        let Some(stem) = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
        else {
            continue;
        };
        let mut child = module.to_vec();
        if stem != "mod" {
            child.push(stem);
        }
        if path.is_dir() {
            runtime_files(&path, &child, files);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
            files.push(SourceFile {
                module: child,
                text,
            });
        }
    }
}

/// The paths a `use` tree imports, as segments (a glob ends at its prefix).
fn use_paths(tree: &syn::UseTree, prefix: &mut Vec<String>, paths: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            use_paths(&path.tree, prefix, paths);
            prefix.pop();
        }
        syn::UseTree::Name(name) => {
            let mut path = prefix.clone();
            path.push(name.ident.to_string());
            paths.push(path);
        }
        syn::UseTree::Rename(rename) => {
            let mut path = prefix.clone();
            path.push(rename.ident.to_string());
            paths.push(path);
        }
        syn::UseTree::Glob(_) => paths.push(prefix.clone()),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                use_paths(tree, prefix, paths);
            }
        }
    }
}

/// The paths written in code that start with `super`, `self`, `crate` or
/// `$crate` followed by `::`, as segments (`$crate` as `crate`).
fn code_paths(tokens: TokenStream, paths: &mut Vec<Vec<String>>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let is_separator = |index: usize| {
        matches!(
            (tokens.get(index), tokens.get(index + 1)),
            (Some(TokenTree::Punct(first)), Some(TokenTree::Punct(second)))
                if first.as_char() == ':' && second.as_char() == ':'
        )
    };
    let mut index = 0;
    while index < tokens.len() {
        match &tokens[index] {
            TokenTree::Group(group) => code_paths(group.stream(), paths),
            TokenTree::Ident(ident)
                if matches!(ident.to_string().as_str(), "super" | "self" | "crate")
                    && is_separator(index + 1)
                    && !(index >= 2 && is_separator(index - 2)) =>
            {
                let mut path = vec![ident.to_string()];
                let mut next = index + 1;
                while is_separator(next) {
                    match tokens.get(next + 2) {
                        Some(TokenTree::Ident(segment)) => {
                            path.push(segment.to_string());
                            next += 3;
                        }
                        _ => break,
                    }
                }
                paths.push(path);
                index = next;
                continue;
            }
            _ => {}
        }
        index += 1;
    }
}

/// Every runtime-relative path a file names, with the module path of the
/// place it is written (an inline `mod` adds a level).
fn file_paths(items: &[syn::Item], module: &[String], paths: &mut Vec<(Vec<String>, Vec<String>)>) {
    for item in items {
        match item {
            syn::Item::Use(item_use) => {
                let mut found = Vec::new();
                use_paths(&item_use.tree, &mut Vec::new(), &mut found);
                paths.extend(found.into_iter().map(|path| (module.to_vec(), path)));
            }
            syn::Item::Mod(item_mod) => {
                if let Some((_, content)) = &item_mod.content {
                    let mut inner = module.to_vec();
                    inner.push(item_mod.ident.to_string());
                    file_paths(content, &inner, paths);
                }
            }
            other => {
                let mut found = Vec::new();
                code_paths(other.to_token_stream(), &mut found);
                paths.extend(found.into_iter().map(|path| (module.to_vec(), path)));
            }
        }
    }
}

/// The top-level runtime module a path written in `module` names, `None` for
/// a path outside the runtime (`std::fmt`, `crate::generated`, a local name),
/// or why it cannot be told.
fn resolve(
    runtime: &Runtime,
    module: &[String],
    path: &[String],
) -> Result<Option<String>, String> {
    let (base, rest): (Vec<String>, &[String]) = match path.first().map(String::as_str) {
        Some("crate") => match path.get(1).map(String::as_str) {
            Some("runtime") => (Vec::new(), &path[2..]),
            _ => return Ok(None),
        },
        Some("self") => (module.to_vec(), &path[1..]),
        Some("super") => {
            let ups = path
                .iter()
                .take_while(|segment| *segment == "super")
                .count();
            if ups > module.len() {
                return Err("goes above the runtime with `super`".to_owned());
            }
            (module[..module.len() - ups].to_vec(), &path[ups..])
        }
        _ => return Ok(None),
    };
    let first = base.first().or(rest.first());
    match first {
        None => Err("imports the runtime's root as a whole".to_owned()),
        Some(name) if runtime.modules.contains(name) => Ok(Some(name.clone())),
        Some(name) => match runtime.reexports.get(name) {
            Some(owner) => Ok(Some(owner.clone())),
            None => Err(format!(
                "names `{name}`, which is neither a runtime module nor re-exported by its root"
            )),
        },
    }
}

/// Parses the runtime's files into the graph of its top-level modules.
fn module_graph(files: &[SourceFile]) -> Result<Graph, String> {
    let mut parsed = Vec::new();
    for file in files {
        let tokens = TokenStream::from_str(&file.text)
            .map_err(|error| format!("{}: {error}", file.module.join("::")))?;
        let syntax: syn::File =
            syn::parse2(tokens).map_err(|error| format!("{}: {error}", file.module.join("::")))?;
        parsed.push((file, syntax));
    }
    let mut runtime = Runtime {
        modules: files
            .iter()
            .filter_map(|file| file.module.first().cloned())
            .collect(),
        reexports: BTreeMap::new(),
    };
    for (file, syntax) in &parsed {
        if !file.module.is_empty() {
            continue;
        }
        for item in &syntax.items {
            if let syn::Item::Use(item_use) = item {
                let mut found = Vec::new();
                use_paths(&item_use.tree, &mut Vec::new(), &mut found);
                for path in found {
                    if let (Some(owner), Some(name)) = (path.get(1), path.last())
                        && path.first().is_some_and(|segment| segment == "self")
                    {
                        runtime.reexports.insert(name.clone(), owner.clone());
                    }
                }
            }
        }
    }
    let mut graph = Graph::new();
    for (file, syntax) in &parsed {
        let Some(from) = file.module.first() else {
            // The root only declares and re-exports the modules.
            continue;
        };
        let edges = graph.entry(from.clone()).or_default();
        let mut paths = Vec::new();
        file_paths(&syntax.items, &file.module, &mut paths);
        for (module, path) in paths {
            match resolve(&runtime, &module, &path) {
                Ok(Some(to)) if to != *from => {
                    edges.insert(to);
                }
                Ok(_) => {}
                Err(reason) => {
                    return Err(format!(
                        "`{}` in runtime::{} {reason}",
                        path.join("::"),
                        module.join("::")
                    ));
                }
            }
        }
    }
    Ok(graph)
}

/// A cycle of the graph (`a → b → a`), if it has one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        graph: &Graph,
        node: &str,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = stack.iter().position(|entry| entry == node) {
            let mut cycle = stack[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(graph, next, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(graph, node, &mut Vec::new(), &mut done))
}

/// The modules in layers: each uses only modules of the layers before it.
fn layers(graph: &Graph) -> Vec<Vec<String>> {
    let mut placed: BTreeSet<String> = BTreeSet::new();
    let mut layers = Vec::new();
    while placed.len() < graph.len() {
        let layer: Vec<String> = graph
            .iter()
            .filter(|(node, uses)| !placed.contains(*node) && uses.is_subset(&placed))
            .map(|(node, _)| node.clone())
            .collect();
        if layer.is_empty() {
            break;
        }
        placed.extend(layer.iter().cloned());
        layers.push(layer);
    }
    layers
}

/// Builds the graph of a made-up runtime and checks its cycle.
fn check(files: &[(&str, &str)], expected: Result<Option<&str>, &str>) {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(module, text)| SourceFile {
            module: module
                .split("::")
                .filter(|segment| !segment.is_empty())
                .map(str::to_owned)
                .collect(),
            text: (*text).to_owned(),
        })
        .collect();
    let found = module_graph(&files).map(|graph| find_cycle(&graph).map(|cycle| cycle.join(" → ")));
    match (found, expected) {
        (Ok(cycle), Ok(expected)) => assert_eq!(cycle.as_deref(), expected),
        (Err(error), Err(expected)) => assert!(error.contains(expected), "{error}"),
        (found, expected) => panic!("found {found:?}, expected {expected:?}"),
    }
}

#[test]
fn the_runtime_has_no_import_cycle() {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/runtime");
    let mut files = Vec::new();
    runtime_files(&directory, &[], &mut files);
    let graph = module_graph(&files).unwrap_or_else(|error| panic!("{error}"));
    assert!(
        graph.contains_key("client") && graph.contains_key("request"),
        "the runtime's files were not found: {graph:?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "the runtime's modules import each other: {}\nwhat each module uses: {graph:#?}",
            cycle.join(" → ")
        );
    }
    let layers = layers(&graph);
    println!("the runtime's layers, lowest first: {layers:?}");
    assert_eq!(layers.iter().map(Vec::len).sum::<usize>(), graph.len());
}

#[test]
fn a_cycle_through_use_items_is_found() {
    let root = "pub use self::client::Client;\npub use self::request::{Request, RequestOptions};";
    check(
        &[
            ("", root),
            ("client", "use super::request::Request;"),
            ("request", "use super::client::Client;"),
        ],
        Ok(Some("client → request → client")),
    );
    // The same through an item the root re-exports, and through a path
    // written in code.
    check(
        &[
            ("", root),
            ("client", "use super::Request;"),
            ("request", "fn f() -> crate::runtime::Client { todo!() }"),
        ],
        Ok(Some("client → request → client")),
    );
    check(
        &[
            ("", root),
            ("client", "use super::request::Request;"),
            (
                "request",
                "pub(crate) struct Request; fn f(_: &super::Client) {}",
            ),
        ],
        Ok(Some("client → request → client")),
    );
}

#[test]
fn layered_modules_and_submodules_pass() {
    let root = "pub use self::request::Request;\npub use self::types::Date;";
    check(
        &[
            ("", root),
            (
                "client",
                "use super::request::Request;\nuse super::types::Date;",
            ),
            (
                "request",
                "use super::types::Date;\n#[cfg(test)]\nmod tests { use super::*; fn f() -> self::Local { todo!() } }",
            ),
            ("types", "pub struct Date; mod inner;"),
            ("types::inner", "use super::Date;"),
        ],
        Ok(None),
    );
    // A submodule that uses its parent's user is a cycle of the top-level
    // modules.
    check(
        &[
            ("", root),
            ("client", "use super::types::Date;"),
            ("types", "pub struct Date;"),
            ("types::inner", "use super::super::client::Client;"),
        ],
        Ok(Some("client → types → client")),
    );
}

#[test]
fn paths_that_cannot_be_placed_fail() {
    check(
        &[("", ""), ("client", "use super::*;")],
        Err("imports the runtime's root as a whole"),
    );
    check(
        &[("", ""), ("client", "use super::Unknown;")],
        Err("neither a runtime module nor re-exported"),
    );
}
