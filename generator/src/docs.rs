//! Descriptions → rustdoc.
//!
//! Spec descriptions are CommonMark with HTML mixed in (Pipedrive uses `<a>`,
//! `<br>`, `<p>`, lists and `<dl class="fields-list">`). [`markdown`] turns the
//! HTML into Markdown and then makes the text safe for rustdoc's default lints:
//! bare URLs are wrapped in `<...>`, brackets that are not links are escaped
//! (they would be broken intra-doc links), a stray `<` is escaped (it would be
//! an unclosed HTML tag), indentation is removed and bare code fences are
//! marked `text` (either would become a doctest).

use proc_macro2::TokenStream;
use quote::quote;

/// HTML tags the converter understands; any other `<word>` is text.
const KNOWN_TAGS: &[&str] = &[
    "a",
    "b",
    "strong",
    "i",
    "em",
    "code",
    "pre",
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "div",
    "span",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "u",
    "sup",
    "sub",
    "hr",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "small",
    "blockquote",
];

/// The rustdoc Markdown for a spec description; `None` when it is blank.
pub(crate) fn markdown(description: &str) -> Option<String> {
    let converted = html_to_markdown(description);
    let sanitized = sanitize_markdown(&converted);
    let trimmed = sanitized.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// One `#[doc = "..."]` attribute per line of `markdown`, so that prettyplease
/// prints them as `///` comments. A tab becomes a space (clippy's
/// `tabs_in_doc_comments`; spec descriptions use tabs in tables and lists).
pub(crate) fn doc_attributes(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {}", line.replace('\t', " "))
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// Joins optional paragraphs with a blank line between them.
pub(crate) fn join_paragraphs<'a>(
    paragraphs: impl IntoIterator<Item = Option<&'a str>>,
) -> Option<String> {
    let parts: Vec<&str> = paragraphs
        .into_iter()
        .flatten()
        .filter(|part| !part.trim().is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// Converts the HTML tags in `text` to Markdown and decodes entities. Text
/// outside tags is kept as written.
fn html_to_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut link_targets: Vec<Option<String>> = Vec::new();
    let mut list_depth = 0_usize;
    while let Some(start) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..start]));
        let after = &rest[start..];
        let Some((tag, length)) = parse_tag(after) else {
            out.push('<');
            rest = &after[1..];
            continue;
        };
        rest = &after[length..];
        match (tag.name.as_str(), tag.closing) {
            ("a", false) => {
                link_targets.push(tag.href.clone());
                if tag.href.is_some() {
                    out.push('[');
                }
            }
            ("a", true) => {
                if let Some(Some(href)) = link_targets.pop() {
                    out.push_str(&format!("]({href})"));
                }
            }
            ("b" | "strong", _) => out.push_str("**"),
            ("i" | "em", _) => out.push('*'),
            ("code", _) => out.push('`'),
            ("pre", false) => out.push_str("\n```text\n"),
            ("pre", true) => out.push_str("\n```\n"),
            ("br", _) => out.push('\n'),
            ("p" | "div" | "table" | "blockquote" | "hr", _) => out.push_str("\n\n"),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => out.push_str("\n\n**"),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => out.push_str("**\n\n"),
            ("ul" | "ol" | "dl", false) => {
                list_depth += 1;
                // A nested list starts on its first item's own line.
                if list_depth == 1 {
                    out.push('\n');
                }
            }
            ("ul" | "ol" | "dl", true) => {
                list_depth = list_depth.saturating_sub(1);
                // The end of the outermost list is a blank line, so that
                // the text after it does not continue the last item.
                if list_depth == 0 {
                    out.push_str("\n\n");
                }
            }
            ("li" | "dt", false) => {
                out.push('\n');
                out.push_str(&"  ".repeat(list_depth.saturating_sub(1)));
                out.push_str("- ");
                if tag.name == "dt" {
                    out.push_str("**");
                }
            }
            ("dt", true) => out.push_str("**"),
            ("dd", false) => out.push_str(": "),
            ("tr", _) => out.push('\n'),
            ("td" | "th", false) => out.push(' '),
            _ => {}
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

/// One parsed HTML tag.
struct Tag {
    /// Lower-case tag name.
    name: String,
    /// `</name>`.
    closing: bool,
    /// The `href` attribute of an `<a>`.
    href: Option<String>,
}

/// Parses a known HTML tag at the start of `text`; returns it and its length.
fn parse_tag(text: &str) -> Option<(Tag, usize)> {
    let end = text.find('>')?;
    let inner = &text[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(inner) => (true, inner),
        None => (false, inner),
    };
    let inner = inner.trim_end_matches('/').trim();
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    if !KNOWN_TAGS.contains(&name.as_str()) || inner.contains('<') {
        return None;
    }
    let href = attribute(&inner[name_end..], "href").map(|href| decode_entities(&href));
    Some((
        Tag {
            name,
            closing,
            href,
        },
        end + 1,
    ))
}

/// The value of attribute `name` in an attribute list such as
/// ` href="https://x" target=_blank`.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let position = attributes.find(&format!("{name}="))?;
    let value = &attributes[position + name.len() + 1..];
    let (quote, value) = match value.chars().next()? {
        quote @ ('"' | '\'') => (Some(quote), &value[1..]),
        _ => (None, value),
    };
    let end = match quote {
        Some(quote) => value.find(quote).unwrap_or(value.len()),
        None => value.find(char::is_whitespace).unwrap_or(value.len()),
    };
    Some(value[..end].to_owned())
}

