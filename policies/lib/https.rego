# METADATA
# title: What the certificate requirements share
# description: |
#   Package dmaprep.lib.https holds what the certificate requirements (FO401, FO402) share:
#   whether HTTPS is configured for the pair, whose certificates are judged, and why a
#   certificate could not be judged. Each requirement adds only its own check of the leaf.
package dmaprep.lib.https

import data.dmaprep.lib

# configured: <HTTPS enabled="true"> on at least one agent. Both agents then serve the
# Failover address over HTTPS in turn, so both agents' certificates are judged (whether
# both have HTTPS enabled is FO403's question). Plain references, one body per agent: a
# reference is cheaper than a function call, and an absent field simply fails the test.
configured if input.agents.primary.https.enabled == true

configured if input.agents.backup.https.enabled == true

# skip holds the reason the certificate requirements do not apply.
skip contains "HTTPS is not enabled on either agent" if {
	input.agents.primary.https.enabled == false
	input.agents.backup.https.enabled == false
}

# unknown holds why a certificate requirement could not be judged: whether HTTPS is
# enabled is not known (and the other agent does not settle it), or a certificate that
# must be judged was not probed or its probe failed.
unknown contains lib.missing(agent, "https", "HTTPS setting (<HTTPS enabled> in MaintenanceSettings.xml)") if {
	not configured
	some agent in lib.agents
	object.get(input.agents[agent], ["https", "enabled"], null) == null
}

unknown contains lib.missing(agent, "https", "served HTTPS certificate") if {
	configured
	some agent in lib.agents
	object.get(input.agents[agent], ["https", "certificate"], null) == null
}

# The probe recorded an error. The error field is optional: a bare probe.error inside "not"
# would be hoisted out of the negation and make an absent field hide the certificate, so
# the tests here and below read it with object.get (inline rather than in a helper, to save
# a call per probe).
unknown contains lib.about(agent, msg) if {
	some agent, probe in probes
	is_string(object.get(probe, "error", null))
	msg := sprintf("%s: the TLS handshake with %s failed: %s", [agent, probe.address, probe.error])
}

unknown contains lib.about(agent, sprintf("%s: %s served no certificate", [agent, probe.address])) if {
	# Cheap guard: an agent with a leaf was served a certificate. leaves is read whole (built
	# once, as the certificate requirements need it anyway): a lookup by key into the rule
	# would evaluate it once more per agent.
	judged := leaves
	some agent, probe in probes
	not judged[agent]
	not is_string(object.get(probe, "error", null))
	count(_chain(probe)) == 0
}

# probes maps each agent whose certificate is judged to its TLS probe (address, error, chain,
# verified, verify_error), when one was collected.
probes[agent] := probe if {
	configured
	some agent in lib.agents
	probe := object.get(input.agents[agent], ["https", "certificate"], null)
	probe != null
}

# leaves maps each agent whose certificate is judged, and could be, to its leaf certificate
# (as in the fact schema: subject, issuer, dns_names, ip_addresses, not_before, ...).
# The chain is read inline, not through _chain: passing the probe object to a function
# costs a hash of it per call.
leaves[agent] := chain[0] if {
	some agent, probe in probes
	not is_string(object.get(probe, "error", null))
	chain := object.get(probe, "chain", [])
	is_array(chain)
}

# description[agent] names an agent's judged certificate in messages, e.g. "primary's
# certificate CN=dma-main.example.local (served at 10.11.5.52:443)".
description[agent] := sprintf("%s's certificate %s (served at %s)", [agent, leaf.subject, probes[agent].address]) if {
	some agent, leaf in leaves
}

_chain(probe) := chain if {
	chain := object.get(probe, "chain", [])
	is_array(chain)
} else := []
