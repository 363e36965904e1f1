# Test data for the message encryption and Zero Trust policy tests: canonical objects as
# `m365lint normalize` prints them (Exchange PowerShell, Get-Label, Purview DLP, Intune Graph
# exports), and documents built from them. Loaded only by `m365lint test`.
package m365lint.lib.encryption_testdata

import rego.v1

# A document holding `parts` (any of conditional_access, intune, dlp, encryption), with the
# `areas` flags m365lint sets for them.
document(parts) := object.union(
	{
		"tenant": {"name": "test", "id": null},
		"areas": {area: present |
			some area in ["conditional_access", "intune", "dlp", "encryption"]
			present := area in object.keys(parts)
		},
	},
	parts,
)

# A document whose only export is the encryption area `section`.
encryption(section) := document({"encryption": section})

# The IRM configuration of a tenant where everything is on (Get-IRMConfiguration).
irm := {
	"identity": "ControlPoint Configuration",
	"azureRMSLicensingEnabled": true,
	"internalLicensingEnabled": true,
	"externalLicensingEnabled": false,
	"simplifiedClientAccessEnabled": true,
	"simplifiedClientAccessDoNotForwardDisabled": false,
	"simplifiedClientAccessEncryptOnlyDisabled": false,
	"decryptAttachmentForEncryptOnly": false,
	"enablePdfEncryption": true,
	"enablePortalTrackingLogs": false,
	"eDiscoverySuperUserEnabled": true,
	"journalReportDecryptionEnabled": true,
	"searchEnabled": true,
	"automaticServiceUpdateEnabled": true,
	"rejectIfRecipientHasNoRights": false,
	"clientAccessServerEnabled": true,
	"transportDecryptionSetting": "Mandatory",
	"licensingLocation": ["https://3b7e9c1a-4d2f-4a86-9e05-c1d8f2a7b640.rms.eu.aadrm.com/_wmcs/licensing"],
}

# An enabled, enforcing mail flow rule that encrypts sensitive mail sent outside the
# organization with the Encrypt template (Get-TransportRule).
encrypt_external_rule := {
	"name": "Vertrauliches extern verschlüsseln",
	"identity": "Vertrauliches extern verschlüsseln",
	"guid": "5c2e8f1a-7b3d-4e96-a0c4-9d1f6b3e8a27",
	"state": "Enabled",
	"mode": "Enforce",
	"priority": 0,
	"sentToScope": "NotInOrganization",
	"fromScope": null,
	"exceptIfSentToScope": null,
	"exceptIfFromScope": null,
	"applyRightsProtectionTemplate": "Encrypt",
	"applyRightsProtectionCustomizationTemplate": null,
	"applyOME": false,
	"removeOME": false,
	"removeOMEv2": false,
	"removeRMSAttachmentEncryption": false,
	"description": "If the message:\r\n\tIs sent to 'Outside the organization'\r\nTake the following actions:\r\n\trights protect message with RMS template:  'Encrypt' \r\n",
	"comments": null,
	"activationDate": null,
	"expiryDate": null,
	"conditions": ["Microsoft.Exchange.MessagingPolicies.Rules.Tasks.SentToScopePredicate"],
	"exceptions": [],
	"actions": ["Microsoft.Exchange.MessagingPolicies.Rules.Tasks.RightsProtectMessageAction"],
	"ruleErrorAction": "Ignore",
	"stopRuleProcessing": false,
	"sentTo": [],
	"recipientDomainIs": [],
	"exceptIfRecipientDomainIs": [],
}

# An enabled, enforcing mail flow rule that applies a disclaimer: no encryption action.
disclaimer_rule := object.union(encrypt_external_rule, {
	"name": "Disclaimer extern",
	"identity": "Disclaimer extern",
	"guid": "8e4a1c7d-2f9b-4d35-b6e0-3a7c9f1d5e48",
	"priority": 1,
	"applyRightsProtectionTemplate": null,
	"actions": ["Microsoft.Exchange.MessagingPolicies.Rules.Tasks.ApplyHtmlDisclaimerAction"],
})

