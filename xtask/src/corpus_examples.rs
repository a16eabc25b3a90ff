//! `cargo xtask corpus --examples <dir|file> [--sample <n>] [--only <text>]`:
//! decodes every JSON request and response example of every spec into the
//! type the generated client gives it, writes it back, and reports what was
//! lost on the way.
//!
//! Per spec: the generator says which Rust type each JSON body has
//! ([`generator::body_targets`]); the examples of those bodies are read from
//! the spec; a standalone crate is written with a small program that decodes
//! each example (through `serde_path_to_error`, as the client does) and
//! prints what it writes back; the pinned `ajv` (`spec/check-examples.mjs`)
//! says which examples conform to their schema. Nothing here runs in CI: the
//! crates take minutes to build.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use generator::{BodyPlace, BodyTarget, JsonPointer};
use serde_json::{Map, Value};

/// Parsed `corpus --examples` arguments.
#[derive(Debug)]
pub(crate) struct Arguments {
    target: PathBuf,
    sample: Option<usize>,
    only: Option<String>,
}

impl Arguments {
    /// Parses `<dir|file> [--sample <n>] [--only <text>]` (after `--examples`).
    pub(crate) fn parse(args: &[String]) -> Result<Self> {
        let (mut target, mut sample, mut only) = (None, None, None);
        let mut remaining = args.iter();
        while let Some(argument) = remaining.next() {
            match argument.as_str() {
                "--sample" => {
                    let value = remaining.next().context("`--sample` needs a number")?;
                    let number = value
                        .parse()
                        .with_context(|| format!("`--sample` needs a number, not `{value}`"))?;
                    sample = Some(number);
                }
                "--only" => only = Some(remaining.next().context("`--only` needs a text")?.clone()),
                flag if flag.starts_with("--") => {
                    bail!("unknown argument `{flag}` to corpus --examples")
                }
                path => target = Some(PathBuf::from(path)),
            }
        }
        let target = target.context("corpus --examples needs a directory or a spec file")?;
        Ok(Self {
            target,
            sample,
            only,
        })
    }
}

/// One example of one body, and the body's target.
#[derive(Debug, Clone)]
struct Example {
    /// JSON pointer of the example where it is written (after `$ref`s).
    pointer: String,
    /// Index into the spec's targets.
    target: usize,
    /// The example's value.
    value: Value,
    /// The schema the body declares, for telling which lost keys it names.
    schema: Value,
}

/// What happened to one example.
#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    /// Decoded and written back.
    RoundTrip { written: Value },
    /// Did not decode: the field path and the reason.
    DecodeFailed(String),
    /// Decoded but could not be written back.
    EncodeFailed(String),
}

/// Totals over one spec or over all of them.
#[derive(Debug, Default, Clone, Copy)]
struct Totals {
    specs: usize,
    specs_failed: usize,
    examples: usize,
    serialize_only: usize,
    decoded: usize,
    failed_conforming: usize,
    failed_nonconforming: usize,
    encode_failed: usize,
    identical: usize,
    declared_keys_lost: usize,
    undeclared_keys_lost: usize,
    null_keys_dropped: usize,
}

impl Totals {
    fn add(&mut self, other: &Totals) {
        self.specs += other.specs;
        self.specs_failed += other.specs_failed;
        self.examples += other.examples;
        self.serialize_only += other.serialize_only;
        self.decoded += other.decoded;
        self.failed_conforming += other.failed_conforming;
        self.failed_nonconforming += other.failed_nonconforming;
        self.encode_failed += other.encode_failed;
        self.identical += other.identical;
        self.declared_keys_lost += other.declared_keys_lost;
        self.undeclared_keys_lost += other.undeclared_keys_lost;
        self.null_keys_dropped += other.null_keys_dropped;
    }
}

/// Runs the check over every spec (or the sample) and prints the figures.
pub(crate) fn run(root: &Path, arguments: &Arguments) -> Result<()> {
    let specs = select_specs(arguments)?;
    let work = root.join("target/corpus-examples");
    let started = Instant::now();
    let mut totals = Totals::default();
    for (index, spec) in specs.iter().enumerate() {
        let spec_started = Instant::now();
        match check_spec(root, &work, spec, index) {
            Ok(Some(spec_totals)) => {
                print_spec_line(spec, &spec_totals, spec_started);
                totals.add(&spec_totals);
            }
            Ok(None) => {}
            Err(error) => {
                totals.specs += 1;
                totals.specs_failed += 1;
                println!("error     {}: {error:#}", spec.display());
            }
        }
    }
    print_summary(&totals, started);
    Ok(())
}

