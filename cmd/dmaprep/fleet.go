package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/gatherer"
	"github.com/dmaprep/dmaprep/gatherer/source"
	"github.com/dmaprep/dmaprep/internal/atomicfile"
	"github.com/dmaprep/dmaprep/inventory"
	"github.com/dmaprep/dmaprep/report"
	"github.com/urfave/cli/v2"
)

// fleetGatherLimit is how many pairs are gathered at once. Gathering waits on agents and
// the network, not on the CPU, so a fleet is gathered in about the time of its slowest
// pair; the limit keeps a 300-system inventory from opening thousands of connections.
const fleetGatherLimit = 64

// gatheredPair is the outcome of one inventory pair's gather.
type gatheredPair struct {
	facts facts.Facts
	err   error
}

// fleet is an inventory being gathered: one result per pair, each delivered once.
type fleet struct {
	pairs   []inventory.Pair
	results []chan gatheredPair
}

// gatherFleet loads the inventory and starts gathering every pair, each within the
// --timeout of its own gather. Progress goes to stderr when it is a terminal.
func gatherFleet(c *cli.Context, e env) (*fleet, error) {
	var given []string
	for _, name := range []string{"primary", "backup", "virtual-ip", "hostname", "primary-ip", "backup-ip", "operator-facts"} {
		if c.IsSet(name) {
			given = append(given, "--"+name)
		}
	}
	if len(given) > 0 {
		return nil, fmt.Errorf("%s: describes one pair; with --inventory each pair is described in the inventory", strings.Join(given, ", "))
	}
	pairs, err := inventory.Load(c.String("inventory"))
	if err != nil {
		return nil, err
	}
	var sources []source.Source
	for _, p := range pairs {
		sources = append(sources, p.Primary, p.Backup)
	}
	base, err := gatherOptions(c, e, sources...)
	if err != nil {
		return nil, err
	}
	f := &fleet{pairs: pairs, results: make([]chan gatheredPair, len(pairs))}
	var progress *fleetProgress
	if isTerminal(c.App.ErrWriter) {
		progress = newFleetProgress(c.App.ErrWriter, len(pairs))
	}
	slots := make(chan struct{}, fleetGatherLimit)
	for i, p := range pairs {
		f.results[i] = make(chan gatheredPair, 1)
		go func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			progress.start(p.Name)
			facts, err := gatherer.Pair(c.Context, pairOptions(base, p))
			progress.finish(p.Name)
			if err != nil {
				err = fmt.Errorf("inventory pair %s: %w", p.Name, withFlagHint(err))
			}
			f.results[i] <- gatheredPair{facts, err}
		}()
	}
	return f, nil
}

// pairOptions is base with one inventory pair's agents and addressing; what the pair
// leaves out comes from the flags.
func pairOptions(base gatherer.Options, p inventory.Pair) gatherer.Options {
	opts := base
	opts.Primary, opts.Backup = p.Primary, p.Backup
	opts.VirtualIPs, opts.Hostname = p.VirtualIPs, p.Hostname
	opts.PrimaryIPs, opts.BackupIPs = p.PrimaryIPs, p.BackupIPs
	if p.DNSServer != "" {
		opts.DNSServer = p.DNSServer
	}
	if p.HTTPSPort != 0 {
		opts.HTTPSPort = p.HTTPSPort
	}
	if len(p.InvertedHeartbeat) > 0 {
		opts.InvertedHeartbeatTargets = p.InvertedHeartbeat
	}
	return opts
}

// inputs yields each pair's fact document, in inventory order, as its gather ends; each
// report's source is the pair's name.
func (f *fleet) inputs() iter.Seq[input] {
	return func(yield func(input) bool) {
		for i, p := range f.pairs {
			result := f.results[i]
			in := input{name: p.Name, decode: func() (any, error) {
				g := <-result
				if g.err != nil {
					return nil, g.err
				}
				return gatheredDocument(g.facts, "inventory pair "+p.Name)
			}}
			if !yield(in) {
				return
			}
		}
	}
}

