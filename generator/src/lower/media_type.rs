//! The one media-type classifier: how a request body with a media type is
//! encoded, and how a response body is decoded. Every "is this JSON?" test
//! in lowering goes through [`body_encoding`].

use crate::ir::BodyEncoding;

/// How a body with this media type is encoded or decoded: JSON for
/// `application/json`, `+json` types and `*/*` (servers that declare it
/// almost always mean JSON), form and multipart by name, text for `text/*`,
/// raw bytes otherwise. Parameters (`; charset=utf-8`) and case are ignored.
pub(crate) fn body_encoding(media_type: &str) -> BodyEncoding {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") || essence == "*/*" {
        BodyEncoding::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyEncoding::Form
    } else if essence == "multipart/form-data" {
        BodyEncoding::Multipart
    } else if essence.starts_with("text/") {
        BodyEncoding::Text
    } else {
        BodyEncoding::Bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_encoding(media_type: &str, expect: BodyEncoding) {
        assert_eq!(
            body_encoding(media_type),
            expect,
            "media type {media_type:?}"
        );
    }

    #[test]
    fn media_types_pick_an_encoding() {
        check_encoding("application/json", BodyEncoding::Json);
        check_encoding("application/json; charset=utf-8", BodyEncoding::Json);
        check_encoding("application/merge-patch+json", BodyEncoding::Json);
        check_encoding("*/*", BodyEncoding::Json);
        check_encoding("Application/X-WWW-Form-Urlencoded", BodyEncoding::Form);
        check_encoding("multipart/form-data", BodyEncoding::Multipart);
        check_encoding("text/csv", BodyEncoding::Text);
        check_encoding("Text/Plain; charset=utf-8", BodyEncoding::Text);
        check_encoding("application/octet-stream", BodyEncoding::Bytes);
        check_encoding("image/png", BodyEncoding::Bytes);
    }
}
