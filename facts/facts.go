// Package facts is the contract between observing and judging: the fact document as Go
// types that mirror facts.schema.json field for field, the schema itself, and the decoding
// and validation of documents. A nil pointer or nil slice encodes as null,
// which the schema and the policies read as "not collected". Observers fill these types;
// they never judge readiness: that is the policies' job.
package facts

import (
	"encoding/json"

	"github.com/dmaprep/dmaprep/dmversion"
)

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

// AgentFile is what `dmaprep gather agent` writes: one agent's facts, to be combined into a
// pair by `gather pair` or `check`.
type AgentFile struct {
	SchemaVersion string `json:"schema_version"`
	CollectedAt   string `json:"collected_at"`
	Agent         Agent  `json:"agent"`
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
	VirtualIPs               []string `json:"virtual_ips"`
	SharedHostname           *string  `json:"shared_hostname"`
	InvertedHeartbeatTargets []string `json:"inverted_heartbeat_targets,omitempty"`
	JoinsExistingCluster     *bool    `json:"joins_existing_cluster,omitempty"`
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
	// Facts read from the agent's C:\Skyline DataMiner folder only (package
	// gatherer/dmfolder). Other sources leave them nil, and a nil one is left out of the
	// document: the schema makes them optional, so documents written before they existed
	// stay valid.
	DataMinerXML  *DataMinerXML `json:"dataminer_xml,omitempty"`
	BrokerGateway *bool         `json:"broker_gateway,omitempty"`
	// BrokerGatewayAbsent says MaintenanceSettings.xml has no <BrokerGateway> (read as
	// false); BrokerGatewaySoftLaunch is SoftLaunchOptions.xml's <SLNet><BrokerGateway>.
	BrokerGatewayAbsent     bool              `json:"broker_gateway_absent,omitempty"`
	BrokerGatewaySoftLaunch *bool             `json:"broker_gateway_soft_launch,omitempty"`
	HostSoftware            *HostSoftware     `json:"host_software,omitempty"`
	STaaS                   *STaaS            `json:"staas,omitempty"`
	Database                *Database         `json:"database,omitempty"`
	DBConfiguration         *DBConfiguration  `json:"dbconfiguration,omitempty"`
	Swarming                *Swarming         `json:"swarming,omitempty"`
	Licenses                *Licenses         `json:"licenses,omitempty"`
	SAML                    *SAML             `json:"saml,omitempty"`
	ClusterEndpoints        *ClusterEndpoints `json:"cluster_endpoints,omitempty"`
	// Redirects are the <Redirects> of DMS.xml (connection strings to other agents);
	// DotNetRemoting is <SLNet><EnableDotNetRemoting> of MaintenanceSettings.xml.
	Redirects      *Redirects      `json:"redirects,omitempty"`
	DotNetRemoting *DotNetRemoting `json:"dotnet_remoting,omitempty"`
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
	// PlainHTTP says the Web Services API was read over http:// (--allow-http): the
	// credentials crossed the network in the clear.
	PlainHTTP bool `json:"plain_http,omitempty"`
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

// MarshalJSON writes no entries as [], never null: the schema requires the array.
func (h InstallHistory) MarshalJSON() ([]byte, error) {
	type plain InstallHistory
	if h.Entries == nil {
		h.Entries = []HistoryEntry{}
	}
	return json.Marshal(plain(h))
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
	ObservedFrom     *string               `json:"observed_from"`
	DNS              *DNS                  `json:"dns"`
	VirtualIPs       map[string]VIPProbe   `json:"virtual_ips"`
	Ports            []PortProbe           `json:"ports"`
	HeartbeatTargets map[string]ReachProbe `json:"heartbeat_targets,omitempty"`
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

// DataMinerXML is what DataMiner.xml says beyond the DataMiner ID. Secrets (passwords,
// shared and client secrets) are never copied; the fingerprints let two agents' settings
// be compared without them.
type DataMinerXML struct {
	DaaSEnabled            *bool                   `json:"daas_enabled"`
	NetworkAdapterMACs     []string                `json:"network_adapter_macs"`
	SkipMACs               []string                `json:"skip_macs"`
	ElementIDHint          *int                    `json:"element_id_hint"`
	ExternalAuthentication *ExternalAuthentication `json:"external_authentication"`
	AzureAD                *AzureAD                `json:"azure_ad"`
}

// ExternalAuthentication is the <ExternalAuthentication> element of DataMiner.xml.
type ExternalAuthentication struct {
	Type            *string `json:"type"`
	IPMetadata      *string `json:"ip_metadata"`
	SPMetadata      *string `json:"sp_metadata"`
	IPMetadataIsURL bool    `json:"ip_metadata_is_url"`
	Fingerprint     string  `json:"fingerprint"`
}

// AzureAD is the <AzureAD> element of DataMiner.xml (Entra ID provisioning).
type AzureAD struct {
	TenantID    *string `json:"tenant_id"`
	ClientID    *string `json:"client_id"`
	Fingerprint string  `json:"fingerprint"`
}

// Storage architectures, as told by DB.xml.
const (
	ArchitectureSTaaS                     = "staas"
	ArchitectureDedicatedClustered        = "dedicated_clustered"
	ArchitectureSeparateCassandraIndexing = "separate_cassandra_indexing"
	ArchitectureSeparateCassandra         = "separate_cassandra"
	ArchitectureLegacy                    = "legacy"
	ArchitectureUnknown                   = "unknown"
)

// Database is DB.xml: the storage architecture and every configured database.
type Database struct {
	Architecture string          `json:"architecture"`
	GeneralType  *string         `json:"general_type"`
	Databases    []DatabaseEntry `json:"databases"`
	Fingerprint  string          `json:"fingerprint"`
}

// MarshalJSON writes no databases as [], never null: the schema requires the array.
func (d Database) MarshalJSON() ([]byte, error) {
	type plain Database
	if d.Databases == nil {
		d.Databases = []DatabaseEntry{}
	}
	return json.Marshal(plain(d))
}

// DatabaseEntry is one <DataBase> of DB.xml. User names and passwords are left out.
type DatabaseEntry struct {
	Type          *string  `json:"type"`
	Active        *bool    `json:"active"`
	Local         *bool    `json:"local"`
	Search        *bool    `json:"search"`
	Cloud         *bool    `json:"cloud"`
	Servers       []string `json:"servers"`
	TLSEnabled    *bool    `json:"tls_enabled"`
	SkipCommitLog *bool    `json:"skip_commit_log"`
	ID            *string  `json:"id"`
	PriorityOrder *string  `json:"priority_order"`
	// Proxy: a CloudStorage database has a <Proxy> (needs 10.4.5/10.5.0); nil for other types.
	Proxy *bool `json:"proxy,omitempty"`
}

// DBConfiguration is Database\DBConfiguration.xml (or Databases\DBConfiguration.xml).
type DBConfiguration struct {
	Present                    bool    `json:"present"`
	Path                       *string `json:"path"`
	ElasticClusterCount        *int    `json:"elastic_cluster_count"`
	FingerprintWithoutPriority *string `json:"fingerprint_without_priority"`
}

// Swarming is whether Swarming is enabled (Swarming.xml) or may be (SoftLaunchOptions.xml).
type Swarming struct {
	SwarmingXMLPresent bool  `json:"swarming_xml_present"`
	SoftLaunchEnabled  *bool `json:"soft_launch_enabled"`
}

// Licenses are the licence files in the root of the DataMiner folder.
type Licenses struct {
	DataMinerLic bool `json:"dataminer_lic"`
	ResponseLic  bool `json:"response_lic"`
	RequestLic   bool `json:"request_lic"`
}

// SAML is what the SAML metadata files that DataMiner.xml names hold.
type SAML struct {
	SPMetadataPresent         *bool                      `json:"sp_metadata_present"`
	IPMetadataPresent         *bool                      `json:"ip_metadata_present"`
	AssertionConsumerServices []AssertionConsumerService `json:"assertion_consumer_services"`
}

// AssertionConsumerService is one md:AssertionConsumerService of the SP metadata.
type AssertionConsumerService struct {
	Location  string `json:"location"`
	Index     *int   `json:"index"`
	IsDefault *bool  `json:"is_default"`
}

// ClusterEndpoints is Configurations\ClusterEndpoints.json.
type ClusterEndpoints struct {
	Endpoints []ClusterEndpoint `json:"endpoints"`
}

// ClusterEndpoint is one entry of ClusterEndpoints.json.
type ClusterEndpoint struct {
	IP                  string   `json:"ip"`
	AdditionalEndpoints []string `json:"additional_endpoints"`
}

// Redirects are the <Redirect> entries of DMS.xml's <Redirects>, in file order.
type Redirects struct {
	Entries []Redirect `json:"entries"`
}

// Redirect is one <Redirect> of DMS.xml's <Redirects>: a connection string to the agent at
// To (an address, or "*" for every agent). Its user and pwd attributes are not kept.
type Redirect struct {
	To  string  `json:"to"`
	Via *string `json:"via"`
}

// DotNetRemoting is <SLNet><EnableDotNetRemoting> of MaintenanceSettings.xml: Enable is nil
// when the setting is absent (the version's default applies).
type DotNetRemoting struct {
	Enable *bool `json:"enable"`
}

// Fact sources for what the DataMiner folder does not show.
const (
	ObservedOnHost     = "host"
	SuppliedByOperator = "operator"
)

// HostSoftware is software on the agent's Windows host: observed by `gather agent` on the
// host, or supplied by the operator where the docs name no way to observe it.
type HostSoftware struct {
	Source                  string            `json:"source"`
	Npcap                   *bool             `json:"npcap"`
	WinPcap                 *bool             `json:"winpcap"`
	IISARR                  *bool             `json:"iis_arr"`
	Services                map[string]string `json:"services"`
	CassandraReleaseVersion *string           `json:"cassandra_release_version"`
}

// STaaS is the STaaS preparation outside C:\Skyline DataMiner.
type STaaS struct {
	Source                     string   `json:"source"`
	CloudGatewayInstalled      *bool    `json:"cloudgateway_installed"`
	CCAGatewayPersistedPresent *bool    `json:"cca_gateway_persisted_present"`
	TokenFiles                 []string `json:"token_files"`
	NodeIDFingerprint          *string  `json:"node_id_fingerprint"`
	// TokenFingerprints fingerprints each token file's content: a token equal to the
	// primary's was copied, one CloudGateway regenerated differs.
	TokenFingerprints map[string]string `json:"token_fingerprints,omitempty"`
}

// Reach states of a heartbeat target.
const (
	ReachAnswers      = "answers"
	ReachSilent       = "silent"
	ReachUndetermined = "undetermined"
)

// ReachProbe says whether an address answers.
type ReachProbe struct {
	State    string   `json:"state"`
	Method   string   `json:"method,omitempty"`
	Evidence []string `json:"evidence"`
	Error    *string  `json:"error"`
}
