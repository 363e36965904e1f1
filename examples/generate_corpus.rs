//! Writes a deterministic synthetic corpus of tenant exports for the benchmarks
//! (docs/performance.md): N tenant directories of realistic size and variety, built from the
//! objects of the repository's fixtures (real property sets: a DLP rule carries ~110
//! properties, a transport rule ~140) with names, ids, states, exclusions and conditions varied
//! by a seeded random generator, and written by different producers with their quirks.
//!
//! ```sh
//! cargo run --release --example generate_corpus -- --tenants 200 --seed 42 --out target/corpus
//! ```
//!
//! Per tenant: 40 Conditional Access policies, 15 compliance policies and the compliance
//! settings, 20 DLP policies with 60 rules, 30 transport rules, 15 sensitivity labels, the IRM
//! configuration and 2 OME configurations.

use std::path::{Path, PathBuf};

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde_json::{Map, Value, json};

struct Options {
    tenants: usize,
    seed: u64,
    out: PathBuf,
}

fn main() {
    let options = options();
    let templates = Templates::load(Path::new(env!("CARGO_MANIFEST_DIR")));
    std::fs::create_dir_all(&options.out).unwrap_or_else(|e| panic!("cannot create {}: {e}", options.out.display()));
    for index in 0..options.tenants {
        let mut rng = StdRng::seed_from_u64(options.seed.wrapping_mul(1_000_003).wrapping_add(index as u64));
        let dir = options.out.join(format!("tenant-{index:04}"));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        Tenant { rng: &mut rng, templates: &templates, dir: &dir }.write();
    }
    println!("wrote {} tenants to {}", options.tenants, options.out.display());
}

fn options() -> Options {
    let mut options = Options { tenants: 200, seed: 42, out: PathBuf::from("target/corpus") };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--tenants" => options.tenants = value.parse().expect("--tenants N"),
            "--seed" => options.seed = value.parse().expect("--seed N"),
            "--out" => options.out = PathBuf::from(value),
            other => panic!("unknown option {other} (use --tenants, --seed, --out)"),
        }
    }
    options
}

/// Objects taken from the fixtures, to be varied.
struct Templates {
    ca_policies: Vec<Value>,
    compliance_policies: Vec<Value>,
    settings: Value,
    dlp_policies: Vec<Value>,
    dlp_rules: Vec<Value>,
    transport_rules: Vec<Value>,
    labels: Vec<Value>,
    irm: Value,
    ome: Vec<Value>,
}

impl Templates {
    fn load(root: &Path) -> Templates {
        let items = |path: &str| -> Vec<Value> {
            match read(&root.join(path)) {
                Value::Array(items) => items,
                Value::Object(mut map) => match map.remove("value") {
                    Some(Value::Array(items)) => items,
                    _ => vec![Value::Object(map)],
                },
                other => panic!("{path}: unexpected {other}"),
            }
        };
        let mut ca_policies = items("fixtures/tenants/contoso/conditional-access-policies.json");
        for rule in ["CA003", "CA004", "CA005", "CA006", "CA007", "CA008", "CA012", "CA013"] {
            ca_policies.extend(items(&format!("fixtures/rules/{rule}/pass.json")));
        }
        let settings = read(&root.join("fixtures/ingest/intune/settings-select.json"));
        Templates {
            ca_policies,
            compliance_policies: items("fixtures/ingest/intune/graph-beta-expanded.json"),
            settings,
            dlp_policies: items("fixtures/ingest/dlp/ps7/policies.json"),
            dlp_rules: items("fixtures/ingest/dlp/ps7/rules.json"),
            transport_rules: items("fixtures/ingest/encryption/transport-rules-ps51-utf16.json"),
            labels: items("fixtures/ingest/encryption/labels-get-label.json"),
            irm: items("fixtures/ingest/encryption/irm-ps7.json").remove(0),
            ome: items("fixtures/ingest/encryption/ome-ps7.json"),
        }
    }
}

