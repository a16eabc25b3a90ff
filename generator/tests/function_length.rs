//! No function in `generator/src` is longer than 80 lines, signature and
//! closing brace included: a longer one does several things and hides which
//! is which. The sources are rustfmt-formatted, so a function is the lines
//! from its `fn` line to the first line that closes it at the same
//! indentation.

use std::path::{Path, PathBuf};

/// The longest a function may be, in lines.
const MAXIMUM_LINES: usize = 80;

/// Every `.rs` file under `directory`, sorted.
fn rust_files(directory: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![directory.to_path_buf()];
    while let Some(directory) = pending.pop() {
        let entries = std::fs::read_dir(&directory)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", directory.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The name of the function a line declares, with the line's indentation.
fn function_start(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start();
    let indentation = &line[..line.len() - trimmed.len()];
    let mut rest = trimmed;
    for prefix in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
    ] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let name = rest.strip_prefix("fn ")?;
    let end = name
        .find(|character: char| !(character.is_alphanumeric() || character == '_'))
        .unwrap_or(name.len());
    Some((indentation, &name[..end]))
}

/// `(name, first line, length)` of every function in `source` longer than
/// the maximum.
fn long_functions(source: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    let mut long = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some((indentation, name)) = function_start(line) else {
            continue;
        };
        // A declaration without a body (a trait method) or a one-line body.
        if line.trim_end().ends_with(';') || line.trim_end().ends_with('}') {
            continue;
        }
        let closing = format!("{indentation}}}");
        let end = lines[start + 1..]
            .iter()
            .position(|line| *line == closing)
            .map_or(lines.len(), |offset| start + 1 + offset);
        let length = end - start + 1;
        if length > MAXIMUM_LINES {
            long.push((name.to_owned(), start + 1, length));
        }
    }
    long
}

#[test]
fn no_function_is_longer_than_80_lines() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for file in rust_files(&source) {
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
        for (name, line, length) in long_functions(&text) {
            found.push(format!(
                "{}:{line}: `{name}` is {length} lines",
                file.strip_prefix(&source).unwrap_or(&file).display()
            ));
        }
    }
    assert!(
        found.is_empty(),
        "functions longer than {MAXIMUM_LINES} lines:\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn the_scanner_measures_functions_and_skips_declarations() {
    let body = "    x();\n".repeat(MAXIMUM_LINES);
    let source = format!(
        "fn short() {{\n    x();\n}}\n\npub(crate) fn long(a: u8) -> u8 {{\n{body}}}\ntrait T {{\n    fn declared(&self);\n}}\n"
    );
    assert_eq!(
        long_functions(&source),
        vec![("long".to_owned(), 5, MAXIMUM_LINES + 2)]
    );
}
