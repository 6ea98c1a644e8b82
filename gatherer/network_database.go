package gatherer

import (
	"context"
	"net"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer/probe"
)

// The TCP ports the storage requirements need (dataminer-failover.md §5).
const (
	cassandraCQLPort          = 9042 // Cassandra clients, also with TLS
	cassandraInterNodePort    = 7000 // Cassandra nodes among themselves
	cassandraInterNodeTLSPort = 7001 // the same with TLS
	searchClientPort          = 9200 // OpenSearch/Elasticsearch clients, unless <DBServer> says host:port
	searchInterNodePort       = 9300 // OpenSearch/Elasticsearch nodes among themselves
)

// portTarget is one TCP port a database probe dials, with the agent it is recorded under:
// "database" for a database host, else the agent whose address it is.
type portTarget struct {
	Agent string
	Host  string
	Port  int
}

// allowPortTarget, when set, vets every database probe target before it is dialled; a
// target it refuses is not probed. Only tests set it, to keep every probe on loopback
// whatever the DataMiner folder fixtures list as database hosts.
var allowPortTarget func(host string) bool

// addDatabasePortProbes adds, to the tasks that add assembles, the port probes the storage
// requirements judge, each recording its result in network.Ports under mu:
//   - FO604, dedicated clustered storage: every Cassandra host in an agent's DB.xml on
//     9042 and every OpenSearch/Elasticsearch host on 9200 (or the port of its host:port),
//     recorded as agent "database", each host and port once for both agents;
//   - FO606, a separate Cassandra per agent: each agent's primary IP on 7000 (7001 when
//     DB.xml enables TLS for Cassandra) and 9042, and with indexing also 9200 and 9300,
//     recorded under the agent probed.
func addDatabasePortProbes(f *facts.Facts, network *facts.Network, mu *sync.Mutex,
	add func(name string, timeout time.Duration, do func(ctx context.Context))) {
	for _, t := range databasePortTargets(f) {
		if allowPortTarget != nil && !allowPortTarget(t.Host) {
			continue
		}
		add("port "+t.Agent+" "+net.JoinHostPort(t.Host, strconv.Itoa(t.Port)), portTaskTimeout, func(ctx context.Context) {
			p := probe.Port(ctx, t.Agent, t.Host, t.Port, portTimeout)
			mu.Lock()
			network.Ports = append(network.Ports, p)
			mu.Unlock()
		})
	}
}

// databasePortTargets lists the probes addDatabasePortProbes runs, without duplicates,
// database hosts first, in a stable order.
func databasePortTargets(f *facts.Facts) []portTarget {
	agents := []struct {
		role  string
		agent *facts.Agent
	}{{"primary", &f.Agents.Primary}, {"backup", &f.Agents.Backup}}
	seen := map[portTarget]bool{}
	var hosts, between []portTarget
	addTarget := func(list *[]portTarget, t portTarget) {
		key := portTarget{t.Agent, strings.ToLower(t.Host), t.Port}
		if t.Host != "" && !seen[key] {
			seen[key] = true
			*list = append(*list, t)
		}
	}

	separate, indexing, tls := false, false, false
	for _, a := range agents {
		db := a.agent.Database
		if db == nil {
			continue
		}
		switch db.Architecture {
		case facts.ArchitectureSeparateCassandraIndexing:
			indexing = true
			separate = true
		case facts.ArchitectureSeparateCassandra:
			separate = true
		}
		for _, e := range db.Databases {
			if isCassandra(e) && e.TLSEnabled != nil && *e.TLSEnabled {
				tls = true
			}
		}
		if db.Architecture != facts.ArchitectureDedicatedClustered {
			continue // only dedicated clustered storage lists hosts that are not the agents
		}
		var local []portTarget
		for _, e := range db.Databases {
			if e.Active != nil && !*e.Active {
				continue
			}
			defaultPort := 0
			switch {
			case isCassandra(e):
				defaultPort = cassandraCQLPort
			case isSearch(e):
				defaultPort = searchClientPort
			default:
				continue
			}
			for _, server := range e.Servers {
				// "localhost" in DB.xml is the agent itself; dialled from here it would be
				// the machine running dmaprep. FO604 reports it as not checked from here.
				if host, port, ok := splitDBServer(server, defaultPort); ok && !isLocalhost(host) {
					addTarget(&local, portTarget{"database", host, port})
				}
			}
		}
		hosts = append(hosts, local...)
	}

	if separate {
		ports := []int{cassandraInterNodePort, cassandraCQLPort}
		if tls {
			ports[0] = cassandraInterNodeTLSPort
		}
		if indexing {
			ports = append(ports, searchClientPort, searchInterNodePort)
		}
		for _, a := range agents {
			if len(a.agent.Addresses) == 0 {
				continue
			}
			for _, port := range ports {
				addTarget(&between, portTarget{a.role, a.agent.Addresses[0], port})
			}
		}
	}
	sort.SliceStable(hosts, func(i, j int) bool {
		if hosts[i].Port != hosts[j].Port {
			return hosts[i].Port < hosts[j].Port
		}
		return hosts[i].Host < hosts[j].Host
	})
	return append(hosts, between...)
}

// isLocalhost says whether a DB.xml host is the name "localhost", which means the agent
// whose DB.xml it is.
func isLocalhost(host string) bool {
	return strings.EqualFold(strings.TrimSuffix(host, "."), "localhost")
}

// isCassandra says whether a <DataBase> is a Cassandra database (one per agent or a cluster).
func isCassandra(e facts.DatabaseEntry) bool {
	return e.Type != nil && (strings.EqualFold(*e.Type, "Cassandra") || strings.EqualFold(*e.Type, "CassandraCluster"))
}

// isSearch says whether a <DataBase> is an indexing (OpenSearch/Elasticsearch) database.
func isSearch(e facts.DatabaseEntry) bool {
	if e.Search != nil && *e.Search {
		return true
	}
	return e.Type != nil && (strings.EqualFold(*e.Type, "Elasticsearch") || strings.EqualFold(*e.Type, "OpenSearch"))
}

var (
	dbServerScheme    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)
	dbServerBracketed = regexp.MustCompile(`^\[([^\]]*)\](?::(.*))?$`)
	dbServerHostPort  = regexp.MustCompile(`^([^:]*):([^:]*)$`)
	dbServerPort      = regexp.MustCompile(`^\d{1,5}$`)
)

// splitDBServer splits one <DBServer> entry as the policies do (endpoint in
// policies/lib/database.rego): "host", "host:port", "[v6]:port" or a bare IPv6 address,
// with an optional scheme and path, which are dropped. ok is false for an entry without a
// host or with a port that is not 1-65535 (FO604 reports that from DB.xml itself).
func splitDBServer(server string, defaultPort int) (host string, port int, ok bool) {
	s := dbServerScheme.ReplaceAllString(strings.TrimSpace(server), "")
	if i := strings.Index(s, "/"); i >= 0 {
		s = s[:i]
	}
	host, text := s, ""
	if m := dbServerBracketed.FindStringSubmatch(s); m != nil {
		host, text = m[1], m[2]
	} else if m := dbServerHostPort.FindStringSubmatch(s); m != nil {
		host, text = m[1], m[2]
	}
	if host == "" {
		return "", 0, false
	}
	if text == "" {
		return host, defaultPort, true
	}
	if !dbServerPort.MatchString(text) {
		return "", 0, false
	}
	port, _ = strconv.Atoi(text)
	if port < 1 || port > 65535 {
		return "", 0, false
	}
	return host, port, true
}
