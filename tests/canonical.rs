//! The canonical document is documented (docs/canonical.md, docs/canonical.schema.json), the
//! documents are generated from the schema declarations, and what `normalize` produces for
//! every fixture that is accepted conforms to the JSON Schema.

use std::path::{Path, PathBuf};

use m365lint::ingest::{load_tenant, schema};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn generated(name: &str, text: &str) {
    let path = root().join("docs").join(name);
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text,
        "docs/{name} is stale: regenerate it with `cargo run -- normalize --schema{} > docs/{name}`",
        if name.ends_with(".md") { "-markdown" } else { "" }
    );
}

#[test]
fn the_documentation_is_generated_from_the_schema() {
    generated("canonical.md", &schema::markdown());
    generated("canonical.schema.json", &(serde_json::to_string_pretty(&schema::json_schema()).unwrap() + "\n"));
}

/// Every file and directory under fixtures/ (except the deliberately broken ones) that ingest
/// accepts, as a tenant.
fn accepted_tenants() -> Vec<PathBuf> {
    let mut candidates = Vec::new();
    walk(&root().join("fixtures"), &mut candidates);
    candidates.into_iter().filter(|path| load_tenant(path).is_ok()).collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "broken" || name == "rejected" || name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            out.push(path.clone());
            walk(&path, out);
        } else if name.ends_with(".json") {
            out.push(path);
        }
    }
}

#[test]
fn every_normalized_fixture_conforms_to_the_schema() {
    let validator = jsonschema::validator_for(&schema::json_schema()).expect("the schema is a valid JSON Schema");
    let tenants = accepted_tenants();
    assert!(tenants.len() > 80, "only {} fixtures were read", tenants.len());
    let mut failures = Vec::new();
    for path in &tenants {
        let tenant = load_tenant(path).unwrap();
        for error in validator.iter_errors(&tenant.document) {
            failures.push(format!("{}: {} at {}", path.display(), error, error.instance_path()));
        }
    }
    assert!(failures.is_empty(), "{} violations:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_schema_rejects_what_normalize_never_produces() {
    let validator = jsonschema::validator_for(&schema::json_schema()).unwrap();
    let valid = serde_json::json!({
        "tenant": {"name": "t", "id": null},
        "areas": {"conditional_access": true, "intune": false, "dlp": false, "encryption": false},
        "conditional_access": {"policies": [{"state": "enabled", "conditions": {"clientAppTypes": ["all"]}}]}
    });
    assert!(validator.is_valid(&valid));
    for (pointer, bad) in [
        ("/conditional_access/policies/0/state", serde_json::json!("on")),
        ("/conditional_access/policies/0/conditions/clientAppTypes", serde_json::json!(null)),
        ("/conditional_access/policies/0/Conditions", serde_json::json!({})),
    ] {
        let mut document = valid.clone();
        match document.pointer_mut(pointer) {
            Some(slot) => *slot = bad.clone(),
            None => {
                let (parent, key) = pointer.rsplit_once('/').unwrap();
                document.pointer_mut(parent).unwrap().as_object_mut().unwrap().insert(key.to_owned(), bad.clone());
            }
        }
        assert!(!validator.is_valid(&document), "{pointer} = {bad} must be invalid");
    }
}
