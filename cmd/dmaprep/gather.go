package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer"
	"github.com/dmaprep/dmaprep/gatherer/probe"
	"github.com/dmaprep/dmaprep/gatherer/source"
	"github.com/dmaprep/dmaprep/gatherer/wsapi"
	"github.com/dmaprep/dmaprep/internal/atomicfile"
	"github.com/urfave/cli/v2"
)

// pairFlags are the flags that describe a pair to gather; `gather pair` and the one-shot
// `check --primary/--backup` share them.
func pairFlags() []cli.Flag {
	return categorize("gather (a pair to gather, instead of FACTS.json)", []cli.Flag{
		&cli.StringFlag{Name: "primary", Usage: "the primary agent: a DataMiner folder, an agent fact file, or https://HOST (Web Services API)"},
		&cli.StringFlag{Name: "backup", Usage: "the backup agent, as --primary"},
		&cli.StringSliceFlag{Name: "virtual-ip", Usage: "a virtual `IP` for the pair, one per network interface (repeatable); VIP mode"},
		&cli.StringFlag{Name: "hostname", Usage: "the shared `NAME` for the pair (DataMiner 10.2.0/10.1.8 and later); hostname mode"},
		&cli.StringSliceFlag{Name: "primary-ip", Usage: "the primary's own `IP`, one per network interface, corporate first (repeatable)"},
		&cli.StringSliceFlag{Name: "backup-ip", Usage: "the backup's own `IP`, one per network interface (repeatable)"},
		&cli.StringFlag{Name: "dns-server", Usage: "ask this DNS server (`HOST:PORT`; port 53 when left out) instead of the system resolver"},
		&cli.IntFlag{Name: "https-port", Value: gatherer.DefaultHTTPSPort, Usage: "the agents' HTTPS `PORT`"},
		&cli.StringFlag{Name: "ca-file", Usage: "extra trusted root certificates (`PEM`) for TLS checks and the Web Services API"},
		&cli.DurationFlag{Name: "timeout", Value: gatherer.DefaultTimeout, Usage: "limit for the whole gather"},
		&cli.BoolFlag{Name: "skip-network", Usage: "run no network probe: DNS, virtual IP, certificate and port facts stay null"},
		&cli.StringFlag{Name: "password-file", Usage: "read the Web Services API password from `FILE` (else DMAPREP_PASSWORD; the user is DMAPREP_USER)"},
		&cli.BoolFlag{Name: "insecure-skip-verify", Usage: "do not verify the Web Services API's TLS certificate (recorded in the facts)"},
		&cli.BoolFlag{Name: "allow-http", Usage: "read the Web Services API of an agent without HTTPS over http://HOST (the password travels in the clear; recorded in the facts)"},
		&cli.StringSliceFlag{Name: "inverted-heartbeat", Usage: "an `IP` the inverted heartbeats will target, a third device such as a domain controller (repeatable); probed"},
		&cli.BoolFlag{Name: "join-cluster", Usage: "the pair joins an existing DMS (recorded in the intent; leave out when not decided)"},
		&cli.StringFlag{Name: "operator-facts", Usage: "facts dmaprep cannot observe from here, from `FILE` (YAML or JSON), e.g. primary: {host_software: {npcap: true}}; observed values win"},
	})
}

// categorize puts flags under a heading of a command's --help.
func categorize(category string, flags []cli.Flag) []cli.Flag {
	for _, f := range flags {
		switch f := f.(type) {
		case *cli.StringFlag:
			f.Category = category
		case *cli.StringSliceFlag:
			f.Category = category
		case *cli.IntFlag:
			f.Category = category
		case *cli.BoolFlag:
			f.Category = category
		case *cli.DurationFlag:
			f.Category = category
		default:
			panic(fmt.Sprintf("categorize: flag type %T", f))
		}
	}
	return flags
}

