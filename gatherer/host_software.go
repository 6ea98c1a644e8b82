package gatherer

import (
	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer/host"
)

// observeHostSoftware records what the agent's Windows host shows beyond the DataMiner
// folder: its software (host_software) and its STaaS preparation (staas), both with
// source "host". Elsewhere both stay absent: not collected, which the policies read as
// unknown and the operator can supply in an operator facts file.
func observeHostSoftware(a *facts.Agent) {
	hs, err := host.Software()
	a.HostSoftware = hs
	a.SetError("host_software", err)
	st, err := host.STaaS()
	a.STaaS = st
	a.SetError("staas", err)
}
