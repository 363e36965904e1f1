//! Canonical Conditional Access policy: Microsoft Graph's `conditionalAccessPolicy`
//! (v1.0 plus the beta members real exports carry), whatever the producer.

use super::{EnumSchema, Field, Kind, ObjectSchema, field};

const STRING_LIST: Kind = Kind::List(&Kind::String);

pub static POLICY_STATE: EnumSchema = EnumSchema {
    name: "conditionalAccessPolicyState",
    members: &["enabled", "disabled", "enabledForReportingButNotEnforced"],
    integers: &[(0, "enabled"), (1, "disabled"), (2, "enabledForReportingButNotEnforced")],
    open: false,
};

pub static CLIENT_APP: EnumSchema = EnumSchema {
    name: "conditionalAccessClientApp",
    members: &[
        "all",
        "browser",
        "mobileAppsAndDesktopClients",
        "exchangeActiveSync",
        "easSupported",
        "other",
        "unknownFutureValue",
    ],
    integers: &[
        (0, "all"),
        (1, "browser"),
        (2, "mobileAppsAndDesktopClients"),
        (3, "exchangeActiveSync"),
        (4, "easSupported"),
        (5, "other"),
        (6, "unknownFutureValue"),
    ],
    open: true,
};

pub static RISK_LEVEL: EnumSchema = EnumSchema {
    name: "riskLevel",
    members: &["low", "medium", "high", "hidden", "none", "unknownFutureValue"],
    integers: &[(0, "low"), (1, "medium"), (2, "high"), (3, "hidden"), (4, "none"), (5, "unknownFutureValue")],
    open: true,
};

pub static INSIDER_RISK_LEVELS: EnumSchema = EnumSchema {
    name: "conditionalAccessInsiderRiskLevels",
    members: &["minor", "moderate", "elevated", "unknownFutureValue"],
    integers: &[],
    open: true,
};

pub static PLATFORM: EnumSchema = EnumSchema {
    name: "conditionalAccessDevicePlatform",
    members: &["android", "iOS", "windows", "windowsPhone", "macOS", "all", "unknownFutureValue", "linux"],
    integers: &[
        (0, "android"),
        (1, "iOS"),
        (2, "windows"),
        (3, "windowsPhone"),
        (4, "macOS"),
        (5, "all"),
        (6, "unknownFutureValue"),
        (7, "linux"),
    ],
    open: true,
};

pub static TRANSFER_METHODS: EnumSchema = EnumSchema {
    name: "conditionalAccessTransferMethods",
    members: &["none", "deviceCodeFlow", "authenticationTransfer", "unknownFutureValue"],
    integers: &[],
    open: true,
};

pub static GUEST_OR_EXTERNAL_USER_TYPES: EnumSchema = EnumSchema {
    name: "conditionalAccessGuestOrExternalUserTypes",
    members: &[
        "none",
        "internalGuest",
        "b2bCollaborationGuest",
        "b2bCollaborationMember",
        "b2bDirectConnectUser",
        "otherExternalUser",
        "serviceProvider",
        "unknownFutureValue",
    ],
    integers: &[],
    open: true,
};

pub static MEMBERSHIP_KIND: EnumSchema = EnumSchema {
    name: "conditionalAccessExternalTenantsMembershipKind",
    members: &["all", "enumerated", "unknownFutureValue"],
    integers: &[],
    open: true,
};

pub static FILTER_MODE: EnumSchema = EnumSchema {
    name: "filterMode",
    members: &["include", "exclude"],
    integers: &[(0, "include"), (1, "exclude")],
    open: false,
};

pub static GRANT_OPERATOR: EnumSchema =
    EnumSchema { name: "grantControlsOperator", members: &["AND", "OR"], integers: &[], open: false };

pub static GRANT_CONTROL: EnumSchema = EnumSchema {
    name: "conditionalAccessGrantControl",
    members: &[
        "block",
        "mfa",
        "compliantDevice",
        "domainJoinedDevice",
        "approvedApplication",
        "compliantApplication",
        "passwordChange",
        "unknownFutureValue",
        "riskRemediation",
    ],
    integers: &[
        (0, "block"),
        (1, "mfa"),
        (2, "compliantDevice"),
        (3, "domainJoinedDevice"),
        (4, "approvedApplication"),
        (5, "compliantApplication"),
        (6, "passwordChange"),
        (7, "unknownFutureValue"),
        (8, "riskRemediation"),
    ],
    // Microsoft-managed policies return values outside the enum (e.g. `verifiedID`).
    open: true,
};

