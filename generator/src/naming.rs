//! The one place that turns spec names into Rust identifiers: case conversion,
//! keywords, leading digits, non-ASCII, and per-scope uniqueness.
//!
//! The rules (also in ARCHITECTURE.md):
//!
//! - Case conversion is `heck`'s, after non-ASCII letters are transliterated
//!   (`é` → `e`, `ß` → `ss`) and any other non-ASCII character is spelled as
//!   its code point (`日` → `u65e5`), so every name is ASCII and stable.
//! - A name with no letters or digits is spelled from its symbols (`+` →
//!   `plus`, `<=` → `lt_eq`); an empty name becomes `empty`.
//! - A name that starts with a digit gets a prefix: `_` for values (`_2fa`),
//!   `V` for types (`V2fa`).
//! - Keywords: `self`, `super`, `crate` and `Self` get a trailing `_` (they
//!   cannot be raw identifiers); every other keyword, including 2024's `gen`,
//!   becomes a raw identifier (`r#type`). `quote::format_ident!` accepts the
//!   `r#` prefix.
//! - [`Scope`] makes names unique after case folding (`fooBar`, `foo_bar`,
//!   `FooBar`, `foo-bar` fold to one key): the first claim keeps the name,
//!   later ones get the smallest free numeric suffix.
//! - Every identifier the generated code declares is a [`RustName`], which
//!   only this module creates: the naming functions and [`Scope::claim`]
//!   return one, and emission prints it as it is.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// A Rust identifier the naming rules produced: never empty, ASCII letters,
/// digits and `_`, not starting with a digit, a keyword only as a raw
/// identifier (`r#type`). Only this module creates one, so emission prints
/// it without checking it again.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustName(String);

impl RustName {
    /// The name as written in Rust source, `r#` included (`r#type`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name without `r#` (`type`), for names built from it.
    pub fn bare(&self) -> &str {
        self.0.trim_start_matches("r#")
    }

    /// The identifier token, a raw identifier for `r#name`.
    pub fn ident(&self) -> proc_macro2::Ident {
        let span = proc_macro2::Span::call_site();
        match self.0.strip_prefix("r#") {
            Some(bare) => proc_macro2::Ident::new_raw(bare, span),
            None => proc_macro2::Ident::new(&self.0, span),
        }
    }

    /// This name followed by `suffix` (`GetDeal` → `GetDealRequest`), for
    /// names derived from another; a raw identifier loses its `r#`.
    pub(crate) fn suffixed(&self, suffix: &str) -> Self {
        Self::spell(&format!("{}{suffix}", self.bare()))
    }

    /// Spells `text` as an identifier: unchanged when the naming rules made
    /// it (the names [`Scope::claim`] is asked for are built from their
    /// output); otherwise every character that cannot be in an identifier
    /// becomes `_`, a leading digit gets a `_` and a keyword is escaped, so
    /// the result is always an identifier.
    fn spell(text: &str) -> Self {
        let bare = text.trim_start_matches("r#");
        let mut name: String = bare
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        if name.chars().all(|c| c == '_') {
            name.push_str("empty");
        }
        if name.starts_with(|c: char| c.is_ascii_digit()) {
            name.insert(0, '_');
        }
        Self(escape_keyword(name))
    }
}

impl std::fmt::Display for RustName {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl quote::ToTokens for RustName {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        self.ident().to_tokens(tokens);
    }
}

