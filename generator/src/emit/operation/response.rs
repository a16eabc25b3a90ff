//! The response half of an operation builder: `send`, `send_with_response`,
//! the private `decode_error`, `stream` for paged operations, and the
//! per-operation success enum when success responses differ.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::request::request_is_fallible;
use crate::docs;
use crate::emit::Context;
use crate::ir::{
    ErrorDecode, ErrorStatuses, Operation, PaginationKind, ResponseBody, StatusMatch,
    SuccessResponse, TypeRef,
};
use crate::members::BuilderMember;

/// `send`, `send_with_response`, `decode_error` and, for paged operations,
/// `stream`.
pub(super) fn emit_send_methods(operation: &Operation, cx: &Context<'_>) -> TokenStream {
    let success_type = success_type_tokens(operation, cx);
    let question_mark = request_is_fallible(operation).then(|| quote! { ? });
    let success_arms = sorted_by_specificity(&operation.responses.success)
        .into_iter()
        .map(|response| success_arm(operation, response, cx));
    let decode_error = emit_decode_error(operation, cx);
    let stream = emit_stream(operation, cx);
    let (send, send_with_response) = (BuilderMember::Send, BuilderMember::SendWithResponse);
    let (client, request, decode_error_member) = (
        BuilderMember::Client,
        BuilderMember::Request,
        BuilderMember::DecodeError,
    );
    quote! {
        /// Sends the request and returns the decoded body of a success
        /// response; any other status is an error.
        pub async fn #send(self) -> Result<#success_type, crate::runtime::Error> {
            self.#send_with_response().await.map(crate::runtime::Response::into_body)
        }

        /// As `send`, and keeps the status, headers and rate-limit information
        /// of the response.
        pub async fn #send_with_response(
            self,
        ) -> Result<crate::runtime::Response<#success_type>, crate::runtime::Error> {
            let request = self.#request()#question_mark;
            let response = self.#client.execute(request).await?;
            match response.status() {
                #(#success_arms)*
                _ => Err(Self::#decode_error_member(response)),
            }
        }

        #stream
        #decode_error
    }
}

