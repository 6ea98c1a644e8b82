package wsapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

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

// dmaLicenseInfo is DMALicenseInfo, one entry of GetDataMinerAgentsLicenseInfo.
type dmaLicenseInfo struct {
	ID                   flexInt  `json:"ID"`
	Name                 string   `json:"Name"`
	AmountElementsActive *flexInt `json:"AmountElementsActive"`
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
		return fmt.Errorf("%s is not an integer", b)
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
// version (DMAVersion), dataminer_id, cluster (every agent of the DMS as a member, the
// agent count and IsFailOver) and element_count (AmountElementsActive); every other fact
// stays nil because the API does not give it. A call that fails records its error under the
// facts it would have given and the rest goes on. A failed login returns a *LoginError, and
// an Agent with only its source set.
func (c *Client) Agent(ctx context.Context) (facts.Agent, error) {
	agent := facts.Agent{Source: &facts.Source{Kind: facts.SourceAPI, Location: c.base}}
	secrets := newScrubber(c.opts.Password)

	sess, err := c.connect(ctx)
	if err != nil {
		return agent, &LoginError{Host: c.host, Err: secrets.err(err)}
	}
	secrets.add(sess.token)
	defer c.logout(ctx, sess.token)

	c.readVersion(&agent, sess)
	id := c.readAgents(ctx, &agent, sess.token)
	c.readElementCount(ctx, &agent, sess.token, id)

	for fact, msg := range agent.Errors {
		agent.Errors[fact] = secrets.string(msg)
	}
	return agent, nil
}

// connect logs in with ConnectAppAndInfo and falls back to ConnectApp when the agent does
// not know that method.
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
	if info.Connection == "" {
		switch {
		case strings.EqualFold(info.MessageType, "Challenge"):
			return session{}, errors.New("the agent asks for a second authentication step, which dmaprep does not support; use an account without two-step authentication")
		case info.Message != "":
			return session{}, fmt.Errorf("ConnectAppAndInfo: %s", oneLine(info.Message))
		default:
			return session{}, errors.New("ConnectAppAndInfo returned no connection ID")
		}
	}
	return session{token: info.Connection, version: info.DMAVersion, hasInfo: true}, nil
}

// logout ends the session (LogOut) so it does not linger for five minutes. It runs even
// when ctx was cancelled, bounded by its own short timeout, but never past ctx's
// deadline: the gather's --timeout covers the logout too. Its outcome does not matter.
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

func (c *Client) readVersion(agent *facts.Agent, sess session) {
	if !sess.hasInfo {
		agent.SetError(factVersion, errors.New("the agent does not offer ConnectAppAndInfo; ConnectApp does not report the DataMiner version"))
		return
	}
	if strings.TrimSpace(sess.version) == "" {
		agent.SetError(factVersion, errors.New("ConnectAppAndInfo returned no DMAVersion"))
		return
	}
	v, err := dmversion.Parse(sess.version)
	if err != nil {
		agent.SetError(factVersion, fmt.Errorf("DMAVersion: %w", err))
		return
	}
	v.Source = facts.SourceAPI
	agent.Version = &v
}

// readAgents fills dataminer_id and cluster from GetDataMinerAgentsInfo and returns the ID
// of the agent reached (0 when unknown).
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
	self := c.self(dmas)

	members := make([]facts.ClusterMember, 0, len(dmas))
	for _, d := range dmas {
		addr := strings.TrimSpace(d.PrimaryIP)
		if addr == "" {
			continue // the schema needs an address; the count below still includes it
		}
		m := facts.ClusterMember{Address: addr, AddressIsHostname: net.ParseIP(addr) == nil}
		if d.ID > 0 {
			id := int(d.ID)
			m.ID = &id
		}
		members = append(members, m)
	}
	count := len(dmas)
	isFailover := self.IsFailOver
	cluster := &facts.Cluster{
		Members:       members,
		APIAgentCount: &count,
		APIIsFailover: &isFailover,
	}
	if name := strings.TrimSpace(self.Cluster); name != "" {
		cluster.Name = &name
	}
	agent.Cluster = cluster

	if self.ID > 0 {
		id := int(self.ID)
		agent.DataMinerID = &id
	} else {
		agent.SetError(factDataMinerID, fmt.Errorf("GetDataMinerAgentsInfo gave agent %q the ID %d", self.Name, self.ID))
	}
	return int(self.ID)
}

// self picks, among the agents of the DMS, the one this client reached: the entry whose
// PrimaryIP is the address in the URL (or, for a URL with a name, whose PrimaryIP or Name is
// that name or its first label); else the only entry; else the first entry. The API has no
// "this agent" marker, and an agent answers for the whole DMS, so when the URL names none of
// the entries (a NAT address, a DNS alias, localhost) the first entry is a guess; it is right
// for the case that matters most, a standalone agent, which lists only itself.
func (c *Client) self(dmas []dmaInfo) dmaInfo {
	host := strings.TrimSuffix(strings.ToLower(c.hostname), ".")
	hostIP := net.ParseIP(host)
	label, _, _ := strings.Cut(host, ".")
	for _, d := range dmas {
		p := strings.ToLower(strings.TrimSpace(d.PrimaryIP))
		if hostIP != nil {
			if ip := net.ParseIP(p); ip != nil && ip.Equal(hostIP) {
				return d
			}
			continue
		}
		name := strings.ToLower(strings.TrimSpace(d.Name))
		if p == host || name == host || (name != "" && name == label) {
			return d
		}
	}
	return dmas[0]
}

// readElementCount fills element_count from GetDataMinerAgentsLicenseInfo: the entry of
// agent id, or the only entry when the ID is unknown.
func (c *Client) readElementCount(ctx context.Context, agent *facts.Agent, token string, id int) {
	var lics []dmaLicenseInfo
	if err := c.call(ctx, "GetDataMinerAgentsLicenseInfo", map[string]any{"connection": token}, &lics); err != nil {
		agent.SetError(factElementCount, err)
		return
	}
	var found *dmaLicenseInfo
	switch {
	case id > 0:
		for i := range lics {
			if int(lics[i].ID) == id {
				found = &lics[i]
				break
			}
		}
		if found == nil {
			agent.SetError(factElementCount, fmt.Errorf("GetDataMinerAgentsLicenseInfo has no entry for agent %d", id))
			return
		}
	case len(lics) == 1:
		found = &lics[0]
	default:
		agent.SetError(factElementCount, fmt.Errorf("GetDataMinerAgentsLicenseInfo lists %d agents and GetDataMinerAgentsInfo did not say which one was reached", len(lics)))
		return
	}
	if found.AmountElementsActive == nil {
		agent.SetError(factElementCount, fmt.Errorf("GetDataMinerAgentsLicenseInfo gave no AmountElementsActive for agent %d", int(found.ID)))
		return
	}
	n := int(*found.AmountElementsActive)
	if n < 0 {
		agent.SetError(factElementCount, fmt.Errorf("GetDataMinerAgentsLicenseInfo gave AmountElementsActive %d for agent %d", n, int(found.ID)))
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
	return msg
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
