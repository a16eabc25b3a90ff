//! The change report as text (one line per change, for a terminal), as
//! Markdown (a table to paste into a pull request) or as JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{ApiDiff, Change, ChangeKind, RustBump, WireLevel};

/// How a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// One line per change and a short summary.
    Text,
    /// A Markdown table and a summary table, for a pull request.
    Markdown,
    /// Every field of every change, and the summary.
    Json,
}

impl std::str::FromStr for ReportFormat {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "text" => Ok(Self::Text),
            "markdown" => Ok(Self::Markdown),
            "json" => Ok(Self::Json),
            other => Err(format!(
                "unknown report format `{other}` (expected text, markdown or json)"
            )),
        }
    }
}

pub(super) fn render(diff: &ApiDiff, format: ReportFormat) -> String {
    match format {
        ReportFormat::Text => text(diff),
        ReportFormat::Markdown => markdown(diff),
        ReportFormat::Json => json(diff),
    }
}

/// Counts of one kind of change by verdict.
#[derive(Default)]
struct Counts {
    total: usize,
    wire: BTreeMap<WireLevel, usize>,
    rust: BTreeMap<RustBump, usize>,
}

fn counts(diff: &ApiDiff) -> BTreeMap<ChangeKind, Counts> {
    let mut counts: BTreeMap<ChangeKind, Counts> = BTreeMap::new();
    for change in &diff.changes {
        let entry = counts.entry(change.kind).or_default();
        entry.total += 1;
        *entry.wire.entry(change.wire.level).or_default() += 1;
        *entry.rust.entry(change.rust).or_default() += 1;
    }
    counts
}

const LEVELS: [WireLevel; 4] = [
    WireLevel::Error,
    WireLevel::Warning,
    WireLevel::Info,
    WireLevel::NotOnTheWire,
];
const BUMPS: [RustBump; 3] = [RustBump::Major, RustBump::Minor, RustBump::Patch];

/// The notes on Rust verdicts, once per kind that has one.
fn notes(diff: &ApiDiff) -> BTreeMap<ChangeKind, &'static str> {
    diff.changes
        .iter()
        .filter_map(|change| change.rust_note.map(|note| (change.kind, note)))
        .collect()
}

fn bump_sentence(diff: &ApiDiff) -> String {
    match diff.crate_bump() {
        None => "no API changes".to_owned(),
        Some(RustBump::Major) => "the crate needs a major version bump (below 1.0, a major bump \
                                  raises the minor number)"
            .to_owned(),
        Some(RustBump::Minor) => "the crate needs a minor version bump (below 1.0, a minor bump \
                                  raises the patch number)"
            .to_owned(),
        Some(bump) => format!("the crate needs a {} version bump", bump.as_str()),
    }
}

fn breaking_count(diff: &ApiDiff) -> usize {
    diff.changes
        .iter()
        .filter(|change| change.wire.level.is_breaking())
        .count()
}