/// The specs to check: every one under the directory (or the one file),
/// filtered by `--only`, then an evenly spaced `--sample` of the sorted list.
fn select_specs(arguments: &Arguments) -> Result<Vec<PathBuf>> {
    let mut specs = Vec::new();
    if arguments.target.is_dir() {
        crate::corpus::collect_specs(&arguments.target, &mut specs)?;
    } else {
        specs.push(arguments.target.clone());
    }
    specs.sort();
    if let Some(only) = &arguments.only {
        specs.retain(|spec| spec.to_string_lossy().contains(only.as_str()));
    }
    if let Some(sample) = arguments
        .sample
        .filter(|&sample| sample > 0 && sample < specs.len())
    {
        let step = specs.len() / sample;
        specs = specs.into_iter().step_by(step).take(sample).collect();
    }
    if specs.is_empty() {
        bail!("no specs to check under {}", arguments.target.display());
    }
    Ok(specs)
}

/// Checks one spec; `None` when it has no JSON body example.
fn check_spec(root: &Path, work: &Path, spec: &Path, index: usize) -> Result<Option<Totals>> {
    let text = crate::read_to_string(spec)?;
    let targets = generator::body_targets(&text).context("the generator refuses the spec")?;
    let document = generator::parse_document(&text)?;
    let examples = collect_examples(&document, &targets);
    if examples.is_empty() {
        return Ok(None);
    }
    let mut totals = Totals {
        specs: 1,
        examples: examples.len(),
        ..Totals::default()
    };
    let decodable: Vec<&Example> = examples
        .iter()
        .filter(|example| targets[example.target].deserializable)
        .collect();
    totals.serialize_only = examples.len() - decodable.len();
    if decodable.is_empty() {
        return Ok(Some(totals));
    }
    let crate_name = format!("examples_{index:04}");
    let out = work.join(&crate_name);
    let _ = std::fs::remove_dir_all(&out);
    crate::standalone::write_crate(root, &text, &spec.display().to_string(), &out, &crate_name)?;
    write_harness(&out, &crate_name, &targets)?;
    let verdicts = run_harness(root, work, &out, &decodable)?;
    let nonconforming = nonconforming_pointers(root, spec, &decodable)?;
    for (example, verdict) in decodable.iter().zip(&verdicts) {
        tally(
            &mut totals,
            spec,
            example,
            verdict,
            &document,
            &nonconforming,
        );
    }
    Ok(Some(totals))
}

/// Adds one example's verdict to the totals, printing each loss.
fn tally(
    totals: &mut Totals,
    spec: &Path,
    example: &Example,
    verdict: &Verdict,
    document: &Value,
    nonconforming: &BTreeSet<String>,
) {
    match verdict {
        Verdict::DecodeFailed(reason) => {
            if nonconforming.contains(&example.pointer) {
                totals.failed_nonconforming += 1;
            } else {
                totals.failed_conforming += 1;
                println!("  decode  {} {}: {reason}", spec.display(), example.pointer);
            }
        }
        Verdict::EncodeFailed(reason) => {
            totals.encode_failed += 1;
            println!("  encode  {} {}: {reason}", spec.display(), example.pointer);
        }
        Verdict::RoundTrip { written } => {
            totals.decoded += 1;
            if same_json(&example.value, written) {
                totals.identical += 1;
            }
            let mut losses = Vec::new();
            lost_keys(&example.value, written, "", &mut losses);
            for loss in losses {
                if loss.was_null {
                    totals.null_keys_dropped += 1;
                } else if declares_key(document, &example.schema, &loss.path) {
                    totals.declared_keys_lost += 1;
                    println!(
                        "  lost    {} {}: {}",
                        spec.display(),
                        example.pointer,
                        loss.path
                    );
                } else {
                    totals.undeclared_keys_lost += 1;
                }
            }
        }
    }
}

