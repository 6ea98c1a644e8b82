package wsapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dmaprep/dmaprep/dmversion"
	"github.com/dmaprep/dmaprep/facts"
)

// Fact names of facts.Agent (its JSON keys) that this package fills or explains.
const (
	factVersion      = "version"
	factDataMinerID  = "dataminer_id"
	factCluster      = "cluster"
	factElementCount = "element_count"
)

// LoginError is a login that did not give a connection: the credentials were refused, the
// agent asked for a second factor, or it could not be reached. Nothing can be read then.
type LoginError struct {
	Host string
	Err  error
}

func (e *LoginError) Error() string { return "wsapi: " + e.Host + ": login failed: " + e.Err.Error() }
func (e *LoginError) Unwrap() error { return e.Err }

// connectInfo is DMAConnectAndInfo, the part of it dmaprep reads.
type connectInfo struct {
	Connection  string `json:"Connection"`
	Message     string `json:"Message"`
	MessageType string `json:"MessageType"`
	DMAVersion  string `json:"DMAVersion"`
}

// dmaInfo is DMAInfo, one entry of GetDataMinerAgentsInfo.
type dmaInfo struct {
	ID         flexInt `json:"ID"`
	Name       string  `json:"Name"`
	PrimaryIP  string  `json:"PrimaryIP"`
	Cluster    string  `json:"Cluster"`
	IsFailOver bool    `json:"IsFailOver"`
}

// dmaStatistics is DMAStatistics, one entry of GetDataMinerAgentsStatistics.
type dmaStatistics struct {
	ID             flexInt  `json:"ID"`
	AmountElements *flexInt `json:"AmountElements"`
}

// flexInt is an integer the agent may send as a number or as a numeric string.
type flexInt int

func (n *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "null" {
		return nil
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		// b is the agent's text, of any length and content.
		return fmt.Errorf("%s is not an integer", printable(string(b), 40))
	}
	// DataMiner IDs and counts are 32-bit integers; a larger one is not the agent's, and
	// past 2^53 it would not even survive the fact document's readers.
	if v > math.MaxInt32 || v < math.MinInt32 {
		return fmt.Errorf("the integer %s is out of range", printable(s, 40))
	}
	*n = flexInt(v)
	return nil
}

// session is one login: the connection ID and what ConnectAppAndInfo said about the agent.
type session struct {
	token   string
	version string
	hasInfo bool // false after falling back to ConnectApp, which reports no version
}

// Agent logs in, reads what the API says about the agent it reached, and logs out. It fills
// version (DMAVersion), dataminer_id, cluster (only api_agent_count and api_is_failover:
// the API lists the DMS's agents, not DMS.xml's entries nor its cluster name, so members
// and name are left to the agent's folder) and element_count (AmountElements of
// GetDataMinerAgentsStatistics: every element on the agent, stopped ones too); every other
// fact stays nil because the API does not give it. A call that fails records its error
// under the facts it would have given and the rest goes on. A failed login returns a
// *LoginError, and an Agent with only its source set.
func (c *Client) Agent(ctx context.Context) (facts.Agent, error) {
	agent := facts.Agent{Source: &facts.Source{Kind: facts.SourceAPI, Location: c.base, PlainHTTP: c.plain}}
	secrets := newScrubber(c.opts.Password)

	sess, err := c.connect(ctx)
	if sess.token != "" {
		secrets.add(sess.token)
		defer c.logout(ctx, sess.token)
	}
	if err != nil {
		return agent, &LoginError{Host: c.host, Err: secrets.err(err)}
	}

	c.readVersion(&agent, sess)
	id := c.readAgents(ctx, &agent, sess.token)
	c.readElementCount(ctx, &agent, sess.token, id)

	for fact, msg := range agent.Errors {
		agent.Errors[fact] = secrets.string(msg)
	}
	if agent.Version != nil {
		agent.Version.Raw = secrets.string(agent.Version.Raw)
	}
	return agent, nil
}