// runGatherInventory writes one fact document per inventory pair, DIR/NAME.json. The files
// are written only when every pair was gathered.
func runGatherInventory(c *cli.Context, e env) error {
	dir := c.String("output-dir")
	if dir == "" {
		return fmt.Errorf("gather --inventory writes one file per pair: give --output-dir DIR")
	}
	f, err := gatherFleet(c, e)
	if err != nil {
		return err
	}
	var files []*atomicfile.File
	abort := func() {
		for _, file := range files {
			file.Abort()
		}
	}
	for i, p := range f.pairs {
		g := <-f.results[i]
		if g.err != nil {
			abort()
			return g.err
		}
		if i == 0 {
			// A missing directory is made, with its parents (as mkdir -p), once the first
			// pair is in: a run that fails earlier leaves nothing behind. A path that
			// exists and is not a directory fails below, naming the file.
			if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
				if err := os.MkdirAll(dir, 0o777); err != nil {
					return fmt.Errorf("--output-dir: %w", err)
				}
			}
		}
		raw, err := json.MarshalIndent(g.facts, "", "  ")
		raw = secretsOf(c).scrubBytes(raw)
		if err == nil {
			var file *atomicfile.File
			if file, err = atomicfile.Create(filepath.Join(dir, p.Name+".json"), factsPerm); err == nil {
				files = append(files, file)
				_, err = file.Write(append(raw, '\n'))
			}
		}
		if err != nil {
			abort()
			return err
		}
	}
	for i, file := range files {
		if err := file.Commit(); err != nil {
			for _, rest := range files[i+1:] {
				rest.Abort()
			}
			return err
		}
	}
	fmt.Fprintf(c.App.ErrWriter, "dmaprep: %d fact documents written to %s\n", len(files), dir)
	return nil
}

// fleetSummary is the table closing a fleet check: one line per pair with its verdict
// and the requirements that fail or are unknown.
type fleetSummary struct {
	rows []fleetRow
}

// fleetRow is one pair of the table: its name, verdict and the IDs that fail or are
// unknown.
type fleetRow struct {
	pair    string
	ready   bool
	failing []string
}

func (s *fleetSummary) add(r report.Report) {
	row := fleetRow{pair: r.Source, ready: r.Ready}
	for _, res := range r.Results {
		if res.Status == report.StatusFail || res.Status == report.StatusUnknown {
			row.failing = append(row.failing, res.ID)
		}
	}
	s.rows = append(s.rows, row)
}

func (s *fleetSummary) write(w io.Writer) error {
	ready := 0
	for _, r := range s.rows {
		if r.ready {
			ready++
		}
	}
	fmt.Fprintf(w, "\nFleet: %d pairs, %d ready, %d not ready\n\n", len(s.rows), ready, len(s.rows)-ready)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PAIR\tVERDICT\tFAIL OR UNKNOWN")
	for _, r := range s.rows {
		verdict, failing := "READY", "-"
		if !r.ready {
			verdict = "NOT READY"
		}
		if len(r.failing) > 0 {
			failing = strings.Join(r.failing, " ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.pair, verdict, failing)
	}
	return tw.Flush()
}

// fleetProgress shows, on one terminal line, how many pairs are gathered, the time
// spent and the pair that has been pending longest. A nil *fleetProgress shows nothing.
type fleetProgress struct {
	mu      sync.Mutex
	w       io.Writer
	total   int
	done    int
	began   time.Time
	pending map[string]time.Time
}

func newFleetProgress(w io.Writer, total int) *fleetProgress {
	p := &fleetProgress{w: w, total: total, began: time.Now(), pending: map[string]time.Time{}}
	go func() {
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for range tick.C {
			if !p.show() {
				return
			}
		}
	}()
	return p
}

func (p *fleetProgress) start(name string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.pending[name] = time.Now()
	p.mu.Unlock()
}

func (p *fleetProgress) finish(name string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	delete(p.pending, name)
	p.done++
	p.mu.Unlock()
	p.show()
}

// show draws the line; it reports false once every pair is done (and ends the line).
func (p *fleetProgress) show() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done > p.total {
		return false
	}
	line := fmt.Sprintf("  gathered %d/%d pairs, %v", p.done, p.total, time.Since(p.began).Round(100*time.Millisecond))
	slowest, since := "", time.Time{}
	for name, t := range p.pending {
		if slowest == "" || t.Before(since) || t.Equal(since) && name < slowest {
			slowest, since = name, t
		}
	}
	if slowest != "" {
		line += fmt.Sprintf("; slowest pending: %s (%v)", slowest, time.Since(since).Round(100*time.Millisecond))
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	if p.done == p.total {
		fmt.Fprintln(p.w)
		p.done++ // drawn for the last time
		return false
	}
	return true
}
