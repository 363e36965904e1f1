# Builds findings in the one shape m365lint reads (see README, "Writing custom policies"):
#   {"path": [...], "message": "...", "related": [{"path": [...], "message": "..."}], "details": {...}}
# `path` is a path into the canonical document (`m365lint normalize`); m365lint maps it back
# to the file, line and column of the original export.
package m365lint.lib.finding

import rego.v1

# A finding about the value at `path`.
at(path, message) := {"path": path, "message": message}

# A finding with structured details (expected / actual values ...).
detailed(path, message, details) := {"path": path, "message": message, "details": details}

# A finding about something missing from the collection at `path`, with the near misses that
# explain it (`related`, a set or array of evidence) in document order; `related` is omitted
# when empty.
missing(path, message, related) := {"path": path, "message": message, "related": in_document_order(related)} if {
	count(related) > 0
}

missing(path, message, related) := {"path": path, "message": message} if {
	count(related) == 0
}

# A piece of evidence: a near miss or another value that explains a finding.
evidence(path, message) := {"path": path, "message": message}

# Evidence sorted by path, then message.
in_document_order(related) := [evidence(pair[0], pair[1]) | some pair in sort([[e.path, e.message] | some e in related])]
