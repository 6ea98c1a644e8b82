package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/dmaprep/dmaprep/internal/atomicfile"
	"github.com/dmaprep/dmaprep/policydata"
	"github.com/dmaprep/dmaprep/report"
	"github.com/urfave/cli/v2"
)

func checkCommand(e env) *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "judge fact documents (or gather one with --primary/--backup) against every Failover preparation requirement",
		ArgsUsage: "FACTS.json|DIR|- ... | --primary SRC --backup SRC (--virtual-ip IP ... | --hostname NAME) | --inventory FILE",
		Description: `Each document is validated against the fact schema, then judged by the policies.
The report lists every requirement with its status: pass, fail, warn, info, skip,
unknown or waived.

Exit codes: 0 ready, 1 not ready (a requirement is fail or unknown; also warn with
--fail-on warn), 2 could not judge.

Each document gives one report. --format json writes, for one document or many,
{"schema_version": "2", "ready", "summary", "reports": [...]}: the verdict over all,
then the reports (each the object --format jsonl writes per line).

Examples:
   dmaprep check testdata/facts/valid/ready-vip.json
   dmaprep check --format json facts.json
   gather-facts | dmaprep check -
   dmaprep check --output json=report.json --output text=report.txt facts.json
   dmaprep check --now 2026-12-01T00:00:00Z facts.json   # reproducible runs
   dmaprep check --waivers waivers.yaml --data params.yaml --policy ./our-rules facts.json
   dmaprep check --format sarif --output junit=report.xml --output html=report.html facts.json
   dmaprep check --primary ./main --backup ./backup --virtual-ip 10.11.250.44 \
       --primary-ip 10.11.5.52 --backup-ip 10.11.4.52   # gather and judge in one run
   dmaprep check --format jsonl ./facts/                 # every *.json under a directory
   dmaprep check --inventory pairs.yaml                  # gather and judge a fleet`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "report format on stdout: " + strings.Join(report.Names(), ", ")},
			&cli.StringSliceFlag{Name: "output", Aliases: []string{"o"}, Usage: "also write a report as `FORMAT=FILE` (repeatable; written atomically)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "text format: print only the verdict line of each document"},
			&cli.StringFlag{Name: "fail-on", Value: "fail", Usage: "lowest status that fails the run: fail (fail and unknown) or warn (also warn)"},
			&cli.TimestampFlag{Name: "now", Layout: time.RFC3339, Usage: "evaluate as of this `TIME` (RFC 3339) instead of the clock: pins certificate validity (with --primary/--backup, the probes verify certificates at it too) and waiver expiry"},
			&cli.StringFlag{Name: "waivers", Usage: "accepted exceptions from `FILE` (YAML or JSON): requirement, justification, expires, optional agent and owner"},
			&cli.StringSliceFlag{Name: "disable", Usage: "leave out requirement `ID|NAME` (repeatable)"},
			&cli.StringSliceFlag{Name: "only", Usage: "evaluate only requirement `ID|NAME` (repeatable)"},
			&cli.StringFlag{Name: "inventory", Usage: "gather and judge every pair of a fleet inventory `FILE` (YAML or JSON; see the README)"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "judge up to `N` documents at once (reports keep the input order)"},
			&cli.DurationFlag{Name: "eval-timeout", Value: 10 * time.Second, Usage: "stop a document's evaluation after this long (a runaway policy is named)"},
		}, append(policyFlags(), pairFlags()...)...),
		Action: func(c *cli.Context) error {
			return runCheck(c, e)
		},
	}
}

type output struct {
	format string
	file   string // "" is stdout
}

// parseOutputs reads --format and --output; every format name is checked before any
// document is read.
func parseOutputs(c *cli.Context) ([]output, error) {
	outs := []output{{format: c.String("format")}}
	for _, spec := range c.StringSlice("output") {
		format, file, ok := strings.Cut(spec, "=")
		if !ok || format == "" || file == "" {
			return nil, fmt.Errorf("--output %q: want FORMAT=FILE, e.g. json=report.json", spec)
		}
		outs = append(outs, output{format: format, file: file})
	}
	for _, o := range outs {
		if _, err := report.Get(o.format, report.Options{}); err != nil {
			return nil, err
		}
	}
	return outs, nil
}

