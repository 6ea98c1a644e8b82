package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/dmaprep/dmaprep/internal/atomicfile"
	"github.com/dmaprep/dmaprep/internal/spill"
)

// Exit codes after a signal, as shells report them (128 + the signal's number).
const (
	exitInterrupted = 130 // SIGINT
	exitTerminated  = 143 // SIGTERM
)

// exitOnSignal makes SIGINT and SIGTERM remove the temporary files of outputs being
// written (a report is either there whole or not at all) and the scratch files that
// still have a name, and end the process with 130 or
// 143. Only main installs it: in-process tests keep the default handling.
func exitOnSignal() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-signals
		atomicfile.RemoveTemporaries()
		spill.RemoveAll()
		code := exitInterrupted
		if s == syscall.SIGTERM {
			code = exitTerminated
		}
		fmt.Fprintf(os.Stderr, "dmaprep: stopped by %v; nothing written\n", s)
		os.Exit(code)
	}()
}
