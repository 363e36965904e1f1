//! Canonical Purview DLP: compliance policies and rules (Security & Compliance PowerShell,
//! ScubaGear, Microsoft365DSC). Rules carry `sensitiveInfoTypes`, one list that unifies the
//! three ways exports express what a rule detects.

use super::{EnumSchema, Field, Kind, ObjectSchema, derived, field, field_aliased};

const STRING_LIST: Kind = Kind::List(&Kind::String);
const NAME_LIST: Kind = Kind::List(&Kind::Name);

pub static MODE: EnumSchema = EnumSchema {
    name: "dlpPolicyMode",
    members: &["Enable", "TestWithNotifications", "TestWithoutNotifications", "Disable", "PendingDeletion"],
    integers: &[],
    open: true,
};

pub static WORKLOAD: EnumSchema = EnumSchema {
    name: "workload",
    members: &[
        "Exchange",
        "SharePoint",
        "OneDriveForBusiness",
        "Teams",
        "EndpointDevices",
        "OnPremisesScanner",
        "ThirdPartyApps",
        "PowerBI",
    ],
    integers: &[],
    open: true,
};

pub static BLOCK_ACCESS_SCOPE: EnumSchema = EnumSchema {
    name: "blockAccessScope",
    members: &["All", "PerUser", "PerAnonymousUser", "None"],
    integers: &[],
    open: true,
};

pub static NOTIFY_USER_TYPE: EnumSchema =
    EnumSchema { name: "notifyUserType", members: &["NotSet", "Email", "PolicyTip"], integers: &[], open: true };

pub static OVERRIDE: EnumSchema = EnumSchema {
    name: "notifyAllowOverride",
    members: &["FalsePositive", "WithAcknowledgement", "WithoutJustification", "WithJustification"],
    integers: &[],
    open: true,
};

pub static REPORT_SEVERITY: EnumSchema =
    EnumSchema { name: "reportSeverityLevel", members: &["Low", "Medium", "High", "None"], integers: &[], open: true };

pub static ACCESS_SCOPE: EnumSchema = EnumSchema {
    name: "accessScope",
    members: &["InOrganization", "NotInOrganization", "None"],
    integers: &[],
    open: true,
};

pub static SIT_FORM: EnumSchema =
    EnumSchema { name: "sensitiveInfoTypeForm", members: &["list", "grouped", "advanced"], integers: &[], open: false };

/// One sensitive information type a rule detects.
pub static SENSITIVE_INFO_TYPE: ObjectSchema = ObjectSchema {
    name: "sensitiveInformationType",
    description: "A sensitive information type a rule detects, from any of the three forms.",
    fields: &[
        field("name", Kind::String, "Type name as Purview spells it, e.g. `Credit Card Number`."),
        field("id", Kind::String, "Type id (GUID)."),
        field("minCount", Kind::Integer, "Minimum instances."),
        field("maxCount", Kind::Integer, "Maximum instances (-1: any)."),
        field("confidenceLevel", Kind::String, "`Low`, `Medium` or `High`."),
        field("minConfidence", Kind::Integer, "Minimum confidence."),
        field("maxConfidence", Kind::Integer, "Maximum confidence."),
        field(
            "classifierType",
            Kind::String,
            "`Content` for a sensitive information type, `MLModel` for a trainable classifier.",
        ),
        derived("group", Kind::String, "Group name, for the grouped and advanced forms; null in the flat list."),
        derived(
            "form",
            Kind::Enum(&SIT_FORM),
            "Where it was found: `list` (flat), `grouped`, or `advanced` (the AdvancedRule JSON).",
        ),
    ],
    collapse_when_empty: false,
};

const fn locations(name: &'static str, description: &'static str) -> Field {
    field(name, NAME_LIST, description)
}

pub static POLICY: ObjectSchema = ObjectSchema {
    name: "dlpCompliancePolicy",
    description: "A DLP compliance policy (`Get-DlpCompliancePolicy`). Enforced when `enabled` is true and `mode` is `Enable`.",
    fields: &[
        field("name", Kind::String, "Policy name (rules refer to it)."),
        field("displayName", Kind::String, "Display name, when exported."),
        field_aliased(
            "guid",
            &["ExchangeObjectId"],
            Kind::String,
            "Policy GUID (rules of the cmdlet export refer to it).",
        ),
        field("comment", Kind::String, "Comment."),
        field(
            "mode",
            Kind::Enum(&MODE),
            "`Enable`, `TestWithNotifications`, `TestWithoutNotifications`, `Disable`, `PendingDeletion`.",
        ),
        field(
            "enabled",
            Kind::Boolean,
            "Whether the policy is on; absent in Microsoft365DSC exports (which express it with `mode`).",
        ),
        field("type", Kind::String, "`Dlp`."),
        field("workload", Kind::Flags(&WORKLOAD), "Workloads (a comma-separated string in exports; an array here)."),
        field("priority", Kind::Integer, "0 is the highest."),
        locations("exchangeLocation", "`All`, or specific locations."),
        locations("exchangeLocationException", "Exceptions."),
        locations("sharePointLocation", "`All`, or sites."),
        locations("sharePointLocationException", "Exceptions."),
        locations("oneDriveLocation", "`All`, or accounts."),
        locations("oneDriveLocationException", "Exceptions."),
        locations("teamsLocation", "`All`, or accounts."),
        locations("teamsLocationException", "Exceptions."),
        locations("endpointDlpLocation", "`All`, or users and groups."),
        locations("endpointDlpLocationException", "Exceptions."),
        locations("onPremisesScannerDlpLocation", "On-premises scanner repositories."),
        locations("thirdPartyAppDlpLocation", "Third-party apps (Defender for Cloud Apps)."),
        locations("powerBIDlpLocation", "Power BI workspaces."),
        field("isSimulationPolicy", Kind::Boolean, "Simulation mode."),
        field("distributionStatus", Kind::String, "`Success`, `Pending`, `Error` ..."),
        field_aliased("whenCreated", &["WhenCreatedUTC", "CreationTimeUtc"], Kind::DateTime, "Creation time."),
        field_aliased("whenChanged", &["WhenChangedUTC", "ModificationTimeUtc"], Kind::DateTime, "Last change."),
    ],
    collapse_when_empty: false,
};

