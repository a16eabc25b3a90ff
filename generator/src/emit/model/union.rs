//! The `Deserialize` impl of an untagged union whose members can be told
//! apart by what they declare: a table of the members (the keys each
//! declares, the values each lists for its enum properties) handed to the
//! runtime's `codec::UnionChoice`, which rules out, ranks and tries them.
//!
//! The table is read from the IR after lowering: a struct member declares its
//! fields' wire names and keeps other keys when it has
//! `additionalProperties`; a map or free-form member keeps every key; a
//! nested union declares what its members declare; an enum member lists its
//! values; a struct field whose type is an enum lists that enum's values for
//! its property (a one-value enum or a `const` is a discriminator). Unions
//! where at most one member is an object and at most one an enum keep the
//! plain first-that-decodes impl: nothing there can be told apart by keys or
//! tags.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::super::Context;
use crate::ir::{EnumModel, EnumValue, ModelKind, TypeRef, UnionModel};
use crate::naming::RustName;

use crate::limits::MAXIMUM_UNION_NESTING as MAXIMUM_DEPTH;

/// What a member of a union declares, as far as choosing it goes.
#[derive(Debug, Default)]
struct MemberFacts {
    /// Whether a JSON object can be this member.
    object: bool,
    /// The property names the member declares.
    keys: BTreeSet<String>,
    /// Whether it keeps undeclared keys too.
    keeps_other_keys: bool,
    /// Values listed by the member's enum properties (`Some(property)`) or by
    /// the member itself (`None`).
    tags: Vec<(Option<String>, TagValues)>,
}

/// The values an enum lists.
#[derive(Debug, PartialEq)]
enum TagValues {
    Strings(Vec<String>),
    Integers(Vec<i64>),
}

