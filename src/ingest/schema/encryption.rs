//! Canonical message encryption: IRM configuration, OME configurations (branding templates),
//! transport (mail flow) rules and sensitivity labels.

use super::{EnumSchema, Kind, ObjectSchema, derived, field, field_aliased};

const STRING_LIST: Kind = Kind::List(&Kind::String);

pub static TRANSPORT_DECRYPTION: EnumSchema = EnumSchema {
    name: "transportDecryptionSetting",
    members: &["Disabled", "Mandatory", "Optional"],
    integers: &[],
    open: true,
};

pub static IRM: ObjectSchema = ObjectSchema {
    name: "irmConfiguration",
    description: "The tenant's IRM configuration (`Get-IRMConfiguration`).",
    fields: &[
        field("identity", Kind::String, "`ControlPoint Configuration`."),
        field("azureRMSLicensingEnabled", Kind::Boolean, "Azure RMS (and so Purview Message Encryption) is on."),
        field("internalLicensingEnabled", Kind::Boolean, "IRM for internal messages."),
        field("externalLicensingEnabled", Kind::Boolean, "IRM for external messages (on-premises)."),
        field("simplifiedClientAccessEnabled", Kind::Boolean, "The Encrypt/Protect button in Outlook on the web."),
        field(
            "simplifiedClientAccessDoNotForwardDisabled",
            Kind::Boolean,
            "Do Not Forward hidden in Outlook on the web.",
        ),
        field("simplifiedClientAccessEncryptOnlyDisabled", Kind::Boolean, "Encrypt-Only hidden in Outlook on the web."),
        field(
            "decryptAttachmentForEncryptOnly",
            Kind::Boolean,
            "Attachments of Encrypt-Only mail are decrypted on download.",
        ),
        field("enablePdfEncryption", Kind::Boolean, "PDF attachments are encrypted."),
        field("enablePortalTrackingLogs", Kind::Boolean, "OME portal tracking logs."),
        field("eDiscoverySuperUserEnabled", Kind::Boolean, "eDiscovery can read protected mail."),
        field("journalReportDecryptionEnabled", Kind::Boolean, "Journal reports are decrypted."),
        field("searchEnabled", Kind::Boolean, "Protected mail is searchable."),
        field("automaticServiceUpdateEnabled", Kind::Boolean, "Automatic service updates."),
        field("rejectIfRecipientHasNoRights", Kind::Boolean, "Reject when the recipient has no rights."),
        field("clientAccessServerEnabled", Kind::Boolean, "IRM in Outlook on the web and ActiveSync."),
        field("transportDecryptionSetting", Kind::Enum(&TRANSPORT_DECRYPTION), "`Disabled`, `Mandatory`, `Optional`."),
        field("licensingLocation", STRING_LIST, "RMS licensing URLs."),
    ],
    collapse_when_empty: false,
};

pub static OME: ObjectSchema = ObjectSchema {
    name: "omeConfiguration",
    description: "An OME configuration (`Get-OMEConfiguration`): the default one or a custom branding template.",
    fields: &[
        field("identity", Kind::String, "`OME Configuration` for the default."),
        field("otpEnabled", Kind::Boolean, "Recipients can sign in with a one-time passcode."),
        field("socialIdSignIn", Kind::Boolean, "Recipients can sign in with a Google or Facebook account."),
        derived(
            "externalMailExpiryInDays",
            Kind::Integer,
            "Days before encrypted mail to external recipients expires (0: never), from the `ExternalMailExpiryInterval` TimeSpan (object or `d.hh:mm:ss` text) or the `ExternalMailExpiryInDays` parameter; null when the export has neither.",
        ),
        field("emailText", Kind::String, "Email text."),
        field("portalText", Kind::String, "Portal text."),
        field("disclaimerText", Kind::String, "Disclaimer."),
        field("introductionText", Kind::String, "Introduction."),
        field("readButtonText", Kind::String, "Read button text."),
        field("backgroundColor", Kind::String, "Background colour."),
        field("privacyStatementUrl", Kind::String, "Privacy statement link."),
    ],
    collapse_when_empty: false,
};

pub static RULE_STATE: EnumSchema =
    EnumSchema { name: "ruleState", members: &["Enabled", "Disabled"], integers: &[], open: false };

pub static RULE_MODE: EnumSchema =
    EnumSchema { name: "ruleMode", members: &["Audit", "AuditAndNotify", "Enforce"], integers: &[], open: true };

pub static SCOPE: EnumSchema = EnumSchema {
    name: "fromUserScope",
    members: &["InOrganization", "NotInOrganization", "ExternalPartner", "ExternalNonPartner"],
    integers: &[],
    open: true,
};

