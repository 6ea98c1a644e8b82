// Package dmfolder reads the facts of one DataMiner Agent from its C:\Skyline DataMiner
// folder, or from a copy of it: the DataMiner ID, the installed version and its history,
// DMS membership, HTTPS, storage, authentication, Swarming and licence settings.
//
// It reads the files as they come off real Windows machines: names of files and folders
// in any letter case, XML with or without namespaces and with element, attribute and
// boolean spellings in any letter case, UTF-8 with or without a byte order mark, UTF-16,
// and CRLF line ends.
//
// Secrets are never facts. Passwords, shared secrets, client secrets and the encrypted PWD
// values of DB.xml and DMS.xml are not copied; where two agents' settings must be
// compared, a fingerprint of the settings without their secrets stands in for them.
package dmfolder

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/dmaprep/dmaprep/facts"
)

// Read returns the facts of the agent whose DataMiner folder fsys is. location is where
// the folder is, for the facts' source. Read never fails as a whole: a fact it cannot
// collect stays nil and the reason is in the agent's Errors, keyed by the fact's JSON
// name, with file, line and column where a file did not parse. Facts a folder cannot
// tell (hostname, addresses, network interfaces, the served certificate) stay nil
// without an error: other observers fill them.
func Read(fsys fs.FS, location string) facts.Agent {
	r := &reader{f: newFolder(fsys)}
	r.a.Source = &facts.Source{Kind: facts.SourceFolder, Location: location}
	dataminer := r.readDataMinerXML()
	r.readSAML(dataminer)
	r.readDMSXML()
	r.readClusterEndpoints()
	r.readMaintenanceSettings()
	r.readDBXML()
	r.readDBConfiguration()
	r.readVersionHistory()
	r.readSoftLaunchOptions()
	r.readElements()
	r.readLicenses()
	return r.a
}

// reader collects one agent's facts.
type reader struct {
	f *folder
	a facts.Agent
}

// notFoundError is a file or folder that is not there. It matches fs.ErrNotExist.
type notFoundError struct{ name string }

func (e notFoundError) Error() string        { return windowsPath(e.name) + " not found" }
func (e notFoundError) Is(target error) bool { return target == fs.ErrNotExist }

// parse reads and parses the XML file at name (matched case-insensitively) and, unless
// rootName is empty, checks the name of its root element. It returns the tree and the
// file's name as spelled on disk, for messages. A missing file gives a notFoundError.
func (r *reader) parse(name, rootName string) (*node, string, error) {
	data, actual, err := r.f.readFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", notFoundError{name}
	}
	if err != nil {
		return nil, "", err
	}
	display := windowsPath(actual)
	root, err := parseXML(display, data)
	if err != nil {
		return nil, display, err
	}
	if rootName != "" {
		if err := rootNamed(display, root, rootName); err != nil {
			return nil, display, err
		}
	}
	return root, display, nil
}

// setErrors records err as the reason for every fact named.
func (r *reader) setErrors(err error, facts ...string) {
	for _, f := range facts {
		r.a.SetError(f, err)
	}
}

// boolAttr reads a boolean attribute: nil when absent; nil, with an error recorded
// against fact, when it is not true or false.
func (r *reader) boolAttr(n *node, name, display, fact string) *bool {
	v, ok := n.attr(name)
	if !ok {
		return nil
	}
	b, err := parseBool(v)
	if err != nil {
		r.a.SetError(fact, fmt.Errorf("%s: %s attribute of <%s>: %w", n.where(display), name, n.name, err))
		return nil
	}
	return &b
}

// boolChild reads a boolean child element such as <TLSEnabled>true</TLSEnabled>: nil
// when absent; nil, with an error recorded against fact, when it is not true or false.
func (r *reader) boolChild(n *node, name, display, fact string) *bool {
	c := n.child(name)
	if c == nil {
		return nil
	}
	b, err := parseBool(c.value())
	if err != nil {
		r.a.SetError(fact, fmt.Errorf("%s: <%s>: %w", c.where(display), c.name, err))
		return nil
	}
	return &b
}

func ptr[T any](v T) *T { return &v }