fn print_spec_line(spec: &Path, totals: &Totals, started: Instant) {
    println!(
        "checked  {:>6.1} s  {:>4} examples  {:>4} decoded  {:>4} failed  {:>4} identical  {:>3} declared keys lost  {}",
        started.elapsed().as_secs_f64(),
        totals.examples,
        totals.decoded,
        totals.failed_conforming + totals.failed_nonconforming,
        totals.identical,
        totals.declared_keys_lost,
        spec.display()
    );
}

fn print_summary(totals: &Totals, started: Instant) {
    let failed = totals.failed_conforming + totals.failed_nonconforming;
    println!(
        "\nspecs with JSON body examples: {} ({} could not be checked)",
        totals.specs, totals.specs_failed
    );
    println!(
        "examples tried: {} ({} of serialize-only types skipped)",
        totals.examples, totals.serialize_only
    );
    println!(
        "decoded: {}; failed: {failed} ({} conforming to their schema, {} not); written back failed: {}",
        totals.decoded, totals.failed_conforming, totals.failed_nonconforming, totals.encode_failed
    );
    println!(
        "identical after the round trip: {}; keys lost that the schema declares: {}; undeclared keys lost: {}; null-valued keys dropped: {}",
        totals.identical,
        totals.declared_keys_lost,
        totals.undeclared_keys_lost,
        totals.null_keys_dropped
    );
    println!("in {:.0} s", started.elapsed().as_secs_f64());
}

/// Every example of every JSON body that has a target, with the schema it is
/// an example of.
fn collect_examples(document: &Value, targets: &[BodyTarget]) -> Vec<Example> {
    let mut examples = Vec::new();
    for (index, target) in targets.iter().enumerate() {
        let operation_pointer = format!("/paths/{}/{}", escape_token(&target.path), target.method);
        let Some(operation) = document.pointer(&operation_pointer) else {
            continue;
        };
        let holders = match &target.place {
            BodyPlace::Request { media_type } => {
                let Some((body, body_pointer)) = follow(
                    document,
                    operation.get("requestBody"),
                    &format!("{operation_pointer}/requestBody"),
                ) else {
                    continue;
                };
                let media_pointer = format!("{body_pointer}/content/{}", escape_token(media_type));
                body.pointer(&format!("/content/{}", escape_token(media_type)))
                    .map(|holder| vec![(holder, media_pointer)])
                    .unwrap_or_default()
            }
            BodyPlace::Response { status } => {
                let place = format!("{operation_pointer}/responses/{}", escape_token(status));
                let Some((response, response_pointer)) = follow(
                    document,
                    operation.pointer(&format!("/responses/{}", escape_token(status))),
                    &place,
                ) else {
                    continue;
                };
                json_media_types(response, &response_pointer)
            }
        };
        for (holder, holder_pointer) in holders {
            examples_of(document, holder, &holder_pointer, index, &mut examples);
        }
    }
    examples
}

/// The media type object of a response that the client decodes (the first
/// JSON one, as the generator chooses it), with its pointer.
fn json_media_types<'a>(response: &'a Value, response_pointer: &str) -> Vec<(&'a Value, String)> {
    let Some(content) = response.get("content").and_then(Value::as_object) else {
        return Vec::new();
    };
    content
        .iter()
        .find(|(media_type, _)| generator::is_json_media_type(media_type))
        .map(|(media_type, holder)| {
            (
                holder,
                format!("{response_pointer}/content/{}", escape_token(media_type)),
            )
        })
        .into_iter()
        .collect()
}

/// The `example` and `examples/*/value` of one media type object.
fn examples_of(
    document: &Value,
    holder: &Value,
    holder_pointer: &str,
    target: usize,
    examples: &mut Vec<Example>,
) {
    let schema = holder.get("schema").cloned().unwrap_or(Value::Null);
    if let Some(value) = holder.get("example") {
        examples.push(Example {
            pointer: format!("#{holder_pointer}/example"),
            target,
            value: value.clone(),
            schema: schema.clone(),
        });
    }
    let Some(named) = holder.get("examples").and_then(Value::as_object) else {
        return;
    };
    for (name, example) in named {
        // Named where the media type uses it, as `spec/check-examples.mjs`
        // names it, even when it is a `$ref` to `components/examples`.
        let place = format!("{holder_pointer}/examples/{}", escape_token(name));
        let Some((example, _)) = follow(document, Some(example), &place) else {
            continue;
        };
        if let Some(value) = example.get("value") {
            examples.push(Example {
                pointer: format!("#{place}/value"),
                target,
                value: value.clone(),
                schema: schema.clone(),
            });
        }
    }
}

