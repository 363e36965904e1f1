//! Canonical Intune device compliance: `deviceCompliancePolicy` (every platform subtype, as
//! one object type holding the union of their settings; a setting a platform does not have is
//! absent) and the tenant's compliance settings.

use super::{EnumSchema, Kind, ObjectSchema, derived, field, field_aliased};

const STRING_LIST: Kind = Kind::List(&Kind::String);

/// The platform a compliance policy applies to, derived from its `@odata.type`. `windows` is
/// Windows 10 and later; Windows 8.1 policies (`windows81`) do not apply to Windows 10/11
/// devices and are kept apart so that they never count as Windows coverage.
pub static PLATFORM: EnumSchema = EnumSchema {
    name: "platform",
    members: &["windows", "windows81", "windowsMobile", "windowsPhone", "ios", "macos", "android"],
    integers: &[],
    open: false,
};

pub static ANDROID_MANAGEMENT: EnumSchema = EnumSchema {
    name: "androidManagement",
    members: &["workProfile", "deviceOwner", "deviceAdministrator", "aospDeviceOwner", "androidForWork"],
    integers: &[],
    open: false,
};

pub static THREAT_LEVEL: EnumSchema = EnumSchema {
    name: "deviceThreatProtectionLevel",
    members: &["unavailable", "secured", "low", "medium", "high", "notSet"],
    integers: &[(0, "unavailable"), (1, "secured"), (2, "low"), (3, "medium"), (4, "high"), (10, "notSet")],
    open: true,
};

pub static PASSWORD_TYPE: EnumSchema = EnumSchema {
    name: "requiredPasswordType",
    members: &[
        "deviceDefault",
        "alphanumeric",
        "numeric",
        "alphabetic",
        "alphanumericWithSymbols",
        "lowSecurityBiometric",
        "numericComplex",
        "any",
        "required",
        "customPassword",
    ],
    integers: &[],
    open: true,
};

pub static ACTION_TYPE: EnumSchema = EnumSchema {
    name: "deviceComplianceActionType",
    members: &[
        "noAction",
        "notification",
        "block",
        "retire",
        "wipe",
        "removeResourceAccessProfiles",
        "pushNotification",
        "remoteLock",
    ],
    integers: &[
        (0, "noAction"),
        (1, "notification"),
        (2, "block"),
        (3, "retire"),
        (4, "wipe"),
        (5, "removeResourceAccessProfiles"),
        (9, "pushNotification"),
    ],
    open: true,
};

pub static FILTER_TYPE: EnumSchema = EnumSchema {
    name: "deviceAndAppManagementAssignmentFilterType",
    members: &["none", "include", "exclude"],
    integers: &[(0, "none"), (1, "include"), (2, "exclude")],
    open: true,
};

pub static ASSIGNMENT_TARGET: ObjectSchema = ObjectSchema {
    name: "deviceAndAppManagementAssignmentTarget",
    description: "Who an assignment targets.",
    fields: &[
        field(
            "@odata.type",
            Kind::String,
            "`#microsoft.graph.groupAssignmentTarget`, `...exclusionGroupAssignmentTarget`, `...allLicensedUsersAssignmentTarget`, `...allDevicesAssignmentTarget`.",
        ),
        field("groupId", Kind::String, "Target group id (group targets)."),
        field_aliased(
            "groupDisplayName",
            &["groupName"],
            Kind::String,
            "Target group name, when the exporter resolved it (IntuneCD writes `groupName` instead of `groupId`).",
        ),
        field("collectionId", Kind::String, "Configuration Manager collection id."),
        field(
            "deviceAndAppManagementAssignmentFilterId",
            Kind::String,
            "Assignment filter id, or null (IntuneCD writes the filter's name here).",
        ),
        field(
            "deviceAndAppManagementAssignmentFilterType",
            Kind::Enum(&FILTER_TYPE),
            "`none`, `include` or `exclude`.",
        ),
    ],
    collapse_when_empty: false,
};