// connect logs in with ConnectAppAndInfo and falls back to ConnectApp when the agent does
// not know that method. A refused login is answered in band (an empty Connection, with
// Message and MessageType saying why); a two-step authentication challenge comes with a
// Connection that is only half open. MessageType is therefore read before Connection, and
// a session with a token but an error (the challenge) is to be logged out by the caller.
func (c *Client) connect(ctx context.Context) (session, error) {
	params := map[string]any{
		"host":               "", // obsolete; the docs say to keep it empty
		"login":              c.opts.User,
		"password":           c.opts.Password,
		"clientAppName":      ClientAppName,
		"clientAppVersion":   c.opts.ClientVersion,
		"clientComputerName": "",
	}
	var info connectInfo
	err := c.call(ctx, "ConnectAppAndInfo", params, &info)
	var ce *CallError
	if errors.As(err, &ce) && ce.NotFound() {
		var token string
		if err := c.call(ctx, "ConnectApp", params, &token); err != nil {
			return session{}, err
		}
		if token == "" {
			return session{}, errors.New("ConnectApp returned no connection ID")
		}
		return session{token: token}, nil
	}
	if err != nil {
		return session{}, err
	}
	switch {
	case strings.EqualFold(strings.TrimSpace(info.MessageType), "Challenge"):
		return session{token: info.Connection}, errors.New("the agent asks for a second authentication step (two-step authentication), which a non-interactive tool cannot answer; " +
			"use an account without two-step authentication, or read the agent's folder (dmaprep gather agent on the agent) instead")
	case info.Connection == "" && info.Message != "":
		why := oneLine(info.Message)
		if t := strings.TrimSpace(info.MessageType); t != "" {
			why += " (" + t + ")"
		}
		return session{}, fmt.Errorf("ConnectAppAndInfo: %s", why)
	case info.Connection == "":
		return session{}, errors.New("ConnectAppAndInfo returned no connection ID")
	}
	return session{token: info.Connection, version: info.DMAVersion, hasInfo: true}, nil
}

// logout ends the session (LogOut) so it does not linger for five minutes. It runs even
// when ctx was cancelled, bounded by its own short timeout, but never past ctx's
// deadline: the gather's timeout covers the logout too. Its outcome does not matter.
func (c *Client) logout(ctx context.Context, token string) {
	d := 5 * time.Second
	if c.opts.Timeout > 0 && c.opts.Timeout < d {
		d = c.opts.Timeout
	}
	if deadline, ok := ctx.Deadline(); ok {
		d = min(d, time.Until(deadline))
	}
	if d <= 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), d)
	defer cancel()
	_ = c.call(ctx, "LogOut", map[string]any{"connection": token}, nil)
}

// maxVersion bounds the length of a DMAVersion: "10.4.0.0-14511-CU12 (feature release)" and
// its kin are far shorter.
const maxVersion = 100

func (c *Client) readVersion(agent *facts.Agent, sess session) {
	if !sess.hasInfo {
		agent.SetError(factVersion, errors.New("the agent does not offer ConnectAppAndInfo; ConnectApp does not report the DataMiner version"))
		return
	}
	if strings.TrimSpace(sess.version) == "" {
		agent.SetError(factVersion, errors.New("ConnectAppAndInfo returned no DMAVersion"))
		return
	}
	if n := utf8.RuneCountInString(sess.version); n > maxVersion {
		// The parser would quote it whole in its error: a flood, not a reason.
		agent.SetError(factVersion, fmt.Errorf("DMAVersion is %d characters long (%s); no DataMiner version is", n, printable(sess.version, 40)))
		return
	}
	v, err := dmversion.Parse(sess.version)
	if err != nil {
		agent.SetError(factVersion, fmt.Errorf("DMAVersion: %w", err))
		return
	}
	// Raw is the agent's text: what a message may not hold, the facts may not either.
	v.Raw = printable(v.Raw, maxVersion)
	v.Source = facts.SourceAPI
	agent.Version = &v
}

