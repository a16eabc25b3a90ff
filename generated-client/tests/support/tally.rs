//! Records every contract call: which operations were called, which calls
//! failed and why, so that one run reports every problem at once.

use std::collections::{BTreeMap, BTreeSet};

use http::HeaderMap;
use pipedrive::{Client, Error, Response};
use serde_json::Value;

/// The header in which Prism lists the ways a request breaks the spec. It is
/// present on rejected requests, and also on accepted ones when a violation
/// is only a warning, so a clean call must not carry it.
pub const VIOLATIONS_HEADER: &str = "sl-violations";

/// The clients the calls use, one per security scheme of the spec.
pub struct Clients {
    /// Sends the token in the `x-api-token` header (scheme `api_key`).
    pub header: Client,
    /// Sends the token as the `api_token` query parameter (scheme `api_token`).
    pub query: Client,
    /// Sends `Authorization: Bearer` (scheme `oauth2`).
    pub bearer: Client,
}

/// One call of an operation and how it went.
pub struct Call {
    /// What the call sends, as `"JSON body, every field"`.
    pub label: String,
    /// How it went.
    pub outcome: Outcome,
}

/// How one call went, with the reason when it did not pass.
pub enum Outcome {
    /// Prism accepted the request and the response decoded.
    Passed,
    /// Prism rejected the request or reported a violation of the spec in it.
    Rejected(String),
    /// Prism accepted the request but the response did not decode.
    NotDecoded(String),
    /// The call failed some other way (transport, or a check of the
    /// decoded value).
    Failed(String),
}

impl Outcome {
    /// Why the call did not pass; `None` when it passed.
    pub fn problem(&self) -> Option<&str> {
        match self {
            Outcome::Passed => None,
            Outcome::Rejected(problem)
            | Outcome::NotDecoded(problem)
            | Outcome::Failed(problem) => Some(problem),
        }
    }
}

/// The outcome of every contract call so far.
#[derive(Default)]
pub struct Tally {
    /// Every call, per operation id.
    calls: BTreeMap<String, Vec<Call>>,
    /// One readable line per failed call.
    failures: Vec<String>,
    /// The places where a response (the spec's own example) broke the
    /// spec's schema, as `operationId: response.body.data...`.
    response_violations: BTreeSet<String>,
}

impl Tally {
    /// Records one call of `operation_id`. The call passes when the response
    /// has a success status, decoded into the generated type (`result` is
    /// `Ok`), and Prism reported no violation of the spec.
    pub fn record<T>(
        &mut self,
        operation_id: &str,
        call: &str,
        result: Result<Response<T>, Error>,
    ) -> Option<T> {
        let outcome = match result {
            Ok(response) => {
                let violations = Violations::read(response.headers());
                for location in &violations.response {
                    self.response_violations
                        .insert(format!("{operation_id}: {location}"));
                }
                if !(200..300).contains(&response.status()) {
                    Err(Outcome::Rejected(format!(
                        "status {} is not a success",
                        response.status()
                    )))
                } else if !violations.request.is_empty() {
                    Err(Outcome::Rejected(format!(
                        "Prism accepted the request with violations: {}",
                        violations.request.join("; ")
                    )))
                } else {
                    Ok(response.into_body())
                }
            }
            Err(error @ (Error::Api(_) | Error::RateLimited { .. })) => {
                Err(Outcome::Rejected(describe_error(&error)))
            }
            Err(error @ Error::Decode(_)) => Err(Outcome::NotDecoded(error.to_string())),
            Err(error) => Err(Outcome::Failed(error.to_string())),
        };
        match outcome {
            Ok(body) => {
                self.push(operation_id, call, Outcome::Passed);
                Some(body)
            }
            Err(outcome) => {
                if let Some(problem) = outcome.problem() {
                    self.failures
                        .push(format!("{operation_id} ({call}): {problem}"));
                }
                self.push(operation_id, call, outcome);
                None
            }
        }
    }

    /// Records a failed check that is not a call result (for example a value
    /// that did not survive the round trip).
    pub fn fail(&mut self, operation_id: &str, call: &str, problem: impl std::fmt::Display) {
        self.failures
            .push(format!("{operation_id} ({call}): {problem}"));
        self.push(operation_id, call, Outcome::Failed(problem.to_string()));
    }