pub static ASSIGNMENT: ObjectSchema = ObjectSchema {
    name: "deviceCompliancePolicyAssignment",
    description: "One assignment of a compliance policy.",
    fields: &[
        field("id", Kind::String, "Assignment id (`<policyId>_<groupId>`)."),
        field("source", Kind::String, "`direct` or `policySets`."),
        field("target", Kind::Object(&ASSIGNMENT_TARGET), "Who the policy is assigned to."),
    ],
    collapse_when_empty: false,
};

pub static ACTION: ObjectSchema = ObjectSchema {
    name: "deviceComplianceActionItem",
    description: "An action taken when a device is not compliant.",
    fields: &[
        field("id", Kind::String, "Action id."),
        field(
            "actionType",
            Kind::Enum(&ACTION_TYPE),
            "`block` marks the device non-compliant; `notification`, `retire`, `wipe` ...",
        ),
        field("gracePeriodHours", Kind::Integer, "Hours after non-compliance before the action runs."),
        field("notificationTemplateId", Kind::String, "Notification template, or the zero GUID."),
        field("notificationMessageCCList", STRING_LIST, "Extra recipients of the notification."),
    ],
    collapse_when_empty: false,
};

pub static SCHEDULED_ACTIONS: ObjectSchema = ObjectSchema {
    name: "deviceComplianceScheduledActionForRule",
    description: "Actions for non-compliance (present only when the export expanded them).",
    fields: &[
        field("id", Kind::String, "Id."),
        field("ruleName", Kind::String, "Often null."),
        field("scheduledActionConfigurations", Kind::List(&Kind::Object(&ACTION)), "The actions."),
    ],
    collapse_when_empty: false,
};

pub static OS_BUILD_RANGE: ObjectSchema = ObjectSchema {
    name: "operatingSystemVersionRange",
    description: "A valid Windows build range.",
    fields: &[
        field("description", Kind::String, "Description."),
        field("lowestVersion", Kind::String, "Lowest allowed version."),
        field("highestVersion", Kind::String, "Highest allowed version."),
    ],
    collapse_when_empty: false,
};

const fn boolean(name: &'static str, description: &'static str) -> super::Field {
    field(name, Kind::Boolean, description)
}

const fn integer(name: &'static str, description: &'static str) -> super::Field {
    field(name, Kind::Integer, description)
}

const fn string(name: &'static str, description: &'static str) -> super::Field {
    field(name, Kind::String, description)
}

