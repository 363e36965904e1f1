# Test data for Intune device compliance rule tests: canonical compliance policies of every
# kind, as `m365lint normalize` prints them for a Graph beta export with assignments and
# actions expanded. Each policy passes every rule. Loaded only by `m365lint test`.
package m365lint.lib.intune_testdata

import rego.v1

# Assignment targets.
group_target(group) := {
	"id": sprintf("policy_%s", [group]),
	"source": "direct",
	"target": {
		"@odata.type": "#microsoft.graph.groupAssignmentTarget",
		"deviceAndAppManagementAssignmentFilterId": null,
		"deviceAndAppManagementAssignmentFilterType": "none",
		"groupId": group,
	},
}

exclusion_target(group) := {
	"id": sprintf("policy_%s", [group]),
	"source": "direct",
	"target": {
		"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget",
		"deviceAndAppManagementAssignmentFilterId": null,
		"deviceAndAppManagementAssignmentFilterType": "none",
		"groupId": group,
	},
}

all_devices_target := {
	"id": "policy_adadadad-808e-44e2-905a-0b7873a8a531",
	"source": "direct",
	"target": {
		"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
		"deviceAndAppManagementAssignmentFilterId": null,
		"deviceAndAppManagementAssignmentFilterType": "none",
	},
}

# Actions for non-compliance: a notification at once, the device marked non-compliant after
# `hours`.
actions_blocking_after(hours) := [{
	"id": "a1b2c3d4-0000-4000-8000-000000000001",
	"ruleName": null,
	"scheduledActionConfigurations": [
		{
			"id": "a1b2c3d4-0000-4000-8000-000000000002",
			"actionType": "notification",
			"gracePeriodHours": 0,
			"notificationTemplateId": "b7f4c2a9-1e3d-4c85-9a6f-0d8e2b5c7a14",
			"notificationMessageCCList": [],
		},
		{
			"id": "a1b2c3d4-0000-4000-8000-000000000003",
			"actionType": "block",
			"gracePeriodHours": hours,
			"notificationTemplateId": "00000000-0000-0000-0000-000000000000",
			"notificationMessageCCList": [],
		},
	],
}]

windows_policy := {
	"@odata.type": "#microsoft.graph.windows10CompliancePolicy",
	"platform": "windows",
	"androidManagement": null,
	"id": "4f1c7a2e-8b3d-4e69-a5c0-9d2e6f1b8a37",
	"displayName": "Windows 11 – Basisschutz",
	"passwordRequired": true,
	"passwordBlockSimple": true,
	"passwordMinimumLength": 12,
	"osMinimumVersion": "10.0.22631.4317",
	"bitLockerEnabled": true,
	"storageRequireEncryption": true,
	"secureBootEnabled": true,
	"codeIntegrityEnabled": true,
	"tpmRequired": true,
	"defenderEnabled": true,
	"rtpEnabled": true,
	"antivirusRequired": true,
	"activeFirewallRequired": true,
	"deviceThreatProtectionEnabled": true,
	"deviceThreatProtectionRequiredSecurityLevel": "low",
	"assignments": [group_target("3b8f1e2a-9c47-4d05-b6e1-5a2c7d9f0e34"), exclusion_target("8d2a6c41-f3e5-47b9-a018-c6e4b2d9f571")],
	"scheduledActionsForRule": actions_blocking_after(24),
}

ios_policy := {
	"@odata.type": "#microsoft.graph.iosCompliancePolicy",
	"platform": "ios",
	"androidManagement": null,
	"id": "a7e2c9f4-1d6b-4a38-9c5e-0b8f3d7a2e61",
	"displayName": "iOS/iPadOS – Geschäftsführung",
	"passcodeRequired": true,
	"passcodeBlockSimple": true,
	"passcodeMinimumLength": 6,
	"osMinimumVersion": "17.6",
	"securityBlockJailbrokenDevices": true,
	"deviceThreatProtectionEnabled": true,
	"deviceThreatProtectionRequiredSecurityLevel": "medium",
	"assignments": [group_target("e1c59b7d-2a64-4f38-8d1e-93b0a6c7f245")],
	"scheduledActionsForRule": actions_blocking_after(0),
}

macos_policy := {
	"@odata.type": "#microsoft.graph.macOSCompliancePolicy",
	"platform": "macos",
	"androidManagement": null,
	"id": "d93b6e1a-4c7f-4285-b9d2-7e0a5c3f8b14",
	"displayName": "macOS – Entwickler-Macs",
	"passwordRequired": true,
	"passwordBlockSimple": true,
	"passwordMinimumLength": 10,
	"osMinimumVersion": "14.6",
	"storageRequireEncryption": true,
	"deviceThreatProtectionEnabled": true,
	"deviceThreatProtectionRequiredSecurityLevel": "secured",
	"assignments": [all_devices_target],
	"scheduledActionsForRule": actions_blocking_after(12),
}

android_work_profile_policy := {
	"@odata.type": "#microsoft.graph.androidWorkProfileCompliancePolicy",
	"platform": "android",
	"androidManagement": "workProfile",
	"id": "2c8f4a1d-7e3b-4f96-a2d5-9b0e6c1a4f73",
	"displayName": "Android – Arbeitsprofil (BYOD)",
	"passwordRequired": true,
	"passwordMinimumLength": 6,
	"osMinimumVersion": "13.0",
	"storageRequireEncryption": true,
	"securityBlockJailbrokenDevices": true,
	"securityPreventInstallAppsFromUnknownSources": true,
	"securityRequireSafetyNetAttestationBasicIntegrity": true,
	"deviceThreatProtectionEnabled": true,
	"deviceThreatProtectionRequiredSecurityLevel": "low",
	"assignments": [group_target("0c4b8e2f-6a1d-4937-b5c8-e2f7a9d3b106")],
	"scheduledActionsForRule": actions_blocking_after(24),
}

