//! The members generated code gives its own types, by name: the fields and
//! methods of every request builder, the methods of the generated
//! `Client`, the items of a tree's root, and the rule and lenient words of
//! the runtime's `object!` tables. Emission prints these names from here (each variant is an
//! identifier in `quote!`), and lowering keeps a spec's parameters and tags
//! from the same lists, so the two cannot disagree: a member the emitter
//! prints is a variant here, and so it is reserved.
//! `generator/tests/reserved_names.rs` parses the emitted code and checks
//! that it has no other members.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};

/// An enum of member names: each variant with its name, and `NAMES` every
/// name in order, from one list.
macro_rules! members {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )*
        }

        impl $name {
            /// The name of every member, in declaration order.
            pub(crate) const NAMES: &'static [&'static str] = &[$($text),*];

            /// The member's name in Rust.
            pub(crate) fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl ToTokens for $name {
            fn to_tokens(&self, tokens: &mut TokenStream) {
                tokens.append(Ident::new(self.name(), Span::call_site()));
            }
        }
    };
}

members! {
    /// A field or method of a request builder (`GetDealRequest`). A
    /// parameter's field and setter never take one of these names.
    pub(crate) enum BuilderMember {
        /// The field holding the runtime client.
        Client = "client",
        /// The field of the request body, and its setter.
        Body = "body",
        /// The field of the per-call options.
        Options = "options",
        /// The field of the chosen content type, and its setter.
        ContentType = "content_type",
        /// The setter of the per-call timeout.
        Timeout = "timeout",
        /// The setter of the per-call retry policy.
        RetryPolicy = "retry_policy",
        /// Sends the request and returns the body.
        Send = "send",
        /// Sends the request and returns the response.
        SendWithResponse = "send_with_response",
        /// The stream of a paged operation's items.
        Stream = "stream",
        /// The private method that assembles the request.
        Request = "request",
        /// The private function that maps an error status to an error.
        DecodeError = "decode_error",
    }
}

members! {
    /// A method of the generated `Client` other than the accessors of the
    /// operation groups (or, for several specs, of the spec modules): its
    /// constructor and the methods of the traits it implements, which a
    /// spec module's `Api` view, where the group accessors of a spec in a
    /// module hang, implements too. A group accessor or module never takes
    /// one of these names, so that
    /// `Client::builder()` compiles and `client.clone()` stays a clone. The
    /// runtime's client is another type, whose methods an accessor may
    /// shadow through `Deref` without breaking anything.
    pub(crate) enum ClientMethod {
        /// `Client::builder()`.
        Builder = "builder",
        /// `Clone::clone`, from `#[derive(Clone)]`.
        #[allow(dead_code, reason = "derived, so never printed by name")]
        Clone = "clone",
        /// `Debug::fmt`.
        Fmt = "fmt",
        /// `Deref::deref`, to the runtime's client.
        Deref = "deref",
        /// `AsRef::as_ref`, to the runtime's client.
        AsRef = "as_ref",
        /// `From::from`, from the runtime's client.
        From = "from",
        /// `Into::into`, which `From` implies.
        #[allow(dead_code, reason = "implied by `From`, so never printed by name")]
        Into = "into",
    }
}

members! {
    /// An item of a generated tree's root besides the spec modules (for
    /// several specs) or the `apis` and `models` modules (for one): a spec
    /// module never takes one of these names.
    pub(crate) enum RootItem {
        /// `mod client`, the file of the shared `Client`.
        Client = "client",
        /// `pub mod auth`, the credential functions, inside `client`.
        Auth = "auth",
    }
}

members! {
    /// How an `object!` table reads and writes a field: a rule word of the
    /// runtime macro (`runtime/codec.rs`, whose tests run every rule).
    pub(crate) enum FieldRule {
        /// The key must be present.
        Required = "required",
        /// A required key whose value may be `null`.
        Nullable = "nullable",
        /// An `Option` not written when `None`.
        Optional = "optional",
        /// A `Clearable` that tells an absent key from `null`.
        Clearable = "clearable",
    }
}

members! {
    /// How leniently an `object!` table reads a field, after its rule: a
    /// lenient word of the runtime macro, independent of the rule.
    pub(crate) enum Leniency {
        /// A number that may arrive as a string (`"12"`).
        NumberOrString = "number_or_string",
        /// A date or date-time sent as `""` or as a zero date when unset.
        EmptyStringAsNone = "empty_string_as_none",
    }
}
