//! The one parser of `{name}` templates: operation paths (`/deals/{id}`)
//! and server URLs (`https://{company}.pipedrive.com`).

/// A piece of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'t> {
    /// Literal text, copied as it is.
    Text(&'t str),
    /// A `{name}` placeholder, without its braces.
    Placeholder(&'t str),
}

/// The pieces of `template` in order. A `{` without a closing `}` is text,
/// like everything after it; empty text pieces are left out.
pub(crate) fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        if start > 0 {
            pieces.push(Piece::Text(&rest[..start]));
        }
        pieces.push(Piece::Placeholder(&rest[start + 1..start + length]));
        rest = &rest[start + length + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// The placeholder names of `template`, in order.
pub(crate) fn placeholders(template: &str) -> Vec<&str> {
    pieces(template)
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Placeholder(name) => Some(name),
            Piece::Text(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_splits_into_text_and_placeholders() {
        let check = |template: &str, expected: &[Piece<'_>]| {
            assert_eq!(pieces(template), expected, "{template}");
        };
        check("/deals", &[Piece::Text("/deals")]);
        check(
            "/deals/{id}/products",
            &[
                Piece::Text("/deals/"),
                Piece::Placeholder("id"),
                Piece::Text("/products"),
            ],
        );
        check(
            "{a}{b}",
            &[Piece::Placeholder("a"), Piece::Placeholder("b")],
        );
        check("/x/{open", &[Piece::Text("/x/{open")]);
        check(
            "/{id}/{open",
            &[
                Piece::Text("/"),
                Piece::Placeholder("id"),
                Piece::Text("/{open"),
            ],
        );
        assert_eq!(placeholders("/a/{b}/c/{d}"), ["b", "d"]);
        assert_eq!(
            placeholders("/files/{name}.{extension}"),
            ["name", "extension"]
        );
        assert!(placeholders("/broken/{id").is_empty());
    }
}