/// Reads a fixture in any of the encodings the fixtures use.
fn read(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let source = m365lint::ingest::decode(&path.display().to_string(), &bytes)
        .unwrap_or_else(|p| panic!("{}: {}", path.display(), p.message));
    serde_json::from_str(&source.text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const PURPOSES: &[&str] = &[
    "Block legacy authentication",
    "Require MFA for all users",
    "Require phishing-resistant MFA for administrators",
    "Block high sign-in risk",
    "Remediate high user risk",
    "Require compliant device",
    "Block device code flow",
    "Secure security info registration",
    "Admin sign-in frequency",
    "Require MFA for guests",
    "Block access from untrusted countries",
    "Require terms of use – Zulieferer",
    "App protection for mobile – Außendienst",
    "Session limits for unmanaged devices",
];

struct Tenant<'a> {
    rng: &'a mut StdRng,
    templates: &'a Templates,
    dir: &'a Path,
}

impl Tenant<'_> {
    fn write(mut self) {
        let ca = self.conditional_access();
        match self.rng.random_range(0..10) {
            // Most admins save the Graph response as it is.
            0..=6 => self.save(
                "conditional-access-policies.json",
                &json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies", "value": ca}),
                Encoding::Utf8,
            ),
            // `... | Select -Expand value | ConvertTo-Json -Depth 10` on Windows PowerShell.
            7 | 8 => self.save("conditional-access-policies.json", &Value::Array(ca), Encoding::Utf16Crlf),
            // The Graph PowerShell SDK's PascalCase objects.
            _ => self.save("Get-MgIdentityConditionalAccessPolicy.json", &Value::Array(ca.into_iter().map(pascal_case).collect()), Encoding::Utf8Bom),
        }
        let compliance = self.compliance_policies();
        self.save(
            "deviceCompliancePolicies.json",
            &json!({"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceCompliancePolicies(assignments(),scheduledActionsForRule(scheduledActionConfigurations()))", "value": compliance}),
            Encoding::Utf8,
        );
        let mut settings = self.templates.settings.clone();
        if let Some(settings) = settings.pointer_mut("/settings/secureByDefault") {
            *settings = Value::Bool(self.rng.random_bool(0.5));
        }
        self.save("deviceManagement-settings.json", &settings, Encoding::Utf8);
        let powershell = if self.rng.random_bool(0.3) { Encoding::Utf16Crlf } else { Encoding::Utf8 };
        let (policies, rules) = self.dlp();
        self.save("Get-DlpCompliancePolicy.json", &Value::Array(policies), powershell);
        self.save("Get-DlpComplianceRule.json", &Value::Array(rules), powershell);
        let transport = self.cloned(&self.templates.transport_rules.clone(), 30, |rng, rule, i| {
            set(
                rule,
                "Name",
                json!(format!(
                    "ENC{i:03} – {}",
                    pick(rng, &["Encrypt external", "Journal", "Disclaimer", "Block executables", "Remove OME"])
                )),
            );
            set(rule, "Guid", json!(uuid(rng)));
            set(rule, "State", json!(if rng.random_bool(0.85) { "Enabled" } else { "Disabled" }));
            set(rule, "Mode", json!(pick(rng, &["Enforce", "Enforce", "Audit", "AuditAndNotify"])));
            set(rule, "Priority", json!(i));
        });
        self.save("Get-TransportRule.json", &Value::Array(transport), powershell);
        let labels = self.cloned(&self.templates.labels.clone(), 15, |rng, label, i| {
            let name = format!(
                "{} {i}",
                pick(rng, &["Vertraulich", "Confidential", "Intern", "Highly Confidential", "Public"])
            );
            set(label, "Name", json!(name.clone()));
            set(label, "DisplayName", json!(name));
            set(label, "Guid", json!(uuid(rng)));
            set(label, "Priority", json!(i));
        });
        self.save("Get-Label.json", &Value::Array(labels), Encoding::Utf8);
        self.save("Get-IRMConfiguration.json", &self.templates.irm.clone(), powershell);
        let ome = self.cloned(&self.templates.ome.clone(), 2, |_, _, _| {});
        self.save("Get-OMEConfiguration.json", &Value::Array(ome), Encoding::Utf8);
    }

    fn conditional_access(&mut self) -> Vec<Value> {
        let templates = self.templates.ca_policies.clone();
        self.cloned(&templates, 40, |rng, policy, i| {
            let id = uuid(rng);
            set(policy, "id", json!(id));
            set(policy, "displayName", json!(format!("CA{i:03} - {}", pick(rng, PURPOSES))));
            let state = match rng.random_range(0..10) {
                0 => "disabled",
                1 => "enabledForReportingButNotEnforced",
                _ => "enabled",
            };
            set(policy, "state", json!(state));
            if let Some(users) = policy.pointer_mut("/conditions/users").and_then(Value::as_object_mut) {
                let groups: Vec<Value> = (0..rng.random_range(0..3)).map(|_| json!(uuid(rng))).collect();
                users.insert("excludeGroups".into(), Value::Array(groups));
            }
            if let Some(grant) = policy.get_mut("grantControls").and_then(Value::as_object_mut)
                && grant.contains_key("authenticationStrength@odata.context")
            {
                grant.insert(
                    "authenticationStrength@odata.context".into(),
                    json!(format!("https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies('{id}')/grantControls/authenticationStrength/$entity")),
                );
            }
        })
    }

    fn compliance_policies(&mut self) -> Vec<Value> {
        let templates = self.templates.compliance_policies.clone();
        self.cloned(&templates, 15, |rng, policy, i| {
            let id = uuid(rng);
            set(policy, "id", json!(id.clone()));
            set(
                policy,
                "displayName",
                json!(format!("{} compliance {i:02}", pick(rng, &["Windows", "iOS", "macOS", "Android", "Kiosk"]))),
            );
            if let Some(Value::Array(assignments)) = policy.get_mut("assignments") {
                for assignment in assignments {
                    let group = uuid(rng);
                    set(assignment, "id", json!(format!("{id}_{group}")));
                    if let Some(target) = assignment.get_mut("target").filter(|t| t.get("groupId").is_some()) {
                        set(target, "groupId", json!(group));
                    }
                }
            }
        })
    }

    /// 20 policies and 60 rules, each rule in one of the policies.
    fn dlp(&mut self) -> (Vec<Value>, Vec<Value>) {
        let policy_templates = self.templates.dlp_policies.clone();
        let policies = self.cloned(&policy_templates, 20, |rng, policy, i| {
            let name = format!(
                "DLP {i:02} – {}",
                pick(rng, &["Finanzdaten", "PII US", "PCI", "Gesundheitsdaten", "Source code"])
            );
            set(policy, "Name", json!(name.clone()));
            set(policy, "DisplayName", json!(name));
            set(policy, "Guid", json!(uuid(rng)));
            set(
                policy,
                "Mode",
                json!(pick(rng, &["Enable", "Enable", "TestWithNotifications", "TestWithoutNotifications"])),
            );
        });
        let names: Vec<(String, String)> = policies
            .iter()
            .map(|p| {
                (p["Name"].as_str().unwrap_or_default().to_owned(), p["Guid"].as_str().unwrap_or_default().to_owned())
            })
            .collect();
        let rule_templates = self.templates.dlp_rules.clone();
        let rules = self.cloned(&rule_templates, 60, |rng, rule, i| {
            let (policy, guid) = &names[i % names.len()];
            set(rule, "Name", json!(format!("{policy} – rule {}", i / names.len() + 1)));
            set(rule, "ParentPolicyName", json!(policy));
            set(rule, "Policy", json!(guid));
            set(rule, "Guid", json!(uuid(rng)));
            set(rule, "ImmutableId", json!(uuid(rng)));
            set(rule, "Disabled", json!(rng.random_bool(0.1)));
        });
        (policies, rules)
    }

    /// `count` objects cycling through `templates`, each varied by `vary(rng, object, index)`.
    fn cloned(
        &mut self,
        templates: &[Value],
        count: usize,
        mut vary: impl FnMut(&mut StdRng, &mut Value, usize),
    ) -> Vec<Value> {
        (0..count)
            .map(|i| {
                let mut object = templates[i % templates.len()].clone();
                vary(self.rng, &mut object, i);
                object
            })
            .collect()
    }

    fn save(&self, name: &str, value: &Value, encoding: Encoding) {
        let text = serde_json::to_string_pretty(value).expect("JSON serializes");
        let bytes = match encoding {
            Encoding::Utf8 => text.into_bytes(),
            Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            Encoding::Utf16Crlf => {
                let text = text.replace('\n', "\r\n");
                [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
            }
        };
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}

#[derive(Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    /// Windows PowerShell's `Out-File`: UTF-16LE with a byte-order mark, CRLF.
    Utf16Crlf,
}

/// Sets a key that the object has, in whatever casing it has it (or adds it).
fn set(object: &mut Value, key: &str, value: Value) {
    let Some(map) = object.as_object_mut() else { return };
    let existing = map.keys().find(|k| k.eq_ignore_ascii_case(key)).cloned();
    map.insert(existing.unwrap_or_else(|| key.to_owned()), value);
}

fn pick<'a>(rng: &mut StdRng, items: &[&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}

fn uuid(rng: &mut StdRng) -> String {
    let bytes: [u8; 16] = rng.random();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-4{}-8{}-{}", &hex[0..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

/// A Graph object as the Graph PowerShell SDK serializes it: every key PascalCase (OData
/// annotations aside).
fn pascal_case(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(key, _)| !key.contains("@odata"))
                .map(|(key, value)| {
                    let mut chars = key.chars();
                    let pascal =
                        chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default();
                    (pascal, pascal_case(value))
                })
                .collect::<Map<String, Value>>(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(pascal_case).collect()),
        other => other,
    }
}
