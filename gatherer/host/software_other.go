//go:build !windows

package host

import "github.com/dmaprep/dmaprep/facts"

// Software returns nil: the software it reports exists only on a Windows host.
func Software() (*facts.HostSoftware, error) { return nil, nil }

// STaaS returns nil: the STaaS preparation it reports exists only on a Windows host.
func STaaS() (*facts.STaaS, error) { return nil, nil }