pub static STRENGTH_POLICY_TYPE: EnumSchema = EnumSchema {
    name: "authenticationStrengthPolicyType",
    members: &["builtIn", "custom", "unknownFutureValue"],
    integers: &[],
    open: true,
};

pub static PERSISTENT_BROWSER_MODE: EnumSchema = EnumSchema {
    name: "persistentBrowserSessionMode",
    members: &["always", "never"],
    integers: &[(0, "always"), (1, "never")],
    open: false,
};

pub static SIGN_IN_FREQUENCY_TYPE: EnumSchema = EnumSchema {
    name: "signinFrequencyType",
    members: &["days", "hours"],
    integers: &[(0, "days"), (1, "hours")],
    open: false,
};

pub static SIGN_IN_FREQUENCY_AUTH_TYPE: EnumSchema = EnumSchema {
    name: "signInFrequencyAuthenticationType",
    members: &["primaryAndSecondaryAuthentication", "secondaryAuthentication", "unknownFutureValue"],
    integers: &[],
    open: true,
};

pub static SIGN_IN_FREQUENCY_INTERVAL: EnumSchema = EnumSchema {
    name: "signInFrequencyInterval",
    members: &["timeBased", "everyTime", "unknownFutureValue"],
    integers: &[],
    open: true,
};

pub static CLOUD_APP_SECURITY_TYPE: EnumSchema = EnumSchema {
    name: "cloudAppSecuritySessionControlType",
    members: &["mcasConfigured", "monitorOnly", "blockDownloads", "unknownFutureValue"],
    integers: &[],
    open: true,
};

pub static CAE_MODE: EnumSchema = EnumSchema {
    name: "continuousAccessEvaluationMode",
    members: &["strictEnforcement", "disabled", "unknownFutureValue", "strictLocation"],
    integers: &[],
    open: true,
};

pub static FILTER: ObjectSchema = ObjectSchema {
    name: "conditionalAccessFilter",
    description: "A device, application or service-principal filter.",
    fields: &[
        field("mode", Kind::Enum(&FILTER_MODE), "`include` or `exclude`."),
        field("rule", Kind::String, "The filter expression, e.g. `device.isCompliant -ne True`."),
    ],
    collapse_when_empty: true,
};

pub static EXTERNAL_TENANTS: ObjectSchema = ObjectSchema {
    name: "conditionalAccessExternalTenants",
    description: "Which external tenants a guest condition covers.",
    fields: &[
        field(
            "@odata.type",
            Kind::String,
            "`#microsoft.graph.conditionalAccessAllExternalTenants` or `...EnumeratedExternalTenants`.",
        ),
        field("membershipKind", Kind::Enum(&MEMBERSHIP_KIND), "`all` or `enumerated`."),
        field("members", STRING_LIST, "Tenant ids (enumerated only)."),
    ],
    collapse_when_empty: true,
};

pub static GUESTS_OR_EXTERNAL_USERS: ObjectSchema = ObjectSchema {
    name: "conditionalAccessGuestsOrExternalUsers",
    description: "Guest or external user types included or excluded.",
    fields: &[
        field(
            "guestOrExternalUserTypes",
            Kind::Flags(&GUEST_OR_EXTERNAL_USER_TYPES),
            "Guest types (Graph sends a comma-separated flags string; canonical is an array).",
        ),
        field("externalTenants", Kind::Object(&EXTERNAL_TENANTS), "Which external tenants."),
    ],
    collapse_when_empty: true,
};

