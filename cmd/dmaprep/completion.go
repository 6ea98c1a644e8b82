package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
)

// Shell completion: each script asks dmaprep itself for the candidates (the words typed so
// far, then --generate-bash-completion: see complete), so it never goes stale. The scripts
// are urfave/cli's autocomplete scripts with the program named; fish's is urfave/cli's.
var completionScripts = map[string]string{
	"bash": `# dmaprep completion for bash: source <(dmaprep completion bash)
_dmaprep_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]}" words=("${COMP_WORDS[@]:0:COMP_CWORD}") opts
  if [[ "$cur" == "-"* ]]; then
    opts=$("${words[@]}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    opts=$("${words[@]}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "${opts}" -- "${cur}"))
}
complete -o bashdefault -o default -F _dmaprep_complete dmaprep
`,
	"zsh": `#compdef dmaprep
# dmaprep completion for zsh: dmaprep completion zsh > "${fpath[1]}/_dmaprep"
_dmaprep() {
  local -a opts
  local cur=${words[-1]}
  if [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion 2>/dev/null)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion 2>/dev/null)}")
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}
compdef _dmaprep dmaprep
`,
	"powershell": `# dmaprep completion for PowerShell: dmaprep completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName dmaprep -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $words = $commandAst.CommandElements | ForEach-Object { $_.ToString() }
  $line = ($words -join ' ')
  if ($wordToComplete -like '-*') { $line = ($words[0..($words.Count - 2)] -join ' ') + " $wordToComplete" }
  Invoke-Expression "$line --generate-bash-completion" | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`,
}

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script: bash, zsh, fish or powershell",
		ArgsUsage: "bash|zsh|fish|powershell",
		Description: `Examples:
   source <(dmaprep completion bash)                      # in ~/.bashrc
   dmaprep completion zsh > "${fpath[1]}/_dmaprep"
   dmaprep completion fish > ~/.config/fish/completions/dmaprep.fish
   dmaprep completion powershell | Out-String | Invoke-Expression   # in $PROFILE`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fmt.Errorf("completion: name one shell: bash, zsh, fish or powershell")
			}
			shell := c.Args().First()
			if shell == "fish" {
				script, err := c.App.ToFishCompletion()
				if err != nil {
					return err
				}
				_, err = io.WriteString(c.App.Writer, script)
				return err
			}
			script, ok := completionScripts[shell]
			if !ok {
				return fmt.Errorf("completion: unknown shell %q (choose bash, zsh, fish or powershell)", shell)
			}
			_, err := io.WriteString(c.App.Writer, script)
			return err
		},
	}
}

// completionRequest is the last argument with which a completion script asks for
// candidates.
const completionRequest = "--generate-bash-completion"

// complete prints the candidates for the words typed so far (the program name left out):
// after "-", the flags of the deepest command named whose names start with it; otherwise
// that command's subcommands (none: the shell completes file names).
func complete(app *cli.App, words []string, w io.Writer) {
	cmds, flags := app.Commands, app.Flags
	last := ""
	if len(words) > 0 {
		last = words[len(words)-1]
	}
	for _, word := range words {
		for _, c := range cmds {
			if c.HasName(word) {
				cmds, flags = c.Subcommands, c.Flags
				break
			}
		}
	}
	if strings.HasPrefix(last, "-") {
		for _, f := range flags {
			for _, name := range f.Names() {
				dashes := "--"
				if len(name) == 1 {
					dashes = "-"
				}
				if strings.HasPrefix(dashes+name, last) {
					fmt.Fprintln(w, dashes+name)
				}
			}
		}
		return
	}
	for _, c := range cmds {
		if !c.Hidden {
			fmt.Fprintln(w, c.Name)
		}
	}
}
