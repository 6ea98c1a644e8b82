package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Format renders a set of reports to w.
type Format func(w io.Writer, s Set) error

// Options are the rendering choices a format may use.
type Options struct {
	// Color allows ANSI colours (only on a terminal, never with NO_COLOR).
	Color bool
	// Width is the text report's width in columns (0: DefaultWidth).
	Width int
	// Quiet makes the text report the verdict line only.
	Quiet bool
	// ToolVersion is the dmaprep version that reports name (SARIF's tool.driver.version);
	// "" is the main module's build version.
	ToolVersion string
	// TempDir is where the formats that summarise over every document keep what they
	// have rendered beyond the first MiB until the run ends (a nameless scratch file);
	// "" keeps it in memory.
	TempDir string
}

// formats maps each format name to its constructor. It is the single list that the
// --format help and validation are built from.
var formats = map[string]func(Options) Format{
	"text":     Text,
	"json":     func(Options) Format { return JSON },
	"jsonl":    func(Options) Format { return JSONLines },
	"junit":    func(Options) Format { return JUnit },
	"sarif":    SARIF,
	"github":   func(Options) Format { return GitHub },
	"markdown": func(Options) Format { return Markdown },
	"html":     func(Options) Format { return HTML },
}

// Names lists the format names, sorted.
func Names() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Get returns the named format.
func Get(name string, opts Options) (Format, error) {
	f, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (choose one of %s)", name, strings.Join(Names(), ", "))
	}
	return f(opts), nil
}
