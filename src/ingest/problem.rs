//! Why an input was rejected, with a stable code and advice on how to re-export.

use std::sync::Arc;

use crate::diagnostics::SourceTree;
use crate::model::{PathSegment, Problem, SourceFile};

/// The ways an input can be untrustworthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestCode {
    Unreadable,
    /// A file larger than the run's `--max-file-size`.
    TooLarge,
    /// JSON nested deeper than any real export (see `limits::MAX_DEPTH`).
    TooDeep,
    NoFiles,
    NotUtf8,
    NotUtf16,
    NotJson,
    UnknownExport,
    TruncatedExport,
    PartialExport,
    UnexpectedType,
    UnknownEnumValue,
    EnumInteger,
    Conflict,
    /// A recognized kind of export that m365lint does not read (yet), e.g. settings-catalog
    /// compliance policies.
    UnsupportedExport,
    /// A Graph `@odata.type` of a known family that m365lint has no table entry for.
    UnknownSubtype,
    /// A string that holds JSON written by the exporting cmdlet (DLP `AdvancedRule`, a label's
    /// `LabelActions`) is not valid JSON.
    InvalidEmbeddedJson,
    /// A navigation property exported without the members it needs (a warning).
    NotExpanded,
    /// Warning: ScubaGear 1.1 and earlier mangled embedded JSON; it was repaired.
    MangledJson,
    /// Warning: a depth-truncated value was read again from a complete copy in the same object.
    TruncatedRecovered,
    /// Warning: a tool wrapper says it failed to collect a collection; the area is not assessed.
    NotCollected,
    /// Exports of two different tenants in one tenant path.
    TenantMismatch,
    /// Warning: a collection was exported without the one it needs (DLP policies without
    /// rules, or rules without policies); the area is not assessed.
    IncompleteArea,
    DuplicatePage,
    AmbiguousPages,
    PageCountMismatch,
    UnverifiedPages,
    AbsentResource,
    UnreadParameter,
    UnknownRoleName,
    UnreadableJsonString,
    NothingToLint,
    NotAResource,
}

