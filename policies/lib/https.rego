# Package dmaprep.lib.https holds what the certificate requirements (FO401, FO402) share:
# whether HTTPS is configured for the pair, whose certificates are judged, and why a
# certificate could not be judged. Each requirement adds only its own check of the leaf.
package dmaprep.lib.https

import data.dmaprep.lib

# configured: <HTTPS enabled="true"> on at least one agent. Both agents then serve the
# Failover address over HTTPS in turn, so both agents' certificates are judged (whether
# both have HTTPS enabled is FO403's question).
configured if {
	some agent in lib.agents
	_enabled(agent) == true
}

# skip holds the reason the certificate requirements do not apply.
skip contains "HTTPS is not enabled on either agent" if {
	every agent in lib.agents {
		_enabled(agent) == false
	}
}

# unknown holds why a certificate requirement could not be judged: whether HTTPS is
# enabled is not known (and the other agent does not settle it), or a certificate that
# must be judged was not probed or its probe failed.
unknown contains lib.missing(agent, "https", "HTTPS setting (<HTTPS enabled> in MaintenanceSettings.xml)") if {
	not configured
	some agent in lib.agents
	_enabled(agent) == null
}

unknown contains lib.missing(agent, "https", "served HTTPS certificate") if {
	configured
	some agent in lib.agents
	lib.fact(agent, ["https", "certificate"]) == null
}

unknown contains sprintf("%s: the TLS handshake with %s failed: %s", [agent, probe.address, probe.error]) if {
	some agent, probe in probes
	_failed(probe)
}

unknown contains sprintf("%s: %s served no certificate", [agent, probe.address]) if {
	some agent, probe in probes
	not _failed(probe)
	count(_chain(probe)) == 0
}

# probes maps each agent whose certificate is judged to its TLS probe (address, error, chain,
# verified, verify_error), when one was collected.
probes[agent] := probe if {
	configured
	some agent in lib.agents
	probe := lib.fact(agent, ["https", "certificate"])
	probe != null
}

# leaves maps each agent whose certificate is judged, and could be, to its leaf certificate
# (as in the fact schema: subject, issuer, dns_names, ip_addresses, not_before, ...).
leaves[agent] := _chain(probe)[0] if {
	some agent, probe in probes
	not _failed(probe)
}

# describe(agent) names an agent's certificate in messages, e.g. "primary's certificate
# CN=dma-main.example.local (served at 10.11.5.52:443)".
describe(agent) := sprintf("%s's certificate %s (served at %s)", [agent, leaves[agent].subject, probes[agent].address])

_enabled(agent) := lib.fact(agent, ["https", "enabled"])

# The probe recorded an error. The error field is optional: a bare probe.error inside "not"
# would be hoisted out of the negation and make an absent field hide the certificate.
_failed(probe) if is_string(object.get(probe, "error", null))

_chain(probe) := chain if {
	chain := object.get(probe, "chain", [])
	is_array(chain)
} else := []
