//! A struct's `object!` table, built from typed pieces and parsed before it
//! is printed.
//!
//! Each entry is the field's identifier, its [`FieldRule`], its wire name as
//! a string literal and its [`Leniency`], so no word of the table is written
//! as text; the rule and lenient words are those the runtime macro's arms
//! match (`members.rs`). The whole call is built with `quote!` and parsed
//! back with the table's grammar ([`Table`]) before anything is printed, so
//! a table the macro could not read is a generator bug caught here. The
//! table is then printed one line per field (see [`FileBody`](super::super::FileBody)):
//! prettyplease would fill the macro's tokens like a paragraph.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token, braced};

use crate::ir::{AdditionalProperties, Presence, StructModel};
use crate::members::{FieldRule, Leniency};
use crate::naming::RustName;

/// The name of the field that keeps undeclared keys, as the struct declares it.
const EXTRA_FIELD: &str = "additional_properties";

/// The table of `name`'s struct, as text; a `compile_error!` naming the
/// struct if the table does not parse (a generator bug).
pub(super) fn object_table(name: &RustName, structure: &StructModel) -> String {
    let tokens = table_tokens(name, structure);
    match syn::parse2::<Table>(tokens) {
        Ok(table) => print(&table),
        Err(error) => {
            let message = format!(
                "generator bug: the object! table of `{}` does not parse: {error}",
                name.as_str()
            );
            format!("::core::compile_error!({});\n", Literal::string(&message))
        }
    }
}

/// The rule that reads and writes a field of this presence.
fn rule(presence: Presence) -> FieldRule {
    match presence {
        Presence::Required => FieldRule::Required,
        Presence::RequiredNullable => FieldRule::Nullable,
        Presence::Optional | Presence::OptionalNullable => FieldRule::Optional,
        Presence::Clearable => FieldRule::Clearable,
    }
}

/// The macro call, as tokens.
fn table_tokens(name: &RustName, structure: &StructModel) -> TokenStream {
    let entries = structure.fields.iter().map(|field| {
        let field_name = field.name.ident();
        let rule = rule(field.presence);
        let wire_name = Literal::string(&field.wire_name);
        let leniency = field.leniency;
        quote! { #field_name: #rule #wire_name #leniency }
    });
    let extra_field = Ident::new(EXTRA_FIELD, proc_macro2::Span::call_site());
    let extra = match &structure.additional_properties {
        AdditionalProperties::Ignored => None,
        AdditionalProperties::Any => Some(quote! { ..#extra_field: any }),
        AdditionalProperties::Typed(_) => Some(quote! { ..#extra_field: typed }),
    };
    let name = name.ident();
    quote! {
        crate::runtime::codec::object! {
            impl Serialize, Deserialize for #name {
                #(#entries,)*
                #extra
            }
        }
    }
}

/// A parsed `object!` call: the struct's name, its entries, and the field
/// and kind of undeclared keys.
struct Table {
    name: Ident,
    entries: Vec<Entry>,
    extra: Option<(Ident, Ident)>,
}

/// One parsed entry: `name: rule "wire" leniency?`.
struct Entry {
    name: Ident,
    rule: Ident,
    wire_name: LitStr,
    leniency: Option<Ident>,
}

impl Parse for Table {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let _path: syn::Path = input.parse()?;
        input.parse::<Token![!]>()?;
        let call;
        braced!(call in input);
        call.parse::<Token![impl]>()?;
        let serialize: Ident = call.parse()?;
        call.parse::<Token![,]>()?;
        let deserialize: Ident = call.parse()?;
        if serialize != "Serialize" || deserialize != "Deserialize" {
            return Err(call.error("expected `impl Serialize, Deserialize`"));
        }
        call.parse::<Token![for]>()?;
        let name: Ident = call.parse()?;
        let body;
        braced!(body in call);
        let mut entries = Vec::new();
        while !body.is_empty() && !body.peek(Token![..]) {
            entries.push(body.parse()?);
            if !body.is_empty() {
                body.parse::<Token![,]>()?;
            }
        }
        let extra = if body.peek(Token![..]) {
            body.parse::<Token![..]>()?;
            let field: Ident = body.parse()?;
            body.parse::<Token![:]>()?;
            let kind: Ident = body.parse()?;
            if kind != "any" && kind != "typed" {
                return Err(syn::Error::new(kind.span(), "expected `any` or `typed`"));
            }
            Some((field, kind))
        } else {
            None
        };
        if !body.is_empty() {
            return Err(body.error("unexpected tokens after the table"));
        }
        Ok(Table {
            name,
            entries,
            extra,
        })
    }
}

impl Parse for Entry {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let name = input.call(syn::ext::IdentExt::parse_any)?;
        input.parse::<Token![:]>()?;
        let rule: Ident = input.parse()?;
        if !FieldRule::NAMES.contains(&rule.to_string().as_str()) {
            return Err(syn::Error::new(rule.span(), "not a rule of `object!`"));
        }
        let wire_name = input.parse()?;
        let leniency = if input.peek(syn::Ident) {
            let leniency: Ident = input.parse()?;
            if !Leniency::NAMES.contains(&leniency.to_string().as_str()) {
                return Err(syn::Error::new(
                    leniency.span(),
                    "not a lenient reader of `object!`",
                ));
            }
            Some(leniency)
        } else {
            None
        };
        Ok(Entry {
            name,
            rule,
            wire_name,
            leniency,
        })
    }
}

/// The table as text, one line per entry.
fn print(table: &Table) -> String {
    let mut text = format!(
        "crate::runtime::codec::object! {{\n    impl Serialize, Deserialize for {} {{\n",
        table.name
    );
    for entry in &table.entries {
        let leniency = entry
            .leniency
            .as_ref()
            .map_or_else(String::new, |leniency| format!(" {leniency}"));
        text.push_str(&format!(
            "        {}: {} {}{leniency},\n",
            entry.name,
            entry.rule,
            entry.wire_name.token()
        ));
    }
    if let Some((field, kind)) = &table.extra {
        text.push_str(&format!("        ..{field}: {kind}\n"));
    }
    text.push_str("    }\n}\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_with_an_unknown_word_does_not_parse() {
        let unknown_rule = quote! {
            crate::runtime::codec::object! {
                impl Serialize, Deserialize for Deal { id: mandatory "id", }
            }
        };
        assert!(syn::parse2::<Table>(unknown_rule).is_err());
        let unknown_leniency = quote! {
            crate::runtime::codec::object! {
                impl Serialize, Deserialize for Deal { id: required "id" loosely, }
            }
        };
        assert!(syn::parse2::<Table>(unknown_leniency).is_err());
    }

    #[test]
    fn a_table_prints_one_line_per_entry() {
        let tokens = quote! {
            crate::runtime::codec::object! {
                impl Serialize, Deserialize for Deal {
                    id: required "id" number_or_string,
                    r#type: optional "type",
                    ..additional_properties: any
                }
            }
        };
        let table = syn::parse2::<Table>(tokens).expect("the table parses");
        assert_eq!(
            print(&table),
            "crate::runtime::codec::object! {\n    impl Serialize, Deserialize for Deal {\n        id: required \"id\" number_or_string,\n        r#type: optional \"type\",\n        ..additional_properties: any\n    }\n}\n"
        );
    }
}