func gatherCommand(e env) *cli.Command {
	return &cli.Command{
		Name:  "gather",
		Usage: "collect facts about agents and the network into a fact document",
		Description: `With --inventory, gathers every pair of a fleet inventory at once and writes
DIR/NAME.json for each (see dmaprep gather pair for the flags that apply to every pair).

Example:
   dmaprep gather --inventory pairs.yaml --output-dir facts/ --timeout 20s`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "inventory", Usage: "gather every pair of the fleet inventory `FILE` (YAML or JSON)"},
			&cli.StringFlag{Name: "output-dir", Usage: "write each pair's facts to `DIR`/NAME.json (DIR is made if missing)"},
		}, pairFlags()...),
		Action: func(c *cli.Context) error {
			if !c.IsSet("inventory") {
				return cli.ShowSubcommandHelp(c)
			}
			return runGatherInventory(c, e)
		},
		Subcommands: []*cli.Command{
			{
				Name:  "agent",
				Usage: "facts of the agent this runs on, or of a copy of its C:\\Skyline DataMiner folder",
				Description: `Writes an agent fact file, to be used as --primary or --backup of gather pair or check.
Without --dir it reads C:\Skyline DataMiner and this machine's network interfaces.

Examples:
   dmaprep gather agent -o backup.json   # on the backup agent, in a console
   dmaprep gather agent --dir ./copies/backup -o backup.json`,
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "dir", Usage: "the DataMiner folder (default C:\\Skyline DataMiner on Windows)"},
					&cli.BoolFlag{Name: "host", Usage: "also record this machine's network interfaces (the default without --dir)"},
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` (atomically) instead of stdout"},
				},
				Action: func(c *cli.Context) error { return runGatherAgent(c) },
			},
			{
				Name:  "pair",
				Usage: "facts of a primary and a backup agent and the network between them",
				Description: `Reads both agents and probes DNS, the virtual IPs, the certificates the agents serve and
the inter-agent ports, all at once within --timeout. What fails is recorded in the facts.

Examples:
   dmaprep gather pair --primary ./copies/main --backup ./copies/backup \
       --virtual-ip 10.11.250.44 --primary-ip 10.11.5.52 --backup-ip 10.11.4.52 -o facts.json
   DMAPREP_USER=admin DMAPREP_PASSWORD=... dmaprep gather pair \
       --primary https://dma-main --backup https://dma-backup --hostname fo.example.local
   dmaprep gather pair --primary p.json --backup b.json --hostname fo.example.local --skip-network`,
				Flags: append(pairFlags(),
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` (atomically) instead of stdout"},
				),
				Action: func(c *cli.Context) error {
					f, err := gatherPair(c, e)
					if err != nil {
						return err
					}
					return writeJSON(c, f, func(doc any) ([]facts.Violation, error) { return facts.Validate(doc) })
				},
			},
		},
	}
}

func runGatherAgent(c *cli.Context) error {
	dir := c.String("dir")
	hostFacts := c.Bool("host")
	if dir == "" {
		if runtime.GOOS != "windows" {
			return fmt.Errorf("gather agent: give the DataMiner folder with --dir (C:\\Skyline DataMiner exists only on the agent)")
		}
		dir, hostFacts = `C:\Skyline DataMiner`, true
	}
	// A folder that is not there would read as an agent without licences or Swarming:
	// false facts, not missing ones.
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("gather agent: %s is not a DataMiner folder (want the agent's C:\\Skyline DataMiner, or a copy of it)", dir)
	}
	af := facts.AgentFile{
		SchemaVersion: facts.SchemaVersion,
		CollectedAt:   time.Now().UTC().Format(time.RFC3339),
		Agent:         gatherer.LocalAgent(dir, hostFacts),
	}
	return writeJSON(c, af, facts.ValidateAgentFile)
}

