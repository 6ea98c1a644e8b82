//go:build !windows

package host

// Services returns nil: Windows services exist only on Windows.
func Services() map[string]string { return nil }

// ObserveWindows returns a Windows with every field nil: none of it can be observed here.
func ObserveWindows() Windows { return Windows{} }
