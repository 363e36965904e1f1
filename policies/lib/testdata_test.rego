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
