//! Tests of the API change report (`generator::diff`).
//!
//! Every folder under `api_diff/` holds a pair of small specs, `old.yaml`
//! and `new.yaml`, that differ in one kind of change; the snapshot is the
//! text report. The edits of `spec/pipedrive.yaml` below are the ones the
//! change report is specified by (issue 15's "Done when").

use std::path::Path;

use generator::diff::{ApiDiff, ChangeKind, DiffOptions, ReportFormat, RustBump, WireLevel};

fn options() -> DiffOptions {
    DiffOptions {
        crate_name: "fixture".to_owned(),
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

fn diff(old: &str, new: &str) -> ApiDiff {
    generator::diff::diff(old, new, &options()).unwrap_or_else(|error| panic!("{error}"))
}

/// The snapshots live beside the pairs, in `api_diff/snapshots/`, one per
/// pair, named after its folder.
#[test]
fn every_fixture_pair_matches_its_snapshot() {
    insta::glob!("api_diff/*/old.yaml", |old_path| {
        let new_path = old_path.with_file_name("new.yaml");
        let report = diff(&read(old_path), &read(&new_path));
        insta::with_settings!({
            snapshot_path => "api_diff/snapshots",
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!(report.render(ReportFormat::Text));
        });
    });
}

/// A snapshot whose pair is gone fails the suite (as
/// `every_snapshot_belongs_to_a_fixture` does for the generator's fixtures).
#[test]
fn every_snapshot_belongs_to_a_fixture_pair() {
    let directory = Path::new("tests/api_diff");
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(directory.join("snapshots")).expect("the snapshots exist") {
        let name = entry.expect("a readable entry").file_name();
        let name = name.to_string_lossy().into_owned();
        let pair = name
            .strip_prefix("every_fixture_pair_matches_its_snapshot@")
            .and_then(|rest| rest.strip_suffix("__old.yaml.snap"));
        if !pair.is_some_and(|pair| directory.join(pair).join("old.yaml").is_file()) {
            orphans.push(name);
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots without a pair (delete them):\n{}",
        orphans.join("\n")
    );
}

#[test]
fn every_pointer_points_at_a_node_of_its_spec() {
    insta::glob!("api_diff/*/old.yaml", |old_path| {
        let old = read(old_path);
        let new = read(&old_path.with_file_name("new.yaml"));
        let documents = [
            generator::parse_document(&old).expect("the old spec parses"),
            generator::parse_document(&new).expect("the new spec parses"),
        ];
        for change in diff(&old, &new).changes {
            // Removals point into the old spec, everything else into the new.
            let document = &documents[usize::from(!change.kind.as_str().ends_with("removed"))];
            assert!(
                document.pointer(&change.pointer).is_some(),
                "{}: {} points at nothing",
                old_path.display(),
                change.pointer
            );
        }
    });
}

#[test]
fn an_unchanged_spec_reports_no_api_changes_in_every_format() {
    let spec = read(Path::new("tests/api_diff/no_change/old.yaml"));
    let report = diff(&spec, &spec);
    assert!(report.is_empty());
    assert_eq!(report.crate_bump(), None);
    assert!(!report.is_breaking());
    assert_eq!(report.render(ReportFormat::Text), "no API changes\n");
    assert!(
        report
            .render(ReportFormat::Markdown)
            .contains("No API changes.")
    );
    let json: serde_json::Value =
        serde_json::from_str(&report.render(ReportFormat::Json)).expect("the JSON report parses");
    assert_eq!(json["changes"], serde_json::json!([]));
}

#[test]
fn ids_do_not_depend_on_the_other_changes() {
    let dir = Path::new("tests/api_diff");
    let old = read(&dir.join("enum_value_added/old.yaml"));
    let alone = diff(&old, &read(&dir.join("enum_value_added/new.yaml")));
    // The same enum value added, together with an unrelated new operation.
    let mut combined: serde_yaml::Value =
        serde_yaml::from_str(&read(&dir.join("operation_added/new.yaml"))).expect("YAML");
    combined["components"]["schemas"]["DealStatus"]["enum"]
        .as_sequence_mut()
        .expect("an enum")
        .push("deleted".into());
    let together = diff(&old, &serde_yaml::to_string(&combined).expect("YAML"));
    assert!(together.changes.len() > alone.changes.len());
    for change in &alone.changes {
        assert!(
            together.changes.iter().any(|other| other.id == change.id),
            "{} ({}) changed its id",
            change.id,
            change.detail
        );
    }
}

#[test]
fn the_markdown_and_json_forms_hold_every_change() {
    let dir = Path::new("tests/api_diff/response_property_removed");
    let report = diff(&read(&dir.join("old.yaml")), &read(&dir.join("new.yaml")));
    let markdown = report.render(ReportFormat::Markdown);
    let json: serde_json::Value =
        serde_json::from_str(&report.render(ReportFormat::Json)).expect("the JSON report parses");
    for change in &report.changes {
        assert!(markdown.contains(&format!("`{}`", change.id)));
    }
    assert_eq!(
        json["changes"].as_array().map(Vec::len),
        Some(report.changes.len())
    );
    assert_eq!(json["summary"]["crate_bump"], "major");
    assert_eq!(
        json["changes"][0]["wire"]["rule"],
        "response-required-property-removed"
    );
}

// ----- edits of spec/pipedrive.yaml ------------------------------------------

/// The checked-in spec, edited by `edit`, compared with itself: the kinds
/// found, each with its wire level and Rust verdict.
fn check_edit(
    edit: impl FnOnce(&mut serde_yaml::Value),
    expect: &[(ChangeKind, WireLevel, RustBump)],
) {
    let old = read(Path::new("../spec/pipedrive.yaml"));
    let mut spec: serde_yaml::Value = serde_yaml::from_str(&old).expect("the spec is YAML");
    edit(&mut spec);
    let new = serde_yaml::to_string(&spec).expect("YAML");
    let report = generator::diff::diff(
        &old,
        &new,
        &DiffOptions {
            crate_name: "pipedrive".to_owned(),
        },
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let found: Vec<(ChangeKind, WireLevel, RustBump)> = report
        .changes
        .iter()
        .map(|change| (change.kind, change.wire.level, change.rust))
        .collect();
    assert_eq!(found, expect, "{}", report.render(ReportFormat::Text));
}

fn schema<'a>(spec: &'a mut serde_yaml::Value, name: &str) -> &'a mut serde_yaml::Value {
    &mut spec["components"]["schemas"][name]
}

fn yaml(text: &str) -> serde_yaml::Value {
    serde_yaml::from_str(text).expect("YAML")
}

#[test]
fn a_new_optional_response_property_is_minor() {
    check_edit(
        |spec| {
            schema(spec, "ProductFollower")["properties"]["note"] = yaml("{type: string}");
        },
        &[(ChangeKind::PropertyAdded, WireLevel::Info, RustBump::Minor)],
    );
}

#[test]
fn a_new_string_enum_value_is_minor() {
    check_edit(
        |spec| {
            schema(spec, "DealStatus")["enum"]
                .as_sequence_mut()
                .expect("an enum")
                .push("archived".into());
        },
        // `DealStatus` is only read, in responses (the filters take
        // `DealStatusFilter`): oasdiff warns, a client may not know the value.
        &[(
            ChangeKind::EnumValueAdded,
            WireLevel::Warning,
            RustBump::Minor,
        )],
    );
}

#[test]
fn a_new_optional_query_parameter_is_minor() {
    check_edit(
        |spec| {
            spec["paths"]["/deals"]["get"]["parameters"]
                .as_sequence_mut()
                .expect("parameters")
                .push(yaml(
                    "{name: include_labels, in: query, schema: {type: boolean}}",
                ));
        },
        &[(ChangeKind::ParameterAdded, WireLevel::Info, RustBump::Minor)],
    );
}

#[test]
fn a_new_operation_is_minor() {
    check_edit(
        |spec| {
            spec["paths"]["/products/{id}/duplicate"] = yaml(
                "post:
                   tags: [Products]
                   operationId: duplicateProduct
                   parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
                   responses: {'204': {description: Duplicated.}}",
            );
        },
        &[(ChangeKind::OperationAdded, WireLevel::Info, RustBump::Minor)],
    );
}

#[test]
fn a_new_optional_request_property_is_minor() {
    check_edit(
        |spec| {
            schema(spec, "NewDeal")["allOf"][1]["properties"]["source_name"] =
                yaml("{type: string}");
        },
        &[(ChangeKind::PropertyAdded, WireLevel::Info, RustBump::Minor)],
    );
}

#[test]
fn a_new_required_request_property_is_major() {
    check_edit(
        |spec| {
            let body = &mut schema(spec, "AddDealFollowerRequest");
            body["properties"]["role"] = yaml("{type: string}");
            body["required"]
                .as_sequence_mut()
                .expect("required")
                .push("role".into());
        },
        // `new(user_id)` would need a second argument.
        &[(ChangeKind::PropertyAdded, WireLevel::Error, RustBump::Major)],
    );
}

#[test]
fn a_property_made_required_in_a_request_body_is_major() {
    check_edit(
        |spec| {
            schema(spec, "NewDeal")["allOf"][1]["required"]
                .as_sequence_mut()
                .expect("required")
                .push("currency".into());
        },
        &[(
            ChangeKind::PropertyBecameRequired,
            WireLevel::Error,
            RustBump::Major,
        )],
    );
}

#[test]
fn a_removed_response_property_is_major() {
    check_edit(
        |spec| {
            schema(spec, "ProductFollower")["properties"]
                .as_mapping_mut()
                .expect("properties")
                .remove("add_time");
        },
        &[(
            ChangeKind::PropertyRemoved,
            WireLevel::Warning,
            RustBump::Major,
        )],
    );
}

#[test]
fn a_removed_operation_is_major() {
    // An operation that is not deprecated: removing a deprecated one is only
    // `Info` on the wire.
    check_edit(
        |spec| {
            spec["paths"]
                .as_mapping_mut()
                .expect("paths")
                .remove("/deals/{id}/participants/{deal_participant_id}");
        },
        &[(
            ChangeKind::OperationRemoved,
            WireLevel::Error,
            RustBump::Major,
        )],
    );
}

#[test]
fn breaking_means_an_oasdiff_error_or_warning_or_a_major_bump() {
    let check = |case: &str, breaking: bool, bump: RustBump| {
        let dir = Path::new("tests/api_diff").join(case);
        let report = diff(&read(&dir.join("old.yaml")), &read(&dir.join("new.yaml")));
        assert_eq!(report.is_breaking(), breaking, "{case}");
        assert_eq!(report.crate_bump(), Some(bump), "{case}");
    };
    check("operation_added", false, RustBump::Minor);
    check("security", false, RustBump::Minor);
    // Not on the wire (a model's Rust name), but major for the crate.
    check("model_renamed", true, RustBump::Major);
    // oasdiff's WARN only.
    check("parameter_removed", true, RustBump::Major);
}