impl IngestCode {
    pub fn code(self) -> &'static str {
        match self {
            IngestCode::Unreadable => "m365lint::ingest::unreadable",
            IngestCode::TooLarge => "m365lint::ingest::too_large",
            IngestCode::TooDeep => "m365lint::ingest::too_deep",
            IngestCode::NoFiles => "m365lint::ingest::no_files",
            IngestCode::NotUtf8 => "m365lint::ingest::not_utf8",
            IngestCode::NotUtf16 => "m365lint::ingest::not_utf16",
            IngestCode::NotJson => "m365lint::ingest::not_json",
            IngestCode::UnknownExport => "m365lint::ingest::unknown_export",
            IngestCode::TruncatedExport => "m365lint::ingest::truncated_export",
            IngestCode::PartialExport => "m365lint::ingest::partial_export",
            IngestCode::UnexpectedType => "m365lint::ingest::unexpected_type",
            IngestCode::UnknownEnumValue => "m365lint::ingest::unknown_enum_value",
            IngestCode::EnumInteger => "m365lint::ingest::enum_integer",
            IngestCode::Conflict => "m365lint::ingest::conflict",
            IngestCode::UnsupportedExport => "m365lint::ingest::unsupported_export",
            IngestCode::UnknownSubtype => "m365lint::ingest::unknown_subtype",
            IngestCode::InvalidEmbeddedJson => "m365lint::ingest::invalid_embedded_json",
            IngestCode::NotExpanded => "m365lint::ingest::not_expanded",
            IngestCode::MangledJson => "m365lint::ingest::mangled_json",
            IngestCode::TruncatedRecovered => "m365lint::ingest::truncated_recovered",
            IngestCode::NotCollected => "m365lint::ingest::not_collected",
            IngestCode::TenantMismatch => "m365lint::ingest::tenant_mismatch",
            IngestCode::IncompleteArea => "m365lint::ingest::incomplete_area",
            IngestCode::DuplicatePage => "m365lint::ingest::duplicate_page",
            IngestCode::AmbiguousPages => "m365lint::ingest::ambiguous_pages",
            IngestCode::PageCountMismatch => "m365lint::ingest::page_count_mismatch",
            IngestCode::UnverifiedPages => "m365lint::ingest::unverified_pages",
            IngestCode::AbsentResource => "m365lint::ingest::absent_resource",
            IngestCode::UnreadParameter => "m365lint::ingest::unread_parameter",
            IngestCode::UnknownRoleName => "m365lint::ingest::unknown_role_name",
            IngestCode::UnreadableJsonString => "m365lint::ingest::unreadable_json_string",
            IngestCode::NothingToLint => "m365lint::ingest::nothing_to_lint",
            IngestCode::NotAResource => "m365lint::ingest::not_a_resource",
        }
    }

    /// What the user can do about it.
    pub fn help(self) -> Option<&'static str> {
        match self {
            IngestCode::Unreadable | IngestCode::Conflict => None,
            IngestCode::TooLarge => Some(
                "if this really is one export, raise the limit: `m365lint check --max-file-size 200MB`, or `max_file_size = \"200MB\"` under `[limits]` in m365lint.toml; otherwise move the file out of the tenant directory",
            ),
            IngestCode::TooDeep => Some(
                "real exports nest fewer than 20 levels of arrays and objects (`ConvertTo-Json -Depth 10`); this file is not an export m365lint reads: re-export it unmodified",
            ),
            IngestCode::NoFiles => Some("point m365lint at an export file, or at a directory that holds export files"),
            IngestCode::NotUtf8 => Some(
                "save the export as UTF-8 (PowerShell 7: `Out-File -Encoding utf8`) or as UTF-16 with a byte-order mark (Windows PowerShell's default)",
            ),
            IngestCode::NotUtf16 => {
                Some("the file starts with a UTF-16 byte-order mark but is not valid UTF-16; re-export it")
            }
            IngestCode::NotJson => Some(
                "m365lint reads JSON exports: `ConvertTo-Json -Depth 10` in PowerShell, or the body of a Microsoft Graph response",
            ),
            IngestCode::UnknownExport => Some(
                "m365lint reads Conditional Access policies, Intune compliance policies and settings, DLP policies and rules, IRM and OME configuration, transport rules and sensitivity labels, as Microsoft Graph, the Graph PowerShell SDK, Exchange / Security & Compliance PowerShell (`ConvertTo-Json -Depth 10`), ScubaGear (ProviderSettingsExport.json) or Microsoft365DSC (JSON report) write them; move other files out of the tenant directory (see README, \"Supported exports\")",
            ),
            IngestCode::TruncatedExport => Some(
                "ConvertTo-Json stopped at its depth limit and wrote this value as text; re-export with `ConvertTo-Json -Depth 10`",
            ),
            IngestCode::PartialExport => Some(
                "this is one page of a paged Microsoft Graph response: follow `@odata.nextLink` until it is absent and put every page in the tenant directory (or use `Get-Mg... -All`)",
            ),
            IngestCode::DuplicatePage => Some(
                "two files hold the same page of a paged Microsoft Graph response; remove the copy and check that every page, from the first to the one without `@odata.nextLink`, is in the tenant directory",
            ),
            IngestCode::AmbiguousPages => Some(
                "pages carry no address of their own, so a paged export is only read when exactly one of its files has no `@odata.nextLink`; keep one complete export of the collection (re-export with `$count=true`, or with `Get-Mg... -All`)",
            ),
            IngestCode::PageCountMismatch => Some(
                "the pages in the tenant do not add up to `@odata.count`: a page is missing or was saved twice; re-export every page (follow `@odata.nextLink` until it is absent)",
            ),
            IngestCode::UnverifiedPages => Some(
                "pages carry no address of their own: m365lint checks that exactly one page has no `@odata.nextLink` and that no next page is linked twice, but only `@odata.count` proves that no page in the middle is missing; re-export with `$count=true` to have the count checked",
            ),
            IngestCode::AbsentResource => Some(
                "`Ensure = 'Absent'` declares that the object must not exist; it is not part of the tenant's configuration and is not linted",
            ),
            IngestCode::UnreadParameter => Some(
                "m365lint does not map this Microsoft365DSC parameter onto the canonical document, so rules do not see it; if it narrows the policy, lint a Microsoft Graph export of the policy instead",
            ),
            IngestCode::UnknownRoleName => Some(
                "Microsoft365DSC writes directory roles by display name; m365lint maps the built-in role names to role template ids and keeps other names as they are, so rules that compare role template ids do not recognize this one",
            ),
            IngestCode::UnreadableJsonString => Some(
                "the value should hold a JSON document as text; m365lint could not parse it, so what it says is not linted; re-export the object unmodified",
            ),
            IngestCode::NotAResource => Some(
                "every item of a Microsoft365DSC JSON report is a resource with `ResourceName` and `ResourceInstanceName`; regenerate the report with `New-M365DSCReportFromConfiguration -Type JSON` and lint it unmodified",
            ),
            IngestCode::NothingToLint => Some(
                "the report holds no resource m365lint lints; export AADConditionalAccessPolicy, IntuneDeviceCompliancePolicy*, IntuneDeviceManagementComplianceSettings, SCDLPCompliancePolicy, SCDLPComplianceRule, SCSensitivityLabel, EXOIRMConfiguration, EXOOMEConfiguration or EXOTransportRule",
            ),
            IngestCode::UnexpectedType => {
                Some("the value does not have the type Microsoft Graph documents for it; re-export the file unmodified")
            }
            IngestCode::UnknownEnumValue => {
                Some("the value is not one this setting can take; re-export the file unmodified")
            }
            IngestCode::EnumInteger => Some(
                "the exporter wrote an enum as a number that m365lint cannot map safely; re-export with enums as strings (PowerShell 7: `ConvertTo-Json -EnumsAsStrings`)",
            ),
            IngestCode::UnsupportedExport => Some(
                "settings-catalog compliance policies (`GET /beta/deviceManagement/compliancePolicies`, e.g. Linux) are not read by m365lint yet; take them out of the tenant's exports and export `/beta/deviceManagement/deviceCompliancePolicies` (platforms covered only by settings-catalog policies are then reported as lacking a compliance policy)",
            ),
            IngestCode::UnknownSubtype => Some(
                "m365lint maps every compliance policy type Microsoft Graph documents to a platform; this one is not among them: re-export the file unmodified, or, if Microsoft has added a new type, take these policies out of the export and report the type",
            ),
            IngestCode::InvalidEmbeddedJson => Some(
                "this property holds JSON written by the exporting cmdlet (a DLP rule's `AdvancedRule`, a label's `LabelActions`), and the text is not valid JSON: the file was edited or cut short; re-export it unmodified (`Get-DlpComplianceRule | ConvertTo-Json -Depth 10`, `Get-Label | ConvertTo-Json -Depth 10`)",
            ),
            IngestCode::NotExpanded => Some(
                "export with `$expand=assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)` (PowerShell: `-ExpandProperty \"assignments,scheduledActionsForRule(`$expand=scheduledActionConfigurations)\"`) so that actions for non-compliance can be assessed",
            ),
            IngestCode::MangledJson => Some(
                "ScubaGear 1.1 and earlier replaced every `\\\"` with `'` and deleted every backslash in its export; run ScubaGear 1.2 or later (or `Get-DlpComplianceRule | ConvertTo-Json -Depth 10`) for an exact copy",
            ),
            IngestCode::TruncatedRecovered => Some(
                "ConvertTo-Json's depth limit turned part of this value into text (ScubaGear writes DLP rules with `-Depth 3`); export with `Get-DlpComplianceRule | ConvertTo-Json -Depth 10` to keep it whole",
            ),
            IngestCode::NotCollected => Some(
                "the tool that wrote this export could not read this data (a missing license or role, or a failed Security & Compliance, Exchange or Graph call), and m365lint leaves out what it could not read; fix the cause the tool reported and run it again, or export the data directly",
            ),
            IngestCode::TenantMismatch => Some(
                "a tenant path must hold the exports of one tenant: move the other tenant's files to a directory of their own",
            ),
            IngestCode::IncompleteArea => Some(
                "export both `Get-DlpCompliancePolicy` and `Get-DlpComplianceRule` (`ConvertTo-Json -Depth 10`) into the tenant directory",
            ),
        }
    }
}