/// `1 change`, `2 changes`.
fn count_label(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

fn where_label(change: &Change) -> String {
    match &change.operation {
        Some(operation) => format!("{operation}: "),
        None => String::new(),
    }
}

fn text(diff: &ApiDiff) -> String {
    if diff.is_empty() {
        return "no API changes\n".to_owned();
    }
    let mut out = format!(
        "{}, {} breaking on the wire; {}\n",
        count_label(diff.changes.len(), "API change"),
        breaking_count(diff),
        bump_sentence(diff)
    );
    for change in &diff.changes {
        let _ = writeln!(
            out,
            "  {} {:<4} {:<5} {}: {}{} -> {}{}",
            change.id,
            change.wire.level.as_str(),
            change.rust.as_str(),
            change.kind.as_str(),
            where_label(change),
            change.detail,
            change.rust_item,
            change
                .wire
                .rule
                .map(|rule| format!(" [{rule}]"))
                .unwrap_or_default()
        );
    }
    out.push_str("summary:\n");
    for (kind, counts) in counts(diff) {
        let levels: Vec<String> = LEVELS
            .iter()
            .filter_map(|level| {
                counts
                    .wire
                    .get(level)
                    .map(|n| format!("{} {n}", level.as_str()))
            })
            .collect();
        let bumps: Vec<String> = BUMPS
            .iter()
            .filter_map(|bump| {
                counts
                    .rust
                    .get(bump)
                    .map(|n| format!("{} {n}", bump.as_str()))
            })
            .collect();
        let _ = writeln!(
            out,
            "  {:<30} {:>4}  wire: {}; rust: {}",
            kind.as_str(),
            counts.total,
            levels.join(", "),
            bumps.join(", ")
        );
    }
    for (kind, note) in notes(diff) {
        let _ = writeln!(out, "note on {}: {note}", kind.as_str());
    }
    out
}

/// Escapes what would end a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn markdown(diff: &ApiDiff) -> String {
    if diff.is_empty() {
        return "### API changes\n\nNo API changes.\n".to_owned();
    }
    let mut out = format!(
        "### API changes\n\n{}, {} breaking on the wire; {}.\n\n",
        count_label(diff.changes.len(), "change"),
        breaking_count(diff),
        bump_sentence(diff)
    );
    out.push_str("| id | change | where | Rust item | wire | Rust |\n|---|---|---|---|---|---|\n");
    for change in &diff.changes {
        let wire = match change.wire.rule {
            Some(rule) => format!("{} `{rule}`", change.wire.level.as_str()),
            None => change.wire.level.as_str().to_owned(),
        };
        let rust = if change.rust == RustBump::Major {
            "**major**".to_owned()
        } else {
            change.rust.as_str().to_owned()
        };
        let _ = writeln!(
            out,
            "| `{}` | {}: {} | {}`{}` | `{}` | {} | {} |",
            change.id,
            change.kind.as_str(),
            cell(&change.detail),
            change
                .operation
                .as_ref()
                .map(|operation| format!("`{}` ", cell(operation)))
                .unwrap_or_default(),
            cell(&change.pointer),
            cell(&change.rust_item),
            wire,
            rust
        );
    }
    out.push_str(
        "\n#### Summary\n\n| kind | changes | ERR | WARN | INFO | not on the wire | major | minor | patch |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (kind, counts) in counts(diff) {
        let mut row = format!("| {} | {} |", kind.as_str(), counts.total);
        for level in LEVELS {
            let _ = write!(row, " {} |", counts.wire.get(&level).copied().unwrap_or(0));
        }
        for bump in BUMPS {
            let _ = write!(row, " {} |", counts.rust.get(&bump).copied().unwrap_or(0));
        }
        out.push_str(&row);
        out.push('\n');
    }
    let notes = notes(diff);
    if !notes.is_empty() {
        out.push('\n');
        for (kind, note) in notes {
            let _ = writeln!(out, "- {}: {}", kind.as_str(), cell(note));
        }
    }
    out
}

fn json(diff: &ApiDiff) -> String {
    let summary: BTreeMap<String, serde_json::Value> = counts(diff)
        .into_iter()
        .map(|(kind, counts)| {
            let wire: BTreeMap<&str, usize> = counts
                .wire
                .iter()
                .map(|(level, n)| (level.as_str(), *n))
                .collect();
            let rust: BTreeMap<&str, usize> = counts
                .rust
                .iter()
                .map(|(bump, n)| (bump.as_str(), *n))
                .collect();
            (
                kind.as_str(),
                serde_json::json!({ "count": counts.total, "wire": wire, "rust": rust }),
            )
        })
        .collect();
    let value = serde_json::json!({
        "changes": diff.changes,
        "summary": {
            "changes": diff.changes.len(),
            "breaking_on_the_wire": breaking_count(diff),
            "crate_bump": diff.crate_bump().map(RustBump::as_str),
            "by_kind": summary,
        },
    });
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}