func runCheck(c *cli.Context, e env) error {
	failOn := c.String("fail-on")
	if failOn != "fail" && failOn != "warn" {
		return fmt.Errorf("--fail-on %q: choose fail or warn", failOn)
	}
	outs, err := parseOutputs(c)
	if err != nil {
		return err
	}
	if err := checkInputLimits(c); err != nil {
		return err
	}
	if err := checkOutputPaths(outputPaths(outs), inputPaths(c, true)); err != nil {
		return err
	}
	if c.Duration("eval-timeout") <= 0 {
		return fmt.Errorf("--eval-timeout must be positive")
	}
	jobs := c.Int("jobs")
	if jobs < 1 {
		return fmt.Errorf("--jobs %d: give at least 1", jobs)
	}
	if jobs > maxJobs {
		return fmt.Errorf("--jobs %d: at most %d (judging is CPU-bound: more jobs than CPUs (%d here) only use memory)", jobs, maxJobs, runtime.NumCPU())
	}
	docs, err := checkInputs(c, e)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Second)
	if t := c.Timestamp("now"); t != nil {
		now = t.UTC()
	}
	// Compiling the policies is the largest start-up cost: it runs while the first
	// documents are read and validated (which compiles the schema), on another core where
	// there is one. The collector stays off meanwhile (see withoutGC).
	ev := startEvaluator(func() (*evaluator.Evaluator, error) {
		return loadEvaluator(c, map[string]any{"fail_on": failOn})
	})
	// Colour, the terminal's width and --quiet are for a person at a terminal: never in files.
	terminal := report.Options{Color: useColor(e, c.App.Writer), Width: terminalWidth(e, c.App.Writer), Quiet: c.Bool("quiet"),
		ToolVersion: versionString()}
	sinks, err := openSinks(c.App.Writer, outs, terminal, e.secrets)
	if err != nil {
		return err
	}
	var tally report.Tally
	var fleet *fleetSummary
	if c.IsSet("inventory") {
		fleet = &fleetSummary{}
	}
	// Only GitHub annotations point at lines of the fact document: only then is it indexed.
	lines := slices.ContainsFunc(outs, func(o output) bool { return o.format == "github" })
	err = judgeAll(c.Context, docs, jobs, func(d input) (report.Report, error) {
		return judge(c.Context, ev, d, now, c.Duration("eval-timeout"), lines)
	}, func(rep report.Report) error {
		tally.Add(rep)
		if fleet != nil {
			fleet.add(rep)
		}
		return sinks.add(rep)
	})
	if err == nil && tally.Documents == 0 {
		err = fmt.Errorf("no fact document found")
	}
	if err != nil {
		sinks.abort()
		return err
	}
	if err := sinks.commit(); err != nil {
		return err
	}
	if fleet != nil {
		// After the text reports on stdout; beside any other format, on stderr.
		w := c.App.ErrWriter
		if outs[0].format == "text" {
			w = c.App.Writer
		}
		if err := fleet.write(w); err != nil {
			return err
		}
	}
	if !tally.Ready() {
		return errNotReady
	}
	return nil
}

// evaluatorLoad is the evaluator being loaded in the background.
type evaluatorLoad struct {
	done chan struct{}
	ev   *evaluator.Evaluator
	err  error
}

func startEvaluator(load func() (*evaluator.Evaluator, error)) *evaluatorLoad {
	l := &evaluatorLoad{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		withoutGC(func() { l.ev, l.err = load() })
	}()
	return l
}

func (l *evaluatorLoad) get() (*evaluator.Evaluator, error) {
	<-l.done
	return l.ev, l.err
}

