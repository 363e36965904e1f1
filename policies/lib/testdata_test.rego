# Test data for Conditional Access policy tests: complete canonical policies, as
# `m365lint normalize` prints them for a Graph export. Loaded only by `m365lint test`.
package m365lint.lib.testdata

import rego.v1

# An enforced policy requiring MFA for all users and all cloud apps, with no conditions.
mfa_policy := {
	"id": "11111111-1111-4111-8111-111111111111",
	"displayName": "Require MFA for all users",
	"state": "enabled",
	"conditions": {
		"users": {
			"includeUsers": ["All"],
			"excludeUsers": [],
			"includeGroups": [],
			"excludeGroups": [],
			"includeRoles": [],
			"excludeRoles": [],
			"includeGuestsOrExternalUsers": null,
			"excludeGuestsOrExternalUsers": null,
		},
		"applications": {
			"includeApplications": ["All"],
			"excludeApplications": [],
			"includeUserActions": [],
			"includeAuthenticationContextClassReferences": [],
			"applicationFilter": null,
		},
		"clientAppTypes": ["all"],
		"userRiskLevels": [],
		"signInRiskLevels": [],
		"servicePrincipalRiskLevels": [],
		"insiderRiskLevels": [],
		"platforms": null,
		"locations": null,
		"devices": null,
		"clientApplications": null,
		"authenticationFlows": null,
	},
	"grantControls": {
		"operator": "OR",
		"builtInControls": ["mfa"],
		"customAuthenticationFactors": [],
		"termsOfUse": [],
		"authenticationStrength": null,
	},
	"sessionControls": null,
}

# An enforced policy blocking legacy authentication for all users and all cloud apps.
legacy_block_policy := object.union(mfa_policy, {
	"id": "22222222-2222-4222-8222-222222222222",
	"displayName": "Block legacy authentication",
	"conditions": {"clientAppTypes": ["exchangeActiveSync", "other"]},
	"grantControls": {"builtInControls": ["block"]},
})

# The canonical document of a tenant whose only export is these Conditional Access policies.
tenant(policies) := {
	"tenant": {"name": "test", "id": null},
	"areas": {"conditional_access": true, "intune": false, "dlp": false, "encryption": false},
	"conditional_access": {"policies": policies},
}

# Parameters with emergency-access accounts configured.
params_with_emergency_access := object.union(data.m365lint.params, {"emergency_access": {
	"users": ["bg-1111@contoso.onmicrosoft.com"],
	"groups": ["9e4b8c1d-2f3a-4b5c-8d6e-7f8091a2b3c4"],
}})

# The default privileged roles (catalog.md, "Privileged roles"), by role template id.
privileged_roles := [
	"62e90394-69f5-4237-9190-012177145e10",
	"e8611ab8-c189-46e8-94e1-60213ab1f814",
	"194ae4cb-b126-40b2-bd5b-6091b380977d",
	"29232cdf-9323-42fd-ade2-1d097af3e4de",
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
	"fe930be7-5e62-47db-91af-98c3a49a38b1",
	"8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
	"158c047a-c907-4556-b7ef-446551a6b5f7",
	"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
	"c4e39bd9-1100-46d3-8c65-fb160da0071f",
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
	"b0f54661-2d74-4c50-afa3-1ec803f12efe",
	"729827e3-9c14-49f7-bb1b-9608f156bbb8",
]

# The built-in "Phishing-resistant MFA" authentication strength, as Graph expands it.
phishing_resistant_strength := {
	"id": "00000000-0000-0000-0000-000000000004",
	"displayName": "Phishing-resistant MFA",
	"policyType": "builtIn",
	"requirementsSatisfied": "mfa",
	"allowedCombinations": ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
}

# The built-in "Multifactor authentication" authentication strength.
mfa_strength := {
	"id": "00000000-0000-0000-0000-000000000002",
	"displayName": "Multifactor authentication",
	"policyType": "builtIn",
	"requirementsSatisfied": "mfa",
	"allowedCombinations": [
		"windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush",
		"temporaryAccessPassOneTime", "temporaryAccessPassMultiUse",
		"password,microsoftAuthenticatorPush", "password,softwareOath", "password,hardwareOath",
		"password,sms", "password,voice", "federatedMultiFactor",
		"microsoftAuthenticatorPush,federatedSingleFactor", "softwareOath,federatedSingleFactor",
		"hardwareOath,federatedSingleFactor", "sms,federatedSingleFactor", "voice,federatedSingleFactor",
	],
}

# An enforced policy requiring phishing-resistant MFA of every privileged role, for all apps.
admin_phishing_resistant_policy := object.union(mfa_policy, {
	"id": "33333333-3333-4333-8333-333333333333",
	"displayName": "Phishing-resistant MFA for administrators",
	"conditions": {"users": {"includeUsers": [], "includeRoles": privileged_roles}},
	"grantControls": {"builtInControls": [], "authenticationStrength": phishing_resistant_strength},
})

# An enforced policy requiring a password change and MFA at high user risk, for everyone.
user_risk_policy := object.union(mfa_policy, {
	"id": "44444444-4444-4444-8444-444444444444",
	"displayName": "Password change at high user risk",
	"conditions": {"userRiskLevels": ["high"]},
	"grantControls": {"operator": "AND", "builtInControls": ["mfa", "passwordChange"]},
})

# An enforced policy requiring MFA at medium and high sign-in risk, for everyone.
sign_in_risk_policy := object.union(mfa_policy, {
	"id": "55555555-5555-4555-8555-555555555555",
	"displayName": "MFA at medium or high sign-in risk",
	"conditions": {"signInRiskLevels": ["medium", "high"]},
})