impl std::ops::Deref for RustName {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for RustName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for RustName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RustName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// Keywords that cannot be raw identifiers: they get a trailing `_`.
const NON_RAW_KEYWORDS: &[&str] = &["self", "super", "crate", "Self"];

/// Strict and reserved keywords of Rust 2024 that become raw identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Spellings for names made only of symbols (enum values such as `+` or `<=`).
const SYMBOL_WORDS: &[(char, &str)] = &[
    ('+', "plus"),
    ('-', "minus"),
    ('*', "star"),
    ('/', "slash"),
    ('<', "lt"),
    ('>', "gt"),
    ('=', "eq"),
    ('!', "not"),
    ('&', "and"),
    ('|', "or"),
    ('%', "percent"),
    ('#', "hash"),
    ('@', "at"),
    ('$', "dollar"),
    ('.', "dot"),
    ('?', "question"),
    ('~', "tilde"),
    ('^', "caret"),
    (':', "colon"),
    (',', "comma"),
];

/// Transliterations of common Latin letters with diacritics.
const TRANSLITERATIONS: &[(&str, &str)] = &[
    ("àáâãäåāăą", "a"),
    ("ÀÁÂÃÄÅĀĂĄ", "A"),
    ("çćĉċč", "c"),
    ("ÇĆĈĊČ", "C"),
    ("ďđ", "d"),
    ("ĎĐ", "D"),
    ("èéêëēĕėęě", "e"),
    ("ÈÉÊËĒĔĖĘĚ", "E"),
    ("ĝğġģ", "g"),
    ("ĜĞĠĢ", "G"),
    ("ìíîïĩīĭįı", "i"),
    ("ÌÍÎÏĨĪĬĮİ", "I"),
    ("ĺļľŀł", "l"),
    ("ĹĻĽĿŁ", "L"),
    ("ñńņňŉ", "n"),
    ("ÑŃŅŇ", "N"),
    ("òóôõöøōŏő", "o"),
    ("ÒÓÔÕÖØŌŎŐ", "O"),
    ("ŕŗř", "r"),
    ("ŔŖŘ", "R"),
    ("śŝşš", "s"),
    ("ŚŜŞŠ", "S"),
    ("ţťŧ", "t"),
    ("ŢŤŦ", "T"),
    ("ùúûüũūŭůűų", "u"),
    ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
    ("ýÿ", "y"),
    ("ÝŸ", "Y"),
    ("źżž", "z"),
    ("ŹŻŽ", "Z"),
    ("ß", "ss"),
    ("æ", "ae"),
    ("Æ", "Ae"),
    ("œ", "oe"),
    ("Œ", "Oe"),
];

/// A Rust type name (`UpperCamelCase`) for a spec name.
pub(crate) fn type_name(spec_name: &str) -> RustName {
    let mut name = ascii_words(spec_name).to_upper_camel_case();
    if name.is_empty() {
        name = "Empty".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    RustName(escape_keyword(name))
}

/// A Rust field, function or variable name (`snake_case`) for a spec name.
pub(crate) fn value_name(spec_name: &str) -> RustName {
    let mut name = ascii_words(spec_name).to_snake_case();
    if name.is_empty() {
        name = "empty".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    RustName(escape_keyword(name))
}

/// A module or file stem (`snake_case`, never a raw identifier, so that it
/// can name a file): keywords get a trailing `_` (`type_`, `mod_`).
pub(crate) fn module_name(spec_name: &str) -> RustName {
    let name = value_name(spec_name);
    match name.0.strip_prefix("r#") {
        Some(keyword) => RustName(format!("{keyword}_")),
        None => name,
    }
}

/// The name a model gets in schema lowering's first run, which only
/// discovers the places that need a model and keeps none of its models:
/// `hint` (built from the naming functions' output) as it is, unclaimed.
pub(crate) fn provisional_name(hint: &str) -> RustName {
    RustName::spell(hint)
}

/// The method named by a spec's extension (`x-explicit-omission`), when
/// `name` is snake case (ASCII lowercase letters, digits and `_`, starting
/// with a letter); a keyword becomes a raw identifier. `None` otherwise.
pub(crate) fn method_name(name: &str) -> Option<RustName> {
    is_lowercase_identifier(name).then(|| RustName(escape_keyword(name.to_owned())))
}

/// Whether `name` is ASCII lowercase letters, digits and `_`, starting with
/// a letter.
fn is_lowercase_identifier(name: &str) -> bool {
    name.starts_with(|first: char| first.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The module of a crate made from several specs that the caller named
/// `name`, when `name` is a lowercase identifier (ASCII lowercase letters,
/// digits and `_`, starting with a letter) and no keyword; `None` otherwise.
pub(crate) fn spec_module(name: &str) -> Option<RustName> {
    (is_lowercase_identifier(name) && !is_keyword(name)).then(|| RustName(name.to_owned()))
}

/// Whether `name` is a Rust keyword (strict or reserved, including 2024's
/// `gen`), which cannot be a plain identifier.
fn is_keyword(name: &str) -> bool {
    NON_RAW_KEYWORDS.contains(&name) || RAW_KEYWORDS.contains(&name)
}

/// Adds `r#` or a trailing `_` to a keyword; returns other names unchanged.
fn escape_keyword(name: String) -> String {
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Makes `spec_name` ASCII with word boundaries heck understands.
fn ascii_words(spec_name: &str) -> String {
    if !spec_name.chars().any(char::is_alphanumeric) {
        return symbol_words(spec_name);
    }
    let mut out = String::with_capacity(spec_name.len());
    for character in spec_name.chars() {
        if character.is_ascii() {
            out.push(character);
        } else if let Some(ascii) = transliterate(character) {
            out.push_str(ascii);
        } else {
            out.push_str(&format!("_u{:04x}_", u32::from(character)));
        }
    }
    out
}

/// Spells a name that has no letters or digits from its symbols.
fn symbol_words(spec_name: &str) -> String {
    let words: Vec<String> = spec_name
        .chars()
        .filter(|character| !character.is_whitespace() && *character != '_')
        .map(|character| {
            SYMBOL_WORDS
                .iter()
                .find(|(symbol, _)| *symbol == character)
                .map(|(_, word)| (*word).to_owned())
                .unwrap_or_else(|| format!("u{:04x}", u32::from(character)))
        })
        .collect();
    words.join("_")
}

/// The ASCII spelling of a Latin letter with a diacritic, if known.
fn transliterate(character: char) -> Option<&'static str> {
    TRANSLITERATIONS
        .iter()
        .find(|(letters, _)| letters.contains(character))
        .map(|(_, ascii)| *ascii)
}

/// The key two names collide on: lower case, without `r#`, `_` and `-`.
fn fold(name: &str) -> String {
    name.trim_start_matches("r#")
        .chars()
        .filter(|character| *character != '_' && *character != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Hands out names that are unique within one scope (a module, a struct's
/// fields, an enum's variants) after case folding.
#[derive(Debug, Default, Clone)]
pub(crate) struct Scope {
    taken: std::collections::BTreeSet<String>,
    /// The last suffix handed out per folded name, so that the thousandth
    /// `Item` does not try 999 suffixes first. Names are never released, so
    /// every smaller suffix is still taken.
    last_suffix: std::collections::BTreeMap<String, u32>,
}

impl Scope {
    /// Returns `wanted`, or `wanted` with the smallest numeric suffix that
    /// makes it unique in this scope, and reserves it. Type names get the
    /// suffix directly (`Deal2`), snake-case names after an underscore
    /// (`deal_2`); a raw identifier loses its `r#` when suffixed.
    pub(crate) fn claim(&mut self, wanted: &str) -> RustName {
        let wanted = RustName::spell(wanted);
        let wanted = wanted.as_str();
        if self.taken.insert(fold(wanted)) {
            return RustName(wanted.to_owned());
        }
        let bare = wanted.trim_start_matches("r#");
        let separator = if bare.starts_with(|c: char| c.is_ascii_uppercase()) || bare.ends_with('_')
        {
            ""
        } else {
            "_"
        };
        let folded = fold(bare);
        let mut suffix = self
            .last_suffix
            .get(&folded)
            .map_or(2, |last| last.saturating_add(1));
        loop {
            let candidate = format!("{bare}{separator}{suffix}");
            if self.taken.insert(fold(&candidate)) {
                self.last_suffix.insert(folded, suffix);
                return RustName::spell(&candidate);
            }
            suffix = suffix.saturating_add(1);
        }
    }

    /// Reserves `name` without returning anything, e.g. a name the generated
    /// code uses itself.
    pub(crate) fn reserve(&mut self, name: &str) {
        self.taken.insert(fold(name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(convert: fn(&str) -> RustName, input: &str, expect: &str) {
        assert_eq!(convert(input).as_str(), expect, "input {input:?}");
    }

    #[test]
    fn type_names() {
        let cases = [
            ("deal", "Deal"),
            ("fooBar", "FooBar"),
            ("foo_bar", "FooBar"),
            ("foo-bar", "FooBar"),
            ("HTTPResponse", "HttpResponse"),
            ("Self", "Self_"),
            ("self", "Self_"),
            ("type", "Type"),
            ("2fa", "V2fa"),
            ("123", "V123"),
            ("", "Empty"),
            ("+", "Plus"),
            ("<=", "LtEq"),
            ("Café", "Cafe"),
            ("Straße", "Strasse"),
            ("日本", "U65e5U672c"),
            ("Option", "Option"),
            ("deal.v2", "DealV2"),
        ];
        for (input, expect) in cases {
            check(type_name, input, expect);
        }
    }

    #[test]
    fn value_names() {
        let cases = [
            ("fooBar", "foo_bar"),
            ("FooBar", "foo_bar"),
            ("foo-bar", "foo_bar"),
            ("type", "r#type"),
            ("gen", "r#gen"),
            ("async", "r#async"),
            ("self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("Self", "self_"),
            ("1st", "_1st"),
            ("", "empty"),
            ("-", "minus"),
            ("ünïcode", "unicode"),
            ("名前", "u540d_u524d"),
            ("__proto__", "proto"),
            ("add_time", "add_time"),
        ];
        for (input, expect) in cases {
            check(value_name, input, expect);
        }
    }

    #[test]
    fn module_names() {
        let cases = [
            ("type", "type_"),
            ("mod", "mod_"),
            ("Deals", "deals"),
            ("self", "self_"),
        ];
        for (input, expect) in cases {
            check(module_name, input, expect);
        }
    }

    #[test]
    fn claims_are_identifiers_whatever_they_are_asked_for() {
        let cases = [
            ("deals", "deals"),
            ("r#type", "r#type"),
            ("type", "r#type"),
            ("r#self", "self_"),
            ("", "empty"),
            ("1st", "_1st"),
            ("with space", "with_space"),
            ("Self", "Self_"),
        ];
        for (wanted, expect) in cases {
            let name = Scope::default().claim(wanted);
            assert_eq!(name.as_str(), expect, "wanted {wanted:?}");
            assert_eq!(name.ident().to_string(), expect, "wanted {wanted:?}");
        }
    }

    #[test]
    fn derived_and_checked_names_are_identifiers() {
        assert_eq!(type_name("get deal").suffixed("Request"), "GetDealRequest");
        assert_eq!(value_name("type").suffixed("s"), "types");
        assert_eq!(value_name("type").bare(), "type");
        assert_eq!(
            method_name("delete_all").map(|name| name.ident().to_string()),
            Some("delete_all".to_owned())
        );
        assert_eq!(
            method_name("fn").map(|name| name.ident().to_string()),
            Some("r#fn".to_owned())
        );
        assert!(method_name("Delete").is_none());
        assert!(spec_module("v2").is_some());
        assert!(spec_module("fn").is_none());
        assert!(spec_module("2v").is_none());
        assert_eq!(provisional_name("GetDealData"), "GetDealData");
    }

    fn check_scope(claims: &[&str], expect: &[&str]) {
        let mut scope = Scope::default();
        let got: Vec<String> = claims
            .iter()
            .map(|wanted| scope.claim(wanted).as_str().to_owned())
            .collect();
        assert_eq!(got, expect, "claims {claims:?}");
    }

    #[test]
    fn scopes_disambiguate_after_folding() {
        check_scope(
            &["foo_bar", "foo_bar", "foo_bar", "foobar"],
            &["foo_bar", "foo_bar_2", "foo_bar_3", "foobar_4"],
        );
        check_scope(
            &["FooBar", "Foobar", "FooBar2"],
            &["FooBar", "Foobar2", "FooBar22"],
        );
        check_scope(&["r#type", "r#type"], &["r#type", "type_2"]);
        check_scope(&["self_", "self_"], &["self_", "self_2"]);
        check_scope(&["a", "b", "A"], &["a", "b", "A2"]);
        check_scope(
            &["Item3", "Item", "Item", "Item", "Item2x", "Item"],
            &["Item3", "Item", "Item2", "Item4", "Item2x", "Item5"],
        );
    }
}