/// A node, following local `$ref`s (with the generator's follower); the
/// pointer is where the node is written. `None` for a missing node, an
/// external `$ref` or a cycle.
fn follow<'a>(
    document: &'a Value,
    node: Option<&'a Value>,
    pointer: &str,
) -> Option<(&'a Value, String)> {
    let (node, pointer) =
        generator::follow_references(document, node?, JsonPointer::from_escaped(pointer))?;
    Some((node, pointer.as_str().to_owned()))
}

/// One reference token of a JSON pointer (RFC 6901).
fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Writes `src/main.rs`: decode each example line by its target's type and
/// print what it writes back.
fn write_harness(out: &Path, crate_name: &str, targets: &[BodyTarget]) -> Result<()> {
    let mut arms = String::new();
    for (index, target) in targets.iter().enumerate() {
        if target.deserializable {
            // The generated tree is private in a standalone crate and
            // re-exported at its root; the runtime is public.
            let rust_type = target
                .rust_type
                .replace("crate :: generated ::", &format!("{crate_name} ::"))
                .replace("crate ::", &format!("{crate_name} ::"));
            let _ = writeln!(arms, "        {index} => round_trip::<{rust_type}>(text),");
        }
    }
    let program = format!(
        r#"//! Decodes each example (one JSON line: target index, then the text) and
//! prints one JSON line: what it wrote back, or why it failed.

use std::io::BufRead;

fn main() {{
    for line in std::io::stdin().lock().lines() {{
        let line = line.expect("stdin is readable");
        let (index, text) = line.split_once(' ').expect("index, space, JSON");
        let index: usize = index.parse().expect("an index");
        let verdict = match index {{
{arms}        _ => serde_json::json!({{"error": "no such target"}}),
        }};
        println!("{{verdict}}");
    }}
}}

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> serde_json::Value {{
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {{
        Ok(value) => match serde_json::to_value(&value) {{
            Ok(written) => serde_json::json!({{"written": written}}),
            Err(error) => serde_json::json!({{"encode": error.to_string()}}),
        }},
        Err(error) => serde_json::json!({{"decode": format!("{{}}: {{}}", error.path(), error.inner())}}),
    }}
}}
"#
    );
    crate::standalone::write_file(&out.join("src/main.rs"), &program)
}

/// Builds the crate and runs its program over the examples.
fn run_harness(
    root: &Path,
    work: &Path,
    out: &Path,
    examples: &[&Example],
) -> Result<Vec<Verdict>> {
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"))?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let build = Command::new(&cargo)
        .args(["build", "--quiet", "--offline", "--message-format", "short"])
        .env("CARGO_TARGET_DIR", work.join("target"))
        .current_dir(out)
        .output()?;
    if !build.status.success() {
        let stderr = String::from_utf8_lossy(&build.stderr);
        let first_error = stderr
            .lines()
            .find(|line| line.contains("error"))
            .unwrap_or("no error line");
        bail!("the crate does not build: {first_error}");
    }
    let mut input = String::new();
    for example in examples {
        let _ = writeln!(input, "{} {}", example.target, example.value);
    }
    let name = out
        .file_name()
        .and_then(|name| name.to_str())
        .context("crate directory name")?;
    let program = work.join("target/debug").join(name);
    let output = run_with_input(&program, &input)?;
    let verdicts: Vec<Verdict> = output.lines().map(parse_verdict).collect::<Result<_>>()?;
    if verdicts.len() != examples.len() {
        bail!(
            "the program answered {} of {} examples",
            verdicts.len(),
            examples.len()
        );
    }
    Ok(verdicts)
}

