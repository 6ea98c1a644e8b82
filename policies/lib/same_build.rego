# METADATA
# title: One agent's CU from the other when both run the same build
# description: |
#   What is known of one agent's version is known of the other's when both run the same build.
#   VersionHistory.txt does not record a Main Release's CU, so one agent's CU is often unknown
#   while the other's (read from its Web Services API) is known. When FO102's comparison proves
#   that both run the same build (same major.minor.patch.revision and the same known build
#   number: one build is one package), the unknown CU is the other agent's. Filling it in once,
#   here, spares every requirement a "cannot tell" that the pair's own facts settle.
#
#   The report evaluates every requirement on completed_input. A filled-in version carries
#   cu_from (the agent it was taken from), so messages can say where the CU came from
#   (lib.version.label does).
package dmaprep.lib.same_build

import data.dmaprep.lib.version

# completed_input is input with each agent's unknown CU taken from the other agent when both
# run the same build; input itself when there is nothing to fill in (the usual pair), and an
# empty document without input (so that `with input as completed_input` stays defined).
completed_input := json.patch(input, _patches) if {
	count(_patches) > 0
} else := input if {
	input
} else := {}

# _patches are the JSON patch operations filling in the unknown CUs.
_patches := [op |
	some agent, other in _cu_from
	some op in [
		{"op": "add", "path": sprintf("/agents/%s/version/cu", [agent]), "value": input.agents[other].version.cu},
		{"op": "add", "path": sprintf("/agents/%s/version/cu_from", [agent]), "value": other},
	]
]

# _cu_from[agent] is the other agent, for an agent whose CU is unknown while the other's is
# known and both run the same build. With one CU unknown, FO102's comparison (equal) is "true"
# only when both builds are known and equal.
_cu_from[agent] := other if {
	some [agent, other] in [["primary", "backup"], ["backup", "primary"]]
	v := input.agents[agent].version
	o := input.agents[other].version
	is_object(v)
	is_object(o)
	not is_number(object.get(v, "cu", null))
	is_number(object.get(o, "cu", null))
	version.equal_decision(v, o) == "true"
}