pub static RULE: ObjectSchema = ObjectSchema {
    name: "dlpComplianceRule",
    description: "A DLP compliance rule (`Get-DlpComplianceRule`). It counts only if not disabled and its parent policy is enforced.",
    fields: &[
        field("name", Kind::String, "Rule name."),
        field_aliased("guid", &["ExchangeObjectId"], Kind::String, "Rule GUID (not `ImmutableId`, which differs)."),
        field("parentPolicyName", Kind::String, "Name of the policy the rule belongs to."),
        field(
            "policy",
            Kind::String,
            "The parent policy's GUID (cmdlet export) or name (Microsoft365DSC); join on either `guid` or `name`.",
        ),
        field("disabled", Kind::Boolean, "Whether the rule is off."),
        field("mode", Kind::String, "The rule's own mode; the policy's mode is the effective one."),
        field("priority", Kind::Integer, "Rule priority."),
        field("workload", Kind::Flags(&WORKLOAD), "Workloads."),
        field("comment", Kind::String, "Comment."),
        field("isAdvancedRule", Kind::Boolean, "Whether the conditions are in `advancedRule`."),
        derived(
            "advancedRule",
            Kind::Json,
            "The AdvancedRule JSON document, parsed from its string (repaired when ScubaGear 1.1 mangled it); absent when the export has none.",
        ),
        derived(
            "sensitiveInfoTypes",
            Kind::List(&Kind::Object(&SENSITIVE_INFO_TYPE)),
            "Every sensitive information type the rule detects: from `ContentContainsSensitiveInformation` (flat list or grouped form) when it lists any, otherwise (and always when `isAdvancedRule` is true) from the AdvancedRule document. Exceptions (`ExceptIfContentContainsSensitiveInformation`, conditions under a `Not` operator) are not detections and are not listed.",
        ),
        field("blockAccess", Kind::Boolean, "Whether access is blocked."),
        field(
            "blockAccessScope",
            Kind::Enum(&BLOCK_ACCESS_SCOPE),
            "`All`, `PerUser` (external users), `PerAnonymousUser`, `None`.",
        ),
        field("notifyUser", STRING_LIST, "Who is notified: addresses, `Owner`, `LastModifier`, `SiteAdmin`."),
        field("notifyUserType", Kind::Flags(&NOTIFY_USER_TYPE), "`Email`, `PolicyTip`."),
        field(
            "notifyAllowOverride",
            Kind::List(&Kind::Enum(&OVERRIDE)),
            "How users may override: `WithJustification`, `WithoutJustification` ...",
        ),
        field("notifyPolicyTipCustomText", Kind::String, "Policy tip text."),
        field("generateAlert", STRING_LIST, "Alert recipients."),
        field("generateIncidentReport", STRING_LIST, "Incident report recipients."),
        field("incidentReportContent", STRING_LIST, "Incident report content."),
        field("reportSeverityLevel", Kind::Enum(&REPORT_SEVERITY), "`Low`, `Medium`, `High`, `None`."),
        field(
            "accessScope",
            Kind::Enum(&ACCESS_SCOPE),
            "`InOrganization`, `NotInOrganization`, `None`. When the rule has none of its own (rules built in the advanced rule editor), taken from an `AccessScope` condition directly under the AdvancedRule's top-level `And` (one under `Or` or `Not` applies to part of the rule only and is not lifted), and then located at the AdvancedRule text.",
        ),
        field("encryptRMSTemplate", Kind::String, "RMS template applied (encrypts), or null."),
        field("removeRMSTemplate", Kind::Boolean, "Removes encryption."),
        field("stopPolicyProcessing", Kind::Boolean, "Stops processing further rules."),
        field("ruleErrorAction", Kind::String, "`Ignore`, `RetryThenBlock`."),
    ],
    collapse_when_empty: false,
};