fn run_with_input(program: &Path, input: &str) -> Result<String> {
    use std::io::Write as _;
    let mut child = Command::new(program)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("could not run {}", program.display()))?;
    let mut stdin = child.stdin.take().context("no stdin")?;
    let input = input.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output()?;
    let _ = writer.join();
    if !output.status.success() {
        bail!("{} failed with {}", program.display(), output.status);
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn parse_verdict(line: &str) -> Result<Verdict> {
    let value: Value = serde_json::from_str(line).with_context(|| format!("bad line `{line}`"))?;
    Ok(if let Some(written) = value.get("written") {
        Verdict::RoundTrip {
            written: written.clone(),
        }
    } else if let Some(reason) = value.get("decode").and_then(Value::as_str) {
        Verdict::DecodeFailed(reason.to_owned())
    } else if let Some(reason) = value.get("encode").and_then(Value::as_str) {
        Verdict::EncodeFailed(reason.to_owned())
    } else {
        bail!("unexpected line `{line}`")
    })
}

/// The pointers of the examples that `ajv` finds do not conform to their
/// schema (`spec/check-examples.mjs`, with the pinned npm packages).
fn nonconforming_pointers(
    root: &Path,
    spec: &Path,
    examples: &[&Example],
) -> Result<BTreeSet<String>> {
    let output = Command::new("node")
        .arg(root.join("spec/check-examples.mjs"))
        .arg(spec)
        .output()
        .context("node runs spec/check-examples.mjs (run `npm ci --prefix spec` first)")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let failures: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("FAIL "))
        .collect();
    // A pointer may itself hold ": " (example names are free text), so each
    // pointer is matched against the start of the lines rather than split out.
    Ok(examples
        .iter()
        .map(|example| &example.pointer)
        .filter(|pointer| {
            failures.iter().any(|failure| {
                failure
                    .strip_prefix(pointer.as_str())
                    .is_some_and(|rest| rest.starts_with(": "))
            })
        })
        .cloned()
        .collect())
}

/// JSON equality, numbers compared by value (`5` and `5.0` are the same).
fn same_json(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Number(left), Value::Number(right)) => {
            left == right || left.as_f64() == right.as_f64()
        }
        (Value::Array(left), Value::Array(right)) => {
            left.len() == right.len() && left.iter().zip(right).all(|(l, r)| same_json(l, r))
        }
        (Value::Object(left), Value::Object(right)) => {
            left.len() == right.len()
                && left
                    .iter()
                    .all(|(key, l)| right.get(key).is_some_and(|r| same_json(l, r)))
        }
        _ => left == right,
    }
}

/// A key of the example that the written value lacks.
#[derive(Debug, PartialEq, Eq)]
struct LostKey {
    /// JSON pointer of the key in the example.
    path: String,
    /// Whether the example's value there was `null`.
    was_null: bool,
}

/// Collects the keys of `original` (at any depth) that `written` lacks.
fn lost_keys(original: &Value, written: &Value, path: &str, losses: &mut Vec<LostKey>) {
    match (original, written) {
        (Value::Object(original), Value::Object(written)) => {
            for (key, value) in original {
                let child = format!("{path}/{}", escape_token(key));
                match written.get(key) {
                    Some(written_value) => lost_keys(value, written_value, &child, losses),
                    None => losses.push(LostKey {
                        path: child,
                        was_null: value.is_null(),
                    }),
                }
            }
        }
        (Value::Array(original), Value::Array(written)) => {
            for (index, (value, written_value)) in original.iter().zip(written).enumerate() {
                lost_keys(value, written_value, &format!("{path}/{index}"), losses);
            }
        }
        _ => {}
    }
}

/// Whether the schema names the property at `path` (a JSON pointer into the
/// example): through `$ref`s, `allOf`, any member of `oneOf`/`anyOf`, array
/// `items` and typed `additionalProperties`.
fn declares_key(document: &Value, schema: &Value, path: &str) -> bool {
    let tokens = JsonPointer::from_escaped(path).tokens().unwrap_or_default();
    let mut current = vec![schema.clone()];
    for (index, token) in tokens.iter().enumerate() {
        let last = index + 1 == tokens.len();
        let mut next = Vec::new();
        for schema in current.iter().flat_map(|schema| expand(document, schema)) {
            if let Some(property) = schema.get("properties").and_then(|p| p.get(token.as_str())) {
                if last {
                    return true;
                }
                next.push(property.clone());
            }
            if token.parse::<usize>().is_ok()
                && let Some(items) = schema.get("items")
            {
                next.push(items.clone());
            }
            if let Some(additional) = schema.get("additionalProperties").filter(|a| a.is_object()) {
                next.push(additional.clone());
            }
        }
        current = next;
    }
    false
}