# An enabled, enforcing mail flow rule that removes Purview Message Encryption from mail sent
# by a scanner, for any recipient.
remove_encryption_rule := object.union(encrypt_external_rule, {
	"name": "Scanner – Verschlüsselung entfernen",
	"identity": "Scanner – Verschlüsselung entfernen",
	"guid": "a1f7c3e9-6d2b-4c58-8e04-b9d3f1a6c725",
	"priority": 2,
	"sentToScope": null,
	"fromScope": "InOrganization",
	"applyRightsProtectionTemplate": null,
	"removeOMEv2": true,
	"actions": ["Microsoft.Exchange.MessagingPolicies.Rules.Tasks.RemoveOMEv2Action"],
})

# A sensitivity label that encrypts (Get-Label, with its parsed label actions).
encrypting_label := {
	"name": "Confidential",
	"displayName": "Vertraulich",
	"guid": "3f8e1b6c-9d2a-4c57-8e14-a6b0d3f9c271",
	"parentId": null,
	"priority": 2,
	"tooltip": "Vertrauliche Geschäftsdaten; nur für Mitarbeitende lesbar.",
	"comment": "",
	"contentType": ["File", "Email"],
	"disabled": false,
	"labelActions": [{
		"type": "encrypt",
		"subType": null,
		"settings": {
			"protectiontype": "template",
			"disabled": "false",
			"templateid": "c4e8a2f6-1d9b-4b37-8a5e-0f3c7d1b9e62",
			"contentexpiredondateindaysornever": "Never",
			"offlineaccessdays": "7",
			"rightsdefinitions": [{"identity": "northwindtraders.de", "rights": ["VIEW", "VIEWRIGHTSDATA", "DOCEDIT", "EDIT", "PRINT", "REPLY", "REPLYALL", "FORWARD"]}],
		},
	}],
	"settings": {"color": "#E3008C", "isparent": "False", "contenttype": "File, Email"},
	"encryptionEnabled": true,
}

# A sensitivity label that only marks content (a footer).
marking_label := {
	"name": "General",
	"displayName": "Intern",
	"guid": "9b7d3e1a-4f8c-4a25-b6e0-2d5f9c3a7b18",
	"parentId": null,
	"priority": 1,
	"tooltip": "Nur für Mitarbeitende, kein Schutz.",
	"comment": "",
	"contentType": ["File", "Email"],
	"disabled": false,
	"labelActions": [{
		"type": "applycontentmarking",
		"subType": "footer",
		"settings": {"text": "Intern – nur für Mitarbeitende", "disabled": "false"},
	}],
	"settings": {"color": "#0078D4", "isparent": "False"},
	"encryptionEnabled": false,
}

# A label as Graph exports it without `hasProtection`: whether it encrypts is unknown.
graph_label_without_protection := {
	"name": "Streng vertraulich",
	"guid": "e8b3f1a7-2c6d-4e94-9b05-d1a4c7f3e826",
	"tooltip": "Streng vertrauliche Daten.",
	"contentType": ["File", "Email"],
	"disabled": false,
	"settings": null,
	"encryptionEnabled": null,
}

# An enforced DLP policy on all Exchange mail (Get-DlpCompliancePolicy).
dlp_policy := {
	"name": "Finanzdaten extern",
	"displayName": "Finanzdaten extern",
	"guid": "f005e181-d22f-4801-aaa6-9d41765c718d",
	"comment": "",
	"mode": "Enable",
	"enabled": true,
	"type": "Dlp",
	"workload": ["Exchange"],
	"priority": 0,
	"exchangeLocation": ["All"],
	"exchangeLocationException": [],
	"sharePointLocation": [],
	"oneDriveLocation": [],
	"teamsLocation": [],
	"endpointDlpLocation": [],
	"isSimulationPolicy": false,
	"distributionStatus": "Success",
}

