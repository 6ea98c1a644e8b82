package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dmaprep/dmaprep/evaluator"
	"github.com/dmaprep/dmaprep/facts"
	"github.com/dmaprep/dmaprep/internal/atomicfile"
	"github.com/dmaprep/dmaprep/policydata"
	"github.com/dmaprep/dmaprep/report"
	"github.com/urfave/cli/v2"
)

func checkCommand(e env) *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "judge fact documents (or gather one with --primary/--backup) against every Failover preparation requirement",
		ArgsUsage: "FACTS.json|- ... | --primary SRC --backup SRC (--virtual-ip IP ... | --hostname NAME)",
		Description: `Each document is validated against the fact schema, then judged by the policies.
The report lists every requirement with its status: pass, fail, warn, info, skip,
unknown or waived.

Exit codes: 0 ready, 1 not ready (a requirement is fail or unknown; also warn with
--fail-on warn), 2 could not judge.

Several documents give one report each; --format json then writes
{"schema_version", "ready", "summary", "reports": [...]} with the verdict over all.

Examples:
   dmaprep check testdata/facts/valid/ready-vip.json
   dmaprep check --format json facts.json
   gather-facts | dmaprep check -
   dmaprep check --output json=report.json --output text=report.txt facts.json
   dmaprep check --now 2026-12-01T00:00:00Z facts.json   # reproducible runs
   dmaprep check --waivers waivers.yaml --data params.yaml --policy ./our-rules facts.json
   dmaprep check --format sarif --output junit=report.xml --output html=report.html facts.json
   dmaprep check --primary ./main --backup ./backup --virtual-ip 10.11.250.44 \
       --primary-ip 10.11.5.52 --backup-ip 10.11.4.52   # gather and judge in one run`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "report format on stdout: " + strings.Join(report.Names(), ", ")},
			&cli.StringSliceFlag{Name: "output", Aliases: []string{"o"}, Usage: "also write a report as `FORMAT=FILE` (repeatable; written atomically)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "text format: print only the verdict line of each document"},
			&cli.StringFlag{Name: "fail-on", Value: "fail", Usage: "lowest status that fails the run: fail (fail and unknown) or warn (also warn)"},
			&cli.TimestampFlag{Name: "now", Layout: time.RFC3339, Usage: "evaluate as of this `TIME` (RFC 3339) instead of the clock: pins certificate validity and waiver expiry"},
			&cli.StringFlag{Name: "waivers", Usage: "accepted exceptions from `FILE` (YAML or JSON): requirement, justification, expires, optional agent and owner"},
			&cli.StringSliceFlag{Name: "disable", Usage: "leave out requirement `ID|NAME` (repeatable)"},
			&cli.StringSliceFlag{Name: "only", Usage: "evaluate only requirement `ID|NAME` (repeatable)"},
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

// key tells renderings apart: stdout may be a terminal (colour, its width), a file never.
func (o output) key() string { return fmt.Sprintf("%s|%t", o.format, o.file == "") }

func parseOutputs(c *cli.Context, color bool, width int) ([]output, map[string]report.Format, error) {
	outs := []output{{format: c.String("format")}}
	for _, spec := range c.StringSlice("output") {
		format, file, ok := strings.Cut(spec, "=")
		if !ok || format == "" || file == "" {
			return nil, nil, fmt.Errorf("--output %q: want FORMAT=FILE, e.g. json=report.json", spec)
		}
		outs = append(outs, output{format: format, file: file})
	}
	formats := map[string]report.Format{}
	for _, o := range outs {
		if _, done := formats[o.key()]; done {
			continue
		}
		// Colour and the terminal's width are for a person at a terminal: never in files.
		opts := report.Options{Quiet: c.Bool("quiet") && o.file == ""}
		if o.file == "" {
			opts.Color, opts.Width = color, width
		}
		f, err := report.Get(o.format, opts)
		if err != nil {
			return nil, nil, err
		}
		formats[o.key()] = f
	}
	return outs, formats, nil
}

func runCheck(c *cli.Context, e env) error {
	failOn := c.String("fail-on")
	if failOn != "fail" && failOn != "warn" {
		return fmt.Errorf("--fail-on %q: choose fail or warn", failOn)
	}
	outs, formats, err := parseOutputs(c, useColor(e, c.App.Writer), terminalWidth(e, c.App.Writer))
	if err != nil {
		return err
	}
	// Compiling the policies is the largest start-up cost: it runs while the facts are read
	// and validated (which compiles the schema), on another core where there is one.
	type loaded struct {
		ev  *evaluator.Evaluator
		err error
	}
	evaluatorReady := make(chan loaded, 1)
	go func() {
		ev, err := loadEvaluator(c, map[string]any{"fail_on": failOn})
		evaluatorReady <- loaded{ev, err}
	}()
	docs, err := checkInput(c, e)
	if err == nil {
		err = validateDocuments(docs)
	}
	l := <-evaluatorReady
	if err != nil {
		return err
	}
	if l.err != nil {
		return l.err
	}
	ev := l.ev
	now := time.Now().UTC().Truncate(time.Second)
	if t := c.Timestamp("now"); t != nil {
		now = t.UTC()
	}
	if c.Duration("eval-timeout") <= 0 {
		return fmt.Errorf("--eval-timeout must be positive")
	}
	set, err := evaluate(c.Context, ev, docs, now, c.Duration("eval-timeout"))
	if err != nil {
		return err
	}
	if err := writeOutputs(c.App.Writer, outs, formats, set); err != nil {
		return err
	}
	if !set.Ready() {
		return errNotReady
	}
	return nil
}

func evaluate(ctx context.Context, ev *evaluator.Evaluator, docs []document, now time.Time, limit time.Duration) (report.Set, error) {
	var set report.Set
	for _, d := range docs {
		dctx, cancel := context.WithTimeout(ctx, limit)
		rep, err := ev.Evaluate(dctx, d.doc, now)
		cancel()
		if err != nil {
			return report.Set{}, fmt.Errorf("%s: %w", d.name, err)
		}
		rep.Source, rep.File = d.name, d.file
		set.Reports = append(set.Reports, rep)
	}
	return set, nil
}

// writeOutputs renders every output first and writes files only when all rendered, so a
// failing format leaves no file half-written.
func writeOutputs(stdout io.Writer, outs []output, formats map[string]report.Format, set report.Set) error {
	rendered := make([][]byte, len(outs))
	for i, o := range outs {
		var buf bytes.Buffer
		if err := formats[o.key()](&buf, set); err != nil {
			return fmt.Errorf("render %s report: %w", o.format, err)
		}
		rendered[i] = buf.Bytes()
	}
	for i, o := range outs {
		if o.file == "" {
			continue
		}
		if err := atomicfile.Write(o.file, rendered[i], 0o644); err != nil {
			return err
		}
	}
	_, err := stdout.Write(rendered[0])
	return err
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
	ev, err := evaluator.New(c.Context, cfg)
	if err != nil {
		return nil, err
	}
	ix := newRequirementIndex(ev.Requirements())
	selection := map[string]any{}
	for _, flag := range []string{"only", "disable"} {
		if !c.IsSet(flag) {
			continue
		}
		// IDs and names in any case become IDs, which the policies compare exactly;
		// --only all is every requirement, the same as no --only.
		ids := []string{}
		for _, x := range c.StringSlice(flag) {
			if flag == "only" && isAll(x) {
				ids = nil
				break
			}
			r, err := ix.lookup(x)
			if err != nil {
				return nil, fmt.Errorf("--%s: %w", flag, err)
			}
			ids = append(ids, r.ID)
		}
		selection[flag] = ids
	}
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

// checkInput reads the fact documents named as arguments, or gathers one when --primary
// and --backup are given.
func checkInput(c *cli.Context, e env) ([]document, error) {
	if !c.IsSet("primary") && !c.IsSet("backup") {
		if set := gatherOnlyFlags(c); len(set) > 0 {
			return nil, fmt.Errorf("%s: only for gathering, with --primary and --backup; a fact document already holds what it sets", strings.Join(set, ", "))
		}
		return readDocuments(c.Args().Slice(), c.App.Reader)
	}
	if c.NArg() > 0 {
		return nil, fmt.Errorf("give fact documents or --primary/--backup, not both")
	}
	f, err := gatherPair(c, e)
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	doc, err := facts.DecodeBytes(raw, "gathered facts")
	if err != nil {
		return nil, err
	}
	return []document{{name: "gathered facts", doc: doc}}, nil
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