/// The ranked `Deserialize` impl of `union`, or `None` when the members
/// cannot be told apart by keys or tags (then the variants are tried in
/// order).
pub(super) fn emit_ranked_deserialize(
    name: &RustName,
    union: &UnionModel,
    cx: &Context<'_>,
) -> Option<TokenStream> {
    let mut facts: Vec<MemberFacts> = union
        .variants
        .iter()
        .map(|variant| member_facts(&variant.ty, cx, 0))
        .collect();
    drop_shared_tags(&mut facts);
    let objects = facts.iter().filter(|facts| facts.object).count();
    let enums = facts
        .iter()
        .filter(|facts| facts.tags.iter().any(|(property, _)| property.is_none()))
        .count();
    if objects < 2 && enums < 2 {
        return None;
    }
    let members = union.variants.iter().zip(&facts).map(|(variant, facts)| {
        let label = variant.name.as_str();
        let keys = facts.keys.iter();
        let tags = facts.tags.iter().map(|(property, values)| {
            let (constructor, values) = match (property, values) {
                (Some(_), TagValues::Strings(values)) => ("strings", quote! { #(#values),* }),
                (Some(_), TagValues::Integers(values)) => ("integers", quote! { #(#values),* }),
                (None, TagValues::Strings(values)) => ("own_strings", quote! { #(#values),* }),
                (None, TagValues::Integers(values)) => ("own_integers", quote! { #(#values),* }),
            };
            let constructor = format_ident!("{constructor}");
            let property = property.as_ref().map(|property| quote! { #property, });
            quote! { crate::runtime::codec::Tag::#constructor(#property &[#values]) }
        });
        let keeping = facts
            .keeps_other_keys
            .then(|| quote! { .keeping_other_keys() });
        quote! {
            crate::runtime::codec::Member::new(#label, &[#(#keys),*], &[#(#tags),*])#keeping
        }
    });
    let arms = union.variants.iter().enumerate().map(|(index, variant)| {
        let index = Literal::usize_unsuffixed(index);
        let variant_name = variant.name.ident();
        quote! {
            #index => {
                if let Some(__variant) = __choice.attempt() {
                    return Ok(Self::#variant_name(__variant));
                }
            }
        }
    });
    let name_ident = name.ident();
    let label = name.as_str();
    Some(quote! {
        impl<'de> ::serde::Deserialize<'de> for #name_ident {
            fn deserialize<__D: ::serde::Deserializer<'de>>(__deserializer: __D) -> Result<Self, __D::Error> {
                const __MEMBERS: &[crate::runtime::codec::Member] = &[#(#members),*];
                let __value = <::serde_json::Value as ::serde::Deserialize>::deserialize(__deserializer)?;
                let mut __choice = crate::runtime::codec::UnionChoice::new(__MEMBERS, &__value);
                while let Some(__member) = __choice.next_member() {
                    match __member {
                        #(#arms)*
                        _ => {}
                    }
                }
                Err(__choice.fail(#label))
            }
        }
    })
}

/// Removes the tags that cannot tell members apart: a property every member
/// tags with the same values (a shared `status` enum, say) would only make
/// the tables longer.
fn drop_shared_tags(facts: &mut [MemberFacts]) {
    let Some((first, rest)) = facts.split_first() else {
        return;
    };
    let shared: Vec<Option<String>> = first
        .tags
        .iter()
        .filter(|(property, values)| {
            rest.iter().all(|other| {
                other.tags.iter().any(|(other_property, other_values)| {
                    other_property == property && other_values == values
                })
            })
        })
        .map(|(property, _)| property.clone())
        .collect();
    for member in facts {
        member
            .tags
            .retain(|(property, _)| !shared.contains(property));
    }
}

/// What the member of type `ty` declares.
fn member_facts(ty: &TypeRef, cx: &Context<'_>, depth: usize) -> MemberFacts {
    let object_of_any_keys = MemberFacts {
        object: true,
        keeps_other_keys: true,
        ..MemberFacts::default()
    };
    match ty {
        TypeRef::Option(inner) | TypeRef::Box(inner) => member_facts(inner, cx, depth),
        TypeRef::Map(_) | TypeRef::Json => object_of_any_keys,
        TypeRef::Vec(_) | TypeRef::Primitive(_) => MemberFacts::default(),
        TypeRef::Named(name) => {
            let Some(model) = cx.model(name) else {
                return MemberFacts::default();
            };
            match &model.kind {
                ModelKind::Struct(structure) => MemberFacts {
                    object: true,
                    keys: structure
                        .fields
                        .iter()
                        .map(|field| field.wire_name.clone())
                        .collect(),
                    keeps_other_keys: structure.additional_properties
                        != crate::ir::AdditionalProperties::Ignored,
                    tags: structure
                        .fields
                        .iter()
                        .filter_map(|field| {
                            let values = enum_values(&field.ty, cx, 0)?;
                            Some((Some(field.wire_name.clone()), values))
                        })
                        .collect(),
                },
                ModelKind::Enum(enumeration) => MemberFacts {
                    tags: vec![(None, tag_values(enumeration))],
                    ..MemberFacts::default()
                },
                ModelKind::Alias(target) if depth < MAXIMUM_DEPTH => {
                    member_facts(target, cx, depth + 1)
                }
                ModelKind::Union(nested) if depth < MAXIMUM_DEPTH => {
                    // A nested union declares what any of its members does;
                    // its own impl chooses among them.
                    let mut facts = MemberFacts::default();
                    for variant in &nested.variants {
                        let inner = member_facts(&variant.ty, cx, depth + 1);
                        facts.object |= inner.object;
                        facts.keeps_other_keys |= inner.keeps_other_keys;
                        facts.keys.extend(inner.keys);
                    }
                    facts
                }
                // Too deep to tell: assume the member may be any object.
                ModelKind::Alias(_) | ModelKind::Union(_) => object_of_any_keys,
            }
        }
    }
}

/// The values of the enum a field of type `ty` holds, if it holds one.
fn enum_values(ty: &TypeRef, cx: &Context<'_>, depth: usize) -> Option<TagValues> {
    match ty {
        TypeRef::Option(inner) | TypeRef::Box(inner) => enum_values(inner, cx, depth),
        TypeRef::Named(name) if depth < MAXIMUM_DEPTH => match &cx.model(name)?.kind {
            ModelKind::Enum(enumeration) => Some(tag_values(enumeration)),
            ModelKind::Alias(target) => enum_values(target, cx, depth + 1),
            _ => None,
        },
        _ => None,
    }
}

/// The wire values of an enum's known variants.
fn tag_values(enumeration: &EnumModel) -> TagValues {
    let mut strings = Vec::new();
    let mut integers = Vec::new();
    for variant in &enumeration.variants {
        match &variant.value {
            EnumValue::String(value) => strings.push(value.clone()),
            EnumValue::Integer(value) => integers.push(*value),
        }
    }
    if integers.is_empty() {
        TagValues::Strings(strings)
    } else {
        TagValues::Integers(integers)
    }
}