// gatherPair runs the pair gather that the flags describe.
func gatherPair(c *cli.Context, e env) (facts.Facts, error) {
	var ips [3][]netip.Addr
	for i, flag := range []string{"virtual-ip", "primary-ip", "backup-ip"} {
		var err error
		if ips[i], err = ipFlag(c, flag); err != nil {
			return facts.Facts{}, err
		}
	}
	primary, backup := source.Parse(c.String("primary")), source.Parse(c.String("backup"))
	opts, err := gatherOptions(c, e, primary, backup)
	if err != nil {
		return facts.Facts{}, err
	}
	opts.Primary, opts.Backup = primary, backup
	opts.VirtualIPs, opts.Hostname = ips[0], c.String("hostname")
	opts.PrimaryIPs, opts.BackupIPs = ips[1], ips[2]
	if opts.Primary.IsZero() || opts.Backup.IsZero() {
		return facts.Facts{}, fmt.Errorf("give both --primary and --backup (a DataMiner folder, an agent fact file, or https://HOST)")
	}
	if source.Same(opts.Primary, opts.Backup) {
		return facts.Facts{}, fmt.Errorf("--primary %s and --backup %s name the same agent: give each agent's own source", opts.Primary, opts.Backup)
	}
	if len(opts.VirtualIPs) == 0 && opts.Hostname == "" {
		return facts.Facts{}, fmt.Errorf("give the pair's address: --virtual-ip IP (one per network interface) or --hostname NAME")
	}
	var operator gatherer.OperatorFacts
	if path := c.String("operator-facts"); path != "" {
		if operator, err = gatherer.ReadOperatorFacts(path); err != nil {
			return facts.Facts{}, err
		}
	}
	if isTerminal(c.App.ErrWriter) {
		opts.Progress = progressPrinter(c.App.ErrWriter)
	}
	var warnMu sync.Mutex // both agents are read at once
	opts.Unreachable = func(src source.Source, err error) {
		warnMu.Lock()
		defer warnMu.Unlock()
		fmt.Fprintf(c.App.ErrWriter, "dmaprep: warning: %s could not be read: %v (recorded in the facts; the requirements that need its facts will be unknown)\n", src, withFlagHint(err))
	}
	f, err := gatherer.Pair(c.Context, opts)
	if err != nil {
		return f, withFlagHint(err)
	}
	for _, note := range operator.Apply(&f) {
		fmt.Fprintf(c.App.ErrWriter, "dmaprep: --operator-facts: %s\n", note)
	}
	return f, nil
}

// ipFlag parses the values of an IP address flag, naming the flag for one that is not an
// IP address, before anything is gathered.
func ipFlag(c *cli.Context, flag string) ([]netip.Addr, error) {
	var ips []netip.Addr
	for _, s := range listFlag(c, flag) {
		ip, err := source.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("--%s %w", flag, err)
		}
		ips = append(ips, ip)
	}
	return ips, nil
}

// listFlag is the values of a repeatable flag whose values never hold a comma (addresses,
// requirement IDs and names), each occurrence also split at commas: "--only FO101,FO102"
// is "--only FO101 --only FO102". The app splits no flag itself (DisableSliceFlagSeparator),
// since a comma is part of a path.
func listFlag(c *cli.Context, flag string) []string {
	var values []string
	for _, v := range c.StringSlice(flag) {
		values = append(values, strings.Split(v, ",")...)
	}
	return values
}

// flagHints say which flag answers an error the gatherer gives in its own terms.
var flagHints = []struct {
	err  error
	hint string
}{
	{wsapi.ErrPlainHTTP, "--allow-http reads it over http:// anyway (recorded in the facts)"},
	{wsapi.ErrCredentialsInURL, "use DMAPREP_USER and DMAPREP_PASSWORD, or --password-file"},
	{wsapi.ErrNoPassword, "--password-file FILE gives one"},
	{wsapi.ErrCertificate, "--ca-file PEM trusts the CA that signed it; --insecure-skip-verify skips the check (recorded in the facts)"},
	{wsapi.ErrNotHTTPS, "an agent without HTTPS is read over http://HOST with --allow-http (the password travels in the clear; recorded in the facts)"},
}

// withFlagHint adds to err the flag that gets past it, when there is one.
func withFlagHint(err error) error {
	for _, h := range flagHints {
		if errors.Is(err, h.err) {
			return fmt.Errorf("%w; %s", err, h.hint)
		}
	}
	return err
}