// readAgents fills dataminer_id and cluster (api_agent_count, api_is_failover) from
// GetDataMinerAgentsInfo and returns the ID of the agent reached (0 when unknown).
func (c *Client) readAgents(ctx context.Context, agent *facts.Agent, token string) int {
	var dmas []dmaInfo
	if err := c.call(ctx, "GetDataMinerAgentsInfo", map[string]any{"connection": token}, &dmas); err != nil {
		agent.SetError(factDataMinerID, err)
		agent.SetError(factCluster, err)
		return 0
	}
	if len(dmas) == 0 {
		err := errors.New("GetDataMinerAgentsInfo returned no agents")
		agent.SetError(factDataMinerID, err)
		agent.SetError(factCluster, err)
		return 0
	}
	count := len(dmas)
	agent.Cluster = &facts.Cluster{APIAgentCount: &count}
	self, err := c.self(ctx, dmas)
	if err != nil {
		agent.SetError(factDataMinerID, err)
		agent.SetError(factCluster, err) // api_is_failover is the reached agent's
		return 0
	}
	// The members and the name of DMS.xml are not in the API's answer (its Cluster is the
	// DMS's name, "DMS" on an agent that never joined one, not DMS.xml's content). Say so,
	// so that requirements on them name the source to read instead.
	agent.SetError(factCluster, errors.New("read through the Web Services API, which lists the agents of the DMS but not DMS.xml's entries or cluster name; read the agent's folder for those"))
	isFailover := self.IsFailOver
	agent.Cluster.APIIsFailover = &isFailover
	if self.ID > 0 {
		id := int(self.ID)
		agent.DataMinerID = &id
	} else {
		agent.SetError(factDataMinerID, fmt.Errorf("GetDataMinerAgentsInfo gave agent %q the ID %d", self.Name, self.ID))
	}
	return int(self.ID)
}

// self picks, among the agents of the DMS, the one this client reached. The API has no
// "this agent" marker and an agent answers for the whole DMS, so an entry is taken only
// when its PrimaryIP is one of the agent's addresses (the URL's host, what that host
// resolves to, the addresses the operator gave) or its Name is the URL's host name (or
// that name's first label). A DMS of one entry is that entry: an agent always lists
// itself. Anything else (no entry matches, or several do) is an error, never a guess:
// taking the other agent of a DMS would record its DataMiner ID as this one's.
func (c *Client) self(ctx context.Context, dmas []dmaInfo) (dmaInfo, error) {
	host := strings.TrimSuffix(strings.ToLower(c.hostname), ".")
	ips := map[netip.Addr]bool{}
	addIP := func(s string) {
		if a, err := netip.ParseAddr(strings.TrimSpace(s)); err == nil {
			ips[a.Unmap().WithZone("")] = true
		}
	}
	for _, a := range c.opts.AgentAddresses {
		ips[a.Unmap().WithZone("")] = true
	}
	var lookupErr error
	if _, err := netip.ParseAddr(host); err == nil {
		addIP(host)
	} else if len(dmas) > 1 {
		lookup := c.opts.LookupHost
		if lookup == nil {
			lookup = net.DefaultResolver.LookupHost
		}
		addrs, err := lookup(ctx, host)
		lookupErr = err
		for _, a := range addrs {
			addIP(a)
		}
	}
	label, _, _ := strings.Cut(host, ".")
	var matches []dmaInfo
	for _, d := range dmas {
		p := strings.ToLower(strings.TrimSpace(d.PrimaryIP))
		name := strings.ToLower(strings.TrimSpace(d.Name))
		a, err := netip.ParseAddr(p)
		switch {
		case err == nil && ips[a.Unmap().WithZone("")],
			p != "" && p == host,
			name != "" && (name == host || name == label):
			matches = append(matches, d)
		}
	}
	switch {
	case len(matches) == 1:
		return matches[0], nil
	case len(dmas) == 1:
		return dmas[0], nil
	case len(matches) > 1:
		return dmaInfo{}, fmt.Errorf("GetDataMinerAgentsInfo lists %d agents and %d of them (%s) match %s; cannot tell which one was reached",
			len(dmas), len(matches), describe(matches), c.hostname)
	}
	msg := fmt.Sprintf("GetDataMinerAgentsInfo lists %d agents (%s) and none has the address or name %s", len(dmas), describe(dmas), c.hostname)
	if lookupErr != nil {
		msg += " (its lookup failed: " + lookupErr.Error() + ")"
	}
	return dmaInfo{}, errors.New(msg + "; give the agent's own IP address with its source, or use that address in the URL")
}

// maxDescribed is how many agents a message names; a DMS of a thousand agents would
// otherwise give a message of a thousand entries.
const maxDescribed = 10