# An enforced policy requiring a compliant or hybrid-joined device of everyone, for all apps.
managed_device_policy := object.union(mfa_policy, {
	"id": "66666666-6666-4666-8666-666666666666",
	"displayName": "Require a managed device",
	"grantControls": {"builtInControls": ["compliantDevice", "domainJoinedDevice"]},
})

# An enforced policy blocking security info registration outside trusted locations.
registration_policy := object.union(mfa_policy, {
	"id": "77777777-7777-4777-8777-777777777777",
	"displayName": "Security info registration from trusted locations only",
	"conditions": {
		"applications": {"includeApplications": [], "includeUserActions": ["urn:user:registersecurityinfo"]},
		"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]},
	},
	"grantControls": {"builtInControls": ["block"]},
})

# An enforced policy blocking the device code flow for everyone.
device_code_block_policy := object.union(mfa_policy, {
	"id": "88888888-8888-4888-8888-888888888888",
	"displayName": "Block device code flow",
	"conditions": {"authenticationFlows": {"transferMethods": ["deviceCodeFlow"]}},
	"grantControls": {"builtInControls": ["block"]},
})

# An enforced session-only policy: privileged roles sign in every 4 hours, no persistent browser.
admin_session_policy := object.union(mfa_policy, {
	"id": "99999999-9999-4999-8999-999999999999",
	"displayName": "Admin session lifetime",
	"conditions": {"users": {"includeUsers": [], "includeRoles": privileged_roles}},
	"grantControls": null,
	"sessionControls": {
		"disableResilienceDefaults": null,
		"applicationEnforcedRestrictions": null,
		"cloudAppSecurity": null,
		"signInFrequency": {
			"value": 4,
			"type": "hours",
			"authenticationType": "primaryAndSecondaryAuthentication",
			"frequencyInterval": "timeBased",
			"isEnabled": true,
		},
		"persistentBrowser": {"mode": "never", "isEnabled": true},
	},
})

# Every guest or external user type, from every external tenant.
all_guests := {
	"guestOrExternalUserTypes": [
		"internalGuest", "b2bCollaborationGuest", "b2bCollaborationMember",
		"b2bDirectConnectUser", "otherExternalUser", "serviceProvider",
	],
	"externalTenants": {"@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants", "membershipKind": "all"},
}

# An enforced policy requiring MFA of every guest and external user, for all apps.
guest_mfa_policy := object.union(mfa_policy, {
	"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
	"displayName": "Require MFA for guests",
	"conditions": {"users": {"includeUsers": [], "includeGuestsOrExternalUsers": all_guests}},
})

# One case per narrowing condition (catalog.md, "Narrowed"): the conditions that narrow a
# policy, where the near miss points (below the policy's `conditions`) and its reason.
narrowing_cases := [
	{"category": "user_risk", "conditions": {"userRiskLevels": ["high"]}, "at": ["userRiskLevels"], "reason": "applies only at user risk high"},
	{"category": "sign_in_risk", "conditions": {"signInRiskLevels": ["medium"]}, "at": ["signInRiskLevels"], "reason": "applies only at sign-in risk medium"},
	{"category": "service_principal_risk", "conditions": {"servicePrincipalRiskLevels": ["high"]}, "at": ["servicePrincipalRiskLevels"], "reason": "applies only at service principal risk high"},
	{"category": "insider_risk", "conditions": {"insiderRiskLevels": ["elevated"]}, "at": ["insiderRiskLevels"], "reason": "applies only at insider risk elevated"},
	{
		"category": "platforms",
		"conditions": {"platforms": {"includePlatforms": ["iOS"], "excludePlatforms": []}},
		"at": ["platforms", "includePlatforms"],
		"reason": "applies only to platforms iOS",
	},
	{
		"category": "platforms",
		"conditions": {"platforms": {"includePlatforms": ["all"], "excludePlatforms": ["linux"]}},
		"at": ["platforms", "excludePlatforms"],
		"reason": "excludes platforms linux",
	},
	{
		"category": "locations",
		"conditions": {"locations": {"includeLocations": ["AllTrusted"], "excludeLocations": []}},
		"at": ["locations", "includeLocations"],
		"reason": "applies only in locations AllTrusted",
	},
	{
		"category": "locations",
		"conditions": {"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}},
		"at": ["locations", "excludeLocations"],
		"reason": "excludes locations AllTrusted",
	},
	{
		"category": "devices",
		"conditions": {"devices": {"deviceFilter": {"mode": "include", "rule": "device.operatingSystem -eq \"Windows\""}}},
		"at": ["devices", "deviceFilter"],
		"reason": "applies only to devices that match the filter 'device.operatingSystem -eq \"Windows\"'",
	},
	{"category": "client_apps", "conditions": {"clientAppTypes": ["browser"]}, "at": ["clientAppTypes"], "reason": "applies only to client apps browser"},
	{
		"category": "authentication_flows",
		"conditions": {"authenticationFlows": {"transferMethods": ["authenticationTransfer"]}},
		"at": ["authenticationFlows", "transferMethods"],
		"reason": "applies only to authentication flows authenticationTransfer",
	},
]

# The narrowing cases except the categories a rule is about.
narrowing_cases_except(categories) := [c | some c in narrowing_cases; not c.category in categories]

# The path of a narrowing case's near miss in policy 0.
narrowing_path(case) := array.concat(["conditional_access", "policies", 0, "conditions"], case.at)
