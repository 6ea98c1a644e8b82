//go:build !unix && !windows

package probe

import "strings"

func isRefused(err error) bool { return strings.Contains(err.Error(), "refused") }

// unreachable names the "no route" error err carries, or returns "".
func unreachable(err error) string {
	if strings.Contains(err.Error(), "unreachable") {
		return "unreachable"
	}
	return ""
}
