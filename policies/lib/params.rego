# METADATA
# title: Parameters that organisations tune
# description: |
#   Parameters that organisations tune, with their defaults. dmaprep check --data FILE (or
#   data.dmaprep.params in an OPA bundle or server) overrides any of them:
#     fail_on                "fail" (fail and unknown make a pair not ready) or "warn" (warn too)
#     only                   requirement IDs or names to evaluate; empty means all
#     disable                requirement IDs or names to leave out
#     require_hostname_mode  true: FO201 fails a pair addressed by virtual IPs
#     trusted_issuers        certificate issuer names (the issuer string as recorded, e.g.
#                            "CN=Example Issuing CA"); non-empty: FO402 fails any other issuer
package dmaprep.lib.params

defaults := {
	"fail_on": "fail",
	"only": [],
	"disable": [],
	"require_hostname_mode": false,
	"trusted_issuers": [],
}

# params are the defaults overridden by data.dmaprep.params.
params := object.union(defaults, data.dmaprep.params) if is_object(data.dmaprep.params)

else := defaults

# selected is true for a requirement result that only/disable keep. Sets make each test
# one lookup: this runs for every requirement of every document.
selected(r) if {
	not _disabled[r.id]
	not _disabled[r.name]
	_included(r)
}

# filtering is true when only or disable name any requirement.
filtering if count(_disabled) > 0

filtering if count(_only) > 0

_disabled := {x | some x in _list(params.disable)}

_only := {x | some x in _list(params.only)}

_included(_) if count(_only) == 0

_included(r) if _only[r.id]

_included(r) if _only[r.name]

# _list reads a list parameter, treating null (as a YAML "only:" with no value gives) as empty.
_list(x) := x if is_array(x)

else := []
