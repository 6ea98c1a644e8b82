# dmaprep: `make demo` judges the bundled sample; `make test` is what CI runs.
GO      ?= go
# The opa binary of the go.mod version, resolved once per make run: `go tool -n opa` builds
# it if needed and prints its path, and calling that path saves the go command's start-up
# (about 1 s of CPU) on each of the later calls. Its runs are short and allocate mostly
# garbage: with GOGC=400 instead of Go's 100, opa test takes some 20% less CPU for some
# 50 MB more memory.
OPA      = $(eval OPA := GOGC=400 $(or $(shell $(GO) tool -n opa),$(error go tool -n opa found no opa binary)))$(OPA)
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
BIN     := bin/dmaprep
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: help build demo test gotest regotest lint fmt golden fuzz fuzz-smoke bench bench-cli bench-gather bench-compare bench-evaluate bench-formats opa-bin conftest-bin clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

build: ## build bin/dmaprep
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/dmaprep

demo: build ## check the bundled ready sample (embedded policies); exit code 0 means ready
	$(BIN) check testdata/facts/valid/ready-vip.json

# The three parts run side by side (make -j3): lint and the Rego tests use the CPU while
# the Go tests wait on servers, browsers and time limits. --output-sync keeps each part's
# output together.
test: ## every test CI runs: formatting, vet, Windows build, Rego tests, Go tests (fuzz corpora included)
	@$(MAKE) --no-print-directory -j3 --output-sync=target gotest lint regotest

lint: ## gofmt, go vet (linux and windows, tests included), opa fmt and opa check --strict
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=windows $(GO) vet ./...   # every package and its tests, type-checked and vetted for Windows
	$(OPA) fmt --fail -l policies
	$(OPA) check --strict policies

regotest: ## the Rego unit tests with stock opa test (same OPA version as go.mod)
	$(OPA) test policies

# go test runs as many test binaries at once as there are CPUs (its default, said here so
# that it stays): the suite is CPU-bound, and twice as many binaries at once made it slower
# (on 2 CPUs, 55 s against 47 s, same machine and hour), the extra processes costing
# scheduling and page faults rather than filling idle time.
GOTEST_P = $(shell getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
# Within a test binary, go test runs as many parallel tests at once as there are CPUs. The
# hostile-input corpora hold cases that wait out a --timeout on a stalled server (seconds
# each, no CPU): with four per CPU, the tests that compute keep running meanwhile.
GOTEST_PARALLEL = $(shell echo $$(( $$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1) * 4 )))

# Every test binary is linked anew on each run (-count=1 caches no result); -ldflags=-w
# leaves out the DWARF debugging tables, which take about a third of the linker's time for
# the binaries that hold OPA. Stack traces do not need them.
gotest: ## the Go tests (they also run the Rego tests through dmaprep's own runner)
	$(GO) test -count=1 -p $(GOTEST_P) -parallel $(GOTEST_PARALLEL) -ldflags=-w -timeout 10m ./...   # tests run in parallel and the embedded policies compile once per test binary

# Every parser of outside input has a fuzz target (package:target). Their seeds and
# testdata/fuzz corpora also run as plain tests in gotest.
FUZZ_TARGETS := ./facts:FuzzDecodeBytes ./facts:FuzzDecodeStructured ./policydata:FuzzWaivers \
	./policydata:FuzzParams ./gatherer:FuzzOperatorFacts ./gatherer/dmfolder:FuzzRead \
	./dmversion:FuzzParse ./gatherer/wsapi:FuzzAgentAnswers
FUZZTIME ?= 60s

fuzz: ## run every fuzz target for FUZZTIME (default 60s) each; a failing input lands in the package's testdata/fuzz
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
	  $(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10x $$pkg || exit 1; \
	done

# A count of inputs rather than a duration: a duration as short as this one can end a
# worker mid-input and report "context deadline exceeded" as a failure.
fuzz-smoke: ## every fuzz target for 1000 inputs (CI runs it after make test)
	@$(MAKE) --no-print-directory fuzz FUZZTIME=1000x

fmt: ## format Go and Rego in place
	gofmt -w $$(git ls-files '*.go')
	$(OPA) fmt -w policies

golden: ## rewrite golden reports after an intended change (review the diff!)
	$(GO) test ./cmd/dmaprep/ -run "Golden|Readme" -update

bench: ## Go benchmarks per phase: decoding and validation, policy loading, evaluation, rendering; folder reading and gathering
	$(GO) test -run '^$$' -bench . -benchmem ./evaluator/ ./facts/ ./gatherer/ ./gatherer/dmfolder/ ./report/

opa-bin: ## build the opa binary of the go.mod version, for fair timing comparisons
	$(GO) build -trimpath -ldflags "-s -w" -o bin/opa github.com/open-policy-agent/opa

bench-cli: build opa-bin ## cold dmaprep check vs opa eval on the same policies and input (needs hyperfine)
	bench/cli.sh

conftest-bin: ## build conftest v0.71.1 into bin/, for bench-compare
	GOBIN=$(CURDIR)/bin $(GO) install github.com/open-policy-agent/conftest@v0.71.1

bench-compare: build opa-bin ## dmaprep check vs opa eval/exec and conftest at N = 1, 100, 1000, 10000 documents (BENCH_N="..." to choose; needs GNU time)
	@[ -x bin/conftest ] || $(MAKE) conftest-bin || echo "conftest could not be built: comparing with opa only"
	BENCH_N="$(BENCH_N)" bench/compare.sh

bench-evaluate: ## dmaprep's whole Evaluate against a stock OPA prepared query (what opa bench measures), alternately, as ratios (ROUNDS, N)
	bench/evaluate.sh

bench-formats: build ## peak RSS of check in every format over N = 10,000 documents (BENCH_N="..." to choose; needs GNU time)
	BENCH_N="$(BENCH_N)" bench/formats.sh

bench-gather: build ## gather from folders, with slow probes, and with a stalled backup (needs hyperfine)
	bench/gather.sh

clean: ## remove build output
	rm -rf bin
