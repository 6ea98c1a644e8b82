package evaluator

import (
	"crypto/sha256"
	"errors"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Parsing and compiling policies is most of what a check costs (a few tenths of a second
// of CPU), and one process often does it many times over the same files: an embedder that
// judges pair after pair, an inventory whose pairs share the policies, a test binary that
// runs the CLI again and again. So both steps are cached for the process, by content:
// parsed modules by file name and bytes, compiled policies by every loaded file (name,
// flags and bytes) and the selected requirements. Identical inputs therefore give the
// very same immutable value, and a changed file, selection or source name a new one.
//
// The capabilities are not part of the keys: they are fixed for the process (this OPA
// version's built-ins less the sandbox's refusals), and every parse and compile uses them.
var (
	// parsedModules holds parsed files, bounded by their source size (a parsed module
	// takes about 20 times its source): the embedded policies with their tests are 0.7
	// MiB. The modules are shared, so nothing may modify them (OPA's compiler copies the
	// modules it is given).
	parsedModules = newCache[*ast.Module](2 << 20)
	// compiledPolicies holds a few compiled policy sets (each is about 10 MiB of OPA's
	// structures): enough for the embedded policies with a few selections.
	compiledPolicies = newCache[*Policies](4)
)

// digest is the content key of one file's bytes.
type digest [sha256.Size]byte

// cache is a bounded map whose values are computed once per key even by concurrent
// callers: the first computes, the others wait for its value. Errors are returned to the
// callers that waited for them but never kept, so a later call tries again (and reports
// the error afresh, naming the caller's files).
//
// It drops the least recently used entry that was never used again first, and only
// when there is none the least recently used of all: a stream of one-off policy sets
// (a --policy directory per run, say) then does not push out the ones in steady use.
type cache[V any] struct {
	mu      sync.Mutex
	limit   int64 // the most total cost kept
	cost    int64
	tick    uint64
	entries map[string]*cacheEntry[V]
}

type cacheEntry[V any] struct {
	done  chan struct{} // closed once val and err are set
	val   V
	err   error
	cost  int64
	used  uint64 // tick of the last use, for eviction
	again bool   // used since it was computed
}

func newCache[V any](limit int64) *cache[V] {
	return &cache[V]{limit: limit, entries: map[string]*cacheEntry[V]{}}
}

// errPanicked is what callers waiting on a computation that panicked get.
var errPanicked = errors.New("evaluator: policy compilation panicked")

// get returns the value for key, computing it with compute (whose result costs cost
// against the cache's limit) when it is not cached. A value costing more than the whole
// limit is computed but not kept.
func (c *cache[V]) get(key string, cost int64, compute func() (V, error)) (V, error) {
	c.mu.Lock()
	c.tick++
	if e, ok := c.entries[key]; ok {
		e.used, e.again = c.tick, true
		c.mu.Unlock()
		<-e.done
		return e.val, e.err
	}
	if cost > c.limit {
		c.mu.Unlock()
		return compute()
	}
	e := &cacheEntry[V]{done: make(chan struct{}), cost: cost, used: c.tick}
	c.entries[key] = e
	c.cost += cost
	c.evict(key)
	c.mu.Unlock()

	finished := false
	defer func() {
		if !finished {
			e.err = errPanicked
		}
		if e.err != nil {
			c.mu.Lock()
			if c.entries[key] == e {
				delete(c.entries, key)
				c.cost -= e.cost
			}
			c.mu.Unlock()
		}
		close(e.done)
	}()
	e.val, e.err = compute()
	finished = true
	return e.val, e.err
}

// evict drops entries other than keep until the cache is within its limit: the least
// recently used of those never used again, else the least recently used. Callers
// already waiting on a dropped entry still get its value.
func (c *cache[V]) evict(keep string) {
	for c.cost > c.limit {
		var victim string
		var ve *cacheEntry[V]
		for k, e := range c.entries {
			if k == keep {
				continue
			}
			if ve == nil || (!e.again && ve.again) || (e.again == ve.again && e.used < ve.used) {
				victim, ve = k, e
			}
		}
		if ve == nil {
			return
		}
		c.cost -= ve.cost
		delete(c.entries, victim)
	}
}

// clear empties the cache (for benchmarks of a cold start).
func (c *cache[V]) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.entries)
	c.cost = 0
}

// len is how many entries the cache holds (for tests).
func (c *cache[V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
