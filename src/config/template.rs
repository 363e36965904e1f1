//! The commented `m365lint.toml` that `m365lint init` writes: every parameter at its default
//! (taken from [`Parameters::default`], never restated), rule selection, severity overrides
//! and an example waiver.

use std::fmt::Write as _;

use super::Parameters;

/// What each parameter is for, in the order the template lists them. A test checks that
/// every parameter has exactly one entry.
const DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "emergency_access",
        "Break-glass accounts: users by object id or user principal name, groups by id or display name.\nExcluding them from a policy is approved (CA001, CA002, CA010); CA011 checks they are excluded from\npolicies that block or require MFA or a device.",
    ),
    (
        "approved_exclusions",
        "Other exclusions you have decided to accept (documented service accounts ...): users, groups,\napplications (by id). users = [\"GuestsOrExternalUsers\"] approves excluding guests and external users\n(either form: that value in excludeUsers, or the excludeGuestsOrExternalUsers condition).",
    ),
    (
        "privileged_roles",
        "Directory role template ids treated as privileged (CA003, CA012). Default: the 14 roles of the catalog.",
    ),
    ("admin_sign_in_frequency_hours", "Longest sign-in frequency allowed for privileged roles, in hours (CA012)."),
    (
        "platforms",
        "Platforms that must have an assigned compliance policy: windows, ios, android, macos (DEV001, ZT002).",
    ),
    (
        "min_password_length",
        "Minimum device password length: desktop (Windows, macOS) and mobile (iOS, Android) (DEV005).",
    ),
    (
        "min_os_version",
        "Minimum OS version per platform, e.g. windows = \"10.0.19045\" (DEV006). Unset: DEV006 only checks\nthat a minimum is set.",
    ),
    (
        "max_device_threat_level",
        "Highest device threat level a compliant device may have: secured, low, medium, high (DEV008).",
    ),
    (
        "max_noncompliance_grace_hours",
        "Longest grace period before a non-compliant device is marked non-compliant, in hours (DEV011).",
    ),
    ("max_checkin_threshold_days", "Longest compliance status validity period, in days (DEV013)."),
    (
        "dlp_required_info_types",
        "Sensitive information types every tenant must protect with DLP, as Purview names them (DLP003, DLP005).",
    ),
    (
        "dlp_workloads",
        "Workloads an enforced DLP policy must cover: exchange, sharepoint, onedrive, teams, endpoint (DLP004).",
    ),
];

/// The template's text.
pub fn template() -> String {
    let defaults = toml::Table::try_from(Parameters::default()).unwrap_or_default();
    let mut text = String::from(
        "# m365lint configuration. `m365lint init` wrote it; see the README for every option.\n\
         # Put it in the working directory (or pass --config FILE); a tenant directory may hold its own\n\
         # m365lint.toml, merged over this one for that tenant.\n\n\
         [parameters]\n",
    );
    let mut tables = String::new();
    for (key, description) in DESCRIPTIONS {
        let Some(value) = defaults.get(*key) else { continue };
        let comment = description.lines().map(|line| format!("# {line}\n")).collect::<String>();
        match value {
            toml::Value::Table(table) => {
                let _ = write!(tables, "\n{comment}[parameters.{key}]\n");
                for (inner, value) in table {
                    let _ = writeln!(tables, "{inner} = {value}");
                }
                if table.is_empty() {
                    let _ = writeln!(tables, "# ios = \"17.0\"");
                }
            }
            value => {
                let _ = write!(text, "{comment}{key} = {}\n\n", multiline(value));
            }
        }
    }
    text.push_str(tables.trim_start_matches('\n'));
    text.push_str(
        "\n[rules]\n\
         # Run only the rules matching these selectors (rule ids or names, areas, severities); empty: all.\n\
         select = []\n\
         # Never run these, e.g. [\"CA014\", \"info\"].\n\
         ignore = []\n\n\
         [severity]\n\
         # Report a rule at another severity, e.g.:\n\
         # CA009 = \"medium\"\n\n\
         [limits]\n\
         # Largest export file read (bytes, or a size such as \"200MB\" or \"1GiB\"); --max-file-size wins.\n\
         max_file_size = \"64MiB\"\n\n\
         # A waiver documents a finding the tenant accepts: it stays in every report, marked waived with its\n\
         # reason, and no longer fails the run. Target one object (`resource`: an id, a display name, or the\n\
         # offending value itself) or a JSONPath over `m365lint normalize` output (`path`); with neither, the\n\
         # whole rule. An expired waiver stops waiving and is reported.\n\
         # [[waivers]]\n\
         # rule = \"CA010\"\n\
         # resource = \"4f6e1c2a-9b7d-4e3f-8a1b-2c3d4e5f6a7b\"\n\
         # reason = \"Contractors sign in only from the managed VDI pool, which enforces MFA (change CHG-4711)\"\n\
         # owner = \"identity-team@contoso.com\"\n\
         # expires = 2027-06-30\n",
    );
    text
}

/// Long arrays one item per line, as people write them.
fn multiline(value: &toml::Value) -> String {
    match value {
        toml::Value::Array(items) if value.to_string().len() > 80 => {
            let mut out = String::from("[\n");
            for item in items {
                let _ = writeln!(out, "    {item},");
            }
            out.push(']');
            out
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_is_described_once() {
        let defaults = toml::Table::try_from(Parameters::default()).unwrap();
        let mut described: Vec<&str> = DESCRIPTIONS.iter().map(|(key, _)| *key).collect();
        let mut keys: Vec<&str> = defaults.keys().map(String::as_str).collect();
        // Empty maps serialize to nothing; the template still describes them.
        keys.push("min_os_version");
        described.sort_unstable();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(described, keys);
    }

    #[test]
    fn the_template_reads_back_as_the_defaults() {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            parameters: Parameters,
            #[allow(dead_code)]
            rules: toml::Table,
            #[allow(dead_code)]
            severity: toml::Table,
            limits: crate::config::LimitsSection,
        }
        let file: File = toml::from_str(&template()).unwrap();
        assert_eq!(file.parameters, Parameters::default());
        let size = file.limits.max_file_size.expect("the template states the file size limit");
        assert_eq!(size.get_ref().bytes(), Ok(crate::ingest::DEFAULT_MAX_FILE_SIZE));
    }
}
