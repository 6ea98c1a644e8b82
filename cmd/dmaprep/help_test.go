package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var helpCommands = [][]string{{}, {"check"}, {"gather"}, {"gather", "pair"}, {"gather", "agent"}, {"validate"},
	{"requirements"}, {"test"}, {"bundle"}, {"policies", "export"}, {"explain"}, {"completion"}}

// TestHelpFoldsWithoutLosingAnything: at 60, 80 and 100 columns every command's help fits
// the width, its description has the same words in the same order as on a wide terminal,
// and its examples are the same commands, still runnable when pasted (continued with a
// backslash, comments on their own line).
func TestHelpFoldsWithoutLosingAnything(t *testing.T) {
	t.Parallel()
	for _, cmd := range helpCommands {
		wide := dmaprep(t, "", map[string]string{"COLUMNS": "400"}, append(cmd, "--help")...)
		wantCode(t, wide, exitReady)
		for _, width := range []int{60, 80, 100} {
			r := dmaprep(t, "", map[string]string{"COLUMNS": strconv.Itoa(width)}, append(cmd, "--help")...)
			wantCode(t, r, exitReady)
			for _, line := range strings.Split(r.stdout, "\n") {
				if len(line) > width && !strings.Contains(line, "://") {
					t.Errorf("%v --help at %d: a line of %d columns: %q", cmd, width, len(line), line)
				}
			}
			for _, line := range strings.Split(description(r.stdout), "\n") {
				if line != "" && indentOf(line) != 3 {
					t.Errorf("%v --help at %d: a description line out of its paragraph: %q", cmd, width, line)
				}
			}
			if diff := cmp.Diff(strings.Fields(description(wide.stdout)), strings.Fields(description(r.stdout))); diff != "" {
				t.Errorf("%v --help at %d: the description's words changed (-wide +folded):\n%s", cmd, width, diff)
			}
			if diff := cmp.Diff(examples(wide.stdout), examples(r.stdout)); diff != "" {
				t.Errorf("%v --help at %d: the examples changed (-wide +folded):\n%s", cmd, width, diff)
			}
		}
	}
}

// description is the DESCRIPTION section of a help text without its examples.
func description(help string) string {
	_, after, _ := strings.Cut(help, "DESCRIPTION:\n")
	if i := regexp.MustCompile(`\n[A-Z ]+:\n`).FindStringIndex(after); i != nil {
		after = after[:i[0]]
	}
	before, _, _ := strings.Cut(after, "Example")
	return before
}

// examples are the commands under "Examples:" as a shell reads them: continuation lines
// joined, comments apart, spacing normalised.
func examples(help string) (commands []string) {
	_, after, ok := strings.Cut(help, "Example")
	if !ok {
		return nil
	}
	_, after, _ = strings.Cut(after, "\n")
	block, _, _ := strings.Cut(after, "\n\n")
	comment := regexp.MustCompile(`(^|\s)#.*$`)
	var current string
	for _, line := range strings.Split(block, "\n") {
		if c := comment.FindString(line); c != "" {
			commands = append(commands, "comment:"+strings.TrimSpace(c))
		}
		line = strings.TrimSpace(comment.ReplaceAllString(line, ""))
		if line == "" {
			continue
		}
		continued := strings.HasSuffix(line, `\`)
		current += " " + strings.TrimSuffix(line, `\`)
		if !continued {
			commands = append(commands, strings.Join(strings.Fields(current), " "))
			current = ""
		}
	}
	return commands
}

func TestFoldExampleKeepsFlagsWithTheirValues(t *testing.T) {
	t.Parallel()
	got := foldExample([]string{"   dmaprep check --policy ./our-rules --format json facts.json   # a comment"}, 40)
	want := []string{
		"   # a comment",
		"   dmaprep check --policy ./our-rules \\",
		"       --format json facts.json",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := foldExample([]string{"   dmaprep check facts.json"}, 40); !cmp.Equal(got, []string{"   dmaprep check facts.json"}) {
		t.Errorf("a command that fits changed: %q", got)
	}
}