pub static USERS: ObjectSchema = ObjectSchema {
    name: "conditionalAccessUsers",
    description: "Users, groups, roles and guests the policy includes or excludes.",
    fields: &[
        field("includeUsers", STRING_LIST, "User ids (or UPNs), or `All`, `None`, `GuestsOrExternalUsers`."),
        field("excludeUsers", STRING_LIST, "User ids (or UPNs), or `GuestsOrExternalUsers`."),
        field("includeGroups", STRING_LIST, "Group ids (or display names)."),
        field("excludeGroups", STRING_LIST, "Group ids (or display names)."),
        field("includeRoles", STRING_LIST, "Directory role template ids."),
        field("excludeRoles", STRING_LIST, "Directory role template ids."),
        field("includeGuestsOrExternalUsers", Kind::Object(&GUESTS_OR_EXTERNAL_USERS), "Guests included, or null."),
        field("excludeGuestsOrExternalUsers", Kind::Object(&GUESTS_OR_EXTERNAL_USERS), "Guests excluded, or null."),
    ],
    collapse_when_empty: false,
};

pub static APPLICATIONS: ObjectSchema = ObjectSchema {
    name: "conditionalAccessApplications",
    description: "Cloud apps, user actions and authentication contexts the policy targets.",
    fields: &[
        field("includeApplications", STRING_LIST, "App ids, or `All`, `None`, `Office365`, `MicrosoftAdminPortals`."),
        field("excludeApplications", STRING_LIST, "App ids."),
        field("includeUserActions", STRING_LIST, "`urn:user:registersecurityinfo`, `urn:user:registerdevice`."),
        field("includeAuthenticationContextClassReferences", STRING_LIST, "Authentication contexts (`c1` ...)."),
        field("applicationFilter", Kind::Object(&FILTER), "Application filter, or null."),
    ],
    collapse_when_empty: false,
};

pub static PLATFORMS: ObjectSchema = ObjectSchema {
    name: "conditionalAccessPlatforms",
    description: "Device platforms condition.",
    fields: &[
        field("includePlatforms", Kind::List(&Kind::Enum(&PLATFORM)), "Platforms, or `all`."),
        field("excludePlatforms", Kind::List(&Kind::Enum(&PLATFORM)), "Platforms."),
    ],
    collapse_when_empty: true,
};

pub static LOCATIONS: ObjectSchema = ObjectSchema {
    name: "conditionalAccessLocations",
    description: "Network locations condition.",
    fields: &[
        field("includeLocations", STRING_LIST, "Named-location ids, or `All`, `AllTrusted`."),
        field("excludeLocations", STRING_LIST, "Named-location ids, or `AllTrusted`."),
    ],
    collapse_when_empty: true,
};

pub static DEVICES: ObjectSchema = ObjectSchema {
    name: "conditionalAccessDevices",
    description: "Device condition.",
    fields: &[
        field("includeDevices", STRING_LIST, "Legacy device states (beta)."),
        field("excludeDevices", STRING_LIST, "Legacy device states (beta)."),
        field("deviceFilter", Kind::Object(&FILTER), "Device filter, or null."),
    ],
    collapse_when_empty: true,
};

pub static CLIENT_APPLICATIONS: ObjectSchema = ObjectSchema {
    name: "conditionalAccessClientApplications",
    description: "Workload identities condition.",
    fields: &[
        field("includeServicePrincipals", STRING_LIST, "Service principal ids, or `ServicePrincipalsInMyTenant`."),
        field("excludeServicePrincipals", STRING_LIST, "Service principal ids."),
        field("servicePrincipalFilter", Kind::Object(&FILTER), "Service principal filter, or null."),
    ],
    collapse_when_empty: true,
};

pub static AUTHENTICATION_FLOWS: ObjectSchema = ObjectSchema {
    name: "conditionalAccessAuthenticationFlows",
    description: "Authentication flows condition.",
    fields: &[field(
        "transferMethods",
        Kind::Flags(&TRANSFER_METHODS),
        "`deviceCodeFlow`, `authenticationTransfer` (a flags string in Graph; an array here).",
    )],
    collapse_when_empty: true,
};