/// Decodes the common named entities and numeric character references.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let decoded = after.find(';').filter(|end| *end <= 10).and_then(|end| {
            let entity = &after[1..end];
            let character = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| {
                        entity
                            .strip_prefix('#')
                            .and_then(|decimal| decimal.parse().ok())
                    })
                    .and_then(char::from_u32),
            };
            character.map(|character| (character, end + 1))
        });
        match decoded {
            Some((character, length)) => {
                out.push(character);
                rest = &after[length..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Makes Markdown safe for rustdoc line by line; code blocks pass unchanged.
///
/// Indentation is rebuilt rather than kept: outside lists a line loses its
/// leading spaces (four of them would start a doctest), inside a list it is
/// indented to the column of the item it belongs to, so that a wrapped item
/// and a nested list stay in their item (see [`ListIndent`]).
fn sanitize_markdown(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut blank_run = 0;
    let mut lists = ListIndent::default();
    // Whether the line before was part of a block quote (`> ...`).
    let mut in_quote = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line.starts_with("```") {
            in_quote = false;
            in_fence = !in_fence;
            out.push(if in_fence && line == "```" {
                "```text".to_owned()
            } else {
                line.to_owned()
            });
            lists = ListIndent::default();
            blank_run = 0;
            continue;
        }
        if in_fence {
            out.push(line.to_owned());
            continue;
        }
        if line.is_empty() {
            in_quote = false;
            blank_run += 1;
            if blank_run <= 1 {
                out.push(String::new());
            }
            continue;
        }
        let marker = list_marker_width(line);
        let indent = lists.indent(leading_width(raw), marker, blank_run > 0);
        blank_run = 0;
        // A line right after a quoted one continues the quote's paragraph
        // (a "lazy" continuation): its `>` is made explicit, so that the
        // quote reads the same and rustdoc does not warn about it.
        let lazy = in_quote && !line.starts_with('>') && marker.is_none() && !line.starts_with('#');
        in_quote = lazy || line.starts_with('>');
        let quote = if lazy { "> " } else { "" };
        out.push(format!(
            "{}{quote}{}",
            " ".repeat(indent),
            sanitize_line(line)
        ));
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out.join("\n")
}

/// The open list items above the current line, innermost last.
///
/// Each entry is the item's marker column in the source and the column its
/// content starts at in the output. A line is placed by CommonMark's rules,
/// simplified: a list item indented past an open item's marker nests in it,
/// one at or left of it is its sibling; any other line right after an item
/// continues it (a "lazy" continuation, made explicit by indenting it), and
/// after a blank line it stays in the item only when it is indented as far
/// as the item's content, else the lists end.
#[derive(Default)]
struct ListIndent {
    /// `(source marker column, output content column)` per open item.
    open: Vec<(usize, usize)>,
}

impl ListIndent {
    /// The output indentation of a line at source column `column`;
    /// `marker` is its list marker's width, when it starts a list item.
    fn indent(&mut self, column: usize, marker: Option<usize>, after_blank: bool) -> usize {
        match marker {
            Some(width) => {
                while self
                    .open
                    .last()
                    .is_some_and(|&(source, _)| column <= source)
                {
                    self.open.pop();
                }
                let indent = self.open.last().map_or(0, |&(_, content)| content);
                self.open.push((column, indent + width));
                indent
            }
            None => {
                if after_blank {
                    while self
                        .open
                        .last()
                        .is_some_and(|&(source, _)| column <= source)
                    {
                        self.open.pop();
                    }
                }
                self.open.last().map_or(0, |&(_, content)| content)
            }
        }
    }
}

/// The width of a line's leading whitespace, a tab counting as four.
fn leading_width(line: &str) -> usize {
    line.chars()
        .take_while(|character| character.is_whitespace())
        .map(|character| if character == '\t' { 4 } else { 1 })
        .sum()
}

/// The width of the list marker a (trimmed) line starts with, space
/// included (`- ` is 2, `10. ` is 4); `None` when it starts no list item.
fn list_marker_width(line: &str) -> Option<usize> {
    if ["- ", "* ", "+ "]
        .iter()
        .any(|marker| line.starts_with(marker))
    {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")))
        .then_some(digits + 2)
}

/// Escapes one line of Markdown outside code spans.
fn sanitize_line(line: &str) -> String {
    // Most lines hold nothing to escape or link: copied as they are.
    if !line.contains(['`', '[', ']', '<'])
        && !line.contains("http://")
        && !line.contains("https://")
    {
        return line.to_owned();
    }
    let characters: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut index = 0;
    let mut in_code = false;
    while index < characters.len() {
        let character = characters[index];
        if character == '`' {
            while characters.get(index) == Some(&'`') {
                out.push('`');
                index += 1;
            }
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push(character);
            index += 1;
            continue;
        }
        match character {
            '[' => match link_end(&characters, index) {
                Some(end) => {
                    let link: String = characters[index..end].iter().collect();
                    out.push_str(&link);
                    index = end;
                }
                None => {
                    out.push_str("\\[");
                    index += 1;
                }
            },
            ']' => {
                out.push_str("\\]");
                index += 1;
            }
            '<' => match autolink_end(&characters, index) {
                Some(end) => {
                    let link: String = characters[index..end].iter().collect();
                    out.push_str(&link);
                    index = end;
                }
                None => {
                    out.push_str("&lt;");
                    index += 1;
                }
            },
            'h' if starts_with(&characters, index, "http://")
                || starts_with(&characters, index, "https://") =>
            {
                let end = bare_url_end(&characters, index);
                let url: String = characters[index..end].iter().collect();
                out.push_str(&format!("<{url}>"));
                index = end;
            }
            _ => {
                out.push(character);
                index += 1;
            }
        }
    }
    out
}

/// Whether `characters[index..]` starts with `prefix`.
fn starts_with(characters: &[char], index: usize, prefix: &str) -> bool {
    prefix
        .chars()
        .enumerate()
        .all(|(offset, expected)| characters.get(index + offset) == Some(&expected))
}

/// The end of a Markdown link `[text](target)` starting at `index`.
fn link_end(characters: &[char], index: usize) -> Option<usize> {
    let close = (index + 1..characters.len()).find(|&position| characters[position] == ']')?;
    if characters[index + 1..close].contains(&'[') || characters.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = (close + 2..characters.len()).find(|&position| characters[position] == ')')?;
    let target: String = characters[close + 2..end].iter().collect();
    (!target.is_empty() && !target.contains(char::is_whitespace)).then_some(end + 1)
}

/// The end of an autolink `<https://...>` starting at `index`.
fn autolink_end(characters: &[char], index: usize) -> Option<usize> {
    if !starts_with(characters, index + 1, "http://")
        && !starts_with(characters, index + 1, "https://")
    {
        return None;
    }
    let close = (index + 1..characters.len()).find(|&position| characters[position] == '>')?;
    (!characters[index + 1..close]
        .iter()
        .any(|character| character.is_whitespace() || *character == '<'))
    .then_some(close + 1)
}

/// The end of a bare URL starting at `index`: before whitespace, a quote or
/// angle bracket, without trailing punctuation or an unbalanced `)`.
fn bare_url_end(characters: &[char], index: usize) -> usize {
    let mut end = index;
    while end < characters.len()
        && !characters[end].is_whitespace()
        && !matches!(characters[end], '"' | '\'' | '<' | '>' | '`' | '[' | ']')
    {
        end += 1;
    }
    while let Some(&last) = characters[index..end].last() {
        let opens = characters[index..end]
            .iter()
            .filter(|character| **character == '(')
            .count();
        let closes = characters[index..end]
            .iter()
            .filter(|character| **character == ')')
            .count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?') || (last == ')' && closes > opens) {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        assert_eq!(
            markdown(input).as_deref().unwrap_or(""),
            expect,
            "input {input:?}"
        );
    }

    #[test]
    fn doc_attributes_have_no_tabs() {
        let attributes = doc_attributes("a\tb\n\n```text\nx\t\ty\n```").to_string();
        assert!(!attributes.contains("\\t"), "{attributes}");
        assert!(attributes.contains("\" a b\""), "{attributes}");
        assert!(attributes.contains("\" x  y\""), "{attributes}");
    }

    #[test]
    fn plain_text_is_kept() {
        check("The title of the deal.", "The title of the deal.");
        check("   ", "");
        check("Line one\n    indented line", "Line one\nindented line");
    }

    #[test]
    fn html_becomes_markdown() {
        check("One<br>two<br/>three", "One\ntwo\nthree");
        check("<p>First.</p><p>Second.</p>", "First.\n\nSecond.");
        check(
            r#"See <a href="https://pipedrive.readme.io/docs/x">the docs</a>."#,
            "See [the docs](https://pipedrive.readme.io/docs/x).",
        );
        check("<ul><li>one</li><li>two</li></ul>", "- one\n- two");
        check("<ul><li>one</li></ul>.", "- one\n\n.");
        check("1. first\nafter", "1. first\n   after");
        check(
            r#"<dl class="fields-list"><dt>id</dt><dd>The ID</dd><dt>name</dt><dd>The name</dd></dl>"#,
            "- **id**: The ID\n- **name**: The name",
        );
        check("<b>Bold</b> and <code>code</code>", "**Bold** and `code`");
        check(
            "Tom &amp; Jerry &lt;3 &#39;x&#39; &#x41;",
            "Tom & Jerry &lt;3 'x' A",
        );
    }

    #[test]
    fn rustdoc_lints_are_avoided() {
        check(
            "Visit https://example.com/a?b=c.",
            "Visit <https://example.com/a?b=c>.",
        );
        check(
            "(see https://example.com/x)",
            "(see <https://example.com/x>)",
        );
        check(
            "Already <https://example.com>",
            "Already <https://example.com>",
        );
        check(
            "[link](https://example.com) stays",
            "[link](https://example.com) stays",
        );
        check(
            "Values [1, 2] and [deal_id]",
            "Values \\[1, 2\\] and \\[deal_id\\]",
        );
        check("Use the <deal_id> value", "Use the &lt;deal_id> value");
        check("a < b", "a &lt; b");
        check("`[x] <y>` in code", "`[x] <y>` in code");
        check("```\nlet x = 1;\n```", "```text\nlet x = 1;\n```");
        check("```json\n{\"a\": [1]}\n```", "```json\n{\"a\": [1]}\n```");
        check("Unclosed ```\ncode", "Unclosed ```\ncode");
    }

    #[test]
    fn wrapped_list_items_stay_in_their_item() {
        check(
            "- The first item,\nwrapped.\n- The second.",
            "- The first item,\n  wrapped.\n- The second.",
        );
        check(
            "10. Ten,\n    wrapped\n11. Eleven",
            "10. Ten,\n    wrapped\n11. Eleven",
        );
        check("* one\n\nAfter the list.", "* one\n\nAfter the list.");
        check(
            "- one\n\n  A second paragraph of one.\n- two",
            "- one\n\n  A second paragraph of one.\n- two",
        );
    }

    #[test]
    fn nested_lists_keep_their_nesting() {
        check(
            "- outer\n    - inner, four spaces in\n    wrapped\n- next",
            "- outer\n  - inner, four spaces in\n    wrapped\n- next",
        );
        check(
            "1. first\n   - a\n   - b\n2. second",
            "1. first\n   - a\n   - b\n2. second",
        );
        check(
            "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>Then text.",
            "- a\n  - b\n- c\n\nThen text.",
        );
    }

    #[test]
    fn a_wrapped_block_quote_stays_one_quote() {
        check(
            "The event.\n>Permitted values: `A`, `B`.\nFor more, see the guide.",
            "The event.\n>Permitted values: `A`, `B`.\n> For more, see the guide.",
        );
        check(
            "> quoted\n\nAfter the quote.",
            "> quoted\n\nAfter the quote.",
        );
        check("> quoted\n- a list item", "> quoted\n- a list item");
    }

    #[test]
    fn doc_attributes_are_one_per_line() {
        let tokens = doc_attributes("One\n\nTwo").to_string();
        assert_eq!(
            tokens,
            "# [doc = \" One\"] # [doc = \"\"] # [doc = \" Two\"]"
        );
    }
}