// gatherOptions reads the flags that apply to every pair: probing, timeout, trust and,
// when one of sources is an agent's Web Services API, the credentials.
func gatherOptions(c *cli.Context, e env, sources ...source.Source) (gatherer.Options, error) {
	targets, err := ipFlag(c, "inverted-heartbeat")
	if err != nil {
		return gatherer.Options{}, err
	}
	opts := gatherer.Options{
		HTTPSPort:                c.Int("https-port"),
		Timeout:                  c.Duration("timeout"),
		SkipNetwork:              c.Bool("skip-network"),
		InsecureSkipVerify:       c.Bool("insecure-skip-verify"),
		InvertedHeartbeatTargets: targets,
		Version:                  versionString(),
	}
	if c.IsSet("join-cluster") {
		join := c.Bool("join-cluster")
		opts.JoinsExistingCluster = &join
	}
	// check --now pins the time the policies judge certificate dates at; the probes verify
	// the served certificates at that time too, so the two never disagree.
	if t := c.Timestamp("now"); t != nil {
		at := t.UTC()
		opts.Now = func() time.Time { return at }
	}
	if s := c.String("dns-server"); s != "" {
		server, err := probe.ParseServer(s)
		if err != nil {
			return opts, fmt.Errorf("--dns-server %w", err)
		}
		opts.DNSServer = server
	}
	if opts.Timeout <= 0 {
		return opts, fmt.Errorf("--timeout must be positive")
	}
	if p := opts.HTTPSPort; p < 1 || p > 65535 {
		return opts, fmt.Errorf("--https-port %d is not a TCP port", p)
	}
	if ca := c.String("ca-file"); ca != "" {
		roots, err := probe.LoadRoots(ca)
		if err != nil {
			return opts, err
		}
		opts.Roots = roots
	}
	opts.AllowHTTP = c.Bool("allow-http")
	needsCredentials := false
	for _, src := range sources {
		if opts.AllowHTTP && src.PlainHTTP() {
			fmt.Fprintf(c.App.ErrWriter, "dmaprep: warning: %s is read over plain HTTP: the API credentials cross the network unencrypted (recorded in the facts as plain_http)\n", src)
		}
		// A refused http:// source fails in the gather, which names it.
		needsCredentials = needsCredentials || (src.IsURL() && (opts.AllowHTTP || !src.PlainHTTP()))
	}
	if needsCredentials {
		user, password, err := wsapi.CredentialsFromEnv(e.getenv, c.String("password-file"))
		if err != nil {
			return opts, withFlagHint(err)
		}
		opts.User, opts.Password = user, password
		e.secrets.add(password)
	}
	return opts, nil
}

// progressPrinter shows each probe as it starts and ends, on one line per event, for a
// person watching a terminal; pipelines (stderr not a terminal) see nothing.
func progressPrinter(w io.Writer) func(probe.Event) {
	return func(ev probe.Event) {
		switch ev.Kind {
		case probe.TaskStarted:
			fmt.Fprintf(w, "\r\x1b[K  [%d/%d] %s ...", ev.Done, ev.Total, ev.Task)
		case probe.TaskFinished:
			fmt.Fprintf(w, "\r\x1b[K  [%d/%d] %s done in %v", ev.Done, ev.Total, ev.Task, ev.Elapsed.Round(time.Millisecond))
			if ev.Done == ev.Total {
				fmt.Fprintln(w)
			}
		}
	}
}

// writeJSON validates what it is about to write (a document dmaprep writes always passes
// its own schema), then writes it to --output atomically or to stdout.
func writeJSON(c *cli.Context, v any, validate func(any) ([]facts.Violation, error)) error {
	raw, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	raw = append(secretsOf(c).scrubBytes(raw), '\n')
	doc, err := facts.DecodeBytes(raw, "gathered facts")
	if err != nil {
		return err
	}
	violations, err := validate(doc)
	if err != nil {
		return err
	}
	if len(violations) > 0 {
		return fmt.Errorf("internal error: gathered facts break the schema (please report): %v", violations)
	}
	if out := c.String("output"); out != "" {
		if err := checkOutputPaths([]string{out}, inputPaths(c, false)); err != nil {
			return err
		}
		return atomicfile.Write(out, raw, factsPerm)
	}
	_, err = io.Copy(c.App.Writer, bytes.NewReader(raw))
	return err
}
