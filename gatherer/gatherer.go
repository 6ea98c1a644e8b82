package gatherer

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer/dmfolder"
	"github.com/dmaprep/dmaprep/gatherer/host"
	"github.com/dmaprep/dmaprep/gatherer/probe"
	"github.com/dmaprep/dmaprep/gatherer/source"
	"github.com/dmaprep/dmaprep/gatherer/wsapi"
	"github.com/dmaprep/dmaprep/internal/boundedread"
)

// Defaults for a pair gather.
const (
	DefaultTimeout   = 10 * time.Second
	DefaultHTTPSPort = 443
)

// InterAgentPorts are the TCP ports that must answer between the agents (.NET Remoting,
// HTTPS/gRPC, NATS client and cluster routes, legacy NATS Account Server).
var InterAgentPorts = []int{8004, 443, 4222, 6222, 9090}

// Options say what to gather and how.
type Options struct {
	Primary, Backup    source.Source // a DataMiner folder, an agent fact file, or the agent's API URL
	VirtualIPs         []netip.Addr  // the intended virtual IPs (VIP mode)
	Hostname           string        // the intended shared hostname (hostname mode)
	PrimaryIPs         []netip.Addr  // the primary's own addresses, one per network interface
	BackupIPs          []netip.Addr
	DNSServer          string // HOST:PORT; "" for the system resolver
	HTTPSPort          int
	Ports              []int          // the inter-agent ports to probe; nil = InterAgentPorts
	Roots              *x509.CertPool // trusted roots for TLS (system + the operator's); nil = system
	InsecureSkipVerify bool           // for the Web Services API only; recorded in the facts
	AllowHTTP          bool           // read the Web Services API over http:// too; recorded per source
	User, Password     string         // Web Services API credentials
	Timeout            time.Duration  // the whole gather
	SkipNetwork        bool
	Version            string // dmaprep's version, recorded in the facts
	Now                func() time.Time
	// InvertedHeartbeatTargets (probed) and JoinsExistingCluster (nil: not said) are
	// recorded in the intent.
	InvertedHeartbeatTargets []netip.Addr
	JoinsExistingCluster     *bool
	// Progress, when set, hears each probe start and finish.
	Progress func(probe.Event)
	// Unreachable, when set, hears of each agent source that could not be read at all (an
	// API that did not answer or refused the login): the facts record the error, and the
	// caller can say so at once rather than leave it to the report's unknowns.
	Unreachable func(src source.Source, err error)
}