/// A problem found at a JSON pointer, located later in one pass over the file.
#[derive(Debug, Clone)]
pub struct Issue {
    pub code: IngestCode,
    pub pointer: Vec<PathSegment>,
    pub message: String,
    pub label: Option<String>,
}

/// Turns issues into problems located in `source` (parsing the file's span tree once).
pub fn locate_issues(source: &Arc<SourceFile>, issues: Vec<Issue>) -> Vec<Problem> {
    if issues.is_empty() {
        return Vec::new();
    }
    let tree = SourceTree::parse(source);
    issues
        .into_iter()
        .map(|issue| Problem {
            code: issue.code.code().to_owned(),
            message: issue.message,
            help: issue.code.help().map(str::to_owned),
            file: Some(source.path.clone()),
            location: tree.node(&issue.pointer).map(|node| tree.location(&node)),
            label: issue.label,
        })
        .collect()
}

/// A problem with a whole file (or a path), with no place inside it.
pub fn file_problem(code: IngestCode, file: &str, message: String) -> Problem {
    Problem {
        code: code.code().to_owned(),
        message,
        help: code.help().map(str::to_owned),
        file: Some(file.to_owned()),
        location: None,
        label: None,
    }
}

/// A problem at a byte offset of a file (decoding and syntax errors).
pub fn offset_problem(
    code: IngestCode,
    source: &Arc<SourceFile>,
    offset: usize,
    message: String,
    label: &str,
) -> Problem {
    Problem {
        code: code.code().to_owned(),
        message,
        help: code.help().map(str::to_owned),
        file: Some(source.path.clone()),
        location: Some(SourceTree::location_at_offset(source, offset, 1)),
        label: Some(label.to_owned()),
    }
}