# An enabled DLP rule of `dlp_policy` that encrypts content shared outside the organization
# (Get-DlpComplianceRule).
dlp_encrypt_rule := {
	"name": "Kreditkarten extern verschlüsseln",
	"guid": "7a3c9e1f-5b2d-4f86-a0e4-c8d1b6f3a925",
	"parentPolicyName": "Finanzdaten extern",
	"policy": "f005e181-d22f-4801-aaa6-9d41765c718d",
	"disabled": false,
	"mode": "Enforce",
	"priority": 0,
	"workload": ["Exchange"],
	"accessScope": "NotInOrganization",
	"sensitiveInfoTypes": [{"name": "Credit Card Number", "id": "50842eb7-edc8-4019-85dd-5a5c1f2bb085", "minCount": 1, "maxCount": -1, "form": "list", "group": null}],
	"blockAccess": false,
	"notifyUser": ["Owner"],
	"generateIncidentReport": [],
	"generateAlert": [],
	"encryptRMSTemplate": "Encrypt",
	"removeRMSTemplate": false,
	"stopPolicyProcessing": false,
}

# The same rule without its encryption action.
dlp_notify_rule := object.union(dlp_encrypt_rule, {
	"name": "Kreditkarten melden",
	"guid": "2d8f4b6a-1c9e-4a37-b5d0-e7f3a1c8d964",
	"encryptRMSTemplate": null,
})

# The DLP area with `policies` and `rules`.
dlp(policies, rules) := {"policies": policies, "rules": rules}

# ---------------------------------------------------------------------------------------------
# Intune (Graph beta, with assignments expanded)

all_users_assignment := {
	"id": "adadadad-808e-44e2-905a-0b7873a8a531_acacacac-9df4-4c7d-9d50-4ef0226f57a9",
	"source": "direct",
	"target": {
		"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget",
		"deviceAndAppManagementAssignmentFilterId": null,
		"deviceAndAppManagementAssignmentFilterType": "none",
	},
}

exclusion_assignment := {
	"id": "b2c4e6f8-1a3c-4e5f-8a7b-9c0d1e2f3a4b_6f1e9d3c-2b7a-4c85-9e04-a1d3f5b7c926",
	"source": "direct",
	"target": {
		"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget",
		"groupId": "6f1e9d3c-2b7a-4c85-9e04-a1d3f5b7c926",
		"deviceAndAppManagementAssignmentFilterId": null,
		"deviceAndAppManagementAssignmentFilterType": "none",
	},
}

# An assigned compliance policy for `platform` (windows, ios, android work profile, macos).
compliance_policy(platform) := {
	"@odata.type": odata_types[platform],
	"platform": platform,
	"androidManagement": android_management(platform),
	"id": ids[platform],
	"displayName": sprintf("%s – Basis", [platform]),
	"description": null,
	"storageRequireEncryption": true,
	"osMinimumVersion": "10.0",
	"assignments": [all_users_assignment],
}

android_management("android") := "workProfile"

android_management(platform) := null if platform != "android"

odata_types := {
	"windows": "#microsoft.graph.windows10CompliancePolicy",
	"ios": "#microsoft.graph.iosCompliancePolicy",
	"android": "#microsoft.graph.androidWorkProfileCompliancePolicy",
	"macos": "#microsoft.graph.macOSCompliancePolicy",
}

ids := {
	"windows": "1c3e5a7b-9d2f-4b46-8a0c-e2f4a6c8e0b1",
	"ios": "2d4f6b8c-0e3a-4c57-9b1d-f3a5b7d9f1c2",
	"android": "3e5a7c9d-1f4b-4d68-ac2e-a4b6c8e0a2d3",
	"macos": "4f6b8d0e-2a5c-4e79-bd3f-b5c7d9f1b3e4",
}

every_platform := [compliance_policy(p) | some p in ["windows", "ios", "android", "macos"]]

# Intune compliance settings (`secureByDefault`: devices without a policy are not compliant).
settings(secure) := {
	"secureByDefault": secure,
	"deviceComplianceCheckinThresholdDays": 30,
	"isScheduledActionEnabled": true,
	"enhancedJailBreak": false,
}