/// A schema and every schema it stands for: `$ref` targets, `allOf`,
/// `oneOf` and `anyOf` members, recursively (each reference once).
fn expand(document: &Value, schema: &Value) -> Vec<Map<String, Value>> {
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    let mut pending = vec![schema.clone()];
    while let Some(schema) = pending.pop() {
        let Value::Object(object) = schema else {
            continue;
        };
        if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
            if seen.insert(reference.to_owned())
                && let Some(target) = JsonPointer::from_reference(reference)
                    .and_then(|pointer| pointer.lookup(document))
            {
                pending.push(target.clone());
            }
            continue;
        }
        for keyword in ["allOf", "oneOf", "anyOf"] {
            if let Some(members) = object.get(keyword).and_then(Value::as_array) {
                pending.extend(members.iter().cloned());
            }
        }
        found.push(object);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The examples' per-target counts, for the tests.
    fn targets_of(examples: &[Example]) -> std::collections::BTreeMap<usize, usize> {
        let mut counts = std::collections::BTreeMap::new();
        for example in examples {
            *counts.entry(example.target).or_insert(0) += 1;
        }
        counts
    }

    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /deals/{id}:
    get:
      operationId: getDeal
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        "200": {$ref: "#/components/responses/Deal"}
    put:
      operationId: updateDeal
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Deal"}
            examples:
              one: {value: {title: a}}
              two: {$ref: "#/components/examples/Renamed"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Deal"}
              example: {title: b, extra: 1}
            application/vnd.deal+json:
              schema: {type: array, items: {$ref: "#/components/schemas/Deal"}}
              example: [{title: "not decoded: the client reads the first JSON type"}]
components:
  examples:
    Renamed: {value: {title: c}}
  responses:
    Deal:
      description: ok
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Deal"}
          example: {title: d}
  schemas:
    Deal:
      type: object
      properties:
        title: {type: string}
        owner: {allOf: [{$ref: "#/components/schemas/Owner"}]}
    Owner:
      type: object
      properties:
        name: {type: string}
"##;

    #[test]
    fn examples_are_found_through_references_as_the_example_check_names_them() {
        let targets = generator::body_targets(SPEC).expect("the spec generates");
        let document = generator::parse_document(SPEC).expect("the spec parses");
        let examples = collect_examples(&document, &targets);
        let pointers: Vec<&str> = examples.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "#/components/responses/Deal/content/application~1json/example",
                "#/paths/~1deals~1{id}/put/requestBody/content/application~1json/examples/one/value",
                "#/paths/~1deals~1{id}/put/requestBody/content/application~1json/examples/two/value",
                "#/paths/~1deals~1{id}/put/responses/200/content/application~1json/example",
            ]
        );
        assert_eq!(targets_of(&examples).len(), 3);
        assert!(
            targets
                .iter()
                .all(|target| target.rust_type.contains("models :: Deal"))
        );
    }

    #[test]
    fn lost_keys_are_found_and_told_apart() {
        let document = generator::parse_document(SPEC).expect("the spec parses");
        let schema = json!({"$ref": "#/components/schemas/Deal"});
        let original = json!({"title": "a", "owner": {"name": "n", "x": 1}, "gone": null});
        let written = json!({"title": "a", "owner": {}});
        let mut losses = Vec::new();
        lost_keys(&original, &written, "", &mut losses);
        assert_eq!(
            losses,
            [
                LostKey {
                    path: "/owner/name".into(),
                    was_null: false
                },
                LostKey {
                    path: "/owner/x".into(),
                    was_null: false
                },
                LostKey {
                    path: "/gone".into(),
                    was_null: true
                },
            ]
        );
        assert!(declares_key(&document, &schema, "/owner/name"));
        assert!(!declares_key(&document, &schema, "/owner/x"));
    }

    #[test]
    fn numbers_compare_by_value() {
        assert!(same_json(&json!({"a": [5]}), &json!({"a": [5.0]})));
        assert!(!same_json(&json!({"a": 5}), &json!({"a": 6})));
        assert!(!same_json(&json!({"a": 5}), &json!({"a": 5, "b": 1})));
    }
}
