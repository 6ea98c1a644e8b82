# METADATA
# title: Each agent's HTTPS name is its own
# description: |
#   The name attribute of <HTTPS> in MaintenanceSettings.xml must match the agent's
#   certificate (its CN or a Subject Alternative Name) and be unique per agent. The
#   documentation disagrees on which name a Failover agent uses: the page on preparing the
#   two agents says to configure the virtual IPs or the shared hostname in the HTTPS tag,
#   while the newer page on setting up HTTPS says to use the agent's own hostname or IP
#   address there and not the shared hostname or a virtual IP, which must instead be in the
#   certificate's Subject Alternative Names on both agents (FO401). This check follows the
#   newer HTTPS page, and warns rather than fails because of the conflict: it warns when an
#   agent with HTTPS enabled uses the shared hostname or a virtual IP as its name, when both
#   agents use the same name, or when the certificate an agent serves does not cover its
#   name. A certificate that was not probed is reported by FO401 and FO402, not here.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Agents/Configuring_a_DMA/Setting_up_HTTPS_on_a_DMA.html
#     description: Setting up HTTPS on a DMA (followed here)
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents (says to put the VIPs or shared hostname in the HTTPS tag)
#   - ref: https://docs.dataminer.services/develop/schemadoc/MaintenanceSettings/MaintenanceSettings.HTTPS-name.html
#     description: MaintenanceSettings.xml HTTPS name attribute
# custom:
#   id: FO404
#   name: https-name-per-agent
#   severity: warning
#   facts:
#     - agents.*.https.name
#     - agents.*.https.enabled
#     - intent.virtual_ips
#     - intent.shared_hostname
#   example_failure: >-
#     backup's HTTPS name 10.11.250.44 is a virtual IP of the pair; use the agent's own name
#   example_unknown: >-
#     primary: HTTPS name (<HTTPS name> in MaintenanceSettings.xml) was not collected
#   remediation: |
#     On each agent, stop DataMiner and set the name attribute of <HTTPS enabled="true" name="..."/>
#     in C:\Skyline DataMiner\MaintenanceSettings.xml to that agent's own fully qualified
#     hostname (or IP address), one the agent's certificate covers and that resolves to the
#     agent; keep the virtual IPs or the shared hostname in the certificate's Subject
#     Alternative Names instead (FO401). Start DataMiner again.
package dmaprep.requirements.https_name_per_agent

import data.dmaprep.lib
import data.dmaprep.lib.https

# Positive tests of the settings use plain references: cheaper than a function call, and an
# absent setting fails an == test just as a null one does.
skip contains "HTTPS is not enabled on either agent" if {
	input.agents.primary.https.enabled == false
	input.agents.backup.https.enabled == false
}

# Read with object.get (as lib.fact does): a bare reference inside "not" would be hoisted
# out of the negation.
unknown contains lib.missing(agent, "https", "HTTPS setting (<HTTPS enabled> in MaintenanceSettings.xml)") if {
	some agent in lib.agents
	not is_boolean(object.get(input.agents[agent], ["https", "enabled"], null))
}

# An agent with HTTPS enabled but no string name: exactly the enabled agents without _names.
# Here and below, _names and _shared are read whole (each built once): a lookup by key into
# a partial rule evaluates its body again for that key, each time the key has no entry.
unknown contains lib.missing(agent, "https", "HTTPS name (<HTTPS name> in MaintenanceSettings.xml)") if {
	names := _names
	some agent in lib.agents
	input.agents[agent].https.enabled == true
	not names[agent]
}

# _names maps each agent with HTTPS enabled and a name to [the name as written, its key];
# the key is computed once here for all the rules below.
_names[agent] := [name, _key(name)] if {
	some agent in lib.agents
	input.agents[agent].https.enabled == true
	name := input.agents[agent].https.name
	is_string(name)
}

_key(name) := lower(trim_right(trim_space(name), "."))

_vips := {lower(v) | some v in lib.virtual_ips}

# Names that are the pair's shared address, with the message saying which.
_shared[agent] := sprintf("%s's HTTPS name %s is %s; use the agent's own name", [agent, names[0], what]) if {
	some agent, names in _names
	what := _shared_kind(names[1])
}

_shared_kind(key) := "the shared hostname" if {
	lib.shared_hostname != ""
	key == lib.shared_hostname
} else := "a virtual IP of the pair" if key in _vips

violation contains msg if some msg in _shared

# Both agents use one name that is not already reported as the pair's shared address.
violation contains msg if {
	names := _names
	names.primary[1] == names.backup[1]
	shared := _shared
	not shared.primary
	msg := sprintf("primary and backup both have HTTPS name %s; each agent needs its own", [names.primary[0]])
}

violation contains lib.about(agent, msg) if {
	shared := _shared
	some agent, leaf in https.leaves
	names := _names[agent]
	not shared[agent]
	not _covers(leaf, names[1])
	msg := sprintf("%s's HTTPS name %s is not covered by %s", [agent, names[0], https.description[agent]])
}

# The name is a DNS SAN (a wildcard stands for exactly one left-most label, per RFC 6125),
# an IP SAN or the certificate's CN. The usual case, a DNS SAN, is tried first: the first
# body that holds ends the call, so the CN regex runs only when no SAN covers the name.
_covers(leaf, name) if {
	some san in object.get(leaf, "dns_names", [])
	_matches(_key(san), name)
}

_covers(leaf, name) if {
	some ip in object.get(leaf, "ip_addresses", [])
	lower(ip) == name
}

_covers(leaf, name) if {
	some m in regex.find_all_string_submatch_n(`(?i)(?:^|,)\s*CN=([^,]+)`, object.get(leaf, "subject", ""), -1)
	_matches(_key(m[1]), name)
}

_matches(pattern, name) if pattern == name

_matches(pattern, name) if {
	startswith(pattern, "*.")
	labels := split(name, ".")
	labels[0] != ""
	concat(".", array.slice(labels, 1, count(labels))) == substring(pattern, 2, -1)
}

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