pub static COMPLIANCE_POLICY: ObjectSchema = ObjectSchema {
    name: "deviceCompliancePolicy",
    description: "A device compliance policy of any platform. Settings a platform does not have are absent.",
    fields: &[
        string("@odata.type", "The Graph subtype, e.g. `#microsoft.graph.windows10CompliancePolicy`."),
        derived(
            "platform",
            Kind::Enum(&PLATFORM),
            "Derived from the subtype: `windows` (10 and later), `windows81`, `windowsMobile`, `windowsPhone`, `ios`, `macos`, `android`; null for the tenant-wide `defaultDeviceCompliancePolicy`.",
        ),
        derived(
            "androidManagement",
            Kind::Enum(&ANDROID_MANAGEMENT),
            "Derived from the subtype, null on other platforms: `workProfile` (personally owned), `deviceOwner` (fully managed, dedicated, corporate-owned work profile), `deviceAdministrator`, `aospDeviceOwner`, `androidForWork` (legacy).",
        ),
        string("id", "Policy id."),
        string("displayName", "Policy name."),
        string("description", "Description."),
        field("createdDateTime", Kind::DateTime, "Creation time."),
        field("lastModifiedDateTime", Kind::DateTime, "Last change."),
        integer("version", "Version."),
        field("roleScopeTagIds", STRING_LIST, "Scope tags."),
        // Passwords (Windows, macOS, Android) and passcodes (iOS).
        boolean("passwordRequired", "Password required (Windows, macOS, Android)."),
        boolean("passwordBlockSimple", "Simple passwords blocked (Windows, macOS)."),
        integer("passwordMinimumLength", "Minimum password length."),
        integer("passwordMinimumCharacterSetCount", "Minimum character sets."),
        field("passwordRequiredType", Kind::Enum(&PASSWORD_TYPE), "Required password type."),
        string(
            "requiredPasswordComplexity",
            "Android device password complexity (`none`, `low`, `medium`, `high`; Android 11 and later): work profile, device administrator and Android for Work policies.",
        ),
        integer("passwordMinutesOfInactivityBeforeLock", "Minutes of inactivity before lock."),
        integer("passwordExpirationDays", "Password expiry in days."),
        integer("passwordPreviousPasswordBlockCount", "Previous passwords blocked."),
        integer("passwordPreviousPasswordCountToBlock", "Previous passwords blocked (Android device owner)."),
        integer(
            "passwordSignInFailureCountBeforeFactoryReset",
            "Failed sign-ins before the device is wiped (Android device administrator).",
        ),
        boolean("passwordRequiredToUnlockFromIdle", "Password to unlock from idle (Windows)."),
        boolean("passcodeRequired", "Passcode required (iOS)."),
        boolean("passcodeBlockSimple", "Simple passcodes blocked (iOS)."),
        integer("passcodeMinimumLength", "Minimum passcode length (iOS)."),
        integer("passcodeMinimumCharacterSetCount", "Minimum character sets (iOS)."),
        field("passcodeRequiredType", Kind::Enum(&PASSWORD_TYPE), "Required passcode type (iOS)."),
        integer("passcodeMinutesOfInactivityBeforeLock", "Minutes before lock (iOS)."),
        integer("passcodeMinutesOfInactivityBeforeScreenTimeout", "Minutes before the screen times out (iOS, beta)."),
        integer("passcodeExpirationDays", "Passcode expiry (iOS)."),
        integer("passcodePreviousPasscodeBlockCount", "Previous passcodes blocked (iOS)."),
        // Operating system versions.
        string("osMinimumVersion", "Minimum OS version."),
        string("osMaximumVersion", "Maximum OS version."),
        string("osMinimumBuildVersion", "Minimum OS build (iOS, macOS)."),
        string("osMaximumBuildVersion", "Maximum OS build (iOS, macOS)."),
        string("mobileOsMinimumVersion", "Minimum Windows mobile version."),
        string("mobileOsMaximumVersion", "Maximum Windows mobile version."),
        string("minAndroidSecurityPatchLevel", "Minimum Android security patch level (`2024-12-01`)."),
        field(
            "validOperatingSystemBuildRanges",
            Kind::List(&Kind::Object(&OS_BUILD_RANGE)),
            "Valid Windows build ranges.",
        ),
        // Encryption and device health.
        boolean("storageRequireEncryption", "Storage encryption required (Windows, Android, macOS FileVault)."),
        boolean("bitLockerEnabled", "BitLocker required (Windows)."),
        boolean("secureBootEnabled", "Secure Boot required (Windows)."),
        boolean("codeIntegrityEnabled", "Code integrity required (Windows)."),
        boolean("tpmRequired", "TPM required (Windows, beta)."),
        boolean("earlyLaunchAntiMalwareDriverEnabled", "Early-launch antimalware required (Windows)."),
        boolean("requireHealthyDeviceReport", "Healthy device report required (Windows)."),
        boolean("memoryIntegrityEnabled", "Memory integrity required (Windows, beta)."),
        boolean("kernelDmaProtectionEnabled", "Kernel DMA protection required (Windows, beta)."),
        boolean("virtualizationBasedSecurityEnabled", "VBS required (Windows, beta)."),
        boolean("firmwareProtectionEnabled", "Firmware protection required (Windows, beta)."),
        boolean("systemIntegrityProtectionEnabled", "System Integrity Protection required (macOS)."),
        // Defender and threat protection.
        boolean("activeFirewallRequired", "Firewall required (Windows, beta)."),
        boolean("defenderEnabled", "Microsoft Defender Antimalware required (Windows, beta)."),
        string("defenderVersion", "Minimum Defender version (Windows, beta)."),
        boolean("signatureOutOfDate", "Up-to-date signatures required (Windows, beta)."),
        boolean("rtpEnabled", "Real-time protection required (Windows, beta)."),
        boolean("antivirusRequired", "Antivirus required (Windows, beta)."),
        boolean("antiSpywareRequired", "Antispyware required (Windows, beta)."),
        boolean("deviceThreatProtectionEnabled", "Device threat protection (Defender for Endpoint / MTD) required."),
        field(
            "deviceThreatProtectionRequiredSecurityLevel",
            Kind::Enum(&THREAT_LEVEL),
            "Highest allowed threat level.",
        ),
        field(
            "advancedThreatProtectionRequiredSecurityLevel",
            Kind::Enum(&THREAT_LEVEL),
            "Highest allowed Defender for Endpoint risk.",
        ),
        boolean("configurationManagerComplianceRequired", "Configuration Manager compliance required (Windows, beta)."),
        // Mobile device integrity.
        boolean("securityBlockJailbrokenDevices", "Jailbroken / rooted devices blocked (iOS, Android)."),
        boolean("securityPreventInstallAppsFromUnknownSources", "Apps from unknown sources blocked (Android)."),
        boolean("securityDisableUsbDebugging", "USB debugging blocked (Android)."),
        boolean("securityRequireVerifyApps", "Verify Apps required (Android)."),
        boolean(
            "securityRequireSafetyNetAttestationBasicIntegrity",
            "Play Integrity / SafetyNet basic integrity required (Android).",
        ),
        boolean(
            "securityRequireSafetyNetAttestationCertifiedDevice",
            "Play Integrity / SafetyNet certified device required (Android).",
        ),
        string("securityRequiredAndroidSafetyNetEvaluationType", "`basic` or `hardwareBacked` (Android)."),
        boolean("securityRequireGooglePlayServices", "Google Play Services required (Android)."),
        boolean("securityRequireUpToDateSecurityProviders", "Up-to-date security providers required (Android)."),
        boolean("securityRequireCompanyPortalAppIntegrity", "Company Portal integrity required (Android)."),
        boolean("securityRequireIntuneAppIntegrity", "Intune app integrity required (Android device owner)."),
        boolean(
            "securityBlockDeviceAdministratorManagedDevices",
            "Devices managed with device administrator blocked (Android device administrator, beta).",
        ),
        boolean("requireNoPendingSystemUpdates", "No pending system updates (Android device owner)."),
        boolean("managedEmailProfileRequired", "Managed email profile required (iOS)."),
        // macOS firewall and Gatekeeper.
        boolean("firewallEnabled", "Firewall required (macOS)."),
        boolean("firewallBlockAllIncoming", "Block all incoming (macOS)."),
        boolean("firewallEnableStealthMode", "Stealth mode (macOS)."),
        string(
            "gatekeeperAllowedAppSource",
            "`notConfigured`, `macAppStore`, `macAppStoreAndIdentifiedDevelopers`, `anywhere` (macOS).",
        ),
        // Navigation properties: present only when the export expanded them.
        field(
            "assignments",
            Kind::List(&Kind::Object(&ASSIGNMENT)),
            "Assignments; absent when the export did not expand them (Graph without `$expand`, the SDK's `null`, IntuneCD for an unassigned policy), `[]` when unassigned.",
        ),
        field(
            "scheduledActionsForRule",
            Kind::List(&Kind::Object(&SCHEDULED_ACTIONS)),
            "Actions for non-compliance; absent when the export did not expand them, or expanded them without their `scheduledActionConfigurations` (then the actions are unknown).",
        ),
    ],
    collapse_when_empty: false,
};

pub static SETTINGS: ObjectSchema = ObjectSchema {
    name: "deviceManagementSettings",
    description: "Tenant-wide compliance settings (`GET /beta/deviceManagement?$select=settings`).",
    fields: &[
        boolean(
            "secureByDefault",
            "`true` when devices without a compliance policy are marked not compliant (portal: \"Mark devices with no compliance policy assigned as\").",
        ),
        integer("deviceComplianceCheckinThresholdDays", "Compliance status validity period in days."),
        boolean("isScheduledActionEnabled", "Whether actions for non-compliance run."),
        boolean("enhancedJailBreak", "Enhanced jailbreak detection."),
        boolean(
            "ignoreDevicesForUnsupportedSettingsEnabled",
            "Settings a device model does not support are ignored instead of making it not compliant.",
        ),
        integer(
            "deviceInactivityBeforeRetirementInDay",
            "Days without check-in before company data may be removed (30 to 270).",
        ),
    ],
    collapse_when_empty: false,
};
