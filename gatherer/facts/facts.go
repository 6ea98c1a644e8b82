// Package facts defines the fact document as Go types that mirror
// schema/facts.schema.json field for field. A nil pointer or nil slice encodes as null,
// which the schema and the policies read as "not collected". Observers fill these types;
// they never judge readiness: that is the policies' job.
package facts

import "github.com/dmaprep/dmaprep/dmversion"

// SchemaVersion is the fact document version these types write.
const SchemaVersion = "1"

// Facts is one fact document.
type Facts struct {
	SchemaVersion string        `json:"schema_version"`
	CollectedAt   *string       `json:"collected_at"`
	Gatherer      *GathererInfo `json:"gatherer"`
	Intent        Intent        `json:"intent"`
	Agents        Agents        `json:"agents"`
	Network       *Network      `json:"network"`
}

// GathererInfo says who produced the document and with which trust settings.
type GathererInfo struct {
	Name               string   `json:"name"`
	Version            string   `json:"version"`
	InsecureSkipVerify bool     `json:"insecure_skip_verify"`
	SkipNetwork        bool     `json:"skip_network"`
	TimeoutSeconds     *float64 `json:"timeout_seconds"`
}

// Intent is how the operator means to address the pair.
type Intent struct {
	VirtualIPs     []string `json:"virtual_ips"`
	SharedHostname *string  `json:"shared_hostname"`
}

// Agents are the two agents of the pair.
type Agents struct {
	Primary Agent `json:"primary"`
	Backup  Agent `json:"backup"`
}

// Agent holds the facts about one DataMiner Agent.
type Agent struct {
	Source            *Source            `json:"source"`
	Hostname          *string            `json:"hostname"`
	Addresses         []string           `json:"addresses"`
	DataMinerID       *int               `json:"dataminer_id"`
	Version           *dmversion.Version `json:"version"`
	Cluster           *Cluster           `json:"cluster"`
	InstallHistory    *InstallHistory    `json:"install_history"`
	ElementCount      *int               `json:"element_count"`
	NetworkInterfaces []NetworkInterface `json:"network_interfaces"`
	HTTPS             *HTTPS             `json:"https"`
	// Errors maps a fact name (a JSON key of Agent) to why that fact is null.
	Errors map[string]string `json:"errors"`
}

// SetError records why fact could not be collected, keeping the first error per fact.
func (a *Agent) SetError(fact string, err error) {
	if err == nil {
		return
	}
	if a.Errors == nil {
		a.Errors = map[string]string{}
	}
	if _, ok := a.Errors[fact]; !ok {
		a.Errors[fact] = err.Error()
	}
}

// Source kinds.
const (
	SourceFolder    = "folder"
	SourceAPI       = "api"
	SourceAgentFile = "agent_file"
	SourceHost      = "host"
	SourceManual    = "manual"
)

// Source says where an agent's facts came from.
type Source struct {
	Kind     string `json:"kind"`
	Location string `json:"location,omitempty"`
}

// Cluster is DMS membership as the agent sees it.
type Cluster struct {
	Name              *string         `json:"name"`
	Members           []ClusterMember `json:"members"`
	HasFailoverConfig *bool           `json:"has_failover_config"`
	APIAgentCount     *int            `json:"api_agent_count"`
	APIIsFailover     *bool           `json:"api_is_failover"`
}

// ClusterMember is one <DMA> entry of DMS.xml.
type ClusterMember struct {
	Address           string `json:"address"`
	AddressIsHostname bool   `json:"address_is_hostname"`
	ID                *int   `json:"id"`
}

// InstallHistory is Upgrades\VersionHistory.txt.
type InstallHistory struct {
	Entries []HistoryEntry `json:"entries"`
}

// HistoryEntry is one line of VersionHistory.txt.
type HistoryEntry struct {
	Timestamp *string `json:"timestamp"`
	Version   string  `json:"version"`
}

// NetworkInterface is one NIC of the agent's host.
type NetworkInterface struct {
	Name      string             `json:"name"`
	MAC       *string            `json:"mac"`
	Addresses []InterfaceAddress `json:"addresses"`
	DHCP      *bool              `json:"dhcp"`
}

// InterfaceAddress is one address bound to a NIC.
type InterfaceAddress struct {
	IP           string `json:"ip"`
	PrefixLength *int   `json:"prefix_length"`
}

// HTTPS is HTTPS as configured (MaintenanceSettings.xml) and as served (a TLS probe).
type HTTPS struct {
	Enabled     *bool     `json:"enabled"`
	Name        *string   `json:"name"`
	Certificate *TLSProbe `json:"certificate"`
}

// TLSProbe is the certificate chain an agent served.
type TLSProbe struct {
	Address     string        `json:"address"`
	ServerName  *string       `json:"server_name"`
	Error       *string       `json:"error"`
	Chain       []Certificate `json:"chain"`
	Verified    *bool         `json:"verified"`
	VerifyError *string       `json:"verify_error"`
}

// Certificate is one certificate of a served chain.
type Certificate struct {
	Subject     string   `json:"subject"`
	Issuer      string   `json:"issuer"`
	Serial      string   `json:"serial,omitempty"`
	DNSNames    []string `json:"dns_names"`
	IPAddresses []string `json:"ip_addresses"`
	NotBefore   string   `json:"not_before"`
	NotAfter    string   `json:"not_after"`
	SelfSigned  bool     `json:"self_signed"`
	IsCA        bool     `json:"is_ca"`
	SHA256      string   `json:"sha256,omitempty"`
}

// Network is what the network showed from where the gatherer ran.
type Network struct {
	ObservedFrom *string             `json:"observed_from"`
	DNS          *DNS                `json:"dns"`
	VirtualIPs   map[string]VIPProbe `json:"virtual_ips"`
	Ports        []PortProbe         `json:"ports"`
}

// DNS holds every lookup the gatherer made.
type DNS struct {
	Server  *string           `json:"server"`
	Forward map[string]Lookup `json:"forward"`
	Reverse map[string]Lookup `json:"reverse"`
}

// Lookup statuses: an answer, no such name, a name without records of the type asked, a
// failing server, a refusal, no answer in time, or any other error.
const (
	LookupAnswer   = "answer"
	LookupNoData   = "nodata"
	LookupNXDomain = "nxdomain"
	LookupServFail = "servfail"
	LookupRefused  = "refused"
	LookupTimeout  = "timeout"
	LookupError    = "error"
)

// Lookup is one DNS question and what came back.
type Lookup struct {
	Status  string   `json:"status"`
	Records []string `json:"records"`
	Error   *string  `json:"error"`
}

// VIP states.
const (
	VIPInUse        = "in_use"
	VIPFree         = "free"
	VIPUndetermined = "undetermined"
)

// VIPProbe says whether anything answers at a virtual IP.
type VIPProbe struct {
	State    string   `json:"state"`
	Method   string   `json:"method,omitempty"`
	Evidence []string `json:"evidence"`
	Error    *string  `json:"error"`
}

// Port states.
const (
	PortOpen     = "open"
	PortClosed   = "closed"
	PortFiltered = "filtered"
	PortError    = "error"
)

// PortProbe is one TCP connect attempt.
type PortProbe struct {
	Agent   string  `json:"agent"`
	Address string  `json:"address"`
	Port    int     `json:"port"`
	State   string  `json:"state"`
	Error   *string `json:"error"`
}