func (o *Options) defaults() {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.HTTPSPort == 0 {
		o.HTTPSPort = DefaultHTTPSPort
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Ports == nil {
		o.Ports = InterAgentPorts
	}
}

// Pair gathers the facts of both agents and probes the network, all within
// opts.Timeout. Unreachable agents, failed lookups and probes that time out are recorded
// as facts; only invalid options return an error.
func Pair(ctx context.Context, opts Options) (facts.Facts, error) {
	opts.defaults()
	if err := checkAddresses(opts); err != nil {
		return facts.Facts{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()

	f := facts.Facts{SchemaVersion: facts.SchemaVersion}
	collected := opts.Now().UTC().Format(time.RFC3339)
	f.CollectedAt = &collected
	timeout := opts.Timeout.Seconds()
	f.Gatherer = &facts.GathererInfo{Name: "dmaprep", Version: opts.Version, InsecureSkipVerify: opts.InsecureSkipVerify,
		SkipNetwork: opts.SkipNetwork, TimeoutSeconds: &timeout}
	f.Intent = facts.Intent{VirtualIPs: addrStrings(opts.VirtualIPs), InvertedHeartbeatTargets: addrStrings(opts.InvertedHeartbeatTargets),
		JoinsExistingCluster: opts.JoinsExistingCluster}
	if opts.Hostname != "" {
		f.Intent.SharedHostname = &opts.Hostname
	}

	// Both agents are read at the same time: an API source may be slow.
	type read struct {
		agent facts.Agent
		err   error
	}
	results := make(chan read, 1)
	go func() {
		a, err := readSource(ctx, opts.Backup, opts.BackupIPs, opts)
		results <- read{a, err}
	}()
	primary, perr := readSource(ctx, opts.Primary, opts.PrimaryIPs, opts)
	backup := <-results
	if err := errors.Join(prefix("primary", perr), prefix("backup", backup.err)); err != nil {
		return facts.Facts{}, err
	}
	f.Agents.Primary, f.Agents.Backup = primary, backup.agent
	setAddresses(&f.Agents.Primary, opts.PrimaryIPs)
	setAddresses(&f.Agents.Backup, opts.BackupIPs)

	if !opts.SkipNetwork {
		f.Network = probeNetwork(ctx, &f, opts)
	}
	return f, nil
}

func prefix(agent string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", agent, err)
}

// checkAddresses refuses options a caller should have checked: the CLI parses its flags
// first, and names them.
func checkAddresses(opts Options) error {
	for _, list := range []struct {
		what string
		ips  []netip.Addr
	}{
		{"virtual IP", opts.VirtualIPs},
		{"primary address", opts.PrimaryIPs},
		{"backup address", opts.BackupIPs},
		{"inverted heartbeat target", opts.InvertedHeartbeatTargets},
	} {
		for i, ip := range list.ips {
			if !ip.IsValid() {
				return fmt.Errorf("%s %d is not set (the zero netip.Addr)", list.what, i+1)
			}
		}
	}
	if opts.Primary.IsZero() || opts.Backup.IsZero() {
		return fmt.Errorf("both a primary and a backup source are needed")
	}
	return nil
}

// setAddresses applies the addresses the operator gave for an agent, which win over what a
// source could tell: they are the addresses the Failover dialog will be given.
func setAddresses(a *facts.Agent, ips []netip.Addr) {
	if len(ips) > 0 {
		a.Addresses = addrStrings(ips)
		delete(a.Errors, "addresses")
	}
}

// addrStrings writes addresses as the fact document holds them; nil for none.
func addrStrings(ips []netip.Addr) []string {
	if len(ips) == 0 {
		return nil
	}
	out := make([]string, len(ips))
	for i, ip := range ips {
		out[i] = ip.String()
	}
	return out
}

// apiFacts are the facts the Web Services API gives.
var apiFacts = []string{"version", "dataminer_id", "cluster", "element_count"}

// readSource reads one agent from src: the Web Services API (an http:// URL only with
// opts.AllowHTTP), an agent fact file written by `dmaprep gather agent`, or a DataMiner
// folder. addresses are the agent's own IPs as the operator gave them, which tell the
// agent reached among those its API lists.
func readSource(ctx context.Context, src source.Source, addresses []netip.Addr, opts Options) (facts.Agent, error) {
	if src.IsURL() {
		client, err := wsapi.New(src.String(), wsapi.Options{User: opts.User, Password: opts.Password, RootCAs: opts.Roots,
			InsecureSkipVerify: opts.InsecureSkipVerify, AllowHTTP: opts.AllowHTTP, AgentAddresses: addresses,
			Timeout: opts.Timeout, ClientVersion: opts.Version})
		if err != nil {
			return facts.Agent{}, err
		}
		a, err := client.Agent(ctx)
		if err != nil {
			// An agent that cannot be reached or logged into is a fact, not a failed
			// gather: every fact the API would have given is null with the reason, so the
			// report says unknown for each requirement that needs them. (The client
			// already recorded per-fact errors for calls that failed after login.)
			for _, fact := range apiFacts {
				a.SetError(fact, err)
			}
			if opts.Unreachable != nil {
				opts.Unreachable(src, err)
			}
		}
		return a, nil
	}
	// Files cannot be read with a deadline; a folder on a share that stops answering (or a
	// FIFO where a file should be) must not hold the gather past it. The read goes on in
	// the background until the file system answers.
	type read struct {
		agent facts.Agent
		err   error
	}
	done := make(chan read, 1)
	go func() {
		a, err := readLocal(src)
		done <- read{a, err}
	}()
	select {
	case r := <-done:
		return r.agent, r.err
	case <-ctx.Done():
		return facts.Agent{}, fmt.Errorf("source %s: not read before the deadline (%w)", src, context.Cause(ctx))
	}
}

// readLocal reads a DataMiner folder or an agent fact file.
func readLocal(src source.Source) (facts.Agent, error) {
	kind, err := src.Kind()
	switch {
	case err != nil:
		return facts.Agent{}, fmt.Errorf("source %s: %w (want a DataMiner folder, an agent fact file or https://HOST)", src, err)
	case kind == source.Folder:
		fsys, err := boundedread.DirFS(src.String())
		if err != nil {
			return facts.Agent{}, fmt.Errorf("source %s: %w", src, err)
		}
		return dmfolder.Read(fsys, src.String()), nil
	}
	return ReadAgentFile(src.String())
}

// ReadAgentFile reads and validates an agent fact file.
func ReadAgentFile(path string) (facts.Agent, error) {
	data, err := boundedread.File(context.Background(), path, boundedread.FactDocument)
	if err != nil {
		return facts.Agent{}, err
	}
	doc, err := facts.DecodeBytes(data, path)
	if err != nil {
		return facts.Agent{}, err
	}
	violations, err := facts.ValidateAgentFile(doc)
	if err != nil {
		return facts.Agent{}, err
	}
	if len(violations) > 0 {
		lines := make([]string, len(violations))
		for i, v := range violations {
			lines[i] = v.String()
		}
		return facts.Agent{}, fmt.Errorf("%s is not an agent fact file:\n  %s", path, strings.Join(lines, "\n  "))
	}
	raw, _ := json.Marshal(doc)
	var af facts.AgentFile
	if err := json.Unmarshal(raw, &af); err != nil {
		return facts.Agent{}, fmt.Errorf("%s: %w", path, err)
	}
	af.Agent.Source = &facts.Source{Kind: facts.SourceAgentFile, Location: path}
	return af.Agent, nil
}

// LocalAgent gathers the agent this runs on: its DataMiner folder and, with hostFacts,
// the machine's network interfaces and (on Windows) its software and STaaS preparation.
func LocalAgent(dir string, hostFacts bool) facts.Agent {
	a := readFolder(dir)
	if !hostFacts {
		return a
	}
	a.Source = &facts.Source{Kind: facts.SourceHost, Location: dir}
	if name, err := os.Hostname(); err == nil {
		a.Hostname = &name
	}
	nics, err := host.Interfaces()
	a.SetError("network_interfaces", err)
	if nics != nil {
		a.NetworkInterfaces = nics
		a.Addresses = firstAddresses(nics)
	}
	observeHostSoftware(&a)
	return a
}

// firstAddresses takes the first IPv4 address (else the first address) of every interface,
// in the order the system lists them: one primary IP per network interface.
func firstAddresses(nics []facts.NetworkInterface) []string {
	var out []string
	for _, n := range nics {
		pick := ""
		for _, a := range n.Addresses {
			if ip, err := netip.ParseAddr(a.IP); err == nil && (pick == "" || ip.Is4()) {
				if pick == "" || ip.Is4() {
					pick = a.IP
				}
				if ip.Is4() {
					break
				}
			}
		}
		if pick != "" {
			out = append(out, pick)
		}
	}
	return out
}

// readFolder reads a DataMiner folder through a file system that keeps symbolic links
// inside it; a folder that cannot be opened is an agent whose every fact is in error.
func readFolder(dir string) facts.Agent {
	fsys, err := boundedread.DirFS(dir)
	if err != nil {
		a := facts.Agent{Source: &facts.Source{Kind: facts.SourceFolder, Location: dir}}
		a.SetError("dataminer_id", err)
		return a
	}
	return dmfolder.Read(fsys, dir)
}