android_device_owner_policy := {
	"@odata.type": "#microsoft.graph.androidDeviceOwnerCompliancePolicy",
	"platform": "android",
	"androidManagement": "deviceOwner",
	"id": "6b0d3f8c-2e5a-4c17-9f4b-1a8e7d2c5b90",
	"displayName": "Android Enterprise – Vollständig verwaltet",
	"passwordRequired": true,
	"passwordMinimumLength": 8,
	"osMinimumVersion": "14",
	"storageRequireEncryption": true,
	"securityBlockJailbrokenDevices": true,
	"securityRequireSafetyNetAttestationBasicIntegrity": true,
	"deviceThreatProtectionEnabled": true,
	"deviceThreatProtectionRequiredSecurityLevel": "medium",
	"assignments": [group_target("5e7a9c1b-3d2f-4a86-b0e4-c9d1f3a5b782")],
	"scheduledActionsForRule": actions_blocking_after(0),
}

android_device_admin_policy := {
	"@odata.type": "#microsoft.graph.androidCompliancePolicy",
	"platform": "android",
	"androidManagement": "deviceAdministrator",
	"id": "9f5e2b7c-0a4d-4e31-8b6f-c3d9a1e5f724",
	"displayName": "Android – Geräteadministrator",
	"passwordRequired": true,
	"passwordMinimumLength": 6,
	"osMinimumVersion": "12.0",
	"storageRequireEncryption": true,
	"securityBlockJailbrokenDevices": true,
	"securityPreventInstallAppsFromUnknownSources": true,
	"securityRequireSafetyNetAttestationBasicIntegrity": true,
	"deviceThreatProtectionEnabled": true,
	"deviceThreatProtectionRequiredSecurityLevel": "low",
	"assignments": [group_target("7d3f9a1c-5e82-4b60-9c4d-2f8e1a7b3c05")],
	"scheduledActionsForRule": actions_blocking_after(24),
}

aosp_policy := {
	"@odata.type": "#microsoft.graph.aospDeviceOwnerCompliancePolicy",
	"platform": "android",
	"androidManagement": "aospDeviceOwner",
	"id": "c8e1f5b3-2d7a-4f69-b4c0-8a3e6d9f1b27",
	"displayName": "Android (AOSP) – Datenbrillen",
	"passwordRequired": true,
	"passwordMinimumLength": 6,
	"osMinimumVersion": "10.0",
	"storageRequireEncryption": true,
	"securityBlockJailbrokenDevices": true,
	"assignments": [group_target("1f3a5c7e-9b2d-4e68-a0c2-d4e6f8a0b2c4")],
	"scheduledActionsForRule": actions_blocking_after(0),
}

windows81_policy := {
	"@odata.type": "#microsoft.graph.windows81CompliancePolicy",
	"platform": "windows81",
	"androidManagement": null,
	"id": "7c3a9e5d-1b8f-4d24-a6e0-f2d8b4c1a975",
	"displayName": "Windows 8.1 – Kassensysteme",
	"passwordRequired": true,
	"passwordBlockSimple": true,
	"passwordMinimumLength": 8,
	"osMinimumVersion": "6.3",
	"storageRequireEncryption": true,
	"assignments": [group_target("2a4c6e8f-0b1d-4f35-a7c9-e1f3a5c7e9b1")],
	"scheduledActionsForRule": actions_blocking_after(24),
}

# The tenant-wide built-in policy, as Graph lists it: no platform, no settings of its own.
default_policy := {
	"@odata.type": "#microsoft.graph.defaultDeviceCompliancePolicy",
	"platform": null,
	"androidManagement": null,
	"id": "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5",
	"displayName": "Default Device Compliance Policy",
	"assignments": [],
	"scheduledActionsForRule": [],
}

# One compliant, assigned policy for each platform of the default `platforms` parameter.
baseline := [windows_policy, ios_policy, macos_policy, android_work_profile_policy]

# Tenant compliance settings: devices without a policy are not compliant, 30-day validity.
secure_settings := {
	"secureByDefault": true,
	"deviceComplianceCheckinThresholdDays": 30,
	"isScheduledActionEnabled": true,
}

# The canonical document of a tenant whose only export is these Intune policies and settings.
tenant_with_settings(policies, settings) := {
	"tenant": {"name": "test", "id": null},
	"areas": {"conditional_access": false, "intune": true, "dlp": false, "encryption": false},
	"intune": {"compliance_policies": policies, "settings": settings},
}

tenant(policies) := tenant_with_settings(policies, secure_settings)

# A tenant whose export holds compliance policies but not the compliance settings.
policies_only_tenant(policies) := {
	"tenant": {"name": "test", "id": null},
	"areas": {"conditional_access": false, "intune": true, "dlp": false, "encryption": false},
	"intune": {"compliance_policies": policies},
}

# A tenant whose export holds the compliance settings but no compliance policies.
settings_only_tenant(settings) := {
	"tenant": {"name": "test", "id": null},
	"areas": {"conditional_access": false, "intune": true, "dlp": false, "encryption": false},
	"intune": {"settings": settings},
}
