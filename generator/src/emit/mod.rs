//! Emission: IR → token streams → formatted files with the `@generated` header.

use crate::ir::Api;
use crate::{GeneratedFile, Options};

/// Emits every file of the generated module tree, in a stable order.
pub(crate) fn emit(api: &Api, options: &Options) -> Vec<GeneratedFile> {
    let _ = (api, options);
    todo!("emission")
}
