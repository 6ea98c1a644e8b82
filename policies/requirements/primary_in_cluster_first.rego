# METADATA
# title: The primary is already a member of the DMS it joins, added by IP
# description: |
#   When the pair is to join an existing DataMiner System, the primary must first be added
#   to that DMS by its own (physical) IP address, before Failover is configured; the backup
#   is not added by hand, it joins the DMS when Failover is configured. The primary is a
#   member when its DMS.xml lists other agents beside itself, and it was added by IP when its
#   own <DMA> entry there is an IP address (DMS.xml is synchronised across the DMS). The
#   requirement only applies when the operator said the pair joins an existing DMS
#   (--join-cluster); it is skipped when that was not said.
# related_resources:
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/Failover/Configuring_Failover/Preparing_the_two_DataMiner_Agents.html
#     description: Preparing the two DataMiner Agents
#   - ref: https://docs.dataminer.services/dataminer/Administrator_guide/DataMiner_Systems/Adding_a_DMA/Adding_a_regular_DataMiner_Agent.html
#     description: Adding a regular DataMiner Agent
# custom:
#   id: FO108
#   name: primary-in-cluster-first
#   severity: warning
#   facts:
#     - agents.primary.cluster
#     - intent.joins_existing_cluster
#     - agents.primary.addresses
#     - agents.primary.hostname
#     - agents.primary.dataminer_id
#   example_failure: >-
#     primary is not a member of a DMS yet: its DMS.xml lists no other agent
#   remediation: |
#     In DataMiner Cube, connected to the existing DMS, add the primary by its primary IP
#     address (System Center > Agents > Manage > Add, enter the IP address, not a hostname),
#     wait until it is synchronised, and only then configure Failover with the backup. Do not
#     add the backup to the DMS yourself. If the primary was added by hostname, remove it
#     from the DMS and add it again by IP.
package dmaprep.requirements.primary_in_cluster_first

import data.dmaprep.lib

# intent.joins_existing_cluster: true, false, or null/absent when the operator did not say.
_joins := object.get(input, ["intent", "joins_existing_cluster"], null)

skip contains "the pair does not join an existing DMS" if _joins == false

skip contains "not said whether the pair joins an existing DMS (--join-cluster)" if _joins == null

unknown contains lib.missing("primary", "cluster", "DMS membership (DMS.xml members)") if {
	_joins == true
	_members == null
}

# Members known, but none of them is recognisably the primary (its addresses, DataMiner ID
# and hostname match no entry): how it was added cannot be told.
unknown contains lib.about("primary", msg) if {
	_joins == true
	count(_others) > 0
	count(_own) == 0
	msg := sprintf("primary: its own <DMA> entry is not among its DMS.xml members (%s), so how it was added is unknown", [
		concat(", ", [m.address | some m in _members]),
	])
}

violation contains lib.about("primary", msg) if {
	_joins == true
	_members != null
	count(_others) == 0
	msg := "primary is not a member of a DMS yet: its DMS.xml lists no other agent"
}

violation contains lib.about("primary", msg) if {
	_joins == true
	count(_others) > 0
	some m in _own
	_is_hostname(m)
	msg := sprintf("primary was added to %s by hostname %s, not by its IP address %s", [
		_dms_text, m.address, _ip_text,
	])
}

_members := m if {
	m := lib.fact("primary", ["cluster", "members"])
	is_array(m)
} else := null

# The primary's own entry: one of its addresses, its DataMiner ID, or its hostname (with or
# without a domain).
_own contains m if {
	some m in _members
	_is_own(m)
}

_others contains m if {
	some m in _members
	not _is_own(m)
}

_is_own(m) if lower(m.address) in {lower(a) | some a in _addresses}

_is_own(m) if {
	id := object.get(m, "id", null)
	id != null
	id == lib.fact("primary", "dataminer_id")
}

_is_own(m) if {
	host := lib.fact("primary", "hostname")
	is_string(host)
	host != ""
	address := lower(trim_right(m.address, "."))
	lower(host) in {address, split(address, ".")[0]}
}

_addresses := a if {
	a := lib.fact("primary", "addresses")
	is_array(a)
} else := []

# address_is_hostname is optional in the schema: without it, tell by the address itself.
_is_hostname(m) if object.get(m, "address_is_hostname", null) == true

# Whatever the flag says: the gatherer sets it to whether the address is not an IP address,
# so an address that is none is a hostname even next to a flag that claims otherwise.
_is_hostname(m) if not _looks_like_ip(m.address)

_looks_like_ip(a) if regex.match(`^\d{1,3}(\.\d{1,3}){3}$`, a)

_looks_like_ip(a) if contains(a, ":")

_dms_text := sprintf("DMS %q", [n]) if {
	n := lib.fact("primary", ["cluster", "name"])
	is_string(n)
} else := "its DMS"

_ip_text := ip if {
	ip := lib.primary_ip("primary")
	is_string(ip)
} else := "(not collected)"

result := lib.result(rego.metadata.chain(), {"skip": skip, "unknown": unknown, "violation": violation})