// describe names agents for messages: "ID 212 DMA-MAIN 10.0.0.1, ...".
func describe(dmas []dmaInfo) string {
	parts := make([]string, 0, len(dmas))
	for _, d := range dmas {
		if len(parts) == maxDescribed {
			parts = append(parts, fmt.Sprintf("and %d more", len(dmas)-maxDescribed))
			break
		}
		// Name and PrimaryIP are the agent's text, of any length and content.
		parts = append(parts, strings.TrimSpace(fmt.Sprintf("ID %d %s %s", int(d.ID), printable(d.Name, 64), printable(d.PrimaryIP, 64))))
	}
	return strings.Join(parts, ", ")
}

// readElementCount fills element_count from GetDataMinerAgentsStatistics (AmountElements:
// every element on the agent; the licence info's AmountElementsActive counts only active
// ones, so a backup whose elements are all stopped would read 0): the entry of agent id,
// or the only entry when the ID is unknown.
func (c *Client) readElementCount(ctx context.Context, agent *facts.Agent, token string, id int) {
	const method = "GetDataMinerAgentsStatistics"
	var stats []dmaStatistics
	if err := c.call(ctx, method, map[string]any{"connection": token}, &stats); err != nil {
		agent.SetError(factElementCount, err)
		return
	}
	var found *dmaStatistics
	switch {
	case id > 0:
		for i := range stats {
			if int(stats[i].ID) == id {
				found = &stats[i]
				break
			}
		}
		if found == nil {
			agent.SetError(factElementCount, fmt.Errorf("%s has no entry for agent %d", method, id))
			return
		}
	case len(stats) == 1:
		found = &stats[0]
	default:
		agent.SetError(factElementCount, fmt.Errorf("%s lists %d agents and which one was reached is not known", method, len(stats)))
		return
	}
	if found.AmountElements == nil {
		agent.SetError(factElementCount, fmt.Errorf("%s gave no AmountElements for agent %d", method, int(found.ID)))
		return
	}
	n := int(*found.AmountElements)
	if n < 0 {
		agent.SetError(factElementCount, fmt.Errorf("%s gave AmountElements %d for agent %d", method, n, int(found.ID)))
		return
	}
	agent.ElementCount = &n
}

// scrubber removes secrets (the password, the connection ID) from text before it leaves the
// package. Secrets shorter than minSecret are not searched for: replacing every "ab" in a
// message would garble it, and no agent message is expected to echo a secret anyway.
type scrubber struct{ secrets []string }

const minSecret = 4

func newScrubber(secrets ...string) *scrubber {
	s := &scrubber{}
	for _, v := range secrets {
		s.add(v)
	}
	return s
}

func (s *scrubber) add(secret string) {
	if len(secret) >= minSecret {
		s.secrets = append(s.secrets, secret)
		// A JSON-escaped copy too, in case a fault quoted the request body.
		if b, err := json.Marshal(secret); err == nil {
			if q := string(b[1 : len(b)-1]); q != secret {
				s.secrets = append(s.secrets, q)
			}
		}
	}
}

func (s *scrubber) string(msg string) string {
	for _, v := range s.secrets {
		msg = strings.ReplaceAll(msg, v, "[redacted]")
	}
	return redactSecretValues(msg)
}

// secretValue is a secret an agent's message may carry that dmaprep never knew: the value
// of a password, token or secret in a connection string ("...;Password=x;"), a
// key-value list or JSON ("token": "x"), a bearer token, or the user and password of a URL.
var (
	secretValue = regexp.MustCompile(`(?i)((?:(?:password|passwd|pwd|secret|token|api[_-]?key|credentials?|authorization)[a-z_]*"?\s*[=:]\s*"?\s*(?:bearer\s+|basic\s+)?)|\bbearer\s+)([^;,\s"'&<>]+)`)
	urlUserinfo = regexp.MustCompile(`(?i)([a-z][a-z0-9+.-]*://)[^/\s@]+@`)
)

// redactSecretValues replaces the secret values of secretValue and urlUserinfo with
// [redacted], keeping their names so that the message still says what was there.
func redactSecretValues(msg string) string {
	msg = secretValue.ReplaceAllString(msg, "${1}[redacted]")
	return urlUserinfo.ReplaceAllString(msg, "${1}[redacted]@")
}

// err returns err unchanged when its message holds no secret, else an error with the
// secrets replaced and nothing to unwrap (so the original text cannot be reached).
func (s *scrubber) err(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if clean := s.string(msg); clean != msg {
		return errors.New(clean)
	}
	return err
}