// judge reads, validates and evaluates one document; with lines, it locates each result's
// first fact in the document's file (Result.Line).
func judge(ctx context.Context, l *evaluatorLoad, d input, now time.Time, limit time.Duration, lines bool) (report.Report, error) {
	doc, err := readFacts(d)
	if err != nil {
		return report.Report{}, err
	}
	ev, err := l.get()
	if err != nil {
		return report.Report{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	rep, err := ev.Evaluate(ctx, doc, now)
	if err != nil {
		return report.Report{}, fmt.Errorf("%s: %w", d.name, err)
	}
	rep.Source, rep.File = d.name, d.file
	if lines && d.file != "" && d.source != nil {
		locateFacts(&rep, d.source(), ev.Requirements())
	}
	return rep, nil
}

// maxJobs bounds --jobs: each job holds a document and its evaluation in memory.
const maxJobs = 1024

// judgeAll judges the documents with up to jobs of them in flight at once and hands each
// report to emit in input order, so the output does not depend on jobs. It stops at the
// first document that cannot be judged, after emitting every report before it. At most
// 2*jobs documents are held at any time, however many there are.
func judgeAll(ctx context.Context, docs iter.Seq[input], jobs int, judge func(input) (report.Report, error), emit func(report.Report) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type outcome struct {
		rep report.Report
		err error
	}
	type task struct {
		in   input
		done chan outcome
	}
	work := make(chan task)
	inOrder := make(chan task, 2*jobs)
	go func() {
		defer close(inOrder)
		defer close(work)
		for in := range docs {
			t := task{in: in, done: make(chan outcome, 1)}
			select {
			case inOrder <- t:
			case <-ctx.Done():
				return
			}
			select {
			case work <- t:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range jobs {
		go func() {
			for t := range work {
				rep, err := judge(t.in)
				t.done <- outcome{rep, err}
			}
		}()
	}
	for t := range inOrder {
		var o outcome
		select {
		case o = <-t.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if o.err != nil {
			return o.err
		}
		if err := emit(o.rep); err != nil {
			return err
		}
	}
	return nil
}

// sinks are the report streams of a run: stdout and the --output files. Files appear only
// when the run completes (commit); a run that stops early removes them (abort).
type sinks struct {
	secrets *secretList
	streams []report.Stream
	files   []*atomicfile.File
	buffers []*bufio.Writer
}

func openSinks(stdout io.Writer, outs []output, terminal report.Options, secrets *secretList) (*sinks, error) {
	s := &sinks{secrets: secrets}
	for _, o := range outs {
		w := stdout
		// Formats that summarise keep the documents' parts beside the report's own
		// temporary file, or in the system's temporary directory for stdout, a device
		// or a FIFO.
		opts := terminal
		opts.TempDir = os.TempDir()
		if o.file != "" {
			f, err := atomicfile.Create(o.file, reportPerm)
			if err != nil {
				s.abort()
				return nil, err
			}
			bw := bufio.NewWriterSize(f, 64<<10)
			s.files, s.buffers, w = append(s.files, f), append(s.buffers, bw), bw
			opts = report.Options{ToolVersion: terminal.ToolVersion, TempDir: os.TempDir()}
			if dir := f.Dir(); dir != "" {
				opts.TempDir = dir
			}
		}
		st, err := report.NewStream(o.format, w, opts)
		if err != nil {
			s.abort()
			return nil, err
		}
		s.streams = append(s.streams, st)
	}
	return s, nil
}

// add renders one report in every stream, with the known secrets scrubbed from its text (a
// last line of defence: no code path is meant to put one there). Each stream escapes
// control characters as its format needs (report.NewStream).
func (s *sinks) add(r report.Report) error {
	r = s.secrets.scrubReport(r)
	for _, st := range s.streams {
		if err := st.Add(r); err != nil {
			return fmt.Errorf("render report: %w", err)
		}
	}
	return nil
}

// commit closes every stream (writing the summaries), then moves the files into place.
func (s *sinks) commit() error {
	// Files first: stdout is written last so that a file that cannot be written stops the
	// run before a summarising format prints its report.
	for i := len(s.streams) - 1; i >= 0; i-- {
		if err := s.streams[i].Close(); err != nil {
			s.abort()
			return fmt.Errorf("render report: %w", err)
		}
		if i > 0 {
			if err := s.buffers[i-1].Flush(); err != nil {
				s.abort()
				return err // File.Write names the file
			}
		}
	}
	for _, f := range s.files {
		if err := f.Commit(); err != nil {
			s.abort()
			return err
		}
	}
	return nil
}

func (s *sinks) abort() {
	for _, st := range s.streams {
		st.Abort()
	}
	for _, f := range s.files {
		f.Abort()
	}
}

// loadEvaluator loads the policies with the check command's selections and waivers:
// --only/--disable and waivers must name requirements that exist, so a typo is an error
// rather than a rule that silently never applies.
func loadEvaluator(c *cli.Context, params map[string]any) (*evaluator.Evaluator, error) {
	// The flags override --data only when given.
	cfg, err := policyConfig(c, params)
	if err != nil {
		return nil, err
	}
	// The selection is resolved against the loaded requirements before they compile, so
	// that those left out are not even compiled.
	var selection map[string]any
	cfg.Select = func(all []evaluator.Requirement) (func(evaluator.Requirement) bool, error) {
		var keep func(evaluator.Requirement) bool
		var err error
		selection, keep, err = resolveSelection(c, cfg, all)
		return keep, err
	}
	ev, err := newEvaluator(c, cfg)
	if err != nil {
		return nil, err
	}
	ix := newRequirementIndex(ev.Requirements())
	if len(selection) > 0 {
		if err := ev.SetData(c.Context, []string{"dmaprep", "params"}, mergedParams(cfg, selection)); err != nil {
			return nil, fmt.Errorf("set --only/--disable: %w", err)
		}
	}
	if path := c.String("waivers"); path != "" {
		ws, err := policydata.LoadWaivers(path, ix.known)
		if err != nil {
			return nil, err
		}
		if err := ev.SetData(c.Context, []string{"dmaprep", "waivers"}, policydata.AsData(ws)); err != nil {
			return nil, fmt.Errorf("load waivers: %w", err)
		}
	}
	return ev, nil
}

// checkInputs lists the fact documents named as arguments, or the one gathered when
// --primary and --backup are given.
func checkInputs(c *cli.Context, e env) (iter.Seq[input], error) {
	if c.IsSet("inventory") {
		if c.NArg() > 0 {
			return nil, fmt.Errorf("give --inventory or fact documents, not both")
		}
		f, err := gatherFleet(c, e)
		if err != nil {
			return nil, err
		}
		return f.inputs(), nil
	}
	if !c.IsSet("primary") && !c.IsSet("backup") {
		if set := gatherOnlyFlags(c); len(set) > 0 {
			return nil, fmt.Errorf("%s: only for gathering, with --primary and --backup; a fact document already holds what it sets", strings.Join(set, ", "))
		}
		return inputs(c.Args().Slice(), c.App.Reader)
	}
	if c.NArg() > 0 {
		return nil, fmt.Errorf("give fact documents or --primary/--backup, not both")
	}
	const name = "gathered facts"
	gathered := input{name: name, decode: func() (any, error) {
		f, err := gatherPair(c, e)
		if err != nil {
			return nil, err
		}
		return gatheredDocument(f, name)
	}}
	return func(yield func(input) bool) { yield(gathered) }, nil
}

// loadMemoryLimit bounds the heap while the collector is off during policy loading: a
// safety net for large --policy trees, well above what the embedded policies need.
const loadMemoryLimit = 256 << 20

// batchGCPercent is the collector's target once the policies are loaded, unless GOGC is
// set. Over 1,000 documents on 2 cores, 200 instead of Go's 100 took 13% less CPU for
// 13 MB more peak RSS (82 MB); 400 took 22% less but 113 MB, and a memory limit with the
// collector off no less CPU than 200 for 110 MB.
const batchGCPercent = 200

// withoutGC runs f with the garbage collector off (unless the heap reaches
// loadMemoryLimit): loading and compiling the policies allocates a lot that stays live,
// so collections during it mostly find nothing to free. Afterwards the collector runs at
// batchGCPercent, or at what GOGC says.
func withoutGC(f func()) {
	percent := debug.SetGCPercent(-1)
	if os.Getenv("GOGC") == "" {
		percent = batchGCPercent
	}
	limit := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(min(limit, loadMemoryLimit))
	defer func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}()
	f()
}

// mergedParams is cfg's data.dmaprep.params with over laid on top.
func mergedParams(cfg evaluator.Config, over map[string]any) map[string]any {
	out := map[string]any{}
	if dm, ok := cfg.Data["dmaprep"].(map[string]any); ok {
		if p, ok := dm["params"].(map[string]any); ok {
			for k, v := range p {
				out[k] = v
			}
		}
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}
