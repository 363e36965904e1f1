# Test data for DLP policy tests: complete canonical DLP policies and rules, as
# `m365lint normalize` prints them for Security & Compliance PowerShell and Microsoft365DSC
# exports. Loaded only by `m365lint test`.
package m365lint.lib.dlp_testdata

import rego.v1

# A sensitive information type as a rule detects it, in a given form.
sit(name, id, form, group) := {
	"name": name,
	"id": id,
	"minCount": 1,
	"maxCount": -1,
	"confidenceLevel": "High",
	"minConfidence": 85,
	"maxConfidence": 100,
	"classifierType": "Content",
	"group": group,
	"form": form,
}

credit_card := sit("Credit Card Number", "50842eb7-edc8-4019-85dd-5a5c1f2bb085", "list", null)

ssn := sit("U.S. Social Security Number (SSN)", "a44669fe-0d48-453d-a9b1-2cc83f2cba77", "list", null)

itin := sit("U.S. Individual Taxpayer Identification Number (ITIN)", "e55e2a32-f92d-4985-a35d-a0b269eb687b", "list", null)

iban := sit("International Banking Account Number (IBAN)", "e7dc4711-11b7-4cb0-b88b-2c394a771f0e", "list", null)

# An enforced policy covering every workload at every location, as the cmdlet exports it.
policy := {
	"name": "U.S. Financial Data",
	"displayName": "U.S. Financial Data",
	"guid": "f005e181-d22f-4801-aaa6-9d41765c718d",
	"comment": "",
	"mode": "Enable",
	"enabled": true,
	"type": "Dlp",
	"workload": ["Exchange", "SharePoint", "OneDriveForBusiness", "Teams", "EndpointDevices"],
	"priority": 0,
	"exchangeLocation": ["All"],
	"sharePointLocation": ["All"],
	"sharePointLocationException": [],
	"oneDriveLocation": ["All"],
	"oneDriveLocationException": [],
	"teamsLocation": ["All"],
	"teamsLocationException": [],
	"endpointDlpLocation": ["All"],
	"endpointDlpLocationException": [],
	"onPremisesScannerDlpLocation": [],
	"thirdPartyAppDlpLocation": [],
	"powerBIDlpLocation": [],
	"isSimulationPolicy": false,
	"distributionStatus": "Success",
}

# A second enforced policy, for Exchange only.
exchange_policy := object.union(policy, {
	"name": "Kundendaten Österreich",
	"displayName": "Kundendaten Österreich",
	"guid": "064bda5c-c942-49e1-8633-6328ecf0ad22",
	"workload": ["Exchange"],
	"sharePointLocation": [],
	"oneDriveLocation": [],
	"teamsLocation": [],
	"endpointDlpLocation": [],
	"priority": 1,
})

# An enabled rule of `policy` that detects the three default required types (flat list),
# blocks everyone, notifies, alerts and reports, and allows overrides with a justification.
rule := {
	"name": "Finanzdaten blockieren",
	"guid": "0ae95ca8-f4cd-4923-b3cd-9d2a2fdb51fd",
	"parentPolicyName": "U.S. Financial Data",
	"policy": "f005e181-d22f-4801-aaa6-9d41765c718d",
	"disabled": false,
	"mode": "Enforce",
	"priority": 0,
	"workload": ["Exchange", "SharePoint", "OneDriveForBusiness", "Teams", "EndpointDevices"],
	"comment": "",
	"isAdvancedRule": false,
	"sensitiveInfoTypes": [credit_card, ssn, itin],
	"blockAccess": true,
	"blockAccessScope": "All",
	"notifyUser": ["SiteAdmin", "LastModifier", "Owner"],
	"notifyUserType": ["Email", "PolicyTip"],
	"notifyAllowOverride": ["WithJustification"],
	"notifyPolicyTipCustomText": "Dieser Inhalt enthält Finanzdaten und wurde blockiert.",
	"generateAlert": ["SiteAdmin"],
	"generateIncidentReport": ["SiteAdmin", "dlp-vorfaelle@fabrikamgesundheit.de"],
	"incidentReportContent": ["All"],
	"reportSeverityLevel": "High",
	"accessScope": null,
	"encryptRMSTemplate": null,
	"removeRMSTemplate": false,
	"stopPolicyProcessing": false,
	"ruleErrorAction": null,
}

# A rule of `exchange_policy`.
exchange_rule := object.union(rule, {
	"name": "Kundendaten – extern",
	"guid": "f70b31b0-6d9f-4154-b3a3-d4aab1b71c64",
	"parentPolicyName": "Kundendaten Österreich",
	"policy": "064bda5c-c942-49e1-8633-6328ecf0ad22",
	"workload": ["Exchange"],
	"sensitiveInfoTypes": [iban],
})

# A Microsoft365DSC policy: no `enabled`, `guid` or `workload`.
dsc_policy := object.remove(policy, ["enabled", "guid", "workload", "displayName", "type", "isSimulationPolicy", "distributionStatus"])

# A Microsoft365DSC rule: it names its parent in `parentPolicyName` only, and leaves out the
# parameters that are not set.
dsc_rule := object.remove(rule, ["guid", "policy", "mode", "workload", "isAdvancedRule", "encryptRMSTemplate", "accessScope", "ruleErrorAction"])

# The canonical document of a tenant whose only export is these DLP policies and rules.
tenant(policies, rules) := {
	"tenant": {"name": "test", "id": null},
	"areas": {"conditional_access": false, "intune": false, "dlp": true, "encryption": false},
	"dlp": {"policies": policies, "rules": rules},
}
