package report

import (
	"bufio"
	"bytes"
	"io"

	"github.com/dmaprep/dmaprep/internal/spill"
)

// spillAfter is how much of one section a summarising format keeps in memory before it
// moves the section to a scratch file (when Options.TempDir allows one).
var spillAfter = 1 << 20

// spool is one section of a summarising format (the rows of a summary table, the
// documents' parts): written document by document, copied out whole at Close. It stays
// in memory up to spillAfter bytes, then goes on in a scratch file in dir, so a run over
// any number of documents holds at most that much of it. With dir "" it stays in memory
// (for a set that is in memory already).
type spool struct {
	dir string
	mem bytes.Buffer
	f   *spill.File
	bw  *bufio.Writer
}

func (s *spool) Write(p []byte) (int, error) {
	if s.bw == nil && s.dir != "" && s.mem.Len()+len(p) > spillAfter {
		f, err := spill.Create(s.dir)
		if err != nil {
			return 0, err
		}
		s.f, s.bw = f, bufio.NewWriterSize(f, 64<<10)
		if _, err := s.mem.WriteTo(s.bw); err != nil {
			return 0, err
		}
		s.mem = bytes.Buffer{}
	}
	if s.bw != nil {
		return s.bw.Write(p)
	}
	return s.mem.Write(p)
}

// copyTo writes everything written so far to w.
func (s *spool) copyTo(w io.Writer) error {
	r, err := s.reader()
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}

// reader reads everything written so far, from the start.
func (s *spool) reader() (io.Reader, error) {
	if s.bw == nil {
		return bytes.NewReader(s.mem.Bytes()), nil
	}
	if err := s.bw.Flush(); err != nil {
		return nil, err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return s.f, nil
}

// release drops the section and its scratch file.
func (s *spool) release() {
	s.mem = bytes.Buffer{}
	if s.f != nil {
		s.f.Close()
		s.f, s.bw = nil, nil
	}
}

// empty reports whether nothing was written.
func (s *spool) empty() bool { return s.bw == nil && s.mem.Len() == 0 }
