//go:build unix

package spill

// unlinkOpen: an open file outlives its name, so the name goes at once.
const unlinkOpen = true
