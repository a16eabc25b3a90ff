//! The names lowering keeps parameters and tag accessors from are exactly
//! the emitted code's own: every field and method the emitter gives a
//! request builder, and every method it gives the `Client` (and a spec
//! module's `Api` view), is in `generator::reserved`. The emitter prints
//! those members from the same lists (`generator/src/members.rs`); a
//! member written into the emitter by hand instead would let a spec's
//! parameter or tag of that name break the generated crate, and this test
//! fails first.

use std::collections::BTreeSet;

/// Operations with every builder feature: a required path parameter, a
/// body in two encodings, pagination, and one optional query parameter.
const SPEC: &str = r#"
openapi: 3.0.3
info: {title: Reserved names, version: "1"}
security: [{key: []}]
paths:
  /deals/{id}/items:
    get:
      tags: [Deals]
      operationId: listItems
      x-pagination: {kind: offset, param: start, items: /data, next: /next_start}
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: start, in: query, schema: {type: integer}}
      responses:
        "200":
          description: A page.
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: integer}}
                  next_start: {type: integer}
        default:
          description: An error.
          content:
            application/json:
              schema: {type: object, properties: {error: {type: string}}}
    post:
      tags: [Deals]
      operationId: addItems
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {name: {type: string}}}
      responses:
        "201": {description: Added.}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: x-key}
"#;

/// The names of the fields of struct `name` and of the methods of every
/// `impl` of it (trait impls included) in `file`.
fn members(file: &syn::File, name: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(item) if item.ident == name => {
                for field in &item.fields {
                    if let Some(ident) = &field.ident {
                        found.insert(ident.to_string());
                    }
                }
            }
            syn::Item::Impl(item) => {
                let syn::Type::Path(path) = item.self_ty.as_ref() else {
                    continue;
                };
                if path
                    .path
                    .segments
                    .last()
                    .is_none_or(|last| last.ident != name)
                {
                    continue;
                }
                for member in &item.items {
                    if let syn::ImplItem::Fn(function) = member {
                        found.insert(function.sig.ident.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    found
}

fn generated(path: &str) -> syn::File {
    let options = generator::Options {
        spec_display_path: "reserved.yaml".to_owned(),
        regenerate_command: "cargo test".to_owned(),
    };
    let files = generator::generate(SPEC, &options).expect("the spec generates");
    find(&files, path)
}

/// The file at `path` of `files`, parsed.
fn find(files: &[generator::GeneratedFile], path: &str) -> syn::File {
    let file = files
        .iter()
        .find(|file| file.path == path)
        .unwrap_or_else(|| panic!("no {path} among the generated files"));
    syn::parse_file(&file.contents).expect("generated code parses")
}

#[test]
fn every_member_of_a_request_builder_is_reserved() {
    let file = generated("apis/deals.rs");
    let mut members = members(&file, "ListItemsRequest");
    // The operations' own parameters have fields (and setters) of their
    // names; everything else is the builder's.
    assert!(members.remove("start"), "the `start` setter is missing");
    members.extend(self::members(&file, "AddItemsRequest"));
    assert!(members.remove("id"), "the `id` field is missing");
    let reserved: BTreeSet<String> = generator::reserved::builder_members()
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    let unreserved: Vec<&String> = members.difference(&reserved).collect();
    assert!(
        unreserved.is_empty(),
        "request builders have members lowering does not reserve: {unreserved:?}"
    );
    // The spec uses every feature a builder has, so every reserved name is
    // a member: the list holds nothing the emitter no longer prints.
    let unused: Vec<&String> = reserved.difference(&members).collect();
    assert!(
        unused.is_empty(),
        "reserved names no request builder has: {unused:?}"
    );
}

#[test]
fn every_method_of_the_client_is_reserved() {
    let file = generated("client.rs");
    let mut members = members(&file, "Client");
    // The struct's one field is private and no method name.
    members.remove("inner");
    let reserved: BTreeSet<String> = generator::reserved::client_methods()
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    let unreserved: Vec<&String> = members.difference(&reserved).collect();
    assert!(
        unreserved.is_empty(),
        "the Client has methods lowering does not reserve: {unreserved:?}"
    );
    assert!(members.contains("builder"), "{members:?}");
}

#[test]
fn every_method_of_a_shared_client_and_of_a_module_view_is_reserved() {
    let specs = [
        generator::SpecModule {
            module: "v1".to_owned(),
            spec_text: SPEC,
            spec_display_path: "v1.yaml".to_owned(),
        },
        generator::SpecModule {
            module: "v2".to_owned(),
            spec_text: SPEC,
            spec_display_path: "v2.yaml".to_owned(),
        },
    ];
    let files = generator::generate_modules(&specs, "cargo test").expect("the specs generate");
    let reserved: BTreeSet<String> = generator::reserved::client_methods()
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    let mut client = members(&find(&files, "client.rs"), "Client");
    // The struct's private fields, and the accessors of the spec modules.
    for own in ["inner", "modules", "v1", "v2"] {
        assert!(client.remove(own), "no `{own}` in the shared client");
    }
    let view = members(&find(&files, "v1/client.rs"), "Api");
    // The view's one field is the runtime client it borrows.
    let mut view_methods = view.clone();
    assert!(
        view_methods.remove("client"),
        "no `client` field in {view:?}"
    );
    for (what, methods) in [
        ("the shared Client", client),
        ("a module's Api", view_methods),
    ] {
        let unreserved: Vec<&String> = methods.difference(&reserved).collect();
        assert!(
            unreserved.is_empty(),
            "{what} has methods lowering does not reserve: {unreserved:?}"
        );
        assert!(methods.contains("from"), "{what}: {methods:?}");
    }
}