pub static CONDITIONS: ObjectSchema = ObjectSchema {
    name: "conditionalAccessConditionSet",
    description: "When the policy applies.",
    fields: &[
        field("users", Kind::Object(&USERS), "Who the policy applies to."),
        field("applications", Kind::Object(&APPLICATIONS), "What the policy applies to."),
        field(
            "clientAppTypes",
            Kind::List(&Kind::Enum(&CLIENT_APP)),
            "Client app types (`all`, `browser`, `exchangeActiveSync`, `other` ...).",
        ),
        field("userRiskLevels", Kind::List(&Kind::Enum(&RISK_LEVEL)), "User risk levels."),
        field("signInRiskLevels", Kind::List(&Kind::Enum(&RISK_LEVEL)), "Sign-in risk levels."),
        field("servicePrincipalRiskLevels", Kind::List(&Kind::Enum(&RISK_LEVEL)), "Service principal risk levels."),
        field("insiderRiskLevels", Kind::Flags(&INSIDER_RISK_LEVELS), "Insider risk levels (flags)."),
        field("platforms", Kind::Object(&PLATFORMS), "Device platforms, or null."),
        field("locations", Kind::Object(&LOCATIONS), "Locations, or null."),
        field("devices", Kind::Object(&DEVICES), "Device filter, or null."),
        field("clientApplications", Kind::Object(&CLIENT_APPLICATIONS), "Workload identities, or null."),
        field("authenticationFlows", Kind::Object(&AUTHENTICATION_FLOWS), "Authentication flows, or null."),
    ],
    collapse_when_empty: false,
};

pub static AUTHENTICATION_STRENGTH: ObjectSchema = ObjectSchema {
    name: "authenticationStrengthPolicy",
    description: "The authentication strength a policy requires (Graph returns it expanded).",
    fields: &[
        field("id", Kind::String, "Strength id; built-ins are `00000000-0000-0000-0000-00000000000{2,3,4}`."),
        field("displayName", Kind::String, "Name, e.g. `Phishing-resistant MFA`."),
        field("policyType", Kind::Enum(&STRENGTH_POLICY_TYPE), "`builtIn` or `custom`."),
        field("requirementsSatisfied", Kind::String, "`mfa` or `none`."),
        field(
            "allowedCombinations",
            STRING_LIST,
            "Allowed method combinations, each as Graph spells it (e.g. `fido2`, `password,microsoftAuthenticatorPush`).",
        ),
    ],
    collapse_when_empty: true,
};

pub static GRANT_CONTROLS: ObjectSchema = ObjectSchema {
    name: "conditionalAccessGrantControls",
    description: "What the policy grants or blocks; null for session-only policies.",
    fields: &[
        field("operator", Kind::Enum(&GRANT_OPERATOR), "`AND` or `OR` (upper-case, as Graph spells it)."),
        field(
            "builtInControls",
            Kind::List(&Kind::Enum(&GRANT_CONTROL)),
            "`block`, `mfa`, `compliantDevice`, `domainJoinedDevice`, `passwordChange` ...",
        ),
        field("customAuthenticationFactors", STRING_LIST, "Custom controls."),
        field("termsOfUse", STRING_LIST, "Terms of use ids."),
        field(
            "authenticationStrength",
            Kind::Object(&AUTHENTICATION_STRENGTH),
            "Required authentication strength, or null.",
        ),
    ],
    collapse_when_empty: true,
};

static IS_ENABLED: &[Field] = &[field("isEnabled", Kind::Boolean, "Whether the session control is on.")];

const fn toggle(name: &'static str, description: &'static str) -> ObjectSchema {
    ObjectSchema { name, description, fields: IS_ENABLED, collapse_when_empty: true }
}

pub static APPLICATION_ENFORCED_RESTRICTIONS: ObjectSchema =
    toggle("applicationEnforcedRestrictionsSessionControl", "App-enforced restrictions.");
pub static SECURE_SIGN_IN_SESSION: ObjectSchema = toggle("secureSignInSessionControl", "Token protection.");

pub static CLOUD_APP_SECURITY: ObjectSchema = ObjectSchema {
    name: "cloudAppSecuritySessionControl",
    description: "Conditional Access App Control (Defender for Cloud Apps).",
    fields: &[
        field("isEnabled", Kind::Boolean, "Whether the session control is on."),
        field(
            "cloudAppSecurityType",
            Kind::Enum(&CLOUD_APP_SECURITY_TYPE),
            "`mcasConfigured`, `monitorOnly`, `blockDownloads`.",
        ),
    ],
    collapse_when_empty: true,
};

