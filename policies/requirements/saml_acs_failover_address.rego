# METADATA
# title: The SAML default AssertionConsumerService points at the Failover address
# description: |
#   When the primary uses SAML, the SP metadata file of each agent must have exactly one
#   default AssertionConsumerService (the one with isDefault="true"; without one, by the SAML
#   metadata rule, the lowest-index entry not marked isDefault="false", so a sole entry is
#   the default as in Okta's template), and its Location must be
#   https://<virtual IP or shared hostname>/API/: the identity provider sends users back to
#   that address, which always reaches the online agent, whereas an agent's own IP stops
#   working when that agent goes offline. Every AssertionConsumerService must also carry an
#   index attribute, which the SAML example configuration for a DMS says must always be
#   included.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Security/Advanced_security_configuration/Configuring_SAML/SAML_Example_Config_DMS.html
#     description: SAML example configuration for a DMS
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Security/Advanced_security_configuration/Configuring_SAML/SAML_using_Entra_ID.html
#     description: SAML using Entra ID
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Security/Advanced_security_configuration/Configuring_SAML/SAML_using_Okta.html
#     description: SAML using Okta
# custom:
#   id: FO703
#   name: saml-acs-failover-address
#   severity: error
#   facts:
#     - agents.*.saml
#     - agents.*.dataminer_xml
#     - intent.virtual_ips
#     - intent.shared_hostname
#   example_failure: >-
#     backup: the default AssertionConsumerService points at https://10.11.5.52/API/, not at
#     https://10.11.250.44/API/ or https://10.12.250.44/API/ (a virtual IP)
#   example_unknown: >-
#     primary: the AssertionConsumerService list of the SP metadata was not collected
#   remediation: |
#     Edit the SP metadata file (the spMetadata path in C:\Skyline DataMiner\DataMiner.xml)
#     on both agents: give exactly one <md:AssertionConsumerService> isDefault="true" and the
#     Location https://<virtual IP or shared hostname>/API/, give every
#     AssertionConsumerService an index attribute (0, 1, ...), and register the same reply
#     URL with the identity provider.
package dmaprep.requirements.saml_acs_failover_address

import data.dmaprep.lib
import data.dmaprep.lib.saml

# Whether the primary uses SAML decides whether this applies (lib.saml); lib.saml's skip and
# unknown go to the result as they are, without rules that copy them.

# Why an agent's AssertionConsumerService entries are missing, most specific reason first.
unknown contains msg if {
	saml.primary_uses_saml
	some agent in lib.agents
	object.get(input.agents[agent], ["saml", "assertion_consumer_services"], null) == null
	msg := _missing(agent)
}

_missing(agent) := lib.missing(agent, "dataminer_xml", "DataMiner.xml") if {
	lib.fact(agent, "dataminer_xml") == null
} else := lib.about("backup", saml.backup_auth_missing) if {
	lib.fact(agent, ["dataminer_xml", "external_authentication"]) == null
} else := lib.about(agent, msg) if {
	lib.fact(agent, ["saml", "sp_metadata_present"]) == false
	msg := sprintf("%s: the SP metadata file %s does not exist, so its %s were not read", [
		agent, lib.fact(agent, ["dataminer_xml", "external_authentication", "sp_metadata"]),
		"AssertionConsumerService entries",
	])
} else := lib.missing(agent, "saml", "the AssertionConsumerService list of the SP metadata")

# _defaults[agent] are the default AssertionConsumerService entries of each agent whose
# list was read. Plain references read the facts: an absent list fails "!= null" just as a
# null one does.
_defaults[agent] := _default_of(services) if {
	saml.primary_uses_saml
	some agent in lib.agents
	services := input.agents[agent].saml.assertion_consumer_services
	services != null
}

# _default_of follows the SAML 2.0 metadata rule for indexed endpoints: the entries marked
# isDefault="true"; without one, the endpoint not marked isDefault="false" with the lowest
# index; when every one is marked false, the one with the lowest index. A sole endpoint is
# therefore the default whatever its isDefault says, as in Okta's SP metadata template.
_default_of(services) := explicit if {
	explicit := [s | some s in services; s.is_default == true]
	count(explicit) > 0
} else := [_lowest_index(unmarked)] if {
	unmarked := [s | some s in services; object.get(s, "is_default", null) != false]
	count(unmarked) > 0
} else := [_lowest_index(services)] if {
	count(services) > 0
} else := []

# _lowest_index is the entry with the lowest index (the first of them, in file order), or
# the first entry when none has an index.
_lowest_index(list) := list[pos] if {
	indexes := [i | some s in list; i := object.get(s, "index", null); is_number(i)]
	count(indexes) > 0
	low := min(indexes)
	pos := [n | some n, s in list; object.get(s, "index", null) == low][0]
} else := list[0]

violation contains lib.about(agent, sprintf("%s: the SP metadata has no AssertionConsumerService", [agent])) if {
	some agent, defaults in _defaults
	count(defaults) == 0
}

violation contains lib.about(agent, msg) if {
	some agent, defaults in _defaults
	count(defaults) > 1
	msg := sprintf("%s: the SP metadata has %d AssertionConsumerService entries with %s (%s); only one may be", [
		agent, count(defaults), "isDefault=\"true\"", concat(", ", [s.location | some s in defaults]),
	])
}

violation contains lib.about(agent, msg) if {
	some agent, defaults in _defaults
	count(defaults) == 1
	count(_urls) > 0
	location := defaults[0].location

	# Cheap guard: a Location spelled exactly as prescribed needs no case folding (and
	# _expected is then not built at all).
	not location in _urls
	not lower(location) in _expected
	msg := sprintf("%s: the default AssertionConsumerService points at %s, not at %s", [
		agent, defaults[0].location, _expected_text,
	])
}

violation contains lib.about(agent, msg) if {
	some agent, _ in _defaults # the agents whose list was read
	some s in input.agents[agent].saml.assertion_consumer_services
	object.get(s, "index", null) == null
	msg := sprintf("%s: AssertionConsumerService %s has no index attribute", [agent, s.location])
}

# The Location the docs prescribe: https://<address>/API/ for each virtual IP, or for the
# shared hostname (lib.mode decides which); compared in lower case, as IIS compares paths.
_addresses := lib.virtual_ips if lib.mode == "virtual_ip"

else := [lib.shared_hostname] if lib.mode == "hostname"

_urls := [sprintf("https://%s/API/", [_host(a)]) | some a in _addresses]

_expected := {lower(u) | some u in _urls}

_expected_text := sprintf("%s (%s)", [concat(" or ", _urls), _kind[lib.mode]])

_kind := {"virtual_ip": "a virtual IP", "hostname": "the shared hostname"}

# An IPv6 address is written in brackets in a URL.
# One test per address (else), rather than two bodies that both run.
_host(a) := sprintf("[%s]", [a]) if contains(a, ":")

else := a

# Without a decided Failover address the Location cannot be judged (FO201 reports why).
unknown contains lib.about(agent, msg) if {
	not lib.mode # guard first: the mode is usually decided
	some agent, defaults in _defaults
	count(defaults) == 1
	msg := sprintf(
		"%s: the Failover address is not decided (see FO201), so the default %s %s cannot be checked",
		[agent, "AssertionConsumerService", defaults[0].location],
	)
}

result := lib.result(rego.metadata.chain(), {
	"skip": saml.skip,
	"unknown": (saml.unknown | unknown),
	"violation": violation,
})
