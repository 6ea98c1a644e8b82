//go:build windows

package probe

import (
	"errors"

	"golang.org/x/sys/windows"
)

func isRefused(err error) bool { return errors.Is(err, windows.WSAECONNREFUSED) }

// unreachable names the "no route" error err carries, or returns "".
func unreachable(err error) string {
	switch {
	case errors.Is(err, windows.WSAEHOSTUNREACH):
		return "host unreachable"
	case errors.Is(err, windows.WSAENETUNREACH):
		return "network unreachable"
	}
	return ""
}