pub static PERSISTENT_BROWSER: ObjectSchema = ObjectSchema {
    name: "persistentBrowserSessionControl",
    description: "Persistent browser session.",
    fields: &[
        field("isEnabled", Kind::Boolean, "Whether the session control is on."),
        field("mode", Kind::Enum(&PERSISTENT_BROWSER_MODE), "`always` or `never`."),
    ],
    collapse_when_empty: true,
};

pub static SIGN_IN_FREQUENCY: ObjectSchema = ObjectSchema {
    name: "signInFrequencySessionControl",
    description: "Sign-in frequency.",
    fields: &[
        field("isEnabled", Kind::Boolean, "Whether the session control is on."),
        field("value", Kind::Integer, "Number of `type` units; null with `everyTime`."),
        field("type", Kind::Enum(&SIGN_IN_FREQUENCY_TYPE), "`days` or `hours`."),
        field(
            "authenticationType",
            Kind::Enum(&SIGN_IN_FREQUENCY_AUTH_TYPE),
            "Which authentication the frequency applies to.",
        ),
        field("frequencyInterval", Kind::Enum(&SIGN_IN_FREQUENCY_INTERVAL), "`timeBased` or `everyTime`."),
    ],
    collapse_when_empty: true,
};

pub static CONTINUOUS_ACCESS_EVALUATION: ObjectSchema = ObjectSchema {
    name: "continuousAccessEvaluationSessionControl",
    description: "Continuous access evaluation (beta).",
    fields: &[field("mode", Kind::Enum(&CAE_MODE), "`strictEnforcement`, `strictLocation` or `disabled`.")],
    collapse_when_empty: true,
};

pub static SESSION_CONTROLS: ObjectSchema = ObjectSchema {
    name: "conditionalAccessSessionControls",
    description: "Session controls; null when none.",
    fields: &[
        field("disableResilienceDefaults", Kind::Boolean, "Whether resilience defaults are off."),
        field(
            "applicationEnforcedRestrictions",
            Kind::Object(&APPLICATION_ENFORCED_RESTRICTIONS),
            "App-enforced restrictions.",
        ),
        field("cloudAppSecurity", Kind::Object(&CLOUD_APP_SECURITY), "App Control."),
        field("persistentBrowser", Kind::Object(&PERSISTENT_BROWSER), "Persistent browser session."),
        field("signInFrequency", Kind::Object(&SIGN_IN_FREQUENCY), "Sign-in frequency."),
        field("secureSignInSession", Kind::Object(&SECURE_SIGN_IN_SESSION), "Token protection."),
        field(
            "continuousAccessEvaluation",
            Kind::Object(&CONTINUOUS_ACCESS_EVALUATION),
            "Continuous access evaluation.",
        ),
    ],
    collapse_when_empty: true,
};

static POLICY_FIELDS: &[Field] = &[
    field("id", Kind::String, "Policy id (GUID)."),
    field("displayName", Kind::String, "Policy name."),
    field("description", Kind::String, "Description, often null."),
    field(
        "state",
        Kind::Enum(&POLICY_STATE),
        "`enabled`, `disabled` or `enabledForReportingButNotEnforced` (report-only).",
    ),
    field("templateId", Kind::String, "Template the policy was created from, or null."),
    field("createdDateTime", Kind::DateTime, "Creation time (RFC 3339)."),
    field("modifiedDateTime", Kind::DateTime, "Last change (RFC 3339), or null."),
    field("conditions", Kind::Object(&CONDITIONS), "When the policy applies."),
    field("grantControls", Kind::Object(&GRANT_CONTROLS), "Grant controls, or null (session-only policy)."),
    field("sessionControls", Kind::Object(&SESSION_CONTROLS), "Session controls, or null."),
];

pub static POLICY: ObjectSchema = ObjectSchema {
    name: "conditionalAccessPolicy",
    description: "A Conditional Access policy.",
    fields: POLICY_FIELDS,
    collapse_when_empty: false,
};