/// The type `send` returns: the one body type, or the success enum.
fn success_type_tokens(operation: &Operation, cx: &Context<'_>) -> TokenStream {
    if let Some(name) = &operation.responses.success_enum {
        let name = name.ident();
        return quote! { #name };
    }
    match operation.responses.success.first() {
        Some(success) => body_type_tokens(&success.response.body, cx),
        None => quote! { () },
    }
}

/// The Rust type of a decoded body.
fn body_type_tokens(body: &ResponseBody, cx: &Context<'_>) -> TokenStream {
    match body {
        ResponseBody::Json(type_ref) => cx.type_tokens(type_ref),
        ResponseBody::Text => quote! { String },
        ResponseBody::Bytes => quote! { ::bytes::Bytes },
        ResponseBody::Empty => quote! { () },
    }
}

/// The expression that decodes a body (a `Result<Response<T>, Error>`).
fn decode_tokens(body: &ResponseBody, cx: &Context<'_>) -> TokenStream {
    match body {
        ResponseBody::Json(type_ref) => {
            let ty = cx.type_tokens(type_ref);
            quote! { response.json::<#ty>() }
        }
        ResponseBody::Text => quote! { response.text() },
        ResponseBody::Bytes => quote! { response.bytes() },
        ResponseBody::Empty => quote! { response.empty() },
    }
}

/// One arm of the success `match`.
fn success_arm(operation: &Operation, success: &SuccessResponse, cx: &Context<'_>) -> TokenStream {
    let response = &success.response;
    let pattern = success_pattern(response.status);
    let decode = decode_tokens(&response.body, cx);
    let Some(enum_name) = &operation.responses.success_enum else {
        return quote! { #pattern => #decode, };
    };
    let enum_name = enum_name.ident();
    let variant = success.variant_name.ident();
    let wrap = if response.body == ResponseBody::Empty {
        quote! { |()| #enum_name::#variant }
    } else {
        quote! { #enum_name::#variant }
    };
    quote! { #pattern => #decode.map(|response| response.map(#wrap)), }
}

/// The pattern of a success arm; `default` as a success covers every 2xx.
fn success_pattern(status: StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote! { #code }
        }
        StatusMatch::Range(hundreds) => range_pattern(hundreds),
        StatusMatch::Default => range_pattern(2),
    }
}

/// The pattern for `4XX`: a guard rather than `400..=499`, since a range
/// that overlaps the arms of single codes before it trips clippy's
/// `match_overlapping_arm`.
fn range_pattern(hundreds: u16) -> TokenStream {
    let start = Literal::u16_unsuffixed(hundreds.saturating_mul(100));
    let end = Literal::u16_unsuffixed(hundreds.saturating_mul(100).saturating_add(100));
    quote! { status if (#start..#end).contains(&status) }
}

/// Codes first, then ranges, then `default`, each in spec order, so that the
/// most specific arm matches first.
fn sorted_by_specificity(responses: &[SuccessResponse]) -> Vec<&SuccessResponse> {
    let mut sorted: Vec<&SuccessResponse> = responses.iter().collect();
    sorted.sort_by_key(|success| match success.response.status {
        StatusMatch::Code(_) => 0,
        StatusMatch::Range(_) => 1,
        StatusMatch::Default => 2,
    });
    sorted
}

/// The private `decode_error`, with the arms lowering decided
/// ([`ErrorDecoding`]): the typed error body per declared status, `default`'s
/// for the rest, or `unexpected()` when there is no `default`.
fn emit_decode_error(operation: &Operation, cx: &Context<'_>) -> TokenStream {
    let decoding = &operation.responses.error_decoding;
    let catch_all = error_decode_tokens(&decoding.catch_all, cx);
    let arms: Vec<TokenStream> = decoding
        .arms
        .iter()
        .map(|arm| {
            let decode = error_decode_tokens(&arm.decode, cx);
            match &arm.statuses {
                ErrorStatuses::Codes(codes) => {
                    let patterns = code_patterns(codes.clone());
                    quote! { #(#patterns)|* => #decode, }
                }
                ErrorStatuses::Range(hundreds) => {
                    let pattern = range_pattern(*hundreds);
                    quote! { #pattern => #decode, }
                }
            }
        })
        .collect();
    let body = if arms.is_empty() {
        catch_all
    } else {
        quote! {
            match response.status() {
                #(#arms)*
                _ => #catch_all,
            }
        }
    };
    let decode_error = BuilderMember::DecodeError;
    quote! {
        /// Turns a response whose status is not a success into an error,
        /// decoding the error body the spec declares for the status.
        fn #decode_error(response: crate::runtime::RawResponse) -> crate::runtime::Error {
            #body
        }
    }
}

/// The expression that turns an error response into an `Error`.
fn error_decode_tokens(decode: &ErrorDecode, cx: &Context<'_>) -> TokenStream {
    match decode {
        ErrorDecode::Model(name) => {
            let error_type = cx.type_tokens(&TypeRef::Named(name.clone()));
            quote! { response.api_error::<#error_type>() }
        }
        ErrorDecode::Json => quote! { response.api_error::<::serde_json::Value>() },
        ErrorDecode::Unexpected => quote! { response.unexpected() },
    }
}

/// The patterns for the codes of one arm, in ascending order: a run of three
/// or more consecutive codes is one range (`480..=486`, as clippy's
/// `manual_range_patterns` asks), other codes stay single.
fn code_patterns(mut codes: Vec<u16>) -> Vec<TokenStream> {
    codes.sort_unstable();
    codes.dedup();
    let mut patterns = Vec::new();
    let mut rest = codes.as_slice();
    while let [first, ..] = rest {
        let run = rest
            .iter()
            .zip(u32::from(*first)..)
            .take_while(|(code, expected)| u32::from(**code) == *expected)
            .count();
        let (run_codes, after) = rest.split_at(run);
        if let ([start, _, _, ..], Some(end)) = (run_codes, run_codes.last()) {
            let start = Literal::u16_unsuffixed(*start);
            let end = Literal::u16_unsuffixed(*end);
            patterns.push(quote! { #start..=#end });
        } else {
            patterns.extend(run_codes.iter().map(|code| {
                let code = Literal::u16_unsuffixed(*code);
                quote! { #code }
            }));
        }
        rest = after;
    }
    patterns
}

/// `stream()` for an operation with `x-pagination`.
fn emit_stream(operation: &Operation, cx: &Context<'_>) -> TokenStream {
    let Some(pagination) = &operation.pagination else {
        return TokenStream::new();
    };
    let item = cx.type_tokens(&pagination.item_type);
    let kind = match pagination.kind {
        PaginationKind::Offset => quote! { crate::runtime::PageKind::Offset },
        PaginationKind::Cursor => quote! { crate::runtime::PageKind::Cursor },
    };
    let param = &pagination.param;
    let items = &pagination.items;
    let next = &pagination.next;
    let has_more = match &pagination.has_more {
        Some(pointer) => quote! { Some(#pointer) },
        None => quote! { None },
    };
    let docs = docs::doc_attributes(&format!(
        "Streams every item of every page, requesting pages as they are consumed (the `{}` parameter is set per page).",
        super::escape_code_span(param)
    ));
    let (stream, client, request, decode_error) = (
        BuilderMember::Stream,
        BuilderMember::Client,
        BuilderMember::Request,
        BuilderMember::DecodeError,
    );
    quote! {
        #docs
        pub fn #stream(self) -> crate::runtime::Paginated<#item> {
            static PAGINATION: crate::runtime::PageSpec = crate::runtime::PageSpec {
                kind: #kind,
                param: #param,
                items: #items,
                next: #next,
                has_more: #has_more,
            };
            let request = self.#request();
            self.#client.paginate::<#item>(request, &PAGINATION, Self::#decode_error)
        }
    }
}

/// The per-operation success enum, when success responses differ.
pub(super) fn emit_success_enum(operation: &Operation, cx: &Context<'_>) -> TokenStream {
    let Some(name) = &operation.responses.success_enum else {
        return TokenStream::new();
    };
    let name = name.ident();
    let docs = docs::doc_attributes(&format!(
        "What `{}` returns on success, by status.",
        operation.builder_name
    ));
    let variants = operation.responses.success.iter().map(|success| {
        let variant = success.variant_name.ident();
        let response = &success.response;
        let status = match response.status {
            StatusMatch::Code(code) => format!("Status {code}"),
            StatusMatch::Range(hundreds) => format!("A {hundreds}xx status"),
            StatusMatch::Default => "Any other success status".to_owned(),
        };
        let text = docs::join_paragraphs([
            Some(format!("{status}.").as_str()),
            response.docs.as_deref(),
        ])
        .unwrap_or_else(|| format!("{status}."));
        let variant_docs = docs::doc_attributes(&text);
        match &response.body {
            ResponseBody::Empty => quote! { #variant_docs #variant },
            body => {
                let ty = body_type_tokens(body, cx);
                quote! { #variant_docs #variant(#ty) }
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_codes(codes: &[u16], expect: &str) {
        let patterns = code_patterns(codes.to_vec());
        let text = quote! { #(#patterns)|* }.to_string();
        assert_eq!(text, expect, "codes {codes:?}");
    }

    #[test]
    fn runs_of_three_codes_become_ranges() {
        check_codes(&[404], "404");
        check_codes(&[401, 400], "400 | 401");
        check_codes(&[486, 480, 481, 482, 483, 484, 485], "480 ..= 486");
        check_codes(&[400, 401, 402, 404, 500], "400 ..= 402 | 404 | 500");
        check_codes(&[65534, 65535, 65533], "65533 ..= 65535");
    }
}
