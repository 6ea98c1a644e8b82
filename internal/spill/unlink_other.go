//go:build !unix

package spill

// unlinkOpen: an open file cannot lose its name here; Close and RemoveAll remove it.
const unlinkOpen = false
