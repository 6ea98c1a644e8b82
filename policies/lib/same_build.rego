# METADATA
# title: The versions the report judges, completed from what the pair's own facts settle
# description: |
#   Two things settle version fields a fact document leaves unknown.
#
#   A version's raw string: the schema requires only "raw", and a parsed field may be null
#   or absent (a hand-written or operator-supplied document, or a reader that kept only the
#   string). What the raw string says is the version the agent runs, so every field left
#   absent or null that the parse of raw (lib.version.parse, the same parse as the
#   gatherer's) gives is filled in from it: "10.1.7.0-10523" is judged as FR 10.1.7 and
#   "10.3.0.0-13500-CU11" as MR 10.3.0 CU11, as the gatherer would have written them, rather
#   than as a version that cannot be placed against a boundary. A field the document states
#   is kept (the fact document check rejects one that disagrees with raw).
#
#   The other agent's CU when both run the same build. VersionHistory.txt does not record a
#   Main Release's CU, so one agent's CU is often unknown while the other's (read from its
#   Web Services API) is known. When FO102's comparison proves that both run the same build
#   (same major.minor.patch.revision and the same known build number: one build is one
#   package), the unknown CU is the other agent's. Filling it in once, here, spares every
#   requirement a "cannot tell" that the pair's own facts settle.
#
#   The report evaluates every requirement on completed_input. A version whose CU was taken
#   from the other agent carries cu_from (that agent), so messages can say where the CU came
#   from (lib.version.label does).
package dmaprep.lib.same_build

import data.dmaprep.lib.version

# completed_input is input with each agent's version completed from its raw string, then its
# unknown CU taken from the other agent when both run the same build; input itself when there
# is nothing to fill in (the usual pair), and an empty document without input (so that
# `with input as completed_input` stays defined).
completed_input := json.patch(input, _patches) if {
	count(_patches) > 0
} else := input if {
	input
} else := {}

# _patches are the JSON patch operations: first the versions completed from their raw
# strings, then the unknown CUs (applied in order, so a CU is added to the completed version).
_patches := array.concat(
	[{"op": "replace", "path": sprintf("/agents/%s/version", [agent]), "value": v} | some agent, v in _from_raw],
	[op |
		some agent, other in _cu_from
		some op in [
			{"op": "add", "path": sprintf("/agents/%s/version/cu", [agent]), "value": _version(other).cu},
			{"op": "add", "path": sprintf("/agents/%s/version/cu_from", [agent]), "value": other},
		]
	],
)

# The parsed fields of a version object, as the gatherer writes them.
_parsed_fields := ["major", "minor", "patch", "revision", "build", "cu", "track"]

# _from_raw[agent] is the agent's version with each parsed field that the document leaves
# absent or null taken from the parse of its raw string; defined only when the parse adds
# something, so the usual document (every field the raw string carries already written) is
# left as it is. A field the parse leaves null (the CU of a VersionHistory.txt entry) stays
# unknown.
_from_raw[agent] := object.union(v, fill) if {
	some agent in ["primary", "backup"]
	v := input.agents[agent].version
	is_object(v)
	missing := [f | some f in _parsed_fields; object.get(v, f, null) == null]
	count(missing) > 0
	parsed := version.parse(v.raw)
	fill := {f: parsed[f] | some f in missing; parsed[f] != null}
	count(fill) > 0
}

# _version(agent) is the agent's version completed from its raw string, or as the document
# has it.
_version(agent) := _from_raw[agent] if {
	_from_raw[agent]
} else := input.agents[agent].version

# _cu_from[agent] is the other agent, for an agent whose CU is unknown while the other's is
# known and both run the same build. With one CU unknown, FO102's comparison (equal) is "true"
# only when both builds are known and equal.
_cu_from[agent] := other if {
	some [agent, other] in [["primary", "backup"], ["backup", "primary"]]
	v := _version(agent)
	o := _version(other)
	is_object(v)
	is_object(o)
	not is_number(object.get(v, "cu", null))
	is_number(object.get(o, "cu", null))
	version.equal_decision(v, o) == "true"
}