    fn push(&mut self, operation_id: &str, call: &str, outcome: Outcome) {
        self.calls
            .entry(operation_id.to_owned())
            .or_default()
            .push(Call {
                label: call.to_owned(),
                outcome,
            });
    }

    /// Every call made, per operation id.
    pub fn calls(&self) -> &BTreeMap<String, Vec<Call>> {
        &self.calls
    }

    /// The operation ids that were called at least once.
    pub fn called_operations(&self) -> BTreeSet<String> {
        self.calls.keys().cloned().collect()
    }

    /// The operation ids all of whose calls passed.
    pub fn passed_operations(&self) -> BTreeSet<String> {
        self.calls
            .iter()
            .filter(|(_, calls)| {
                calls
                    .iter()
                    .all(|call| matches!(call.outcome, Outcome::Passed))
            })
            .map(|(operation_id, _)| operation_id.clone())
            .collect()
    }

    /// The number of calls made.
    pub fn call_count(&self) -> usize {
        self.calls.values().map(Vec::len).sum()
    }

    /// One line per failed call.
    pub fn failures(&self) -> &[String] {
        &self.failures
    }

    /// Where Prism found a response breaking the spec's schema, as
    /// `operationId: response.body.<path>`.
    pub fn response_violations(&self) -> &BTreeSet<String> {
        &self.response_violations
    }

    /// The problems of a run against data Prism generated, each line
    /// starting with `prefix`: every failed call, and every generated
    /// response that breaks the schema it was made from (a contradiction in
    /// the spec, or a bug of the faker).
    pub fn generated_data_problems(&self, prefix: &str) -> Vec<String> {
        let failures = self
            .failures
            .iter()
            .map(|failure| format!("{prefix}{failure}"));
        let violations = self.response_violations.iter().map(|violation| {
            format!("{prefix}Prism's generated response breaks the spec's schema: {violation}")
        });
        failures.chain(violations).collect()
    }
}

/// Prism's violations of one exchange, split by where they were found.
#[derive(Default)]
struct Violations {
    /// Problems with the request: each breaks the contract.
    request: Vec<String>,
    /// Places where the response (the spec's example) breaks the spec's
    /// schema, as `response.body.data.items.0`.
    response: Vec<String>,
}

impl Violations {
    /// Reads the `sl-violations` header: a JSON list of objects with a
    /// `location` list (`["request", "query", "limit"]`) and a `message`.
    fn read(headers: &HeaderMap) -> Violations {
        let mut violations = Violations::default();
        let Some(header) = headers.get(VIOLATIONS_HEADER) else {
            return violations;
        };
        let text = String::from_utf8_lossy(header.as_bytes());
        let Ok(Value::Array(entries)) = serde_json::from_str::<Value>(&text) else {
            violations
                .request
                .push(format!("unreadable {VIOLATIONS_HEADER} header: {text}"));
            return violations;
        };
        for entry in entries {
            let location: Vec<String> = entry
                .get("location")
                .and_then(Value::as_array)
                .map(|parts| {
                    parts
                        .iter()
                        .map(|part| match part {
                            Value::String(text) => text.clone(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            if location.first().map(String::as_str) == Some("response") {
                violations.response.push(location.join("."));
            } else {
                violations.request.push(entry.to_string());
            }
        }
        violations
    }
}

/// The error with, for a rejected request, Prism's list of violations: in
/// its header when the spec declares an error response for Prism to send,
/// else in the `validation` list of Prism's own problem+json body.
fn describe_error(error: &Error) -> String {
    match error {
        Error::Api(api_error) => match api_error.headers().get(VIOLATIONS_HEADER) {
            Some(violations) => format!(
                "{error}; violations: {}",
                String::from_utf8_lossy(violations.as_bytes())
            ),
            None => match serde_json::from_slice::<Value>(api_error.raw_body())
                .ok()
                .and_then(|body| body.get("validation").cloned())
            {
                Some(violations) => format!("{error}; violations: {violations}"),
                None => error.to_string(),
            },
        },
        _ => error.to_string(),
    }
}
