//! Judging calls made against one of Pipedrive's official specs: every
//! failure must be explained by a written list of the places where our spec
//! deliberately differs from the official one (the official spec's known
//! errors), and every listed difference must still occur, so that the list
//! cannot go stale. The v1 and v2 contract tests share this.

use std::collections::BTreeSet;

use super::tally::{Outcome, Tally};

/// One way a call through our client fails against the official spec on
/// purpose.
pub struct KnownDifference {
    /// The operation.
    pub operation: &'static str,
    /// The label of the call (as the call functions record it).
    pub call: &'static str,
    /// Text that the failure must contain, so that another failure of the
    /// same call is not mistaken for this one.
    pub symptom: &'static str,
    /// Why our spec differs.
    pub reason: &'static str,
}

/// What the summary line of an official-spec test reports.
#[derive(Default)]
pub struct Figures {
    /// Operations called.
    pub operations: usize,
    /// Calls made.
    pub calls: usize,
    /// Operations all of whose requests the official spec accepted (listed
    /// differences aside).
    pub accepted: usize,
    /// Operations all of whose responses decoded as well.
    pub decoded: usize,
}

/// Judges the calls of every operation in `operations` against `known`:
/// pushes to `report` every failure the list does not explain, every
/// operation never called, and every listed difference that did not occur.
pub fn judge(
    tally: &Tally,
    operations: &BTreeSet<String>,
    known: &[KnownDifference],
    report: &mut Vec<String>,
) -> Figures {
    let mut occurred = vec![false; known.len()];
    let mut figures = Figures::default();
    for operation in operations {
        let Some(calls) = tally.calls().get(operation) else {
            report.push(format!("{operation} was never called"));
            continue;
        };
        figures.operations += 1;
        let mut accepted = true;
        let mut decoded = true;
        for call in calls.iter() {
            figures.calls += 1;
            let Some(problem) = call.outcome.problem() else {
                continue;
            };
            if explained(known, operation, &call.label, problem, &mut occurred) {
                continue;
            }
            match &call.outcome {
                Outcome::Rejected(_) => {
                    accepted = false;
                    decoded = false;
                    report.push(format!(
                        "{operation} ({}): the official spec rejects the request: {problem}",
                        call.label
                    ));
                }
                Outcome::NotDecoded(_) => {
                    decoded = false;
                    report.push(format!(
                        "{operation} ({}): the official example does not decode: {problem}",
                        call.label
                    ));
                }
                Outcome::Passed | Outcome::Failed(_) => {
                    accepted = false;
                    decoded = false;
                    report.push(format!("{operation} ({}): {problem}", call.label));
                }
            }
        }
        figures.accepted += usize::from(accepted);
        figures.decoded += usize::from(decoded);
    }
    for (difference, occurred) in known.iter().zip(&occurred) {
        if !occurred {
            report.push(format!(
                "the known difference {} ({}) no longer occurs (symptom {}; listed because {}): \
                 remove it from the list",
                difference.operation, difference.call, difference.symptom, difference.reason
            ));
        }
    }
    figures
}

/// Whether the failure `problem` of one call is one the list expects; marks
/// every listed difference it shows as seen. A call may show several listed
/// differences at once (Prism names every violation of a request), and its
/// failure is explained only when every violation Prism names is listed.
fn explained(
    known: &[KnownDifference],
    operation: &str,
    call: &str,
    problem: &str,
    occurred: &mut [bool],
) -> bool {
    let mut symptoms = Vec::new();
    for (difference, occurred) in known.iter().zip(occurred.iter_mut()) {
        if difference.operation == operation
            && difference.call == call
            && problem.contains(difference.symptom)
        {
            *occurred = true;
            symptoms.push(difference.symptom);
        }
    }
    !symptoms.is_empty()
        && violation_locations(problem)
            .iter()
            .all(|location| symptoms.contains(location))
}

/// Every `"location":[...]` in Prism's list of violations quoted in
/// `problem`, as the listed differences' symptoms write them.
fn violation_locations(problem: &str) -> Vec<&str> {
    const KEY: &str = r#""location":["#;
    let mut locations = Vec::new();
    let mut rest = problem;
    while let Some(start) = rest.find(KEY) {
        let Some(length) = rest[start..].find(']') else {
            break;
        };
        locations.push(&rest[start..=start + length]);
        rest = &rest[start + length..];
    }
    locations
}