pub static TRANSPORT_RULE: ObjectSchema = ObjectSchema {
    name: "transportRule",
    description: "A mail flow rule (`Get-TransportRule`). It acts only when `state` is `Enabled` and `mode` is `Enforce`.",
    fields: &[
        field("name", Kind::String, "Rule name."),
        field("identity", Kind::String, "Identity."),
        field_aliased("guid", &["ImmutableId"], Kind::String, "GUID."),
        derived(
            "state",
            Kind::Enum(&RULE_STATE),
            "`Enabled` or `Disabled`, from `State` or from a boolean `Enabled` (Microsoft365DSC); null when the export has neither.",
        ),
        field("mode", Kind::Enum(&RULE_MODE), "`Audit`, `AuditAndNotify` or `Enforce`."),
        field("priority", Kind::Integer, "Priority."),
        field("sentToScope", Kind::Enum(&SCOPE), "Recipient scope, e.g. `NotInOrganization`."),
        field("fromScope", Kind::Enum(&SCOPE), "Sender scope."),
        field("exceptIfSentToScope", Kind::Enum(&SCOPE), "Excepted recipient scope."),
        field("exceptIfFromScope", Kind::Enum(&SCOPE), "Excepted sender scope."),
        field("applyRightsProtectionTemplate", Kind::String, "RMS template applied (e.g. `Encrypt`), or null."),
        field("applyRightsProtectionCustomizationTemplate", Kind::String, "OME branding template."),
        field("applyOME", Kind::Boolean, "Legacy OME encryption."),
        field("removeOME", Kind::Boolean, "Removes legacy OME encryption."),
        field("removeOMEv2", Kind::Boolean, "Removes Purview Message Encryption."),
        field("removeRMSAttachmentEncryption", Kind::Boolean, "Removes attachment encryption."),
        field("description", Kind::String, "Human-readable summary."),
        field("comments", Kind::String, "Comments."),
        field("activationDate", Kind::DateTime, "Active from."),
        field("expiryDate", Kind::DateTime, "Active until."),
        field("conditions", STRING_LIST, "Predicate class names."),
        field("exceptions", STRING_LIST, "Exception class names."),
        field("actions", STRING_LIST, "Action class names."),
        field("ruleErrorAction", Kind::String, "`Ignore` or `Defer`."),
        field("stopRuleProcessing", Kind::Boolean, "Rules of lower priority are not processed after this one."),
        field("sentTo", STRING_LIST, "Recipients the rule applies to."),
        field("recipientDomainIs", STRING_LIST, "Recipient domains the rule applies to."),
        field("exceptIfRecipientDomainIs", STRING_LIST, "Recipient domains excepted from the rule."),
    ],
    collapse_when_empty: false,
};

pub static LABEL_ACTION: ObjectSchema = ObjectSchema {
    name: "labelAction",
    description: "One action of a sensitivity label, parsed from its JSON string.",
    fields: &[
        field(
            "type",
            Kind::String,
            "`encrypt`, `applycontentmarking`, `applywatermarking`, `protectgroup`, `protectsite` ...",
        ),
        field("subType", Kind::String, "e.g. `header`, `footer`."),
        field(
            "settings",
            Kind::Json,
            "The action's settings as an object keyed by lower-case setting name, values as exported (strings: `{\"disabled\": \"false\", \"protectiontype\": \"template\"}`), except `rightsdefinitions`, which is parsed into `[{\"identity\": ..., \"rights\": [\"VIEW\", ...]}]`.",
        ),
    ],
    collapse_when_empty: false,
};

pub static LABEL: ObjectSchema = ObjectSchema {
    name: "sensitivityLabel",
    description: "A sensitivity label (`Get-Label`, Microsoft365DSC, or Graph).",
    fields: &[
        field("name", Kind::String, "Label name."),
        field("displayName", Kind::String, "Display name."),
        field_aliased("guid", &["ImmutableId"], Kind::String, "Label GUID (Graph `id`)."),
        field("parentId", Kind::String, "Parent label, for sublabels."),
        field("priority", Kind::Integer, "Order."),
        field("tooltip", Kind::String, "Tooltip."),
        field("comment", Kind::String, "Comment."),
        field_aliased(
            "contentType",
            &["contentFormats"],
            Kind::Flags(&CONTENT_TYPE),
            "What the label applies to (`File`, `Email`, `Site`, `UnifiedGroup` ...; Graph's `contentFormats`).",
        ),
        field("disabled", Kind::Boolean, "Whether the label is off (Graph: not `isActive`)."),
        derived(
            "labelActions",
            Kind::List(&Kind::Object(&LABEL_ACTION)),
            "The label's actions, parsed from their JSON strings (`type` in lower case); missing when the export does not carry them (Graph, Microsoft365DSC).",
        ),
        derived(
            "settings",
            Kind::Json,
            "Label settings as an object keyed by lower-case name, values as exported, parsed from `[key, value]` strings (split at the first `, `); null when the export does not carry them.",
        ),
        derived(
            "encryptionEnabled",
            Kind::Boolean,
            "Whether the label encrypts: an `encrypt` action whose `disabled` setting is not `true` and whose `protectiontype` is not `removeprotection` (Get-Label), `EncryptionEnabled` (Microsoft365DSC) or `hasProtection` (Graph); null when the export does not say. Says nothing about whether the label itself is `disabled`.",
        ),
    ],
    collapse_when_empty: false,
};

pub static CONTENT_TYPE: EnumSchema = EnumSchema {
    name: "contentType",
    members: &["File", "Email", "Site", "UnifiedGroup", "PurviewAssets", "Teamwork", "SchematizedData"],
    integers: &[],
    open: true,
};
